import type { SandboxContext, SandboxService } from '../service.js';
import { stsService } from './sts.js';

/** Every service the sandbox speaks. */
export function createServices(context: SandboxContext): SandboxService[] {
  void context;
  return [stsService()];
}

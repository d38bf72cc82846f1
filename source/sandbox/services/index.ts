import type { SandboxContext, SandboxService } from '../service.js';
import { accountService } from './account.js';
import { cloudControlService } from './cloudcontrol.js';
import { costExplorerService } from './cost-explorer.js';
import { identityStoreService } from './identity-store.js';
import { OidcRegistry } from './oidc-registry.js';
import { organizationsService } from './organizations.js';
import { ssoAdminService } from './sso-admin.js';
import { signInServices } from './sso-oidc.js';
import { stsService } from './sts.js';
import { taggingService } from './tagging.js';

/** Every service the sandbox speaks. */
export function createServices(context: SandboxContext): SandboxService[] {
  const registry = new OidcRegistry();
  return [...signInServices(context, registry), stsService(), organizationsService(), ssoAdminService(), identityStoreService(), cloudControlService(context), costExplorerService(context), taggingService(context), accountService()];
}

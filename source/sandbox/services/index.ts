import type { SandboxContext, SandboxService } from '../service.js';
import { accountService } from './account.js';
import { cloudControlService } from './cloudcontrol.js';
import { costExplorerService } from './cost-explorer.js';
import { identityStoreService } from './identity-store.js';
import { organizationsService } from './organizations.js';
import { ssoAdminService } from './sso-admin.js';
import { deviceSignInServices } from './sso-oidc.js';
import { stsService } from './sts.js';
import { taggingService } from './tagging.js';

/** Every service the sandbox speaks. */
export function createServices(context: SandboxContext): SandboxService[] {
  return [...deviceSignInServices(context), stsService(), organizationsService(), ssoAdminService(), identityStoreService(), cloudControlService(context), costExplorerService(context), taggingService(context), accountService()];
}

import type { AwsClients } from '../aws/clients.js';
import type { EnabledRegionsCache } from '../aws/enabled-regions.js';
import { regionCatalog } from '../aws/region-catalog.js';
import type { ResolvedTarget } from '../aws/target.js';
import type { Clock } from '../config/clock.js';
import type { Settings } from '../config/settings.js';
import type { CallerIdentity } from './caller-identity.js';
import type { ContextStore } from './context-store.js';
import { deviceSignIn, type DevicePrompt } from './device-sign-in.js';
import { describeOrganization, findInstances, identityStoreArnOf, userIdFor, type IdentityCenterInstance } from './identity-center.js';
import { IdentityError, isExpired, sessionUserName, signInExpiredMessage, signInMethodOf, type IdentityContext } from './identity-context.js';

export type Resolution =
  | { kind: 'ready'; context: IdentityContext; instance: IdentityCenterInstance; notes: string[] }
  | { kind: 'sign-in-required'; reason: 'SIGN_IN_REQUIRED' | 'SIGN_IN_EXPIRED'; instance: IdentityCenterInstance; message: string; notes: string[] };

export interface IdentityDeps {
  clients: AwsClients;
  target: ResolvedTarget;
  caller: CallerIdentity;
  settings: Settings;
  clock: Clock;
  store: ContextStore;
  enabledRegions: EnabledRegionsCache;
}

const sessionHours = 8;

/**
 * DESIGN.md's identity decision tree: an access-portal session already carries the user; any
 * other sign-in method needs an organization with an organization instance of Identity Center,
 * outside opt-in regions, and then a device sign-in.
 * `instance` asks for a context on a given instance (a subscription profile's).
 */
export async function resolveIdentity(deps: IdentityDeps, options: { instance?: IdentityCenterInstance; signal?: AbortSignal } = {}): Promise<Resolution> {
  const { caller, clock } = deps;
  const method = signInMethodOf(caller.arn);
  const cached = deps.store.load(caller.arn, options.instance?.instanceArn);
  if (cached && !isExpired(cached.context, clock())) return { kind: 'ready', context: cached.context, instance: cached.instance, notes: [] };

  if (method === 'identity-center') {
    // The access-portal session carries the user on its own instance; another instance needs a sign-in there.
    const portal = deps.store.load(caller.arn);
    const own = portal && !isExpired(portal.context, clock()) && portal.context.signInMethod === 'identity-center' ? portal : undefined;
    const resolved: Extract<Resolution, { kind: 'ready' }> = own ? { kind: 'ready', context: own.context, instance: own.instance, notes: [] } : await accessPortalContext(deps, options.signal);
    if (!options.instance || resolved.instance.instanceArn === options.instance.instanceArn) return resolved;
  }
  if (options.instance) {
    // A subscription profile names its instance: signing in there is the way in.
    return signInRequired(options.instance, cached ? 'SIGN_IN_EXPIRED' : 'SIGN_IN_REQUIRED', []);
  }

  const organization = await describeOrganization(deps.clients, options.signal);
  if (!organization) {
    throw new IdentityError(
      'NOT_IN_ORGANIZATION',
      `Account ${caller.accountId} does not belong to an AWS Organization, which identity-aware sessions need. An administrator fixes this by creating an organization (or inviting this account into one) in AWS Organizations, then enabling an organization instance of IAM Identity Center.`,
    );
  }
  const instances = await findInstances(deps.clients, { likelyRegions: likelyRegions(deps), enabledRegions: deps.enabledRegions, organization, ...(options.signal ? { signal: options.signal } : {}) });
  const organizationInstance = instances.find((instance) => instance.kind === 'organization');
  if (!organizationInstance) {
    if (instances.length > 0) {
      throw new IdentityError(
        'ACCOUNT_INSTANCE_ONLY',
        `This account only has an account instance of IAM Identity Center (${instances[0]!.instanceArn}); account instances do not support identity-aware sessions. An administrator fixes this by enabling an organization instance of IAM Identity Center in the management account ${organization.managementAccountId}.`,
      );
    }
    throw new IdentityError(
      'NO_IDENTITY_CENTER',
      `Organization ${organization.id} has no IAM Identity Center instance. An administrator fixes this by enabling IAM Identity Center (an organization instance) in the management account ${organization.managementAccountId}.`,
    );
  }
  if (regionCatalog().find((region) => region.code === organizationInstance.region)?.optIn) {
    throw new IdentityError(
      'IDENTITY_CENTER_IN_OPT_IN_REGION',
      `The organization's IAM Identity Center instance is in ${organizationInstance.region}, an opt-in region, where identity-aware sessions are not supported. An administrator fixes this by moving IAM Identity Center to a region enabled by default (delete and re-create the instance there).`,
    );
  }
  return signInRequired(organizationInstance, cached ? 'SIGN_IN_EXPIRED' : 'SIGN_IN_REQUIRED', []);
}

/** Signs in with the device flow on the instance a resolution names, and keeps the context. */
export async function signIn(
  deps: IdentityDeps,
  required: Extract<Resolution, { kind: 'sign-in-required' }>,
  onPrompt: (prompt: DevicePrompt) => void,
  signal?: AbortSignal,
): Promise<Extract<Resolution, { kind: 'ready' }>> {
  const claims = await deviceSignIn({ clients: deps.clients, instance: required.instance, startUrl: await startUrlFor(deps, required.instance), clock: deps.clock, onPrompt, ...(signal ? { signal } : {}) });
  const context: IdentityContext = {
    signInMethod: signInMethodOf(deps.caller.arn),
    accountId: deps.caller.accountId,
    principalArn: deps.caller.arn,
    userId: claims.userId,
    userName: claims.userName,
    identityStoreArn: claims.identityStoreArn,
    instanceArn: required.instance.instanceArn,
    sessionId: claims.sessionId,
    expiresAt: claims.expiresAt.toISOString(),
  };
  deps.store.save({ context, instance: required.instance });
  return { kind: 'ready', context, instance: required.instance, notes: required.notes };
}

async function accessPortalContext(deps: IdentityDeps, signal?: AbortSignal): Promise<Extract<Resolution, { kind: 'ready' }>> {
  const { caller, clock } = deps;
  const userName = sessionUserName(caller.arn);
  const organization = await describeOrganization(deps.clients, signal);
  const instances = await findInstances(deps.clients, { likelyRegions: likelyRegions(deps), enabledRegions: deps.enabledRegions, organization, ...(signal ? { signal } : {}) });
  for (const instance of [...instances].sort((a, b) => (a.kind === 'organization' ? -1 : 0) - (b.kind === 'organization' ? -1 : 0))) {
    const userId = await userIdFor(deps.clients, instance, userName, signal);
    if (!userId) continue;
    const context: IdentityContext = {
      signInMethod: 'identity-center',
      accountId: caller.accountId,
      principalArn: caller.arn,
      userId,
      userName,
      identityStoreArn: identityStoreArnOf(instance),
      instanceArn: instance.instanceArn,
      sessionId: crypto.randomUUID(),
      expiresAt: (await credentialExpiry(deps)) ?? new Date(clock().getTime() + sessionHours * 3600_000).toISOString(),
    };
    deps.store.save({ context, instance });
    return { kind: 'ready', context, instance, notes: [] };
  }
  throw new IdentityError(
    'USER_NOT_FOUND',
    `The access-portal session names user "${userName}", but no IAM Identity Center instance visible to account ${caller.accountId} has that user. An administrator can check the user exists in the organization's identity store.`,
  );
}

function signInRequired(instance: IdentityCenterInstance, reason: 'SIGN_IN_REQUIRED' | 'SIGN_IN_EXPIRED', notes: string[]): Resolution {
  const message =
    reason === 'SIGN_IN_EXPIRED'
      ? signInExpiredMessage
      : 'qchat needs you to sign in with IAM Identity Center once, so it knows which user you are.';
  return { kind: 'sign-in-required', reason, instance, message, notes };
}

function likelyRegions(deps: IdentityDeps): string[] {
  return [deps.settings.identityCenterRegion, deps.target.target.region, 'us-east-1'].filter((r): r is string => Boolean(r));
}

/** The start URL a person signs in at: the sandbox's own (with a login hint for its identity), or the setting's. */
async function startUrlFor(deps: IdentityDeps, instance: IdentityCenterInstance): Promise<string> {
  if (deps.target.kind === 'sandbox') return deps.target.startUrl(instance.identityStoreId);
  return deps.settings.ssoStartUrl ?? `https://${instance.identityStoreId}.awsapps.com/start`;
}

/** When temporary credentials expire, the access-portal session does too. */
async function credentialExpiry(deps: IdentityDeps): Promise<string | undefined> {
  const credentials = typeof deps.target.target.credentials === 'function' ? await deps.target.target.credentials() : deps.target.target.credentials;
  return credentials.expiration?.toISOString();
}

import { callerByName } from '../callers.js';
import { signInUsersOf } from '../world/identity.js';
import { OidcRegistry } from './oidc-registry.js';
import { sandboxStartUrl } from './sso-oidc.js';

/** What `aws sso login` leaves in the AWS CLI token cache when the sso-session registers the Q Developer scopes. */
export interface CachedSignIn {
  startUrl: string;
  region: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  scopes: string[];
}

/** The scopes an sso-session needs for Amazon Q Developer (the Q Developer CLI's, crates/chat-cli/src/auth/consts.rs). */
const qScopes = ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations'];

/**
 * An access-portal identity of the sandbox (an `AWSReservedSSO_*` role session: alice, carol,
 * grace) got its credentials from an Identity Center sign-in, so it arrives signed in, as if
 * `aws sso login` had been run with `sso_registration_scopes` naming the Q Developer scopes. The
 * token is a real one of the sandbox's OIDC (self-validating, so any sandbox process accepts and
 * refreshes it, `sandbox serve` included) for the identity's user on its first instance. Any other
 * sign-in method gets nothing: it must sign in.
 */
export function accessPortalSignIn(callerName: string, now: Date): CachedSignIn | undefined {
  const caller = callerByName(callerName);
  const link = signInUsersOf(callerName)[0];
  if (!caller || !link || !/:assumed-role\/AWSReservedSSO_[^/]+\/[^/]+$/.test(caller.arn)) return undefined;
  const registry = new OidcRegistry();
  const startUrl = sandboxStartUrl(link.instance.identityStoreId);
  const client = registry.register({ scopes: qScopes, grantTypes: [], redirectUris: [], issuerUrl: undefined }, now);
  const tokens = registry.issue(registry.startSession(client, link.instance, link.user, now), now);
  return {
    startUrl,
    region: link.instance.region,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: new Date(now.getTime() + tokens.expiresIn * 1000).toISOString(),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: new Date(client.secretExpiresAt).toISOString(),
    scopes: qScopes,
  };
}

export type SandboxSignIn = NonNullable<ReturnType<typeof sandboxSignInOf>>;

/**
 * Where a sandbox identity signs in to IAM Identity Center: its user's first instance, with a login
 * hint so auto approval knows who approves; and the sign-in an access-portal identity arrives with.
 */
export function sandboxSignInOf(callerName: string, clock: () => Date) {
  const link = signInUsersOf(callerName)[0];
  if (!link) return undefined;
  return {
    startUrl: sandboxStartUrl(link.instance.identityStoreId, link.user.userName),
    region: link.instance.region,
    arrivesWith: () => accessPortalSignIn(callerName, clock()),
  };
}

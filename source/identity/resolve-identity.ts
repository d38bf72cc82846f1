import { createHash } from 'node:crypto';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../config/clock.js';
import type { Remedy } from '../errors.js';
import type { CallerIdentity } from './caller-identity.js';
import { sameStartUrl, type CredentialsFile, type StoredSignIn } from './credentials-file.js';
import { entitlementsOf, type Entitlements } from './entitlements.js';
import { identityStoreArnOf, listInstances, userIdFor, type IdentityCenterInstance } from './identity-center.js';
import { IdentityError, refreshMarginMs, sessionUserName, signInExpiredMessage, signInMethodOf, type IdentityContext } from './identity-context.js';
import { refreshSignIn, type SignInTarget } from './oidc.js';
import { QDeveloperError } from './q-developer-client.js';
import { getUsageLimits, listAvailableProfiles, type QProfile, type ServiceUsage } from './q-profiles.js';
import type { ReusedToken, SignInSource } from './sign-in-source.js';

export type Resolution =
  | { kind: 'ready'; context: IdentityContext; entitlements: Entitlements; notes: string[] }
  | { kind: 'sign-in-required'; reason: 'SIGN_IN_REQUIRED' | 'SIGN_IN_EXPIRED'; target: SignInTarget; message: string; remedy: Remedy };

export interface IdentityDeps {
  clients: AwsClients;
  caller: CallerIdentity;
  /** `--endpoint-url` or the sandbox: the Q endpoints are reached there too. */
  endpointOverride: string | undefined;
  clock: Clock;
  credentials: CredentialsFile;
  /** Where this person signs in; undefined when nothing says (no --start-url, no sso-session). */
  source: SignInSource | undefined;
  /** A profile asked for by name (`--subscription`, `/profile NAME`). */
  profileName: string | undefined;
  signal?: AbortSignal;
}

/** A usable bearer token for one sign-in and where it came from. */
interface Token {
  target: SignInTarget;
  accessToken: string;
  expiresAt: string;
  sessionId: string;
  stored: StoredSignIn | undefined;
}

/** No usable token: none at all, or one that has expired (qchat's own, or a reused one: `lapsed` says which). */
type TokenOutcome = { kind: 'token'; token: Token } | { kind: 'none'; expired: boolean; lapsed?: ReusedToken };

/**
 * DESIGN.md's identity steps: the caller from STS, a Q Developer sign-in (qchat's own, refreshed
 * shortly before it expires, or a reusable AWS CLI / sandbox token), the profiles Amazon Q
 * Developer lists for it (the tier), and the identity store user ID (GetUsageLimits' userInfo, else
 * for an access-portal session identitystore:GetUserId; else none, and no history is kept).
 */
export async function resolveIdentity(deps: IdentityDeps): Promise<Resolution> {
  const notes: string[] = [];
  const stored = deps.credentials.read();
  const wanted = deps.profileName;
  // A profile asked for by name lives on the sign-in that listed it last: that sign-in is the one to use.
  const home = wanted ? stored.signIns.find((signIn) => (signIn.profiles ?? []).some((p) => p.name === wanted)) : undefined;
  const selected = stored.signIns.find((s) => (s.profiles ?? []).some((p) => p.arn === stored.selectedProfileArn));
  // With nothing configured, where `qchat login --start-url … --sso-region …` signed in last is where this person signs in: given by them, not guessed.
  const primary: SignInTarget | undefined = home ?? selected ?? deps.source?.target ?? stored.signIns.at(-1);
  if (!primary) throw noStartUrl();

  const first = await tokenFor(deps, primary);
  if (first.kind === 'none') return signInRequired(primary, first.expired, first.lapsed);
  const listings = [await listWith(deps, first.token)];
  if (listings[0]!.kind === 'rejected') return signInRequired(primary, true);
  // Other instances the user signed in to (and the session's own, when another was primary): their profiles count for /profile and billing.
  const others = [...stored.signIns, ...(deps.source ? [deps.source.target] : [])].filter((t, i, all) => !sameStartUrl(t.startUrl, primary.startUrl) && all.findIndex((u) => sameStartUrl(u.startUrl, t.startUrl)) === i);
  for (const other of others) {
    const outcome = await tokenFor(deps, other);
    if (outcome.kind === 'token') listings.push(await listWith(deps, outcome.token));
  }
  const listed = listings.flatMap((l) => (l.kind === 'listed' ? [l] : []));
  for (const listing of listed) for (const failure of listing.failures) notes.push(`Amazon Q Developer in ${failure.region} could not be asked for profiles (${failure.error.errorType}); the other region still counts.`);

  const profiles = listed.flatMap((l) => l.profiles);
  const holding = (match: (p: QProfile) => boolean) => listed.find((l) => l.profiles.some(match));
  if (wanted && !holding((p) => p.name === wanted)) {
    throw new IdentityError(
      'PROFILE_NOT_FOUND',
      `No Amazon Q Developer profile named "${wanted}" is available to you (${profiles.map((p) => p.name).join(', ') || 'none listed'}); a profile on another IAM Identity Center instance is listed only once you have signed in there.`,
      { remedy: { kind: 'sign-in', elsewhere: true } },
    );
  }
  const current = (wanted ? holding((p) => p.name === wanted) : holding((p) => p.arn === stored.selectedProfileArn)) ?? listed[0]!;
  const onCurrent = current.profiles;
  const chosen = onCurrent.find((p) => (wanted ? p.name === wanted : p.arn === stored.selectedProfileArn)) ?? onCurrent[0];
  if (!wanted && onCurrent.length > 1 && !onCurrent.some((p) => p.arn === stored.selectedProfileArn)) notes.push(`You have ${onCurrent.length} Amazon Q Developer profiles; using ${chosen!.name}. /profile (or --subscription) chooses another.`);
  const usage = chosen ? await usageOf(deps, current.token, chosen, notes) : undefined;
  const entitlements = entitlementsOf(profiles, chosen, current.profiles.length === 0 && current.failures.length === 2, portalOf(current.token.target.startUrl), usage);
  const context = await contextOf(deps, current.token, chosen, usage, notes);
  return { kind: 'ready', context, entitlements, notes };
}

async function tokenFor(deps: IdentityDeps, target: SignInTarget): Promise<TokenOutcome> {
  const now = deps.clock().getTime();
  const stored = deps.credentials.signIn(target.startUrl);
  if (stored && Date.parse(stored.expiresAt) - refreshMarginMs > now) return { kind: 'token', token: fromStored(stored) };
  if (stored) {
    const refreshed = await refreshSignIn({ clients: deps.clients, credentials: deps.credentials, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}) }, stored);
    if (refreshed) return { kind: 'token', token: fromStored(refreshed) };
  }
  const isSource = deps.source && sameStartUrl(deps.source.target.startUrl, target.startUrl);
  const reused = isSource ? await deps.source!.reusable?.() : undefined;
  if (reused && Date.parse(reused.expiresAt) - 60_000 > now) {
    return { kind: 'token', token: { target, accessToken: reused.accessToken, expiresAt: reused.expiresAt, sessionId: digest(reused.accessToken), stored: undefined } };
  }
  return { kind: 'none', expired: Boolean(stored || reused), ...(reused && !stored ? { lapsed: reused } : {}) };
}

function fromStored(signIn: StoredSignIn): Token {
  return { target: signIn, accessToken: signIn.accessToken, expiresAt: signIn.expiresAt, sessionId: signIn.sessionId, stored: signIn };
}

type Listing = { kind: 'listed'; token: Token; profiles: QProfile[]; failures: Array<{ region: string; error: QDeveloperError }> } | { kind: 'rejected' };

/** ListAvailableProfiles with a token; a token the service rejects (edited, revoked, expired early) is refreshed once. */
async function listWith(deps: IdentityDeps, token: Token, retried = false): Promise<Listing> {
  try {
    const listing = await listAvailableProfiles({ endpointOverride: deps.endpointOverride, accessToken: token.accessToken, ...(deps.signal ? { signal: deps.signal } : {}) });
    if (token.stored) await deps.credentials.saveSignIn({ ...token.stored, profiles: listing.profiles });
    return { kind: 'listed', token, ...listing };
  } catch (error) {
    if (!(error instanceof QDeveloperError && error.isAuthFailure)) throw error;
    const refreshed = token.stored && !retried ? await refreshSignIn({ clients: deps.clients, credentials: deps.credentials, clock: deps.clock }, token.stored) : undefined;
    return refreshed ? listWith(deps, fromStored(refreshed), true) : { kind: 'rejected' };
  }
}

async function usageOf(deps: IdentityDeps, token: Token, profile: QProfile, notes: string[]): Promise<ServiceUsage | undefined> {
  try {
    return await getUsageLimits({ region: profile.region, endpointOverride: deps.endpointOverride, accessToken: token.accessToken, ...(deps.signal ? { signal: deps.signal } : {}) }, profile.arn);
  } catch (error) {
    if (!(error instanceof QDeveloperError)) throw error;
    notes.push(`Amazon Q Developer did not report usage for ${profile.name} (${error.errorType}).`);
    return undefined;
  }
}

async function contextOf(deps: IdentityDeps, token: Token, profile: QProfile | undefined, usage: ServiceUsage | undefined, notes: string[]): Promise<IdentityContext> {
  const { caller } = deps;
  const method = signInMethodOf(caller.arn);
  const portalUser = method === 'identity-center' ? sessionUserName(caller.arn) : undefined;
  const store = await identityStoreOf(deps, profile?.ssoRegion || token.target.region, profile?.instanceArn);
  let userId = usage?.userId;
  let lookup = 'did not find';
  if (!userId && portalUser && store.instance) {
    userId = await userIdFor(deps.clients, store.instance, portalUser, deps.signal).catch((error: Error) => {
      lookup = `could not be called (${error.name}) for`;
      return undefined;
    });
  }
  if (!userId) {
    const why = !portalUser ? 'this is not an access-portal session' : store.instance ? `identitystore:GetUserId ${lookup} ${portalUser}` : `the identity store to look ${portalUser} up in is ${store.note}`;
    notes.push(`qchat could not learn your identity store user ID (Amazon Q Developer gave no user info, and ${why}), so history cannot be kept for an unidentified user: this run's turns stay in memory only.`);
  }
  return {
    signInMethod: method,
    accountId: caller.accountId,
    principalArn: caller.arn,
    userId: userId ?? '',
    userName: portalUser ?? usage?.email ?? '',
    identityStoreArn: store.instance ? identityStoreArnOf(store.instance) : '',
    identityStoreNote: store.note,
    instanceArn: profile?.instanceArn || store.instance?.instanceArn || '',
    sessionId: token.sessionId,
    expiresAt: token.expiresAt,
  };
}

/**
 * The identity store of the sign-in's Identity Center instance. Amazon Q Developer names the
 * instance (a profile's identityDetails.ssoIdentityDetails.instanceArn) but not its identity store,
 * and GetUsageLimits' userInfo gives only the user ID; the one public source of the store's ID and
 * owner account is sso:ListInstances in the instance's region, which lists the instances "created in
 * or visible to the account calling this API" (SSO Admin API reference). Optional: denied, or not
 * listed, the store is unknown and `note` says why; never derived from a start URL.
 */
async function identityStoreOf(deps: IdentityDeps, region: string, instanceArn: string | undefined): Promise<{ instance?: IdentityCenterInstance; note: string }> {
  let instances: IdentityCenterInstance[];
  try {
    instances = await listInstances(deps.clients, region, undefined, deps.signal);
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const name = (error as Error).name;
    return { note: `unknown: sso:ListInstances in ${region} ${/AccessDenied/i.test(name) ? 'was denied' : 'failed'} (${name})${instanceArn ? `, and Amazon Q Developer names only the instance (${instanceArn}), not its identity store` : ''}` };
  }
  const found = instanceArn ? instances.find((i) => i.instanceArn === instanceArn) : instances.length === 1 ? instances[0] : undefined;
  if (found) return { instance: found, note: `from sso:ListInstances in ${region}${instanceArn ? '' : ' (the one instance it lists; no Amazon Q Developer profile names yours)'}` };
  if (instanceArn) return { note: `unknown: sso:ListInstances in ${region} does not list ${instanceArn} (this account neither owns it nor sees it)` };
  return { note: `unknown: no Amazon Q Developer profile names your instance, and sso:ListInstances in ${region} lists ${instances.length === 0 ? 'none' : `${instances.length}`}` };
}

/** A reused token that lapsed is renewed where it came from (`aws sso login` for the AWS CLI's cache); else qchat signs in. */
function signInRequired(target: SignInTarget, expired: boolean, lapsed?: ReusedToken): Resolution {
  const message = lapsed
    ? `Your IAM Identity Center sign-in (the token in ${lapsed.from}) has expired.`
    : expired
      ? signInExpiredMessage
      : 'qchat needs you to sign in with IAM Identity Center once, for Amazon Q Developer.';
  return { kind: 'sign-in-required', reason: expired ? 'SIGN_IN_EXPIRED' : 'SIGN_IN_REQUIRED', target, message, remedy: lapsed?.renew ?? { kind: 'sign-in' } };
}

export function noStartUrl(): IdentityError {
  return new IdentityError(
    'NO_START_URL',
    'qchat does not know where you sign in to IAM Identity Center: no start URL and region were given, set, or found in the AWS profile’s sso_session.',
    { remedy: { kind: 'start-url' } },
  );
}

/** The start URL as people know it, without query parameters (such as the sandbox's login hint). */
function portalOf(startUrl: string): string {
  return URL.canParse(startUrl) ? `${new URL(startUrl).origin}${new URL(startUrl).pathname}` : startUrl;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

import { randomUUID } from 'node:crypto';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../config/clock.js';
import type { CredentialsFile, Registration, StoredSignIn } from './credentials-file.js';

/**
 * The scopes AWS's own Q Developer CLI asks for (crates/chat-cli/src/auth/consts.rs, SCOPES; it
 * drops `sso:account:access` as not needed). An AWS CLI sso-session is reusable when its
 * `sso_registration_scopes` include all of them.
 */
export const qDeveloperScopes = ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations'];

/** Where a person signs in: the access portal's start URL and the Identity Center region. */
export interface SignInTarget {
  startUrl: string;
  region: string;
}

/** What the person needs to approve a sign-in: shown by the TUI's sign-in screen and by `qchat login`. */
export type SignInPrompt =
  | { kind: 'device'; verificationUriComplete: string; userCode: string; expiresAt: Date }
  | { kind: 'browser'; authorizeUrl: string; expiresAt: Date };

export interface OidcDeps {
  clients: AwsClients;
  credentials: CredentialsFile;
  clock: Clock;
  signal?: AbortSignal;
  /** Waits between device-code polls (default a timer); a test passes one that moves its clock instead. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function oidcClient(deps: OidcDeps, region: string) {
  const [oidc, commands] = await Promise.all([deps.clients.get('ssooidc', region), import('@aws-sdk/client-sso-oidc')]);
  return { oidc, commands, send: deps.signal ? { abortSignal: deps.signal } : {} };
}

/**
 * RegisterClient as a public client with the Q Developer scopes. The device flow's registration is
 * kept in the credentials file until it expires; a PKCE registration names this run's loopback
 * redirect URI, so it is made for each sign-in (as the Q Developer CLI does).
 */
export async function registerClient(deps: OidcDeps, target: SignInTarget, pkce?: { redirectUri: string }): Promise<Registration> {
  const flow = pkce ? 'pkce' : 'device';
  const kept = pkce ? undefined : deps.credentials.registration(target.region, target.startUrl, flow, deps.clock());
  if (kept && qDeveloperScopes.every((scope) => kept.scopes.includes(scope))) return kept;
  const { oidc, commands, send } = await oidcClient(deps, target.region);
  const reply = await oidc.send(
    new commands.RegisterClientCommand({
      clientName: 'qchat',
      clientType: 'public',
      scopes: qDeveloperScopes,
      ...(pkce ? { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [pkce.redirectUri], issuerUrl: target.startUrl } : {}),
    }),
    send,
  );
  const registration: Registration = {
    region: target.region,
    issuerUrl: target.startUrl,
    flow,
    clientId: reply.clientId ?? '',
    clientSecret: reply.clientSecret ?? '',
    expiresAt: new Date((reply.clientSecretExpiresAt ?? 0) * 1000).toISOString(),
    scopes: qDeveloperScopes,
  };
  if (!pkce) await deps.credentials.saveRegistration(registration);
  return registration;
}

interface TokenReply {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  expiresIn?: number | undefined;
}

/** The stored sign-in for a CreateToken reply; no ID token is read (the service does not send one). */
export function signInOf(target: SignInTarget, registration: Pick<Registration, 'clientId' | 'clientSecret'>, reply: TokenReply, clock: Clock, sessionId: string = randomUUID()): StoredSignIn {
  return {
    startUrl: target.startUrl,
    region: target.region,
    accessToken: reply.accessToken ?? '',
    ...(reply.refreshToken ? { refreshToken: reply.refreshToken } : {}),
    expiresAt: new Date(clock().getTime() + (reply.expiresIn ?? 3600) * 1000).toISOString(),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    sessionId,
  };
}

/** Refreshes an access token with the refresh_token grant; undefined when the session cannot be refreshed any more. */
export async function refreshSignIn(deps: OidcDeps, signIn: StoredSignIn): Promise<StoredSignIn | undefined> {
  if (!signIn.refreshToken) return undefined;
  const { oidc, commands, send } = await oidcClient(deps, signIn.region);
  try {
    const reply = await oidc.send(
      new commands.CreateTokenCommand({ clientId: signIn.clientId, clientSecret: signIn.clientSecret, grantType: 'refresh_token', refreshToken: signIn.refreshToken }),
      send,
    );
    const refreshed = signInOf(signIn, signIn, { ...reply, refreshToken: reply.refreshToken ?? signIn.refreshToken }, deps.clock, signIn.sessionId);
    await deps.credentials.saveSignIn(refreshed);
    return refreshed;
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    // InvalidGrantException (session ended), InvalidClientException (registration expired), ExpiredTokenException.
    if (/Invalid(Grant|Client)Exception|ExpiredTokenException|UnauthorizedClientException/.test((error as Error).name)) return undefined;
    throw error;
  }
}

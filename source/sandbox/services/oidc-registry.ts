import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { instanceByStoreId, userByName, type IdentityCenterInstance, type StoreUser } from '../world/identity.js';

/**
 * The state IAM Identity Center's OIDC keeps, shared by the sandbox's SSO OIDC API, its
 * /authorize and /device pages, the access portal and the Q Developer endpoints: registered
 * public clients, authorization codes, and sign-in sessions with their access and refresh tokens.
 *
 * Lifetimes follow Identity Center: access tokens last an hour, the sign-in session (and so its
 * refresh tokens) the default session duration of 8 hours, client registrations 90 days,
 * authorization codes 5 minutes. All by the sandbox clock.
 *
 * Client IDs, secrets and tokens carry their own facts, signed with the sandbox's fixed key, so a
 * sign-in made with one sandbox process is still good in the next (`qchat login`, then `qchat`),
 * as a real token is across runs. Only what one flow needs in flight (codes, spent refresh tokens)
 * is held in memory.
 */
const signingKey = 'qchat-sandbox-oidc-key/not-a-secret';
export const accessTokenLifetimeSeconds = 3600;
export const sessionLifetimeSeconds = 8 * 3600;
const clientSecretLifetimeSeconds = 90 * 24 * 3600;
const codeLifetimeMs = 5 * 60_000;

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  secretExpiresAt: number;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuerUrl: string | undefined;
}

export interface SignInSession {
  clientId: string;
  scopes: string[];
  instance: IdentityCenterInstance;
  user: StoreUser;
  sessionId: string;
  expiresAt: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  instance: IdentityCenterInstance;
  user: StoreUser;
  expiresAt: number;
}

export type BearerCheck = { kind: 'valid'; session: SignInSession } | { kind: 'expired' } | { kind: 'unknown' };

interface SessionFacts {
  kind: 'at' | 'rt';
  clientId: string;
  scopes: string[];
  identityStoreId: string;
  userName: string;
  sessionId: string;
  sessionExpiresAt: number;
  expiresAt: number;
}

export class OidcRegistry {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly spentRefreshTokens = new Set<string>();

  register(client: Omit<RegisteredClient, 'clientId' | 'clientSecret' | 'secretExpiresAt'>, now: Date): RegisteredClient {
    const secretExpiresAt = Math.floor(now.getTime() / 1000 + clientSecretLifetimeSeconds) * 1000;
    const clientId = seal({ ...client, secretExpiresAt, nonce: randomBytes(6).toString('base64url') });
    return { ...client, clientId, clientSecret: `sbx-cs-${mac(`secret/${clientId}`)}`, secretExpiresAt };
  }

  client(clientId: string): RegisteredClient | undefined {
    const facts = unseal<Omit<RegisteredClient, 'clientId' | 'clientSecret'>>(clientId);
    return facts && { scopes: facts.scopes, grantTypes: facts.grantTypes, redirectUris: facts.redirectUris, issuerUrl: facts.issuerUrl, secretExpiresAt: facts.secretExpiresAt, clientId, clientSecret: `sbx-cs-${mac(`secret/${clientId}`)}` };
  }

  /** A new sign-in session for a user who approved a client; its scopes are the client's. */
  startSession(client: RegisteredClient, instance: IdentityCenterInstance, user: StoreUser, now: Date, scopes = client.scopes): SignInSession {
    return { clientId: client.clientId, scopes, instance, user, sessionId: randomUUID(), expiresAt: now.getTime() + sessionLifetimeSeconds * 1000 };
  }

  /** CreateToken's reply for a session: a fresh access token and a rotated refresh token, no ID token (as the real service). */
  issue(session: SignInSession, now: Date) {
    const expiresAt = Math.min(now.getTime() + accessTokenLifetimeSeconds * 1000, session.expiresAt);
    const facts = { clientId: session.clientId, scopes: session.scopes, identityStoreId: session.instance.identityStoreId, userName: session.user.userName, sessionId: session.sessionId, sessionExpiresAt: session.expiresAt };
    const accessToken = `sbx-at-${seal({ ...facts, kind: 'at', expiresAt })}`;
    const refreshToken = `sbx-rt-${seal({ ...facts, kind: 'rt', expiresAt: session.expiresAt, nonce: randomBytes(6).toString('base64url') })}`;
    return { accessToken, tokenType: 'Bearer', expiresIn: Math.max(1, Math.round((expiresAt - now.getTime()) / 1000)), refreshToken };
  }

  /** Spends a refresh token (they rotate); undefined when unknown, spent, another client's, or its session has ended. */
  redeemRefreshToken(clientId: string, refreshToken: string, now: Date): SignInSession | undefined {
    const session = sessionOf(refreshToken, 'rt');
    if (!session || session.clientId !== clientId || this.spentRefreshTokens.has(refreshToken)) return undefined;
    this.spentRefreshTokens.add(refreshToken);
    return session.expiresAt > now.getTime() ? session : undefined;
  }

  bearer(token: string, now: Date): BearerCheck {
    const facts = token.startsWith('sbx-at-') ? unseal<SessionFacts>(token.slice(7)) : undefined;
    const session = sessionOf(token, 'at');
    if (!facts || !session) return { kind: 'unknown' };
    return facts.expiresAt > now.getTime() ? { kind: 'valid', session } : { kind: 'expired' };
  }

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt'>, now: Date): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: now.getTime() + codeLifetimeMs });
    return code;
  }

  /** Redeems an authorization code once, checking client, redirect URI and the PKCE verifier (S256, RFC 7636 §4.6). */
  redeemCode(client: RegisteredClient, code: string, redirectUri: string, codeVerifier: string, now: Date): SignInSession | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.clientId !== client.clientId || grant.redirectUri !== redirectUri || grant.expiresAt <= now.getTime()) return undefined;
    if (createHash('sha256').update(codeVerifier).digest('base64url') !== grant.codeChallenge) return undefined;
    return this.startSession(client, grant.instance, grant.user, now, grant.scopes);
  }
}

function sessionOf(token: string, kind: SessionFacts['kind']): SignInSession | undefined {
  const facts = token.startsWith(`sbx-${kind}-`) ? unseal<SessionFacts>(token.slice(7)) : undefined;
  if (!facts || facts.kind !== kind) return undefined;
  const instance = instanceByStoreId(facts.identityStoreId);
  const user = instance && userByName(facts.identityStoreId, facts.userName);
  return instance && user ? { clientId: facts.clientId, scopes: facts.scopes, instance, user, sessionId: facts.sessionId, expiresAt: facts.sessionExpiresAt } : undefined;
}

function mac(text: string): string {
  return createHmac('sha256', signingKey).update(text).digest('base64url');
}

function seal(facts: object): string {
  const body = Buffer.from(JSON.stringify(facts)).toString('base64url');
  return `${body}.${mac(body)}`;
}

function unseal<T>(sealed: string): T | undefined {
  const [body, signature] = sealed.split('.');
  if (!body || !signature) return undefined;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { callerByName } from '../callers.js';
import { AwsError } from '../protocol.js';
import type { SandboxContext, SandboxService } from '../service.js';
import { identityStoreArn, identityWorld, instanceByStoreId, type IdentityCenterInstance, type StoreUser } from '../world/identity.js';
import { DeviceAuthorizations, deviceCodeLifetimeSeconds, pollIntervalSeconds } from './device-authorizations.js';
import { deviceVerificationPage } from './device-page.js';
import { DetailedAwsError, withDetailedErrors } from './detailed-error.js';

/** What the sandbox's idToken (an unsigned JWT) says about the signed-in person. */
export interface SandboxIdTokenClaims {
  iss: string;
  /** The identity store user ID. */
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  preferred_username: string;
  /** The sign-in session: the same across refreshes, new with every sign-in. */
  sid: string;
  'aws:identity_store_id': string;
  'aws:identity_store_arn': string;
  'aws:instance_arn': string;
  'aws:instance_account': string;
}

export const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';
const accessTokenLifetimeSeconds = 8 * 3600;
const clientSecretLifetimeSeconds = 90 * 24 * 3600;

/** The start URL of an identity store's access portal in the sandbox; `loginHint` says who will approve. */
export function sandboxStartUrl(baseUrl: string, identityStoreId: string, loginHint?: string): string {
  const url = new URL(`/start/${identityStoreId}`, baseUrl);
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

/**
 * SSO OIDC and its verification page, sharing this sandbox's device authorizations.
 */
export function deviceSignInServices(context: SandboxContext): SandboxService[] {
  const authorizations = new DeviceAuthorizations(context);
  const issued = new Map<string, SignInSession>();
  return [deviceVerificationPage(authorizations), ssoOidcService(context, authorizations, issued), ssoPortalService(issued)];
}

interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  secretExpiresAt: number;
}

interface SignInSession {
  clientId: string;
  instance: IdentityCenterInstance;
  user: StoreUser;
  sessionId: string;
}

/**
 * SSO OIDC over restJson1, unsigned like the real service. Errors carry the OAuth body
 * `{ error, error_description }` and the x-amzn-errortype header the SDK reads the code from.
 */
function ssoOidcService(context: SandboxContext, authorizations: DeviceAuthorizations, issued: Map<string, SignInSession>): SandboxService {
  const clients = new Map<string, RegisteredClient>();
  const sessionsByRefreshToken = new Map<string, SignInSession>();

  function authenticate(input: Record<string, unknown>, now: Date): RegisteredClient {
    const clientId = requiredMember(input, 'clientId');
    const clientSecret = requiredMember(input, 'clientSecret');
    const client = clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) throw oidcError('InvalidClientException', 'invalid_client', 'Invalid client provided', 401);
    if (now.getTime() >= client.secretExpiresAt) throw oidcError('InvalidClientException', 'invalid_client', 'Client credentials have expired', 401);
    return client;
  }

  function tokens(session: SignInSession, now: Date) {
    const refreshToken = `sbx-rt-${randomBytes(24).toString('base64url')}`;
    sessionsByRefreshToken.set(refreshToken, session);
    const iat = Math.floor(now.getTime() / 1000);
    const { instance, user } = session;
    const claims: SandboxIdTokenClaims = {
      iss: `https://identitycenter.amazonaws.com/${instance.instanceArn.slice(instance.instanceArn.indexOf('/') + 1)}`,
      sub: user.userId,
      aud: session.clientId,
      iat,
      exp: iat + accessTokenLifetimeSeconds,
      preferred_username: user.userName,
      sid: session.sessionId,
      'aws:identity_store_id': instance.identityStoreId,
      'aws:identity_store_arn': identityStoreArn(instance),
      'aws:instance_arn': instance.instanceArn,
      'aws:instance_account': instance.ownerAccountId,
    };
    const accessToken = `sbx-at-${randomBytes(24).toString('base64url')}`;
    issued.set(accessToken, session);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTokenLifetimeSeconds,
      refreshToken,
      idToken: unsignedJwt(claims),
    };
  }

  function redeemDeviceCode(client: RegisteredClient, input: Record<string, unknown>, now: Date) {
    const authorization = authorizations.byDeviceCode(requiredMember(input, 'deviceCode'));
    if (!authorization || authorization.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
    if (authorization.redeemed) throw oidcError('InvalidGrantException', 'invalid_grant', 'Device code has already been used');
    if (authorizations.isExpired(authorization, now)) throw oidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
    const polledAt = performance.now();
    const tooSoon = authorization.lastPolledAt !== undefined && polledAt - authorization.lastPolledAt < pollIntervalSeconds * 1000;
    authorization.lastPolledAt = polledAt;
    if (tooSoon) throw oidcError('SlowDownException', 'slow_down', 'Client is polling too quickly');
    const decision = authorizations.settle(authorization);
    if (decision.kind === 'denied') throw oidcError('AccessDeniedException', 'access_denied', 'The user denied the authorization request');
    if (decision.kind === 'pending') throw oidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
    authorization.redeemed = true;
    return tokens({ clientId: client.clientId, instance: authorization.instance, user: decision.user, sessionId: randomUUID() }, now);
  }

  function refresh(client: RegisteredClient, input: Record<string, unknown>, now: Date) {
    const refreshToken = requiredMember(input, 'refreshToken');
    const session = sessionsByRefreshToken.get(refreshToken);
    if (!session || session.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    // Refresh tokens rotate: the one just used is spent.
    sessionsByRefreshToken.delete(refreshToken);
    return tokens(session, now);
  }

  return {
    signingName: 'sso-oauth',
    protocol: 'restJson1',
    routes: [
      { method: 'POST', path: '/client/register', operation: 'RegisterClient' },
      { method: 'POST', path: '/device_authorization', operation: 'StartDeviceAuthorization' },
      { method: 'POST', path: '/token', operation: 'CreateToken' },
    ],
    signed: false,
    throttled: false,
    regional: false,
    operations: withDetailedErrors('restJson1', {
      RegisterClient: ({ request, now }) => {
        requiredMember(request.input, 'clientName');
        if (request.input.clientType !== 'public') throw oidcError('InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client type provided');
        const issuedAt = Math.floor(now.getTime() / 1000);
        const client: RegisteredClient = {
          clientId: randomBytes(16).toString('base64url'),
          clientSecret: `sbx-cs-${randomBytes(32).toString('base64url')}`,
          secretExpiresAt: (issuedAt + clientSecretLifetimeSeconds) * 1000,
        };
        clients.set(client.clientId, client);
        return { clientId: client.clientId, clientSecret: client.clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: client.secretExpiresAt / 1000 };
      },
      StartDeviceAuthorization: ({ request, now }) => {
        const client = authenticate(request.input, now);
        const start = parseStartUrl(requiredMember(request.input, 'startUrl'));
        const instance = start && instanceByStoreId(start.identityStoreId);
        if (!start || !instance) throw oidcError('InvalidRequestException', 'invalid_request', 'Invalid start URL provided');
        const authorization = authorizations.start(client.clientId, instance, start.loginHint, now);
        const verificationUri = `${context.baseUrl()}/device`;
        return {
          deviceCode: authorization.deviceCode,
          userCode: authorization.userCode,
          verificationUri,
          verificationUriComplete: `${verificationUri}?user_code=${authorization.userCode}`,
          expiresIn: deviceCodeLifetimeSeconds,
          interval: pollIntervalSeconds,
        };
      },
      CreateToken: ({ request, now }) => {
        const client = authenticate(request.input, now);
        const grantType = requiredMember(request.input, 'grantType');
        if (grantType === deviceCodeGrant) return redeemDeviceCode(client, request.input, now);
        if (grantType === 'refresh_token') return refresh(client, request.input, now);
        throw oidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
      },
    }),
  };
}

function oidcError(code: string, error: string, description: string, status = 400): DetailedAwsError {
  return new DetailedAwsError(code, description, status, { error, error_description: description });
}

function requiredMember(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw oidcError('InvalidRequestException', 'invalid_request', `${name} is required`);
  return value;
}

/** `<sandbox>/start/<identity store id>[?login_hint=<user name>]` */
function parseStartUrl(startUrl: string): { identityStoreId: string; loginHint: string | undefined } | undefined {
  if (!URL.canParse(startUrl)) return undefined;
  const url = new URL(startUrl);
  const match = /^\/start\/([^/]+)\/?$/.exec(url.pathname);
  return match ? { identityStoreId: decodeURIComponent(match[1]!), loginHint: url.searchParams.get('login_hint') ?? undefined } : undefined;
}

function unsignedJwt(claims: SandboxIdTokenClaims): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * The access portal's GetRoleCredentials (restJson1, `GET /federation/credentials` with the
 * bearer token in `x-amz-sso_bearer_token`): what the SDK and the AWS CLI call with a cached SSO
 * token to get a permission set's role credentials. The sandbox hands out the static keys of the
 * sandbox identity whose session is that role for that user.
 */
function ssoPortalService(issued: Map<string, SignInSession>): SandboxService {
  return {
    signingName: 'awsssoportal',
    protocol: 'restJson1',
    routes: [{ method: 'GET', path: '/federation/credentials', operation: 'GetRoleCredentials' }],
    signed: false,
    throttled: false,
    regional: false,
    operations: {
      GetRoleCredentials: ({ request, now }) => {
        const token = request.headers['x-amz-sso_bearer_token'];
        const session = typeof token === 'string' ? issued.get(token) : undefined;
        if (!session) throw new AwsError('UnauthorizedException', 'Session token not found or invalid', 401);
        const roleName = request.query.get('role_name') ?? '';
        const accountId = request.query.get('account_id') ?? '';
        const caller = identityWorld()
          .callerUsers.filter((link) => link.identityStoreId === session.instance.identityStoreId && link.userName === session.user.userName)
          .map((link) => callerByName(link.caller))
          .find((c) => c && c.accountId === accountId && c.arn.includes(`:assumed-role/AWSReservedSSO_${roleName}_`));
        if (!caller) throw new AwsError('ForbiddenException', 'No access', 403);
        return {
          roleCredentials: {
            accessKeyId: caller.accessKeyId,
            secretAccessKey: caller.secretAccessKey,
            sessionToken: caller.sessionToken,
            expiration: now.getTime() + 3600_000,
          },
        };
      },
    },
  };
}

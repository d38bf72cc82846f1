import { performance } from 'node:perf_hooks';
import { callerByName } from '../callers.js';
import { AwsError } from '../protocol.js';
import type { SandboxContext, SandboxService } from '../service.js';
import { identityWorld, instanceByStoreId } from '../world/identity.js';
import { authorizeOperations, authorizeRoutes } from './authorize-page.js';
import { DeviceAuthorizations, deviceCodeLifetimeSeconds, pollIntervalSeconds } from './device-authorizations.js';
import { deviceVerificationPage } from './device-page.js';
import { DetailedAwsError, withDetailedErrors } from './detailed-error.js';
import type { OidcRegistry, RegisteredClient } from './oidc-registry.js';
import { qDeveloperService } from './q-developer.js';

export const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * The start URL of an identity store's access portal, in the real format
 * (`https://<identity store ID>.awsapps.com/start`); the sandbox never fetches it, it only names
 * the instance. `login_hint` says who will approve (auto approval, and the page's preselection).
 */
export function sandboxStartUrl(identityStoreId: string, loginHint?: string): string {
  const url = new URL(`https://${identityStoreId}.awsapps.com/start`);
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

export function parseStartUrl(startUrl: string): { identityStoreId: string; loginHint: string | undefined } | undefined {
  if (!URL.canParse(startUrl)) return undefined;
  const url = new URL(startUrl);
  const match = /^(d-[0-9a-f]{10})\.awsapps\.com$/.exec(url.hostname);
  return match && /^\/start\/?$/.test(url.pathname) ? { identityStoreId: match[1]!, loginHint: url.searchParams.get('login_hint') ?? undefined } : undefined;
}

/**
 * SSO OIDC, its /authorize and /device pages, the access portal and the Q Developer endpoints,
 * sharing one OIDC registry (clients, codes, sessions and tokens).
 */
export function signInServices(context: SandboxContext, registry: OidcRegistry): SandboxService[] {
  const authorizations = new DeviceAuthorizations(context);
  return [deviceVerificationPage(authorizations), ssoOidcService(context, authorizations, registry), ssoPortalService(registry), qDeveloperService(registry)];
}

/**
 * SSO OIDC over restJson1, unsigned like the real service (botocore sso-oidc 2019-06-10):
 * RegisterClient (public clients; scopes, grantTypes, redirectUris, issuerUrl as the Q Developer
 * CLI sends them), StartDeviceAuthorization, CreateToken with the device_code, authorization_code
 * (PKCE) and refresh_token grants. CreateToken returns no idToken: the real service documents it
 * as not supported. Errors carry the OAuth body `{ error, error_description }` and the
 * x-amzn-errortype header the SDK reads the code from.
 */
function ssoOidcService(context: SandboxContext, authorizations: DeviceAuthorizations, registry: OidcRegistry): SandboxService {
  function authenticate(input: Record<string, unknown>, now: Date, grantType?: string): RegisteredClient {
    const clientId = requiredMember(input, 'clientId');
    const clientSecret = requiredMember(input, 'clientSecret');
    const client = registry.client(clientId);
    if (!client || client.clientSecret !== clientSecret) throw oidcError('InvalidClientException', 'invalid_client', 'Invalid client provided', 401);
    if (now.getTime() >= client.secretExpiresAt) throw oidcError('InvalidClientException', 'invalid_client', 'Client credentials have expired', 401);
    if (grantType && client.grantTypes.length > 0 && !client.grantTypes.includes(grantType)) {
      throw oidcError('UnauthorizedClientException', 'unauthorized_client', `The client is not registered for the ${grantType} grant`);
    }
    return client;
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
    return registry.issue(registry.startSession(client, authorization.instance, decision.user, now), now);
  }

  function redeemCode(client: RegisteredClient, input: Record<string, unknown>, now: Date) {
    const session = registry.redeemCode(client, requiredMember(input, 'code'), requiredMember(input, 'redirectUri'), requiredMember(input, 'codeVerifier'), now);
    if (!session) throw oidcError('InvalidGrantException', 'invalid_grant', 'Invalid authorization code provided');
    return registry.issue(session, now);
  }

  function refresh(client: RegisteredClient, input: Record<string, unknown>, now: Date) {
    const session = registry.redeemRefreshToken(client.clientId, requiredMember(input, 'refreshToken'), now);
    if (!session) throw oidcError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    return registry.issue(session, now);
  }

  return {
    signingName: 'sso-oauth',
    protocol: 'restJson1',
    routes: [
      { method: 'POST', path: '/client/register', operation: 'RegisterClient' },
      { method: 'POST', path: '/device_authorization', operation: 'StartDeviceAuthorization' },
      { method: 'POST', path: '/token', operation: 'CreateToken' },
      ...authorizeRoutes,
    ],
    signed: false,
    throttled: false,
    regional: false,
    operations: {
      ...authorizeOperations(context, registry),
      ...withDetailedErrors('restJson1', {
        RegisterClient: ({ request, now }) => {
          const { input } = request;
          requiredMember(input, 'clientName');
          if (input.clientType !== 'public') throw oidcError('InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client type provided');
          const grantTypes = stringList(input, 'grantTypes');
          const redirectUris = stringList(input, 'redirectUris');
          const issuerUrl = typeof input.issuerUrl === 'string' ? input.issuerUrl : undefined;
          if (grantTypes.includes('authorization_code') && (redirectUris.length === 0 || !issuerUrl)) {
            throw oidcError('InvalidRequestException', 'invalid_request', 'redirectUris and issuerUrl are required for the authorization_code grant');
          }
          if (redirectUris.some((uri) => !isLoopbackRedirect(uri))) throw oidcError('InvalidRedirectUriException', 'invalid_redirect_uri', 'Invalid redirect URI provided');
          const client = registry.register({ scopes: stringList(input, 'scopes'), grantTypes, redirectUris, issuerUrl }, now);
          const base = context.baseUrl();
          return {
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            clientIdIssuedAt: Math.floor(now.getTime() / 1000),
            clientSecretExpiresAt: client.secretExpiresAt / 1000,
            ...(grantTypes.includes('authorization_code') ? { authorizationEndpoint: `${base}/authorize`, tokenEndpoint: `${base}/token` } : {}),
          };
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
          const grantType = requiredMember(request.input, 'grantType');
          const client = authenticate(request.input, now, grantType);
          if (grantType === deviceCodeGrant) return redeemDeviceCode(client, request.input, now);
          if (grantType === 'authorization_code') return redeemCode(client, request.input, now);
          if (grantType === 'refresh_token') return refresh(client, request.input, now);
          throw oidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
        },
      }),
    },
  };
}

export function oidcError(code: string, error: string, description: string, status = 400): DetailedAwsError {
  return new DetailedAwsError(code, description, status, { error, error_description: description });
}

function requiredMember(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw oidcError('InvalidRequestException', 'invalid_request', `${name} is required`);
  return value;
}

function stringList(input: Record<string, unknown>, name: string): string[] {
  const value = input[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw oidcError('InvalidRequestException', 'invalid_request', `${name} must be a list of strings`);
  return value as string[];
}

/** Public clients redirect to the loopback interface only (RFC 8252 §7.3), as the Q Developer CLI's http://127.0.0.1:<port>/oauth/callback. */
export function isLoopbackRedirect(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

/**
 * The access portal's GetRoleCredentials (restJson1, `GET /federation/credentials` with the
 * bearer token in `x-amz-sso_bearer_token`): what the SDK and the AWS CLI call with a cached SSO
 * token to get a permission set's role credentials. The sandbox hands out the static keys of the
 * sandbox identity whose session is that role for that user.
 */
function ssoPortalService(registry: OidcRegistry): SandboxService {
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
        const check = typeof token === 'string' ? registry.bearer(token, now) : undefined;
        const session = check?.kind === 'valid' ? check.session : undefined;
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

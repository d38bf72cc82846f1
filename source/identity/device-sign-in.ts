import type { AwsClients } from '../aws/clients.js';
import { sleep } from '../aws/fanout.js';
import type { Clock } from '../config/clock.js';
import { IdentityError } from './identity-context.js';
import type { IdentityCenterInstance } from './identity-center.js';

/** What the person needs to approve the sign-in: shown by the TUI's sign-in screen and by `qchat login`. */
export interface DevicePrompt {
  verificationUri: string;
  verificationUriComplete: string;
  userCode: string;
  expiresAt: Date;
}

/** The claims qchat reads from the ID token Identity Center returns. */
export interface SignInClaims {
  userId: string;
  userName: string;
  identityStoreArn: string;
  instanceArn: string;
  sessionId: string;
  expiresAt: Date;
  /** The ID token itself, to assert the context with sts:SetContext; never written anywhere. */
  idToken: string;
}

export interface DeviceSignInOptions {
  clients: AwsClients;
  instance: IdentityCenterInstance;
  startUrl: string;
  clock: Clock;
  onPrompt: (prompt: DevicePrompt) => void;
  signal?: AbortSignal;
}

/**
 * IAM Identity Center sign-in with the OAuth device authorization grant: register a public client,
 * start a device authorization, show the URL and code, then poll CreateToken honouring
 * authorization_pending, slow_down and the code's expiry.
 */
export async function deviceSignIn(options: DeviceSignInOptions): Promise<SignInClaims> {
  const { clients, instance, signal } = options;
  const [oidc, { RegisterClientCommand, StartDeviceAuthorizationCommand, CreateTokenCommand }] = await Promise.all([clients.get('ssooidc', instance.region), import('@aws-sdk/client-sso-oidc')]);
  const send = signal ? { abortSignal: signal } : {};
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'qchat', clientType: 'public', scopes: ['openid', 'sso:account:access'] }), send);
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: options.startUrl }), send);
  const expiresAt = new Date(options.clock().getTime() + (device.expiresIn ?? 600) * 1000);
  options.onPrompt({
    verificationUri: device.verificationUri!,
    verificationUriComplete: device.verificationUriComplete ?? device.verificationUri!,
    userCode: device.userCode!,
    expiresAt,
  });

  let intervalMs = (device.interval ?? 5) * 1000;
  for (;;) {
    await sleep(intervalMs, signal);
    try {
      const token = await oidc.send(
        new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! }),
        send,
      );
      if (!token.idToken) {
        throw new IdentityError('SIGN_IN_DENIED', 'IAM Identity Center signed you in but returned no ID token, so qchat cannot tell who you are. Ask your administrator to enable identity-aware sessions for the console application.');
      }
      return claimsOf(token.idToken, options.clock);
    } catch (error) {
      switch ((error as Error).name) {
        case 'AuthorizationPendingException':
          continue;
        case 'SlowDownException':
          intervalMs += 5000;
          continue;
        case 'ExpiredTokenException':
          throw new IdentityError('SIGN_IN_EXPIRED', 'The sign-in code expired before it was approved.', { remedy: { kind: 'sign-in' } });
        case 'AccessDeniedException':
          throw new IdentityError('SIGN_IN_DENIED', 'The sign-in request was denied in the browser.', { remedy: { kind: 'sign-in' } });
        default:
          throw error;
      }
    }
  }
}

/** Reads the ID token's payload (Identity Center signs it; qchat only needs its claims, which it got over TLS). */
export function claimsOf(idToken: string, clock: Clock): SignInClaims {
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new IdentityError('SIGN_IN_DENIED', 'IAM Identity Center returned an ID token qchat cannot read.');
  }
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : '');
  const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : new Date(clock().getTime() + 8 * 3600_000);
  const result = {
    userId: text('sub'),
    userName: text('preferred_username'),
    identityStoreArn: text('aws:identity_store_arn'),
    instanceArn: text('aws:instance_arn'),
    sessionId: text('sid') || crypto.randomUUID(),
    expiresAt: exp,
    idToken,
  };
  if (!result.userId || !result.identityStoreArn) throw new IdentityError('SIGN_IN_DENIED', 'The ID token from IAM Identity Center lacks the user or identity store; qchat cannot build an identity-aware session.');
  return result;
}

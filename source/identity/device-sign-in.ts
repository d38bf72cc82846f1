import { sleep } from '../aws/fanout.js';
import type { StoredSignIn } from './credentials-file.js';
import { IdentityError } from './identity-context.js';
import { oidcClient, registerClient, signInOf, type OidcDeps, type SignInPrompt, type SignInTarget } from './oidc.js';

/**
 * IAM Identity Center sign-in with the OAuth device authorization grant (RFC 8628), for SSH
 * sessions and terminals without a browser: start a device authorization, show the URL and code,
 * then poll CreateToken every `interval` seconds honouring authorization_pending (poll again),
 * slow_down (5 s more between polls from then on, RFC 8628 §3.5), denial, and the code's expiry,
 * whether the service says so (ExpiredTokenException) or the code's `expiresIn` has passed here
 * (§3.5: the client stops polling then). The error names are SSO OIDC CreateToken's (botocore
 * sso-oidc 2019-06-10: AuthorizationPendingException, SlowDownException, AccessDeniedException,
 * ExpiredTokenException).
 */
export async function deviceSignIn(deps: OidcDeps, target: SignInTarget, onPrompt: (prompt: SignInPrompt) => void): Promise<StoredSignIn> {
  const registration = await registerClient(deps, target);
  const { oidc, commands, send } = await oidcClient(deps, target.region);
  const device = await oidc.send(new commands.StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: target.startUrl }), send);
  const expiresAt = new Date(deps.clock().getTime() + (device.expiresIn ?? 600) * 1000);
  onPrompt({ kind: 'device', verificationUriComplete: device.verificationUriComplete ?? device.verificationUri ?? '', userCode: device.userCode ?? '', expiresAt });

  const expired = () => new IdentityError('SIGN_IN_EXPIRED', 'The sign-in code expired before it was approved.', { remedy: { kind: 'sign-in' } });
  const wait = deps.sleep ?? sleep;
  let intervalMs = (device.interval ?? 5) * 1000;
  for (;;) {
    await wait(intervalMs, deps.signal);
    if (deps.clock().getTime() >= expiresAt.getTime()) throw expired();
    try {
      const token = await oidc.send(
        new commands.CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! }),
        send,
      );
      return signInOf(target, registration, token, deps.clock);
    } catch (error) {
      switch ((error as Error).name) {
        case 'AuthorizationPendingException':
          continue;
        case 'SlowDownException':
          intervalMs += 5000;
          continue;
        case 'ExpiredTokenException':
          throw expired();
        case 'AccessDeniedException':
          throw new IdentityError('SIGN_IN_DENIED', 'The sign-in request was denied in the browser.', { remedy: { kind: 'sign-in' } });
        default:
          throw error;
      }
    }
  }
}

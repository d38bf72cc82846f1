import type { StoredSignIn } from './credentials-file.js';
import { deviceSignIn } from './device-sign-in.js';
import type { OidcDeps, SignInPrompt, SignInTarget } from './oidc.js';
import { pkceSignIn } from './pkce-sign-in.js';

export type SignInFlow = 'browser' | 'device';

/**
 * Authorization code with PKCE in the browser by default; the device code with `--device-code`, or
 * when no browser can open here: an SSH session, or Linux without a display.
 */
export function chooseSignInFlow(deviceCode: boolean, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): { flow: SignInFlow; why?: string } {
  if (deviceCode) return { flow: 'device' };
  if (env.SSH_CONNECTION || env.SSH_TTY) return { flow: 'device', why: 'this is an SSH session, where a browser on this machine cannot open' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { flow: 'device', why: 'there is no display (DISPLAY or WAYLAND_DISPLAY) for a browser' };
  return { flow: 'browser' };
}

/** Signs in with the chosen flow and keeps the tokens in the credentials file. */
export async function signInWith(flow: SignInFlow, deps: OidcDeps & { oidcEndpoint: string | undefined }, target: SignInTarget, onPrompt: (prompt: SignInPrompt) => void): Promise<StoredSignIn> {
  const signIn = flow === 'device' ? await deviceSignIn(deps, target, onPrompt) : await pkceSignIn(deps, target, onPrompt);
  await deps.credentials.saveSignIn(signIn);
  return signIn;
}

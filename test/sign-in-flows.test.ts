import { describe, expect, it } from 'vitest';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import type { SignInPrompt } from '../source/identity/oidc.js';
import { chooseSignInFlow } from '../source/identity/sign-in.js';
import { userByName } from '../source/sandbox/world/identity.js';
import { decideInBrowser } from './helpers/authorize-page.js';
import { tempHome } from './helpers/cli.js';

/** bob on a sandbox whose pages wait for a person (manual approval), with a display so the browser flow (PKCE) is chosen. */
async function bobWithBrowser() {
  const context = loadRunContext({ sandboxUser: 'bob', sandboxApprove: 'manual' }, { QCHAT_HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z', DISPLAY: ':0' });
  const session = await ChatSession.open(context);
  await session.identify();
  return session;
}

function browserPrompt(onUrl: (url: string) => void) {
  return (prompt: SignInPrompt) => {
    if (prompt.kind !== 'browser') throw new Error(`expected the browser flow, got ${prompt.kind}`);
    onUrl(prompt.authorizeUrl);
  };
}

describe('sign-in with the authorization code and PKCE, over a loopback redirect', () => {
  it('prints the Q Developer CLI’s authorize URL, and completes when the page approves and the browser follows the redirect', async () => {
    const session = await bobWithBrowser();
    try {
      let authorizeUrl = '';
      let landed: Promise<{ location: string; page: string }> | undefined;
      const state = await session.signIn(browserPrompt((url) => {
        authorizeUrl = url;
        landed = decideInBrowser(url, 'approve');
      }));
      expect(authorizeUrl).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/authorize\?response_type=code&client_id=[\w.-]+&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&scopes=codewhisperer%3Acompletions%20codewhisperer%3Aanalysis%20codewhisperer%3Aconversations&state=[\w-]+&code_challenge=[\w-]{43}&code_challenge_method=S256$/,
      );
      const { location, page } = await landed!;
      expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=[\w-]+&state=[\w-]+$/);
      expect(page).toContain('Signed in. You can close this tab');
      expect(state).toMatchObject({ kind: 'ready', context: { userId: userByName('d-9067642ac7', 'bob')!.userId }, entitlements: { assignment: { tier: 'pro' } } });
    } finally {
      await session.close();
    }
  });

  it('stops with SIGN_IN_DENIED when the page denies', async () => {
    const session = await bobWithBrowser();
    try {
      await expect(session.signIn(browserPrompt((url) => void decideInBrowser(url, 'deny')))).rejects.toMatchObject({ code: 'SIGN_IN_DENIED', remedy: { kind: 'sign-in' } });
    } finally {
      await session.close();
    }
  });

  it('refuses a callback whose state qchat did not send, and the code is never redeemed', async () => {
    const session = await bobWithBrowser();
    try {
      const forged = (url: string) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        void fetch(`${redirect}?code=stolen&state=not-ours`);
      };
      await expect(session.signIn(browserPrompt(forged))).rejects.toMatchObject({ code: 'SIGN_IN_DENIED', message: expect.stringContaining('state does not match') });
    } finally {
      await session.close();
    }
  });
});

describe('which sign-in flow', () => {
  it.each([
    [false, { DISPLAY: ':0' }, 'linux', 'browser'],
    [false, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', 'browser'],
    [false, {}, 'darwin', 'browser'],
    [true, { DISPLAY: ':0' }, 'linux', 'device'],
    [false, { DISPLAY: ':0', SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 51000' }, 'linux', 'device'],
    [false, { SSH_TTY: '/dev/pts/1' }, 'darwin', 'device'],
    [false, {}, 'linux', 'device'],
  ] as const)('--device-code %s with %j on %s: %s', (deviceCode, env, platform, flow) => {
    expect(chooseSignInFlow(deviceCode, env, platform).flow).toBe(flow);
  });
});

describe('sign-in with the device code, as qchat polls it', () => {
  it('stops with SIGN_IN_EXPIRED when the code runs out before anyone approves it', async () => {
    let now = new Date('2026-11-22T10:00:00Z');
    // No display: the device code flow; manual approval: nobody approves.
    const context = loadRunContext({ sandboxUser: 'bob', sandboxApprove: 'manual' }, { QCHAT_HOME: tempHome(), QCHAT_NOW: now.toISOString() });
    context.clock = () => now;
    const session = await ChatSession.open(context);
    try {
      await session.identify();
      const shown: SignInPrompt[] = [];
      const signIn = session.signIn((prompt) => {
        shown.push(prompt);
        // Eleven minutes pass: the sandbox's codes last ten, as Identity Center's (expiresIn 600).
        now = new Date(now.getTime() + 11 * 60_000);
      });
      await expect(signIn).rejects.toMatchObject({ code: 'SIGN_IN_EXPIRED', message: 'The sign-in code expired before it was approved.', remedy: { kind: 'sign-in' } });
      expect(shown).toMatchObject([{ kind: 'device', userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/) }]);
    } finally {
      await session.close();
    }
  });
});

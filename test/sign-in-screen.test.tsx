import { describe, expect, it } from 'vitest';
import type { SignInPrompt } from '../source/identity/oidc.js';
import { signInPageOpener } from '../source/identity/sign-in-page.js';
import { decideInBrowser } from './helpers/authorize-page.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const atTerminal = { stdinIsTTY: true, stdoutIsTTY: true };
/** bob must sign in; a display makes the browser flow (PKCE) the one chosen; the sandbox's page waits for a person. */
const bob = { flags: { sandboxUser: 'bob', sandboxApprove: 'manual' }, env: { DISPLAY: ':0' } } as const;
/** The prompt, with the footer that shows who is signed in below it (as in ui-flows). */
const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?(qchat |\[sandbox\] )/;

describe("the chat's sign-in screen opens the sign-in page, as qchat login does", () => {
  it('opens the authorize URL in the browser and still shows it; approving there signs the chat in', async () => {
    const opened: string[] = [];
    const { frame, waitFor, ui } = renderWithProviders({
      ...bob,
      terminal: atTerminal,
      // The browser: it loads the page it was given and approves there.
      openUrl: async (url) => {
        opened.push(url);
        void decideInBrowser(url, 'approve');
      },
    });
    await waitFor('Open this page in a browser on this computer');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?response_type=code&client_id=/);
    // The URL stays on screen for a browser elsewhere (Ink wraps it; the frame holds it whole without the line breaks).
    expect(frame().replace(/[\s│]+/g, '')).toContain(opened[0]!.replace(/\d+(?=\/authorize)/, (port) => 'P'.repeat(port.length)));
    await waitFor(ready);
    expect(frame()).toContain('bob');
    expect(opened).toHaveLength(1);
    ui.unmount();
  });

  it('with the browser setting off (--no-browser, QCHAT_BROWSER=false) shows the URL and opens nothing', async () => {
    const opened: string[] = [];
    const { frame, waitFor, press, ui } = renderWithProviders({ ...bob, flags: { ...bob.flags, browser: false }, terminal: atTerminal, openUrl: async (url) => void opened.push(url) });
    await waitFor('Open this page in a browser on this computer');
    expect(frame()).toContain('/authorize?response_type=code');
    expect(opened).toEqual([]);
    await press(keys.escape);
    await waitFor('Sign-in cancelled.');
    ui.unmount();
  });

  it('without a terminal (a pipe, CI, a test) shows the URL and opens nothing', async () => {
    const opened: string[] = [];
    const { frame, waitFor, press, ui } = renderWithProviders({ ...bob, openUrl: async (url) => void opened.push(url) });
    await waitFor('Open this page in a browser on this computer');
    expect(frame()).toContain('/authorize?response_type=code');
    expect(opened).toEqual([]);
    await press(keys.escape);
    await waitFor('Sign-in cancelled.');
    ui.unmount();
  });
});

describe('signInPageOpener: the one rule both front ends use', () => {
  const browserPrompt: SignInPrompt = { kind: 'browser', authorizeUrl: 'https://oidc.us-east-1.amazonaws.com/authorize?client_id=x', expiresAt: new Date(0) };
  const devicePrompt = { kind: 'device', verificationUriComplete: 'https://d-1.awsapps.com/start/#/device?user_code=ABCD-EFGH', userCode: 'ABCD-EFGH', expiresAt: new Date(0) } satisfies SignInPrompt;

  it.each([
    [true, true, true, true],
    [false, true, true, false],
    [true, false, true, false],
    [true, true, false, false],
    [true, undefined, undefined, false],
  ] as const)('browser %s, stdin TTY %s, stdout TTY %s: opens %s', (browser, stdinIsTTY, stdoutIsTTY, opens) => {
    const opened: string[] = [];
    signInPageOpener(browser, { stdinIsTTY, stdoutIsTTY }, async (url) => void opened.push(url))?.(browserPrompt);
    expect(opened).toEqual(opens ? [browserPrompt.authorizeUrl] : []);
  });

  it('opens the device page with its code, once however often the prompt is shown; a failing opener is not an error', async () => {
    const opened: string[] = [];
    const open = signInPageOpener(true, atTerminal, async (url) => {
      opened.push(url);
      throw new Error('no xdg-open');
    })!;
    open(devicePrompt);
    open(devicePrompt);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toEqual([devicePrompt.verificationUriComplete]);
  });
});

describe('a sign-in that lapses mid-chat', () => {
  it('bob: two hours on the token is refreshed by itself; nine hours on the refresh is refused, the chat asks for a new sign-in, and then answers the question typed, without retyping', async () => {
    const home = tempHome();
    expect((await runQchat(['login', '--sandbox-user', 'bob', '--sandbox-approve', 'auto'], { QCHAT_HOME: home, QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' })).code).toBe(0);
    const { frame, waitFor, type, press, context, ui } = renderWithProviders({ home, flags: { sandboxUser: 'bob', sandboxApprove: 'auto' } });
    // The chat's clock (and the in-process sandbox's, which opens with it) moves when the test says.
    let now = new Date('2026-11-22T10:00:00Z');
    context.clock = () => now;
    await waitFor(ready);
    expect(frame()).toContain('bob@example.com');
    // Two hours on the one-hour token has expired: it is refreshed by itself, nothing is asked.
    now = new Date(now.getTime() + 2 * 3600_000);
    await type('how many vpcs in us-east-1');
    await press(keys.enter);
    await waitFor(/EC2 VPCs in us-east-1/);
    expect(frame()).not.toContain('Sign in with IAM Identity Center');
    // Past the 8-hour IAM Identity Center session: the refresh token is refused.
    now = new Date(now.getTime() + 7 * 3600_000);
    await type('how many lambda functions in us-east-1');
    await press(keys.enter);
    await waitFor('Your IAM Identity Center sign-in has expired.');
    expect(frame()).toContain('Sign in with IAM Identity Center');
    // The device code is approved on the sandbox's page; the question then runs as typed.
    await waitFor(/You have \d+ Lambda functions in us-east-1\./);
    expect(frame()).toContain('how many lambda functions in us-east-1');
    ui.unmount();
  }, 30_000);
});

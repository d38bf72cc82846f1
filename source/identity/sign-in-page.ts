import type { SignInPrompt } from './oidc.js';

/** Whether a person sits at this process's terminal. */
export interface Terminal {
  stdinIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
}

/** Opens a URL in the system's default browser. */
export type OpenUrl = (url: string) => Promise<void>;

/** The page a sign-in asks the person to open: the authorize page (PKCE), or the device page with its code. */
export function signInPageUrl(prompt: SignInPrompt): string {
  return prompt.kind === 'device' ? prompt.verificationUriComplete : prompt.authorizeUrl;
}

/**
 * What `qchat login` and the chat's sign-in screen do with a sign-in prompt besides showing its
 * URL: open the page in the default browser, once per page, when the `browser` setting allows it
 * (`--no-browser` turns it off) and a person is at a terminal (stdin and stdout TTYs). In a pipe, a
 * script, CI or a test nobody would see that browser, so nothing is opened and the printed URL is
 * the way. Undefined when nothing is to be opened.
 */
export function signInPageOpener(browser: boolean, terminal: Terminal, openUrl: OpenUrl = openInDefaultBrowser): ((prompt: SignInPrompt) => void) | undefined {
  if (!browser || !terminal.stdinIsTTY || !terminal.stdoutIsTTY) return undefined;
  const opened = new Set<string>();
  return (prompt) => {
    const url = signInPageUrl(prompt);
    if (opened.has(url)) return;
    opened.add(url);
    // No browser here (no xdg-open, a headless machine): the URL is on screen.
    openUrl(url).catch(() => undefined);
  };
}

/** The `open` package: xdg-open on Linux, `open` on macOS, `start` on Windows; it does not wait for the browser. */
async function openInDefaultBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url);
  // A missing xdg-open fails on the child, after open() resolved: nothing to report, the URL is shown.
  child.once('error', () => undefined);
}

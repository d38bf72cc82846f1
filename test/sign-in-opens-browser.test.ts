import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideInBrowser } from './helpers/authorize-page.js';
import { tempHome } from './helpers/cli.js';
import { hasTmux } from './helpers/tmux.js';



async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A machine whose browser is an `xdg-open` on PATH that notes each URL it is asked to open (the
 * `open` package runs xdg-open on Linux), and a person at a real terminal (tmux) running the built
 * qchat with a display, so the PKCE flow is chosen.
 */
function personAtTerminal(args: string) {
  const home = tempHome();
  const bin = join(home, 'bin');
  const opened = join(home, 'opened.txt');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  // A tmux server of its own: starting and ending it cannot race with another test's.
  const socket = `qchat-browser-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const session = 'qchat';
  const command = `env -u CI HOME=${home} PATH=${bin}:${process.env.PATH} QCHAT_HOME=${join(home, 'qchat')} QCHAT_NOW=2026-11-22T10:00:00Z DISPLAY=:0 TERM=xterm-256color node dist/cli.js ${args}; echo QCHAT-EXITED-$?; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '45', command);
  const pane = () => tmux('capture-pane', '-p', '-J', '-t', session);
  return {
    pane,
    waitForPane: (text: string | RegExp) => until(String(text), () => (typeof text === 'string' ? pane().includes(text) : text.test(pane())) || undefined),
    openedUrls: () => (existsSync(opened) ? readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []),
    keys: (...keys: string[]) => tmux('send-keys', '-t', session, ...keys),
    close: () => tmux('kill-server'),
  };
}

// CI installs tmux and sets QCHAT_REQUIRE_TMUX, so there this never skips.
describe.skipIf(!hasTmux && !process.env.QCHAT_REQUIRE_TMUX)('the built qchat opens the sign-in page in the browser, in a real terminal (tmux)', () => {
  it('the chat: its sign-in screen opens the authorize URL it shows; approving in the browser signs the chat in', async () => {
    const person = personAtTerminal('--sandbox-user bob');
    try {
      await person.waitForPane('Sign in with IAM Identity Center');
      const [url] = await until('the browser to be opened', () => (person.openedUrls().length > 0 ? person.openedUrls() : undefined));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?response_type=code&client_id=[\w.-]+&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&/);
      // The same URL is on screen, for a browser elsewhere.
      expect(person.pane().replace(/[\s│]+/g, '')).toContain(url);
      await decideInBrowser(url!, 'approve');
      await person.waitForPane(/› +Ask about your AWS account/);
      person.keys('-l', '/whoami');
      person.keys('Enter');
      await person.waitForPane(/Tier +Pro/);
      expect(person.openedUrls()).toEqual([url]);
      person.keys('-l', '/quit');
      person.keys('Enter');
      await person.waitForPane('QCHAT-EXITED-0');
    } finally {
      person.close();
    }
  }, 60_000);

  it('qchat login opens it too, and with --no-browser only prints it', async () => {
    const person = personAtTerminal('login --sandbox-user bob');
    try {
      const [url] = await until('the browser to be opened', () => (person.openedUrls().length > 0 ? person.openedUrls() : undefined));
      await person.waitForPane('Waiting for approval');
      await decideInBrowser(url!, 'approve');
      await person.waitForPane('QCHAT-EXITED-0');
      expect(person.pane()).toContain('Signed in.');
    } finally {
      person.close();
    }
    const printing = personAtTerminal('login --sandbox-user bob --no-browser');
    try {
      await printing.waitForPane('Waiting for approval');
      const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(printing.pane())?.[1];
      expect(url).toBeDefined();
      await decideInBrowser(url!, 'approve');
      await printing.waitForPane('QCHAT-EXITED-0');
      expect(printing.openedUrls()).toEqual([]);
    } finally {
      printing.close();
    }
  }, 60_000);
});

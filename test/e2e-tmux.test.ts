import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempHome } from './helpers/cli.js';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

/** Polls the pane until it shows `text`. */
async function waitForPane(session: string, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pane = tmux('capture-pane', '-p', '-t', session);
    if (typeof text === 'string' ? pane.includes(text) : text.test(pane)) return pane;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; pane:\n${pane}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// CI installs tmux and sets QCHAT_REQUIRE_TMUX, so there this never skips.
describe.skipIf(!hasTmux && !process.env.QCHAT_REQUIRE_TMUX)('the built qchat in a real terminal (tmux)', () => {
  it('opens on the sandbox, answers a typed question, and quits', async () => {
    const session = `qchat-e2e-${process.pid}`;
    const command = `env -u CI QCHAT_HOME=${tempHome()} QCHAT_NOW=2026-11-22T10:00:00Z TERM=xterm-256color node dist/cli.js; echo QCHAT-EXITED-$?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '40', command);
    try {
      await waitForPane(session, 'Ask about your AWS account');
      await waitForPane(session, 'Using the built-in sandbox account as alice');
      tmux('send-keys', '-t', session, '-l', 'how many lambda functions in us-east-1');
      await waitForPane(session, 'how many lambda functions in us-east-1');
      tmux('send-keys', '-t', session, 'Enter');
      const pane = await waitForPane(session, /You have \d+ Lambda functions in us-east-1\./);
      expect(pane).toContain('Calls: cloudcontrol ListResources');
      tmux('send-keys', '-t', session, '-l', '/quit');
      await waitForPane(session, '/quit');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForPane(session, 'QCHAT-EXITED-0');
    } finally {
      tmux('kill-session', '-t', session);
    }
  }, 60_000);
});

import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempHome } from './helpers/cli.js';
import { hasTmux } from './helpers/tmux.js';


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
  it('opens on the sandbox, edits with Backspace and Ctrl+C, copies with /copy; after a restart Up and Ctrl+R recall; quits', async () => {
    const session = `qchat-e2e-${process.pid}`;
    const second = `${session}-2`;
    const home = tempHome();
    const command = `env -u CI QCHAT_HOME=${home} QCHAT_NOW=2026-11-22T10:00:00Z TERM=xterm-256color node dist/cli.js; echo QCHAT-EXITED-$?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '40', command);
    // Applications may set tmux's clipboard with OSC 52.
    tmux('set-option', '-t', session, 'set-clipboard', 'on');
    const prompt = (text: string) => new RegExp(`› ${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} *\\n`);
    try {
      await waitForPane(session, 'Ask about your AWS account');
      await waitForPane(session, 'Using the built-in sandbox account as alice');
      // Backspace is 0x7f (tmux's BSpace): it deletes the character before the cursor.
      tmux('send-keys', '-t', session, '-l', 'how many lambda functionsXY');
      tmux('send-keys', '-t', session, 'BSpace', 'BSpace');
      tmux('send-keys', '-t', session, '-l', ' in us-east-1');
      await waitForPane(session, prompt('how many lambda functions in us-east-1'));
      tmux('send-keys', '-t', session, 'Enter');
      await waitForPane(session, /You have \d+ Lambda functions in us-east-1\./);
      // Ctrl+C clears a draft.
      tmux('send-keys', '-t', session, '-l', 'a draft');
      await waitForPane(session, prompt('a draft'));
      tmux('send-keys', '-t', session, 'C-c');
      await waitForPane(session, /› +Ask about your AWS account/);
      tmux('send-keys', '-t', session, '-l', '/copy');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForPane(session, /Copied the last answer \(\d+ lines?\) to the clipboard \(OSC 52\)/);
      expect(tmux('show-buffer')).toMatch(/^You have \d+ Lambda functions in us-east-1\./);
      tmux('send-keys', '-t', session, '-l', '/quit');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForPane(session, 'QCHAT-EXITED-0');
      // A second run: Up recalls the last input (the /quit), Ctrl+R finds the question; two Ctrl+C quit.
      // It starts before the first session is killed: killing tmux's last session stops its server,
      // and a session started just then can find it going ("server exited unexpectedly").
      tmux('new-session', '-d', '-s', second, '-x', '110', '-y', '40', command);
    } finally {
      tmux('kill-session', '-t', session);
    }
    try {
      await waitForPane(second, 'Restored your last conversation');
      tmux('send-keys', '-t', second, 'Up');
      await waitForPane(second, prompt('/quit'));
      tmux('send-keys', '-t', second, 'C-u', 'C-r');
      tmux('send-keys', '-t', second, '-l', 'lambda');
      await waitForPane(second, '(reverse search) “lambda ”: how many lambda functions in us-east-1');
      tmux('send-keys', '-t', second, 'Escape');
      // Esc and Ctrl+C in one read would be Alt+Ctrl+C: wait for the search to close first.
      await waitForPane(second, /› +Ask about your AWS account/);
      tmux('send-keys', '-t', second, 'C-c', 'C-c');
      await waitForPane(second, 'QCHAT-EXITED-0');
    } finally {
      tmux('kill-session', '-t', second);
    }
  }, 90_000);

  it('Delete, Alt+B and Alt+F edit in place; Ctrl+D as soon as the prompt shows quits, even while connecting', async () => {
    const session = `qchat-e2e-keys-${process.pid}`;
    const command = `env -u CI QCHAT_HOME=${tempHome()} QCHAT_NOW=2026-11-22T10:00:00Z TERM=xterm-256color node dist/cli.js; echo QCHAT-EXITED-$?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '40', command);
    try {
      await waitForPane(session, 'Ask about your AWS account');
      // Delete is \x1b[3~ (tmux's DC): it deletes the character under the cursor.
      tmux('send-keys', '-t', session, '-l', 'how many lambdaX functions');
      tmux('send-keys', '-t', session, 'M-b', 'Left', 'Left', 'DC');
      await waitForPane(session, /› how many lambda functions *\n/);
      // Alt+B back one word, Alt+F forward one word (tmux sends \x1bb and \x1bf).
      tmux('send-keys', '-t', session, 'M-b');
      tmux('send-keys', '-t', session, '-l', 'Y');
      tmux('send-keys', '-t', session, 'M-f');
      tmux('send-keys', '-t', session, '-l', 'Z');
      await waitForPane(session, /› how many YlambdaZ functions *\n/);
      tmux('send-keys', '-t', session, 'C-u');
      await waitForPane(session, 'cross-region ask');
      // The next session starts before this one is killed: killing tmux's last session stops its
      // server, and a session started just then can find it going ("server exited unexpectedly").
      tmux('new-session', '-d', '-s', `${session}-2`, '-x', '110', '-y', '40', command);
    } finally {
      tmux('kill-session', '-t', session);
    }
    try {
      await waitForPane(`${session}-2`, 'Ask about your AWS account');
      tmux('send-keys', '-t', `${session}-2`, 'C-d');
      await waitForPane(`${session}-2`, 'QCHAT-EXITED-0');
    } finally {
      tmux('kill-session', '-t', `${session}-2`);
    }
  }, 60_000);
});

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasScript && !process.env.QCHAT_REQUIRE_TMUX)('the built qchat in a pty nobody sized (0 columns, 0 rows)', () => {
  it('lays out at 80 columns and never clears the scrollback', async () => {
    const home = tempHome();
    // Not CI at all: Ink draws no frames when the variable is merely set.
    const { CI: _ci, ...env } = process.env;
    const child = spawn('script', ['-qfec', 'stty cols 0 rows 0; node dist/cli.js', '/dev/null'], {
      env: { ...env, QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z', TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
    const shown = (text: string) => output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').includes(text);
    const until = async (text: string) => {
      for (let waited = 0; !shown(text); waited += 100) {
        if (waited > 20_000) throw new Error(`timed out waiting for ${text}; output:\n${output.slice(-500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      await until('cross-region ask');
      child.stdin.write('how many vpcs\r');
      await until('EC2 VPCs in us-east-1');
      child.stdin.write('\u0004');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      child.kill();
    }
    expect(output).not.toContain('\u001b[3J');
    const lines = output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/);
    expect(lines).toContain('alice · 111122223333 · Pro (example-corp-pro) · us-east-1 · cross-region ask');
  }, 60_000);
});

// Start-up cost as ratios to an empty `node -e ""` measured in the same run: `qchat --version`,
// the interactive UI's first frame, and a usable prompt: a key typed as soon as the prompt shows
// is echoed (run under `script` so it has a terminal).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, median, report } from './report.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const runs = Number(process.env.QCHAT_BENCH_RUNS ?? 11);

function timeCommand(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Milliseconds from spawning the chat on the sandbox in a pseudo-terminal until `done(output, type)`
 * says so; `type` writes keys to it. `what` names the moment for the error when it never comes.
 */
function timeChatUntil(what, done) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-')), TERM: 'xterm-256color' };
    delete env.CI;
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 40; ${process.execPath} ${cli} --sandbox`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (!done(stripAnsi(seen), (keys) => child.stdin.write(keys))) return;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      child.kill('SIGKILL');
      resolve(elapsed);
    });
    child.once('exit', () => reject(new Error(`qchat exited before ${what}: ${seen.slice(0, 200)}`)));
  });
}

/** The first drawn frame. */
const firstFrame = () => timeChatUntil('drawing a frame', (output) => /Connecting|qchat \[sandbox\]/.test(output));

/** A usable prompt: a key, typed as soon as the prompt is drawn, echoed in it. */
function usablePrompt() {
  let typed = false;
  return timeChatUntil('echoing a key', (output, type) => {
    if (!typed && output.includes('Ask about your AWS account')) {
      typed = true;
      type('x');
    }
    return typed && /› x/.test(output);
  });
}

function timeEmptyUnderScript() {
  const start = process.hrtime.bigint();
  spawnSync('script', ['-qfec', `stty cols 100 rows 40; ${process.execPath} -e ""`, '/dev/null'], { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Interleave so drift on a noisy machine hits every figure alike.
const node = [];
const version = [];
const nodeTty = [];
const frame = [];
const usable = [];
for (let i = 0; i < runs; i++) {
  node.push(timeCommand(['-e', '']));
  version.push(timeCommand([cli, '--version']));
  nodeTty.push(timeEmptyUnderScript());
  frame.push(await firstFrame());
  usable.push(await usablePrompt());
}
const [n, v, nt, f, u] = [node, version, nodeTty, frame, usable].map(median);
report('qchat --version / node -e ""', `${format(v / n)}x (${format(v, 0)} ms vs ${format(n, 0)} ms)`, '<= 1.5x', v / n <= 1.5);
report('first frame of the chat / node -e "" (both under a pty)', `${format(f / nt)}x (${format(f, 0)} ms vs ${format(nt, 0)} ms)`, '<= 3x', f / nt <= 3);
report('usable prompt (a key echoed) on the sandbox / node -e "" (both under a pty)', `${format(u / nt)}x (${format(u, 0)} ms vs ${format(nt, 0)} ms)`, '<= 2.5x', u / nt <= 2.5);

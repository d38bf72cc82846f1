// Start-up cost as ratios to an empty `node -e ""` measured in the same run: `qchat --version`,
// the interactive UI's first frame, and a usable prompt: a key typed as soon as the prompt shows
// is echoed (run under `script` so it has a terminal).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
 * CPU milliseconds the process tree under `root` has used so far, every thread counted
 * (/proc/PID/task/TID/schedstat, Linux). Wall time on a machine busy with other work mostly
 * measures the others; CPU time is what qchat itself spent, so the bench prints both.
 */
function treeCpuMs(root) {
  const parents = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      parents.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
    } catch {
      // It exited meanwhile.
    }
  }
  const tree = [String(root)];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  let ns = 0;
  for (const pid of tree) {
    try {
      for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // It exited meanwhile.
    }
  }
  return ns / 1e6;
}

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
      const cpu = treeCpuMs(child.pid);
      child.kill('SIGKILL');
      resolve({ elapsed, cpu });
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

/** CPU milliseconds of an empty node start, as the process itself counts them when it exits. */
function cpuOfEmptyNode() {
  const script = 'process.on("exit", () => { const u = process.resourceUsage(); process.stdout.write(String((u.userCPUTime + u.systemCPUTime) / 1000)); })';
  return Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
}

// Interleave so drift on a noisy machine hits every figure alike.
const node = [];
const version = [];
const nodeTty = [];
const frame = [];
const usable = [];
const nodeCpu = [];
const usableCpu = [];
for (let i = 0; i < runs; i++) {
  node.push(timeCommand(['-e', '']));
  version.push(timeCommand([cli, '--version']));
  nodeTty.push(timeEmptyUnderScript());
  nodeCpu.push(cpuOfEmptyNode());
  frame.push((await firstFrame()).elapsed);
  const prompt = await usablePrompt();
  usable.push(prompt.elapsed);
  usableCpu.push(prompt.cpu);
}
const [n, v, nt, f, u, nc, uc] = [node, version, nodeTty, frame, usable, nodeCpu, usableCpu].map(median);
report('qchat --version / node -e ""', `${format(v / n)}x (${format(v, 0)} ms vs ${format(n, 0)} ms)`, '<= 1.5x', v / n <= 1.5);
report('first frame of the chat / node -e "" (both under a pty)', `${format(f / nt)}x (${format(f, 0)} ms vs ${format(nt, 0)} ms)`, '<= 3x', f / nt <= 3);
report('usable prompt (a key echoed) on the sandbox / node -e "" (both under a pty)', `${format(u / nt)}x (${format(u, 0)} ms vs ${format(nt, 0)} ms)`, '<= 2.5x', u / nt <= 2.5);
report('CPU to a usable prompt / CPU of node -e "" (steadier than wall time on a busy machine)', `${format(uc / nc)}x (${format(uc, 0)} ms vs ${format(nc, 0)} ms)`, '<= 2.5x', uc / nc <= 2.5);

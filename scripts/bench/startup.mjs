// Start-up cost as a ratio to an empty `node -e ""` measured in the same run.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, median, report } from './report.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const runs = 15;

function timeCommand(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

// Interleave so drift on a noisy machine hits both figures alike.
const baseline = timeCommand(['-e', '']);
const version = timeCommand([cli, '--version']);
const baselineAgain = timeCommand(['-e', '']);
const node = Math.min(baseline, baselineAgain);
const ratio = version / node;
report('qchat --version / node -e ""', `${format(ratio)}x (${format(version, 0)} ms vs ${format(node, 0)} ms)`, '<= 1.5x', ratio <= 1.5);

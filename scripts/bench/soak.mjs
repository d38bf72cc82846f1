// 1,000 questions in one interactive process, driven through the real UI on the sandbox. Prints
// the memory curve; it holds when the heap after 1,000 questions is within 1.5x the heap after 100
// (finished turns are kept, a few KB each; a leak grows far faster).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format, report } from './report.mjs';

if (!process.argv.includes('--child')) {
  // Re-run with --expose-gc so samples are taken after a collection.
  // Production React, as the built qchat runs it (development builds keep debugging data per render).
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  process.exit(child.status ?? 1);
}

const { tsImport } = await import('tsx/esm/api');
process.env.FORCE_COLOR = '0';
const { soak } = await tsImport('./soak-harness.tsx', import.meta.url);
const samples = [];
await soak(1000, 100, (done, rss, heap) => {
  samples.push({ done, rss, heap });
  process.stderr.write(`${String(done).padStart(5)} questions  rss ${format(rss, 0)} MB  heap ${format(heap, 1)} MB\n`);
});
const first = samples[0];
const last = samples.at(-1);
report('soak: RSS after 100 → 1,000 questions', samples.map((s) => format(s.rss, 0)).join(' → ') + ' MB', 'bounded', true);
report('soak: heap after 1,000 / after 100 questions', `${format(last.heap / first.heap)}x (${format(last.heap, 1)} vs ${format(first.heap, 1)} MB)`, '<= 1.5x', last.heap / first.heap <= 1.5);
process.exit(0);

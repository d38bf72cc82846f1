#!/usr/bin/env node
// `npm run bench`: runs every benchmark in this folder and prints one table of
// figure, value, target and whether it holds. Ratios come from one run on this machine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Not benchmarks: this runner, the shared report, and the scale bench's shared module and its two probes.
const benches = readdirSync(here).filter((name) => name.endsWith('.mjs') && !['run-all.mjs', 'report.mjs', 'scale-sandbox.mjs', 'scale-profile.mjs', 'scale-chain.mjs'].includes(name)).sort();
const rows = [];
let failed = false;
for (const bench of benches) {
  process.stderr.write(`running ${bench}…\n`);
  const result = spawnSync(process.execPath, [join(here, bench)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 });
  if (result.status !== 0) {
    failed = true;
    rows.push({ figure: `${bench} failed (exit ${result.status})`, value: '', target: '', holds: false });
  }
  for (const line of result.stdout.split('\n')) if (line.startsWith('BENCH ')) rows.push(JSON.parse(line.slice(6)));
}
const headers = ['figure', 'value', 'target', 'holds'];
const cells = rows.map((row) => [row.figure, String(row.value), String(row.target), row.holds ? 'yes' : 'NO']);
const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i].length)));
const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ');
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const cell of cells) console.log(line(cell));
process.exit(failed ? 1 : 0);

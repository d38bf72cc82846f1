#!/usr/bin/env node
// Reads each module's Stryker JSON report (reports/mutation/<module>.json), prints one row per
// module, and records the scores with the date measured in scripts/bench/mutation-score.json,
// which `npm run bench` and the README quote. A module without a report keeps its last record.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modules, reportFile } from './modules.mjs';

export const scoreFile = fileURLToPath(new URL('../bench/mutation-score.json', import.meta.url));

/** Stryker's mutation score: detected (killed or timed out) over valid mutants (compile errors and ignored ones left out). */
export function scoreOf(report) {
  const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0 };
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      const status = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' }[mutant.status] ?? 'invalid';
      count[status] += 1;
    }
  }
  const valid = count.killed + count.timeout + count.survived + count.noCoverage;
  return { ...count, score: valid === 0 ? null : Math.round(((count.killed + count.timeout) / valid) * 1000) / 10 };
}

export function summarize() {
  const recorded = existsSync(scoreFile) ? JSON.parse(readFileSync(scoreFile, 'utf8')) : { modules: {} };
  for (const name of Object.keys(modules)) {
    const file = reportFile(name);
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    // The files measured: all of the module's, or those a `--mutate` run narrowed it to.
    recorded.modules[name] = { measured: statSync(file).mtime.toISOString().slice(0, 10), files: Object.keys(report.files).sort(), ...scoreOf(report) };
  }
  const rows = Object.entries(recorded.modules).filter(([name]) => name in modules);
  const headers = ['module', 'score', 'killed', 'timeout', 'survived', 'no coverage', 'ignored', 'measured', 'files'];
  const cells = rows.map(([name, r]) => [name, r.score === null ? 'n/a' : `${r.score}%`, r.killed, r.timeout, r.survived, r.noCoverage, r.ignored, r.measured, r.files.join(' ')].map(String));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i].length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  console.log([line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
  writeFileSync(scoreFile, `${JSON.stringify({ modules: Object.fromEntries(rows) }, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarize();

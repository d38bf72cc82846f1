#!/usr/bin/env node
// Reads each module's Stryker JSON report (reports/mutation/<module>.json), prints one row per
// module, and records the scores with the date measured in scripts/bench/mutation-score.json,
// which `npm run bench` and the README quote. A module without a report keeps its last record.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileOf, modules, reportFile } from './modules.mjs';

export const scoreFile = fileURLToPath(new URL('../bench/mutation-score.json', import.meta.url));

/** Whether a report's file is one the module mutates now (a `*` in a pattern matches within one folder). */
const inModule = (name) => (file) =>
  modules[name].mutate.some((pattern) => new RegExp(`^${fileOf(pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(file));

/** How a file was measured: the module's `file:from-to` pattern when it mutates part of the file. */
const measuredAs = (name) => (file) => modules[name].mutate.find((pattern) => pattern !== file && fileOf(pattern) === file) ?? file;

/**
 * The module's files in its report. An incremental report keeps the results of files the module no
 * longer mutates (tiers before usage had its own run); they are not this module's score.
 */
export function filesOf(name, report) {
  return Object.fromEntries(Object.entries(report.files).filter(([file]) => inModule(name)(file)));
}

/** Stryker's mutation score: detected (killed or timed out) over valid mutants (compile errors and ignored ones left out). */
export function scoreOf(files) {
  const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, invalid: 0 };
  for (const file of Object.values(files)) {
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
    const files = filesOf(name, JSON.parse(readFileSync(file, 'utf8')));
    // The files measured: all of the module's, or those a `--mutate` run narrowed it to.
    recorded.modules[name] = { measured: statSync(file).mtime.toISOString().slice(0, 10), files: Object.keys(files).sort().map(measuredAs(name)), ...scoreOf(files) };
  }
  const rows = Object.entries(recorded.modules).filter(([name]) => name in modules);
  const headers = ['module', 'score', 'killed', 'timeout', 'survived', 'no coverage', 'ignored', 'measured', 'files'];
  const unmeasured = Object.keys(modules).filter((name) => !(name in recorded.modules));
  const cells = [
    ...rows.map(([name, r]) => [name, r.score === null ? 'n/a' : `${r.score}%`, r.killed, r.timeout, r.survived, r.noCoverage, r.ignored, r.measured, r.files.join(' ')].map(String)),
    ...unmeasured.map((name) => [name, 'not measured', '', '', '', '', '', '', modules[name].mutate.join(' ')]),
  ];
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i].length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  console.log([line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
  writeFileSync(scoreFile, `${JSON.stringify({ modules: Object.fromEntries(rows) }, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarize();

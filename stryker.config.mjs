// StrykerJS for the core (issue 17). `npm run mutation` runs one module at a time
// (QCHAT_MUTATION_MODULE, see scripts/mutation/modules.mjs); not part of CI: too slow for 2 cores.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkerTsconfigFile, fileOf, incrementalFile, modules, reportFile } from './scripts/mutation/modules.mjs';

const name = process.env.QCHAT_MUTATION_MODULE;
const module = modules[name ?? ''];
if (!module) throw new Error(`QCHAT_MUTATION_MODULE must name one of: ${Object.keys(modules).join(', ')}`);

// The checker type-checks only the module's own files (and what they import): with the whole project
// (tests and scripts included) every mutant re-checked each file that depends on it, and the checker,
// not the tests, took most of the ~3 s per mutant. A mutant that only breaks a caller's types then
// runs and is judged by the tests, as vitest (which strips types) would run it anyway.
const tsconfigFile = checkerTsconfigFile(name);
mkdirSync(dirname(tsconfigFile), { recursive: true });
writeFileSync(tsconfigFile, `${JSON.stringify({ extends: '../../tsconfig.json', include: module.mutate.map((pattern) => `../../${fileOf(pattern)}`) }, null, 2)}\n`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: module.mutate,
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutation/vitest.config.mjs', related: false },
  // Per-test coverage: each mutant runs only the tests that reach it. Static mutants (module-level tables and patterns, reached
  // only while the module loads) run every test of the module. The vitest runner reports per-test coverage whatever this says
  // ('all' and 'off' included: vitest-runner's stryker-setup.js always records the current test), so state a module builds on
  // first use is covered by the first test alone unless its tests import it anew (test/helpers/fresh-module.ts).
  coverageAnalysis: 'perTest',
  ignoreStatic: false,
  checkers: ['typescript'],
  tsconfigFile,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // 2 cores shared by the team: one test runner (plus the checker).
  concurrency: Number(process.env.QCHAT_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 20,
  incremental: true,
  incrementalFile: incrementalFile(name),
  reporters: ['progress-append-only', 'clear-text', 'json'],
  jsonReporter: { fileName: reportFile(name) },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  // One sandbox directory per module, so two modules can run side by side (each nice'd, each one runner).
  tempDirName: `.stryker-tmp/${name}`,
  ignorePatterns: ['/.stryker-tmp'],
  thresholds: { high: 90, low: 80, break: null },
};

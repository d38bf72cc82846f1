// The core that `npm run mutation` measures, one row per module: the files mutated and the fast
// in-process test files that exercise them. Suites over the in-process sandbox (answer-*, ui-flows)
// and those that spawn dist/cli.js stay out: the first take seconds per mutant on 2 shared cores,
// the second cannot see a mutant at all (the bundle is built from the unmutated source). Each
// module is its own Stryker run with its own incremental file and JSON report under
// reports/mutation/, so a rerun after a change to one module re-tests only what changed.
export const modules = {
  // Question understanding, one run per part: the planner (the question to a plan, one run per file),
  // periods (one run per part of period.ts: Stryker's `file:from-to` mutates those lines only), regions.
  // The period runs leave planner.test.ts out: with it each of period.ts's 121 static mutants ran 424
  // tests, some 20 s a mutant at a load average of 20, and 676 mutants would have taken hours.
  // Without period-phrases.test.ts: its rows are periods' (planner-edges has the refusals planner.ts
  // returns), and each test file is one more fresh worker per mutant (chrono-node and the catalogs).
  planner: {
    mutate: ['source/understanding/planner.ts:30-104'],
    tests: ['test/planner.test.ts', 'test/planner-edges.test.ts'],
  },
  // The cost words and the help pattern, module-level (lines 1-29): each of their 85 static mutants runs
  // every test of both files in a fresh load, two minutes a mutant at a load of 20, so a run of their own.
  'planner-words': {
    mutate: ['source/understanding/planner.ts:1-29'],
    tests: ['test/planner.test.ts', 'test/planner-edges.test.ts'],
  },
  // planner.test.ts alone: each test file is a fresh worker that loads chrono-node and the catalogs, and
  // with three files a mutant took 25 s or more at a load of 20 (its static mutants timed out). The
  // period files' cost rows (a forecast without the word, spoken periods) are periods', and are in it too.
  'plan-costs': {
    mutate: ['source/understanding/plan-costs.ts'],
    tests: ['test/planner.test.ts', 'test/plan-costs.test.ts'],
  },
  'plan-resources': {
    mutate: ['source/understanding/plan-resources.ts'],
    tests: ['test/planner.test.ts', 'test/plan-resources.test.ts'],
  },
  // period.ts's relative phrases ("last 3 months"), its calendar dates ("1 March 2026", "Q1") and the
  // reading of a question with chrono-node, the labels and the period before; lines as of 2026-12-02.
  'periods-relative': {
    mutate: ['source/understanding/period.ts:1-120'],
    tests: ['test/period-boundaries.test.ts', 'test/period-phrases.test.ts'],
  },
  'periods-calendar': {
    mutate: ['source/understanding/period.ts:121-273'],
    tests: ['test/period-boundaries.test.ts', 'test/period-phrases.test.ts'],
  },
  // Run in UTC+14 (vitest.config.mjs): chrono-node's `timezone: 'UTC'` is only seen off UTC, and the
  // test that moves TZ itself cannot from a worker thread, which is all Stryker's vitest runner uses.
  'periods-reading': {
    mutate: ['source/understanding/period.ts:274-381'],
    tests: ['test/period-boundaries.test.ts', 'test/period-phrases.test.ts'],
    timeZone: 'Pacific/Kiritimati',
  },
  // Its name patterns and place list are built on first use and kept: the tests import the module anew
  // for each row (test/helpers/fresh-module.ts), so per-test coverage names every row that uses them.
  regions: {
    mutate: ['source/understanding/regions.ts'],
    tests: ['test/region-mentions.test.ts', 'test/region-exclusions.test.ts'],
  },
  // Tiers (the policy, the gate and the messages) and usage (the limiter and its files), as two runs.
  tiers: {
    mutate: ['source/tiers/policy.ts', 'source/tiers/gate.ts', 'source/tiers/messages.ts', 'source/tiers/refusal.ts'],
    tests: ['test/tiers-gate.test.ts', 'test/tiers-policy.test.ts', 'test/tiers-messages.test.ts', 'test/tiers-edges.test.ts'],
  },
  usage: {
    mutate: ['source/tiers/rate-limiter.ts', 'source/tiers/usage-file.ts'],
    tests: ['test/tiers-rate-limiter.test.ts', 'test/tiers-clock-skew.test.ts', 'test/tiers-edges.test.ts', 'test/usage-rules.test.ts'],
  },
  // History as four runs: its records (lines, titles, counts, retention, redaction: fast tests on
  // small files), then the index file and the store (lock, recovery, two processes: each test opens
  // a store, and the round-trip test's first fast-check sample alone takes some 6 s), the store by
  // lines of store.ts (as of 2026-12-02): its calls (list to rememberInput), and its upkeep (tidy,
  // counting, recovery, the queues and the guard that turns disk trouble into warnings).
  'history-records': {
    mutate: ['source/history/message.ts', 'source/history/listing.ts', 'source/history/retention.ts', 'source/history/redact.ts', 'source/history/conversation-file.ts', 'source/history/recent-turns.ts'],
    tests: ['test/history-rules.test.ts', 'test/history-retention.test.ts', 'test/history-redact.test.ts'],
  },
  'history-index': {
    mutate: ['source/history/index-file.ts'],
    tests: ['test/history-index.test.ts', 'test/history-index-lock.test.ts', 'test/history-store.test.ts', 'test/history-disk-full.test.ts', 'test/history-two-stores.test.ts'],
  },
  'history-store': {
    mutate: ['source/history/store.ts:1-195'],
    tests: ['test/history-calls.test.ts', 'test/history-store.test.ts', 'test/history-disk-full.test.ts', 'test/history-commands.test.ts', 'test/history-two-stores.test.ts'],
  },
  'history-upkeep': {
    mutate: ['source/history/store.ts:196-381'],
    tests: ['test/history-upkeep.test.ts', 'test/history-store.test.ts', 'test/history-disk-full.test.ts', 'test/history-two-stores.test.ts'],
  },
  // Its own tests (storage-faults watches and fails the fs calls of both atomic writers, which the
  // rate limiter's tests were here for) and the shipped catalogs': the history suites (hostile/history,
  // history-store) reach every storage file too, but at seconds a mutant (each test opens a store) a
  // run took hours here.
  storage: {
    mutate: ['source/storage/*.ts'],
    tests: ['test/storage*.test.ts', 'test/shipped-json.test.ts'],
  },
  sanitizer: {
    mutate: ['source/present/terminal-text.ts'],
    tests: ['test/terminal-text.test.ts', 'test/hostile/terminal-text.test.ts'],
  },
  fanout: {
    mutate: ['source/aws/fanout.ts', 'source/aws/pacing.ts'],
    tests: ['test/fanout.test.ts', 'test/fanout-rules.test.ts'],
  },
  // Cost execution as three runs (about 600 mutants in all, hours here with each test file isolated):
  // the calls under every answer with the forecast; the totals, breakdowns, trends and the service
  // check; the comparisons. Their tests share no state (each builds its own recorded Cost Explorer).
  'cost-calls': {
    mutate: ['source/answer/cost-calls.ts', 'source/answer/cost-forecast.ts'],
    tests: ['test/cost-calls.test.ts', 'test/cost-answers.test.ts', 'test/cost-rules.test.ts'],
  },
  'cost-answers': {
    mutate: ['source/answer/execute-costs.ts'],
    tests: ['test/cost-answers.test.ts', 'test/cost-rules.test.ts'],
  },
  'cost-compare': {
    mutate: ['source/answer/cost-compare.ts'],
    tests: ['test/cost-answers.test.ts', 'test/cost-rules.test.ts'],
  },
  // The identity context: the sign-in method from the caller ARN, the session's user name, expiry.
  identity: {
    mutate: ['source/identity/identity-context.ts'],
    tests: ['test/sign-in-method.test.ts', 'test/identity-context.test.ts'],
  },
  'keys-editor': {
    mutate: ['source/ui/keys.ts', 'source/ui/state/editor.ts', 'source/ui/state/editor-text.ts'],
    tests: ['test/ui-editor.test.ts', 'test/ui-editor-rules.test.ts', 'test/ui-keys.test.tsx'],
  },
};

/** A mutate pattern's file: Stryker's `file:from-to` (lines, or line:column) mutates part of the file. */
export const fileOf = (pattern) => pattern.replace(/:\d+(?::\d+)?-\d+(?::\d+)?$/, '');

export const reportDir = 'reports/mutation';
export const reportFile = (module) => `${reportDir}/${module}.json`;
export const incrementalFile = (module) => `${reportDir}/${module}.incremental.json`;
export const checkerTsconfigFile = (module) => `${reportDir}/${module}.tsconfig.json`;

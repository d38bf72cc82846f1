// The vitest config of a mutation run: the project's, with only the module's test files
// (QCHAT_MUTATION_MODULE, see modules.mjs). The files are chosen here rather than with Stryker's
// `testFiles`: given that option, Stryker 9 runs static mutants (module-level tables and patterns)
// with a test filter, and the vitest runner then activates them only after the module was loaded,
// so every one survived; without it they run in a fresh load of the module with the mutant active.
import base from '../../vitest.config.ts';
import { modules } from './modules.mjs';

const module = modules[process.env.QCHAT_MUTATION_MODULE ?? ''];
if (!module) throw new Error(`QCHAT_MUTATION_MODULE must name one of: ${Object.keys(modules).join(', ')}`);

// Without the run-wide grounding check (test/global-setup.ts): it judges a whole run's records when
// the run ends, which a mutant's run of a few tests is not, and Stryker keeps one vitest for many runs.
// Each test file in a fresh worker (vitest's default isolation), which static mutants need: with
// `isolate: false` (tried for the planner and periods, to load chrono-node once per mutant) a static
// mutant was never switched on, and rows that fail with it applied by hand let it survive.
// A module may ask for a time zone other than the machine's (UTC here) for the whole run: the runner's
// worker threads share the process's zone, and a test that sets TZ from inside a thread does not reach it.
if (module.timeZone) process.env.TZ = module.timeZone;

export default { ...base, test: { ...base.test, include: module.tests, globalSetup: [] } };

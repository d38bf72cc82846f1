import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // Records every AWS operation the run sends or serves and checks each against the public models at the end.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Most suites wait (paced AWS calls, retries' backoff, sandbox rate limits, sign-in polls)
    // rather than compute: on a 2-core machine the suite used under one core with the default of
    // two workers. Four keep both cores busy.
    maxWorkers: 4,
    minWorkers: 1,
  },
});

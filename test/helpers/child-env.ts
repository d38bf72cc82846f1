import { recordingVariable } from '../../source/storage/operation-record.js';

/**
 * A clean environment for a dist/cli.js child: PATH, the variable that has the child record its
 * AWS operations for the run's grounding check (test/global-setup.ts), then the test's own.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...(process.env[recordingVariable] ? { [recordingVariable]: process.env[recordingVariable] } : {}), ...env };
}

/** Exit codes of headless commands (DESIGN.md). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  identity: 3,
  tier: 4,
  rateLimited: 5,
  aws: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: a clear message, a stable code and the exit code it maps to. */
export class QchatError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly code: string = 'ERROR',
  ) {
    super(message);
  }
}

export class UsageError extends QchatError {
  constructor(message: string) {
    super(message, ExitCode.usage, 'USAGE');
  }
}

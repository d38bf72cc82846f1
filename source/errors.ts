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

/** What kind of problem an error is; the kind alone decides the exit code. */
export type ErrorCategory = 'identity' | 'tier' | 'limit' | 'usage' | 'aws' | 'file' | 'unexpected';

/** Every code qchat reports, and its category. Codes are stable: scripts read them from `--json`. */
const errorCodes = {
  SIGN_IN_REQUIRED: 'identity',
  SIGN_IN_EXPIRED: 'identity',
  SIGN_IN_DENIED: 'identity',
  USER_NOT_FOUND: 'identity',
  NOT_IN_ORGANIZATION: 'identity',
  NO_IDENTITY_CENTER: 'identity',
  ACCOUNT_INSTANCE_ONLY: 'identity',
  IDENTITY_CENTER_IN_OPT_IN_REGION: 'identity',
  IDENTITY_AWARE_SESSIONS_DISABLED: 'identity',
  SET_CONTEXT_DENIED: 'identity',
  CREDENTIALS_REJECTED: 'identity',
  SSO_TOKEN_EXPIRED: 'identity',
  PROFILE_NOT_FOUND: 'identity',
  NO_REGION: 'identity',
  NO_START_URL: 'identity',
  UNIDENTIFIED_USER: 'identity',
  TIER_FEATURE_NOT_INCLUDED: 'tier',
  MONTHLY_LIMIT_REACHED: 'limit',
  MINUTE_LIMIT_REACHED: 'limit',
  USAGE: 'usage',
  NOT_A_TERMINAL: 'usage',
  BAD_TIERS_FILE: 'usage',
  NO_CONVERSATION: 'usage',
  ENDPOINT_UNREACHABLE: 'aws',
  NO_ANSWER: 'aws',
  Q_DEVELOPER_ERROR: 'aws',
  HISTORY_NOT_WRITABLE: 'file',
  USAGE_FILE_UNUSABLE: 'file',
  USAGE_FILE_BUSY: 'file',
  FILE_UNUSABLE: 'file',
  UNEXPECTED_REPLY: 'unexpected',
  PORT_IN_USE: 'unexpected',
  INSTALLATION_DAMAGED: 'unexpected',
  UNEXPECTED: 'unexpected',
} as const satisfies Record<string, ErrorCategory>;
export type ErrorCode = keyof typeof errorCodes;

/** The one table from an error's category to the exit code; read only at the edges (headless commands, the CLI, the chat's exit). */
const exitCodes: Record<ErrorCategory, ExitCode> = {
  identity: ExitCode.identity,
  tier: ExitCode.tier,
  limit: ExitCode.rateLimited,
  usage: ExitCode.usage,
  aws: ExitCode.aws,
  file: ExitCode.failure,
  unexpected: ExitCode.failure,
};

export function categoryOf(code: ErrorCode): ErrorCategory {
  return errorCodes[code];
}

/** The exit code for anything thrown: a QchatError's code decides; anything else is unexpected (1). */
export function exitCodeOf(error: unknown): ExitCode {
  return exitCodes[error instanceof QchatError ? categoryOf(error.code) : 'unexpected'];
}

/**
 * What the user can do about an error, as data: each front end words it (`qchat login` in a shell,
 * `/login` in the chat), and `--json` carries it as it is.
 */
export type Remedy =
  /** Sign in to IAM Identity Center with qchat; `elsewhere`: at another instance's start URL, which qchat cannot know. */
  | { kind: 'sign-in'; elsewhere?: true }
  /** Say where to sign in: the start URL and Identity Center region are known from nowhere (no flag, setting or sso-session). */
  | { kind: 'start-url' }
  /** Refresh an AWS CLI SSO session (`aws sso login`), for the profile named. */
  | { kind: 'aws-sso-login'; profile?: string }
  /** Wait: the request is allowed again at `until` (in `seconds`, for short waits). */
  | { kind: 'wait'; until: Date; seconds?: number }
  /** An administrator assigns an Amazon Q Developer Pro subscription (follows the sentence saying there is none). */
  | { kind: 'subscribe' }
  /** Something an administrator (or the user) changes; `action` says what, the same in every front end. */
  | { kind: 'fix'; action: string };

/** Where a remedy is shown: a shell prompt (headless commands) or the chat. */
export type Surface = 'shell' | 'chat';

export function remedyText(remedy: Remedy, surface: Surface): string {
  switch (remedy.kind) {
    case 'sign-in':
      if (remedy.elsewhere) {
        const command = "qchat login --start-url <that instance's start URL> --sso-region <its region>";
        return surface === 'shell' ? `Sign in there first: ${command}.` : `Sign in there first: leave the chat, run ${command}, and start qchat again.`;
      }
      return surface === 'shell' ? 'Run qchat login.' : 'Sign in with /login.';
    case 'start-url': {
      // --start-url and --sso-region are flags of `qchat login` only; the chat's /login signs in where the settings say.
      const command = 'qchat login --start-url https://<your portal>.awsapps.com/start --sso-region <region>';
      const elsewise = 'set the ssoStartUrl and ssoRegion settings, or use an AWS profile with an sso_session (aws configure sso)';
      return surface === 'shell' ? `Run ${command}, ${elsewise}.` : `Leave the chat and run ${command}, or ${elsewise}; then start qchat again.`;
    }
    case 'aws-sso-login':
      return `Sign in again with: aws sso login${remedy.profile ? ` --profile ${remedy.profile}` : ''}`;
    case 'wait':
      return remedy.seconds === undefined ? `It resets on ${utcDayAndTime(remedy.until)}; try again then.` : `Try again in ${remedy.seconds} s.`;
    case 'subscribe':
      return 'An administrator assigns one in the Amazon Q Developer console.';
    case 'fix':
      return remedy.action;
  }
}

/** "12/01 at 00:00 UTC" */
export function utcDayAndTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCMonth() + 1)}/${two(at.getUTCDate())} at ${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
}

/** Facts for scripts, in `--json` errors: the limit and when it resets, where it happened. */
export interface ErrorDetails {
  limit?: number;
  used?: number;
  resetsAt?: string;
  retryAfterSeconds?: number;
  region?: string;
  operation?: string;
  profile?: string;
  endpoint?: string;
  feature?: string;
  tier?: string;
  path?: string;
}

export interface ErrorOptions {
  remedy?: Remedy | undefined;
  details?: ErrorDetails;
  cause?: unknown;
}

/** An error meant for the user: a stable code, what happened (`message`), what to do (`remedy`) and facts (`details`). */
export class QchatError extends Error {
  readonly remedy: Remedy | undefined;
  readonly details: ErrorDetails;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.remedy = options.remedy;
    this.details = options.details ?? {};
  }
}

export class UsageError extends QchatError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** The whole sentence for a person: what happened, then what to do, worded for where it is shown. */
export function errorText(error: QchatError, surface: Surface): string {
  return error.remedy ? `${error.message} ${remedyText(error.remedy, surface)}` : error.message;
}

/** Anything thrown, as a person reads it: a QchatError with its remedy worded for `surface`, else the error's message. */
export function describeError(error: unknown, surface: Surface): string {
  if (error instanceof QchatError) return errorText(error, surface);
  return error instanceof Error ? error.message : String(error);
}

/** A remedy for `--json`: the data, with its shell wording as `text`; null when there is none. */
export function remedyJson(remedy: Remedy | undefined) {
  return remedy ? { ...remedy, ...('until' in remedy ? { until: remedy.until.toISOString() } : {}), text: remedyText(remedy, 'shell') } : null;
}

/** `{"code", "message", "remedy", "details"}` for `--json`: the remedy as data with its shell wording. */
export function errorJson(error: QchatError) {
  return { code: error.code, message: error.message, remedy: remedyJson(error.remedy), details: error.details };
}

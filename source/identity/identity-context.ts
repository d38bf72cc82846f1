import { QchatError, type ErrorOptions } from '../errors.js';

export type SignInMethod = 'identity-center' | 'iam-user' | 'iam-role' | 'federated-user' | 'root';

/** Who is asking, as the identity-aware session knows it. `userId` keys everything personal. */
export interface IdentityContext {
  signInMethod: SignInMethod;
  accountId: string;
  principalArn: string;
  /** Identity store user ID; empty when no source gave it (an unidentified user: no history). */
  userId: string;
  userName: string;
  /** Empty when unknown; `identityStoreNote` says where it came from, or why it is unknown. */
  identityStoreArn: string;
  identityStoreNote: string;
  instanceArn: string;
  sessionId: string;
  /** ISO 8601; after it qchat asks to sign in again. */
  expiresAt: string;
}

export type IdentityErrorCode =
  | 'NOT_IN_ORGANIZATION'
  | 'NO_IDENTITY_CENTER'
  | 'ACCOUNT_INSTANCE_ONLY'
  | 'IDENTITY_CENTER_IN_OPT_IN_REGION'
  | 'SIGN_IN_REQUIRED'
  | 'SIGN_IN_EXPIRED'
  | 'SIGN_IN_DENIED'
  | 'USER_NOT_FOUND'
  | 'NO_START_URL'
  | 'PROFILE_NOT_FOUND';

/** A stop in the identity decision tree: names the missing prerequisite and the admin action that fixes it. Exit 3. */
export class IdentityError extends QchatError {
  constructor(
    readonly identityCode: IdentityErrorCode,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(identityCode, message, options);
  }
}

/** The sign-in method from the caller's ARN (DESIGN.md, identity step 1). */
export function signInMethodOf(arn: string): SignInMethod {
  // Stryker disable next-line StringLiteral: a caller ARN's resource has a ':' only inside an IAM user's path (IAM pathType allows it; user and session names, [\w+=,.@-], do not), after the 'user/' prefix that decides.
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return 'root';
  if (resource.startsWith('user/')) return 'iam-user';
  if (resource.startsWith('federated-user/')) return 'federated-user';
  if (/^assumed-role\/AWSReservedSSO_[^/]+\/[^/]+$/.test(resource)) return 'identity-center';
  return 'iam-role';
}

/** The access-portal user name an Identity Center role session carries: the session name. */
export function sessionUserName(arn: string): string {
  // Stryker disable next-line StringLiteral: split gives at least one element, so the '' fallback is never taken (the '/' is pinned by test/identity-context.test.ts).
  return arn.split('/').at(-1) ?? '';
}

/** A sign-in is refreshed this long before its token expires, so no call goes out with a token about to lapse. */
export const refreshMarginMs = 5 * 60_000;

/** The one wording for a sign-in that has run out; the remedy (sign in again) is added by each front end. */
export const signInExpiredMessage = 'Your IAM Identity Center sign-in has expired.';

/** Whether the context's token is expired or about to be: time to refresh (or sign in again). */
export function isExpired(context: IdentityContext, now: Date): boolean {
  return Date.parse(context.expiresAt) - refreshMarginMs <= now.getTime();
}

import { ExitCode, QchatError } from '../errors.js';
import type { FreeReason } from './gate.js';
import type { Feature, TierName } from './policy.js';

/**
 * A request the tier does not allow. `message` says what was refused, why, and what to do;
 * the other fields carry the same facts for JSON output. `code` and `exitCode` are stable.
 */
export type Refusal = FeatureRefusal | MonthlyLimitRefusal | MinuteLimitRefusal;

export interface FeatureRefusal {
  code: 'TIER_FEATURE_NOT_INCLUDED';
  exitCode: typeof ExitCode.tier;
  message: string;
  feature: Feature;
  tier: TierName;
  /** Why the user is on Free; absent when the policy switches the feature off for their tier. */
  freeReason?: FreeReason;
}

export interface MonthlyLimitRefusal {
  code: 'MONTHLY_LIMIT_REACHED';
  exitCode: typeof ExitCode.rateLimited;
  message: string;
  tier: TierName;
  limit: number;
  used: number;
  left: number;
  resetsAt: Date;
}

export interface MinuteLimitRefusal {
  code: 'MINUTE_LIMIT_REACHED';
  exitCode: typeof ExitCode.rateLimited;
  message: string;
  tier: TierName;
  limit: number;
  retryAfterSeconds: number;
  retryAt: Date;
}

/** For callers that stop on a refusal: the error carrying its message, code and exit code. */
export function refusalError(refusal: Refusal): QchatError {
  return new QchatError(refusal.message, refusal.exitCode, refusal.code);
}

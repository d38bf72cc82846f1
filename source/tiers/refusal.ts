import { errorText, QchatError, type ErrorDetails, type Remedy, type Surface } from '../errors.js';
import type { FreeReason } from './gate.js';
import type { Feature, TierName } from './policy.js';

/**
 * A request the tier does not allow. `message` says what was refused and why, `remedy` what to do;
 * the other fields carry the same facts for JSON output. `code` is stable.
 */
export type Refusal = FeatureRefusal | MonthlyLimitRefusal | MinuteLimitRefusal;

export interface FeatureRefusal {
  code: 'TIER_FEATURE_NOT_INCLUDED';
  message: string;
  remedy: Remedy;
  feature: Feature;
  tier: TierName;
  /** Why the user is on Free; absent when the policy switches the feature off for their tier. */
  freeReason?: FreeReason;
}

export interface MonthlyLimitRefusal {
  code: 'MONTHLY_LIMIT_REACHED';
  message: string;
  remedy: Remedy;
  tier: TierName;
  limit: number;
  used: number;
  left: number;
  resetsAt: Date;
}

export interface MinuteLimitRefusal {
  code: 'MINUTE_LIMIT_REACHED';
  message: string;
  remedy: Remedy;
  tier: TierName;
  limit: number;
  retryAfterSeconds: number;
  retryAt: Date;
}

/** The error carrying a refusal's message, remedy and facts (limit, reset time) for every front end and `--json`. */
export function refusalError(refusal: Refusal): QchatError {
  return new QchatError(refusal.code, refusal.message, { remedy: refusal.remedy, details: refusalDetails(refusal) });
}

/** What was refused, why, and what to do, worded for where it is shown. */
export function refusalText(refusal: Refusal, surface: Surface): string {
  return errorText(refusalError(refusal), surface);
}

function refusalDetails(refusal: Refusal): ErrorDetails {
  switch (refusal.code) {
    case 'TIER_FEATURE_NOT_INCLUDED':
      return { tier: refusal.tier, feature: refusal.feature };
    case 'MONTHLY_LIMIT_REACHED':
      return { tier: refusal.tier, limit: refusal.limit, used: refusal.used, resetsAt: refusal.resetsAt.toISOString() };
    case 'MINUTE_LIMIT_REACHED':
      return { tier: refusal.tier, limit: refusal.limit, retryAfterSeconds: refusal.retryAfterSeconds, resetsAt: refusal.retryAt.toISOString() };
  }
}

import type { Clock } from '../config/clock.js';
import { corruptUsageFileMessage, minuteLimitMessage, monthlyLimitMessage } from './messages.js';
import type { TierLimits, TierName, TierPolicy } from './policy.js';
import type { MinuteLimitRefusal, MonthlyLimitRefusal } from './refusal.js';
import { type StoredUsage, type UsageRecord, updateUsageFile, usageFilePath } from './usage-file.js';

export interface RateLimiterOptions {
  /** The user data directory; counters live in `<dataDir>/usage/`. */
  dataDir: string;
  policy: TierPolicy;
  clock: Clock;
  /** Told when a corrupt usage file was moved aside (the UI or stderr decides how to show it). */
  onWarning: (message: string) => void;
}

export interface Usage {
  monthly: { used: number; limit: number; left: number; resetsAt: Date };
  minute: { available: number; limit: number };
}

export type RateLimitRefusal = MonthlyLimitRefusal | MinuteLimitRefusal;

export type ConsumeResult = { allowed: true; usage: Usage } | { allowed: false; refusal: RateLimitRefusal; usage: Usage };

const minuteMs = 60_000;
// Refill arithmetic is in floating point; this keeps 0.9999999 tokens (or 8000.0000001 ms) from rounding the wrong way.
const epsilon = 1e-9;

/**
 * Per-user limits from the tier policy: a monthly quota per UTC calendar month and a token
 * bucket of `requestsPerMinute` tokens refilling continuously. Counters live on disk and every
 * check-and-count happens under a cross-process lock, so concurrent qchat processes of one user
 * share the same quota. Which requests count is the caller's decision.
 */
export class RateLimiter {
  constructor(private readonly options: RateLimiterOptions) {}

  /** Counts one request if both limits allow it; otherwise says which limit refused it. */
  consume(userId: string, tier: TierName): Promise<ConsumeResult> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord<ConsumeResult>(userId, limits, (record, recovered, now) => {
      const refusal = refusalFor(record, limits, tier, now);
      if (refusal) {
        return { save: recovered ? record : undefined, result: { allowed: false, refusal, usage: usageOf(record, limits, now) } };
      }
      const next = { ...record, monthlyUsed: record.monthlyUsed + 1, minuteTokens: record.minuteTokens - 1 };
      return { save: next, result: { allowed: true, usage: usageOf(next, limits, now) } };
    });
  }

  /**
   * Gives back a request counted at `countedAt` that was cancelled before it was answered. One
   * counted in an earlier month is not given back: that month's count is closed.
   */
  refund(userId: string, tier: TierName, countedAt: Date): Promise<Usage> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord(userId, limits, (record, _recovered, now) => {
      if (monthOf(countedAt) !== monthOf(now) || record.monthlyUsed === 0) return { result: usageOf(record, limits, now) };
      const next = { ...record, monthlyUsed: record.monthlyUsed - 1, minuteTokens: Math.min(limits.requestsPerMinute, record.minuteTokens + 1) };
      return { save: next, result: usageOf(next, limits, now) };
    });
  }

  usage(userId: string, tier: TierName): Promise<Usage> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord(userId, limits, (record, recovered, now) => ({
      save: recovered ? record : undefined,
      result: usageOf(record, limits, now),
    }));
  }

  /** The user's record as of now (month rolled over, bucket refilled); `recovered` if it replaces a corrupt file. */
  private async withRecord<T>(
    userId: string,
    limits: TierLimits,
    decide: (record: UsageRecord, recovered: boolean, now: Date) => { save?: UsageRecord; result: T },
  ): Promise<T> {
    const now = this.options.clock();
    const file = usageFilePath(this.options.dataDir, userId);
    let warning: string | undefined;
    const result = await updateUsageFile(file, userId, now, (stored) => {
      if (stored.state === 'corrupt') {
        warning = corruptUsageFileMessage(file, stored.copiedTo, stored.problem, limits.requestsPerMonth, nextMonthStart(now));
      }
      return decide(currentRecord(stored, limits, now), stored.state === 'corrupt', now);
    });
    // Only once the conservative count is on disk: a throwing handler must not lose it.
    if (warning) this.options.onWarning(warning);
    return result;
  }
}

function currentRecord(stored: StoredUsage, limits: TierLimits, now: Date): UsageRecord {
  const month = monthOf(now);
  switch (stored.state) {
    case 'missing':
      return { month, monthlyUsed: 0, minuteTokens: limits.requestsPerMinute, minuteUpdatedAt: now };
    case 'corrupt':
      // The true count is unknown, and a reset to zero would make corrupting the file a way
      // round the limit: count the whole month as used and start with an empty bucket.
      return { month, monthlyUsed: limits.requestsPerMonth, minuteTokens: 0, minuteUpdatedAt: now };
    case 'ok': {
      const { record } = stored;
      // A clock that went backwards refills nothing and does not move the bucket's time back.
      const elapsed = Math.max(0, now.getTime() - record.minuteUpdatedAt.getTime());
      const refilled = record.minuteTokens + (elapsed * limits.requestsPerMinute) / minuteMs;
      // Likewise a step back over a month boundary keeps the later month's count ('YYYY-MM' sorts
      // as it reads): resetting it would give requests back, and forget them once the clock is right.
      return {
        month: record.month > month ? record.month : month,
        monthlyUsed: record.month >= month ? record.monthlyUsed : 0,
        minuteTokens: Math.min(limits.requestsPerMinute, refilled),
        minuteUpdatedAt: elapsed > 0 ? now : record.minuteUpdatedAt,
      };
    }
  }
}

function refusalFor(record: UsageRecord, limits: TierLimits, tier: TierName, now: Date): RateLimitRefusal | undefined {
  const limit = limits.requestsPerMonth;
  if (record.monthlyUsed >= limit) {
    const used = record.monthlyUsed;
    const resetsAt = nextMonthStart(now);
    return {
      code: 'MONTHLY_LIMIT_REACHED',
      message: monthlyLimitMessage(limit, used, resetsAt),
      remedy: { kind: 'wait', until: resetsAt },
      tier,
      limit,
      used,
      left: Math.max(0, limit - used),
      resetsAt,
    };
  }
  if (record.minuteTokens + epsilon < 1) {
    const perMinute = limits.requestsPerMinute;
    const waitMs = Math.ceil(((1 - record.minuteTokens) * minuteMs) / perMinute - epsilon);
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const retryAt = new Date(now.getTime() + waitMs);
    return {
      code: 'MINUTE_LIMIT_REACHED',
      message: minuteLimitMessage(perMinute, tier),
      remedy: { kind: 'wait', until: retryAt, seconds: retryAfterSeconds },
      tier,
      limit: perMinute,
      retryAfterSeconds,
      retryAt,
    };
  }
  return undefined;
}

function usageOf(record: UsageRecord, limits: TierLimits, now: Date): Usage {
  const limit = limits.requestsPerMonth;
  return {
    monthly: { used: record.monthlyUsed, limit, left: Math.max(0, limit - record.monthlyUsed), resetsAt: nextMonthStart(now) },
    minute: { available: Math.floor(record.minuteTokens + epsilon), limit: limits.requestsPerMinute },
  };
}

/** `YYYY-MM` of the UTC calendar month. */
function monthOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

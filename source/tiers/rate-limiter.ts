import type { Clock } from '../config/clock.js';
import { corruptUsageFileMessage, minuteLimitMessage, monthlyLimitMessage } from './messages.js';
import type { TierLimits, TierName, TierPolicy } from './policy.js';
import type { MinuteLimitRefusal, MonthlyLimitRefusal } from './refusal.js';
import { moveAside } from '../storage/disk.js';
import { type Ledger, type MinuteBucket, readBucket, withUsageFiles, writeBucket, writeBucketInBackground } from './usage-file.js';

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

/** One user's counters as of now: the month's count (from the ledger) and the minute bucket. */
interface UsageRecord {
  /** UTC calendar month the count belongs to, `YYYY-MM`. */
  month: string;
  monthlyUsed: number;
  minuteTokens: number;
  minuteUpdatedAt: Date;
}

/**
 * Per-user limits from the tier policy: a monthly quota per UTC calendar month and a token
 * bucket of `requestsPerMinute` tokens refilling continuously. The month's count is an
 * append-only ledger (exact even when a lock holder is paused or killed); the bucket is a small
 * file rewritten under a cross-process lock, so concurrent qchat processes of one user share the
 * same limits. Which requests count is the caller's decision.
 */
export class RateLimiter {
  constructor(private readonly options: RateLimiterOptions) {}

  /**
   * Counts one request if both limits allow it; otherwise says which limit refused it. `onAdmitted`
   * is told as soon as the ledger has admitted it, while the bucket file is still being written
   * and flushed; the promise resolves once that is done and the lock is released.
   */
  consume(userId: string, tier: TierName, onAdmitted?: () => void): Promise<ConsumeResult> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord<ConsumeResult>(userId, limits, async (record, now, { bucketFile, ledger }) => {
      const refusal = refusalFor(record, limits, tier, now);
      if (refusal) return { allowed: false, refusal, usage: usageOf(record, limits, now) };
      if (!ledger.claim(limits.requestsPerMonth)) {
        // Another process counted the month's last request first (it had lost the lock while paused).
        const full = { ...record, monthlyUsed: limits.requestsPerMonth };
        return { allowed: false, refusal: refusalFor(full, limits, tier, now)!, usage: usageOf(full, limits, now) };
      }
      const next = { ...record, monthlyUsed: record.monthlyUsed + 1, minuteTokens: record.minuteTokens - 1 };
      onAdmitted?.();
      await writeBucketInBackground(bucketFile, userId, record.month, { tokens: next.minuteTokens, updatedAt: next.minuteUpdatedAt });
      return { allowed: true, usage: usageOf(next, limits, now) };
    });
  }

  /**
   * Gives back a request counted at `countedAt` that was cancelled before it was answered. One
   * counted in an earlier month is not given back: that month's count is closed.
   */
  refund(userId: string, tier: TierName, countedAt: Date): Promise<Usage> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord(userId, limits, (record, now, { bucketFile, ledger }) => {
      if (monthOf(countedAt) !== record.month || record.monthlyUsed === 0) return usageOf(record, limits, now);
      ledger.refund();
      const next = { ...record, monthlyUsed: record.monthlyUsed - 1, minuteTokens: Math.min(limits.requestsPerMinute, record.minuteTokens + 1) };
      writeBucket(bucketFile, userId, record.month, { tokens: next.minuteTokens, updatedAt: next.minuteUpdatedAt });
      return usageOf(next, limits, now);
    });
  }

  usage(userId: string, tier: TierName): Promise<Usage> {
    const limits = this.options.policy[tier].limits;
    return this.withRecord(userId, limits, (record, now) => usageOf(record, limits, now));
  }

  /**
   * The user's record as of now (month rolled over, bucket refilled), under the usage lock. An
   * unusable bucket file or ledger is moved aside and the month counted as used: the true count is
   * unknown, and a reset to zero would make corrupting a file a way round the limit.
   */
  private async withRecord<T>(userId: string, limits: TierLimits, decide: (record: UsageRecord, now: Date, files: { bucketFile: string; ledger: Ledger }) => T | Promise<T>): Promise<T> {
    const { clock, dataDir } = this.options;
    const now = clock();
    const limit = limits.requestsPerMonth;
    let warning: string | undefined;
    const result = await withUsageFiles(dataDir, userId, (files) => {
      const stored = readBucket(files.bucketFile, clock);
      // A clock stepping back over a month boundary keeps the later month in force ('YYYY-MM'
      // sorts as it reads): going back would give requests back, and forget them once it is right.
      const month = stored.state === 'ok' && stored.month > monthOf(now) ? stored.month : monthOf(now);
      const ledger = files.ledger(month);
      let count = ledger.count();
      if (count === undefined) {
        const problem = ledger.problem();
        warning = corruptUsageFileMessage(ledger.path, moveAside(ledger.path, clock), problem, limit, nextMonthStart(now));
        count = 0;
      }
      let bucket: MinuteBucket | undefined;
      if (stored.state === 'corrupt') {
        warning = corruptUsageFileMessage(files.bucketFile, stored.movedTo, stored.problem, limit, nextMonthStart(now));
        bucket = { tokens: 0, updatedAt: now };
        writeBucket(files.bucketFile, userId, month, bucket);
      } else if (stored.state === 'ok') {
        bucket = stored.bucket;
        // A version-1 file kept the count itself: it seeds this month's ledger once.
        if (stored.legacyCount?.month === month && count === 0) ledger.add(stored.legacyCount.used);
        if (stored.legacyCount?.month === month) count = Math.max(count, stored.legacyCount.used);
      }
      if (warning) {
        ledger.add(limit - count);
        count = Math.max(count, limit);
      }
      // Entries past the limit are requests refused in a race; they were never admitted.
      return decide(currentRecord(bucket, month, Math.min(count, limit), limits, now), now, { bucketFile: files.bucketFile, ledger });
    });
    // Only once the conservative count is on disk: a throwing handler must not lose it.
    if (warning) this.options.onWarning(warning);
    return result;
  }
}

function currentRecord(bucket: MinuteBucket | undefined, month: string, monthlyUsed: number, limits: TierLimits, now: Date): UsageRecord {
  if (!bucket) return { month, monthlyUsed, minuteTokens: limits.requestsPerMinute, minuteUpdatedAt: now };
  // A clock that went backwards refills nothing and does not move the bucket's time back.
  const elapsed = Math.max(0, now.getTime() - bucket.updatedAt.getTime());
  const refilled = bucket.tokens + (elapsed * limits.requestsPerMinute) / minuteMs;
  return {
    month,
    monthlyUsed,
    minuteTokens: Math.min(limits.requestsPerMinute, refilled),
    minuteUpdatedAt: elapsed > 0 ? now : bucket.updatedAt,
  };
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
      // Stryker disable next-line MethodExpression: equivalent, the count is capped at the limit, so here used === limit and both give 0.
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

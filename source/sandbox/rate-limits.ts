/**
 * The sandbox's request-rate quotas: a token bucket per (service, scope), refilled continuously,
 * as AWS's API throttling works. A request that finds the bucket empty is answered with the
 * service's throttling error, and the SDK's retry (with backoff) tries again.
 *
 * AWS does not publish fixed request rates for Cloud Control, the Tagging API or Cost Explorer:
 * the Cloud Control user guide's "Quotas" page and the Tagging API's "Service quotas" list none for
 * ListResources/GetResource/GetResources, and the Cost Explorer API reference only says a caller
 * that exceeds the rate gets LimitExceededException. The rates below are therefore chosen to be
 * realistic and strict rather than quoted: 10 requests per second with a burst of 20 per account
 * and region for Cloud Control and the Tagging API (qchat's default `regionRequestsPerSecond`
 * pacing matches it), and 5 per second with a burst of 10 per account for Cost Explorer, whose one
 * global endpoint serves every region.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
  /** `region`: one bucket per account and region; `account`: one per account. */
  scope: 'region' | 'account';
}

export const cloudControlRate: RateLimit = { perSecond: 10, burst: 20, scope: 'region' };
export const taggingRate: RateLimit = { perSecond: 10, burst: 20, scope: 'region' };
export const costExplorerRate: RateLimit = { perSecond: 5, burst: 10, scope: 'account' };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly enabled: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for this request; false when the caller is over the rate. */
  admit(service: string, limit: RateLimit, account: string, region: string): boolean {
    if (!this.enabled) return true;
    const key = `${service}\u0000${account}\u0000${limit.scope === 'region' ? region : ''}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

import type { AwsClients } from './clients.js';
import { sleep } from './fanout.js';

/**
 * A token bucket per region: requests to one region (list pages, describes, tag lookups) wait for
 * a token, refilled at `perSecond` up to `burst`, so a long listing or many describes stay under the
 * region's request quota instead of bursting into throttling. One set of buckets per set of clients
 * (one session), shared by every question, so consecutive questions do not each start with a full
 * burst. What still gets throttled is retried by the SDK.
 */
export class TokenBucket {
  private tokens: number;
  private at = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Resolves when this request may go; rejects when the signal aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    // The token is taken now (the balance may go negative), so concurrent callers queue in order.
    this.tokens -= 1;
    if (this.tokens < 0) await sleep((-this.tokens / this.perSecond) * 1000, signal);
  }
}

export class RegionPacers {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(readonly perSecond: number) {}

  /** The bucket of one region. Its burst is one second of requests, below what AWS-style buckets allow, so requests that arrive bunched (network jitter) still find tokens at the service. */
  of(region: string): TokenBucket {
    let bucket = this.buckets.get(region);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, Math.max(1, this.perSecond));
      this.buckets.set(region, bucket);
    }
    return bucket;
  }
}

const sessions = new WeakMap<AwsClients, RegionPacers>();

/** The session's region buckets, made at `perSecond` on first use (setting regionRequestsPerSecond). */
export function regionPacers(clients: AwsClients, perSecond: number): RegionPacers {
  let pacers = sessions.get(clients);
  if (!pacers || pacers.perSecond !== perSecond) {
    pacers = new RegionPacers(perSecond);
    sessions.set(clients, pacers);
  }
  return pacers;
}

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

  /**
   * The bucket of one region. AWS publishes no request rates for Cloud Control or the Tagging API
   * (source/sandbox/rate-limits.ts says where it looked); where AWS does publish its buckets, they
   * hold several seconds of refill (the EC2 developer guide, "Request throttling for the Amazon EC2
   * API": DescribeHosts refills 20 tokens a second into a bucket of 100). qchat assumes two
   * seconds, the sandbox's quota, and keeps one token of them in hand: its bucket then trails the
   * service's by one request, so a request that reaches the service early (jitter) still finds a
   * token, and a listing of up to two seconds of pages goes at the network's pace, not the refill's.
   */
  of(region: string): TokenBucket {
    let bucket = this.buckets.get(region);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, Math.max(1, 2 * this.perSecond - 1));
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

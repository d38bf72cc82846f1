/**
 * Fault injection for the sandbox: `latency=50ms,throttle=0.2,error5xx=0.05,down=ap-south-1,deny=eu-west-3,seed=7`.
 * The latency is the time from a request's arrival to its reply, the sandbox's own work included (as a
 * service's response time is); it may differ by region, as a far region's round trip does:
 * `latency=20ms+ap-southeast-2:250ms` (a default, and regions with their own, joined by "+").
 * Decisions are a pure function of (seed, request key, how often that key was seen), so a run is
 * reproducible under a seed however concurrent requests interleave.
 */
export interface FaultSpec {
  /** The latency of a region not named in `regionLatencyMs`. */
  latencyMs: number;
  regionLatencyMs: Record<string, number>;
  throttle: number;
  error5xx: number;
  down: string[];
  deny: string[];
  seed: number;
}

export const noFaults: FaultSpec = { latencyMs: 0, regionLatencyMs: {}, throttle: 0, error5xx: 0, down: [], deny: [], seed: 1 };

export class FaultSpecError extends Error {}

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function parseFaultSpec(spec: string): FaultSpec {
  const result: FaultSpec = { ...noFaults, regionLatencyMs: {}, down: [], deny: [] };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    const bad = (allowed: string) => new FaultSpecError(`bad fault "${part}": ${allowed}`);
    switch (key) {
      case 'latency': {
        const items = value.split('+').map((item) => item.trim());
        for (const item of items) {
          const match = /^(?:([a-z]{2}(?:-[a-z]+)+-\d):)?(\d+(?:\.\d+)?)(ms|s)?$/.exec(item);
          if (!match) throw bad('latency takes a duration such as 50ms or 1s, and regions their own as in 20ms+ap-southeast-2:250ms');
          const ms = Number(match[2]) * (match[3] === 's' ? 1000 : 1);
          if (match[1]) result.regionLatencyMs[match[1]] = ms;
          else result.latencyMs = ms;
        }
        break;
      }
      case 'throttle':
      case 'error5xx': {
        const rate = Number(value);
        if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw bad(`${key} takes a rate from 0 to 1`);
        result[key] = rate;
        break;
      }
      case 'down':
      case 'deny': {
        const regions = value.split(/[+|;\s]+/).filter(Boolean);
        if (regions.length === 0 || !regions.every((r) => regionPattern.test(r))) {
          throw bad(`${key} takes region codes joined by "+", such as ap-south-1+eu-west-3`);
        }
        result[key].push(...regions);
        break;
      }
      case 'seed': {
        if (!/^\d+$/.test(value)) throw bad('seed takes a whole number');
        result.seed = Number(value);
        break;
      }
      default:
        throw new FaultSpecError(`unknown fault "${key}" in "${part}"; known: latency, throttle, error5xx, down, deny, seed`);
    }
  }
  return result;
}

export type FaultDecision = { kind: 'none' } | { kind: 'throttle' } | { kind: 'error5xx' };

export class FaultInjector {
  private readonly seen = new Map<string, number>();

  constructor(readonly spec: FaultSpec) {}

  /** How long after its arrival a request to this region is answered. */
  latencyFor(region: string): number {
    return Object.hasOwn(this.spec.regionLatencyMs, region) ? this.spec.regionLatencyMs[region]! : this.spec.latencyMs;
  }

  isDown(region: string): boolean {
    return this.spec.down.includes(region);
  }

  denies(region: string): boolean {
    return this.spec.deny.includes(region);
  }

  /** Throttling or a 5xx for this request, decided by the seed and how often the same request came. */
  decide(requestKey: string): FaultDecision {
    if (this.spec.throttle === 0 && this.spec.error5xx === 0) return { kind: 'none' };
    const attempt = (this.seen.get(requestKey) ?? 0) + 1;
    this.seen.set(requestKey, attempt);
    const roll = unitHash(`${this.spec.seed}\u0000${requestKey}\u0000${attempt}`);
    if (roll < this.spec.throttle) return { kind: 'throttle' };
    if (roll < this.spec.throttle + this.spec.error5xx) return { kind: 'error5xx' };
    return { kind: 'none' };
  }
}

/** FNV-1a with murmur3's final mix (so inputs that differ only in the last character, like the attempt number, spread out), mapped to [0, 1). */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

// The per-minute bucket and the monthly count when a clock goes backwards (NTP steps, a VM
// resumed, two processes whose clocks disagree): what is saved then must not give requests back
// early once the clock is right again (issue 17).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTierPolicy } from '../source/tiers/policy.js';
import { RateLimiter } from '../source/tiers/rate-limiter.js';
import { usageFilePath } from '../source/tiers/usage-file.js';

const user = 'd-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666';
const policy = loadTierPolicy();

/** Two processes' limiters on one data directory, each with its own settable clock. */
function twoProcesses(start: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qchat-clock-skew-'));
  const clocks = { a: new Date(start), b: new Date(start) };
  const limiter = (name: 'a' | 'b') => new RateLimiter({ dataDir, policy, clock: () => clocks[name], onWarning: () => {} });
  return { a: limiter('a'), b: limiter('b'), clocks, stored: () => JSON.parse(readFileSync(usageFilePath(dataDir, user), 'utf8')) };
}

const consume = async (limiter: RateLimiter, times: number) => {
  const results = [];
  for (let i = 0; i < times; i++) results.push((await limiter.consume(user, 'free')).allowed);
  return results;
};

describe('a clock that went backwards', () => {
  it('saves the bucket with its later time, so no token comes back early', async () => {
    const { a, clocks, stored } = twoProcesses('2026-11-22T10:00:00Z');
    expect(await consume(a, 4)).toEqual([true, true, true, true]);
    clocks.a = new Date('2026-11-22T09:59:30Z');
    // The last token is spent while the clock is 30 s behind; the bucket keeps 10:00:00 as its time.
    expect(await consume(a, 1)).toEqual([true]);
    expect(stored()).toMatchObject({ minuteTokens: 0, minuteUpdatedAt: '2026-11-22T10:00:00.000Z' });
    // Back on time, one second later: 1/12 of a token, not the 2.6 that 31 s would give.
    clocks.a = new Date('2026-11-22T10:00:01Z');
    const refused = await a.consume(user, 'free');
    expect(refused.allowed ? 'allowed' : refused.refusal).toMatchObject({ code: 'MINUTE_LIMIT_REACHED', retryAfterSeconds: 11, retryAt: new Date('2026-11-22T10:00:12Z') });
    clocks.a = new Date('2026-11-22T10:00:12Z');
    expect(await consume(a, 2)).toEqual([true, false]);
  });

  it('holds between two processes whose clocks disagree', async () => {
    const { a, b, clocks } = twoProcesses('2026-11-22T10:00:00Z');
    clocks.b = new Date('2026-11-22T09:58:00Z');
    expect(await consume(a, 3)).toEqual([true, true, true]);
    expect(await consume(b, 3)).toEqual([true, true, false]);
    // Process a, two seconds on: 2/12 of a token since 10:00:00, whatever b's clock said.
    clocks.a = new Date('2026-11-22T10:00:02Z');
    expect(await consume(a, 1)).toEqual([false]);
    expect((await a.usage(user, 'free')).minute).toEqual({ available: 0, limit: 5 });
  });

  it('does not refill past the capacity after a long pause, nor below zero after a step back', async () => {
    const { a, clocks } = twoProcesses('2026-11-22T10:00:00Z');
    expect(await consume(a, 5)).toEqual([true, true, true, true, true]);
    clocks.a = new Date('2026-11-22T09:00:00Z');
    expect((await a.usage(user, 'free')).minute).toEqual({ available: 0, limit: 5 });
    clocks.a = new Date('2026-11-22T12:00:00Z');
    expect((await a.usage(user, 'free')).minute).toEqual({ available: 5, limit: 5 });
    expect(await consume(a, 6)).toEqual([true, true, true, true, true, false]);
  });

  it('keeps the new month\'s count when the clock steps back over the month boundary', async () => {
    const { a, clocks, stored } = twoProcesses('2026-12-01T00:00:30Z');
    expect(await consume(a, 3)).toEqual([true, true, true]);
    clocks.a = new Date('2026-11-30T23:59:50Z');
    // Still December's three: a step back into November neither resets nor forgets them.
    expect((await a.usage(user, 'free')).monthly.used).toBe(3);
    clocks.a = new Date('2026-11-30T23:59:59Z');
    expect(await consume(a, 1)).toEqual([true]);
    // The bucket file names the month in force; the count is December's ledger.
    expect(stored()).toMatchObject({ month: '2026-12' });
    expect((await a.usage(user, 'free')).monthly.used).toBe(4);
    clocks.a = new Date('2026-12-01T00:10:00Z');
    expect((await a.usage(user, 'free')).monthly).toMatchObject({ used: 4, left: 46 });
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTierPolicy, type TierPolicy } from '../source/tiers/policy.js';
import { RateLimiter } from '../source/tiers/rate-limiter.js';
import { usageFilePath } from '../source/tiers/usage-file.js';

const shipped = loadTierPolicy();
const user = 'd-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666';

/** Shipped policy with a per-minute limit high enough to test the monthly quota alone. */
function monthlyOnly(): TierPolicy {
  const policy = structuredClone(shipped);
  policy.free.limits.requestsPerMinute = 10_000;
  return policy;
}

function setup(policy: TierPolicy = shipped, start = '2026-11-22T10:00:00Z') {
  const dataDir = mkdtempSync(join(tmpdir(), 'qchat-tiers-limits-'));
  const warnings: string[] = [];
  let now = new Date(start);
  const make = () => new RateLimiter({ dataDir, policy, clock: () => now, onWarning: (w) => warnings.push(w) });
  return {
    dataDir,
    warnings,
    limiter: make(),
    make,
    at: (iso: string) => void (now = new Date(iso)),
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
  };
}

async function consumeTimes(limiter: RateLimiter, times: number, tier: 'free' | 'pro' = 'free'): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < times; i++) if ((await limiter.consume(user, tier)).allowed) allowed++;
  return allowed;
}

describe('monthly quota', () => {
  it('allows the Free tier 50 requests a month, then refuses with the reset time', async () => {
    const { limiter } = setup(monthlyOnly());
    expect(await consumeTimes(limiter, 50)).toBe(50);
    const result = await limiter.consume(user, 'free');
    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.refusal).toEqual({
      code: 'MONTHLY_LIMIT_REACHED',
      message: 'Monthly limit of 50 requests reached (50 used, 0 left).',
      remedy: { kind: 'wait', until: new Date('2026-12-01T00:00:00Z') },
      tier: 'free',
      limit: 50,
      used: 50,
      left: 0,
      resetsAt: new Date('2026-12-01T00:00:00Z'),
    });
    expect(result.usage.monthly).toEqual({ used: 50, limit: 50, left: 0, resetsAt: new Date('2026-12-01T00:00:00Z') });
  });

  it('gives back a cancelled request of this month through the ledger, not one of an earlier month', async () => {
    const { limiter, at } = setup(monthlyOnly());
    expect(await consumeTimes(limiter, 50)).toBe(50);
    expect((await limiter.refund(user, 'free', new Date('2026-11-22T10:00:00Z'))).monthly.used).toBe(49);
    expect(await consumeTimes(limiter, 2)).toBe(1);
    at('2026-12-01T00:00:01Z');
    expect(await consumeTimes(limiter, 1)).toBe(1);
    expect((await limiter.refund(user, 'free', new Date('2026-11-30T23:00:00Z'))).monthly.used).toBe(1);
  });

  it('resets at the UTC month boundary', async () => {
    const { limiter, at } = setup(monthlyOnly(), '2026-11-30T23:59:59Z');
    expect(await consumeTimes(limiter, 51)).toBe(50);
    at('2026-12-01T00:00:00Z');
    const result = await limiter.consume(user, 'free');
    expect(result.allowed).toBe(true);
    expect(result.usage.monthly).toEqual({ used: 1, limit: 50, left: 49, resetsAt: new Date('2027-01-01T00:00:00Z') });
  });

  it('uses the tier the caller names: Pro has 1000', async () => {
    const { limiter } = setup();
    expect((await limiter.usage(user, 'pro')).monthly).toMatchObject({ used: 0, limit: 1000, left: 1000 });
  });
});

describe('per-minute token bucket', () => {
  it('allows a burst of 5 on Free, then says when to try again', async () => {
    const { limiter, advance } = setup();
    expect(await consumeTimes(limiter, 5)).toBe(5);
    advance(4_000);
    const result = await limiter.consume(user, 'free');
    if (result.allowed) throw new Error('expected a refusal');
    expect(result.refusal).toEqual({
      code: 'MINUTE_LIMIT_REACHED',
      message: 'Too many requests: 5 in the last minute is the Free limit.',
      remedy: { kind: 'wait', until: new Date('2026-11-22T10:00:12Z'), seconds: 8 },
      tier: 'free',
      limit: 5,
      retryAfterSeconds: 8,
      retryAt: new Date('2026-11-22T10:00:12Z'),
    });
    // A refused request does not count against the month.
    expect(result.usage.monthly.used).toBe(5);
  });

  it('refills continuously up to the capacity', async () => {
    const { limiter, advance } = setup();
    await consumeTimes(limiter, 5);
    advance(11_999);
    expect((await limiter.usage(user, 'free')).minute).toEqual({ available: 0, limit: 5 });
    advance(1);
    expect((await limiter.usage(user, 'free')).minute).toEqual({ available: 1, limit: 5 });
    expect(await consumeTimes(limiter, 2)).toBe(1);
    advance(10 * 60_000);
    expect((await limiter.usage(user, 'free')).minute).toEqual({ available: 5, limit: 5 });
  });

  it('refills Pro at 30 a minute', async () => {
    const { limiter, advance } = setup();
    expect(await consumeTimes(limiter, 31, 'pro')).toBe(30);
    advance(2_000);
    expect(await consumeTimes(limiter, 2, 'pro')).toBe(1);
  });

  it('refills nothing when the clock goes backwards', async () => {
    const { limiter, advance } = setup();
    await consumeTimes(limiter, 5);
    advance(-60_000);
    expect((await limiter.usage(user, 'free')).minute.available).toBe(0);
    advance(60_000 + 12_000);
    expect((await limiter.usage(user, 'free')).minute.available).toBe(1);
  });
});

describe('usage on disk', () => {
  it('persists across limiter instances in a private file', async () => {
    const { limiter, make, dataDir } = setup(monthlyOnly());
    await consumeTimes(limiter, 3);
    expect((await make().usage(user, 'free')).monthly.used).toBe(3);

    const file = usageFilePath(dataDir, user);
    expect(file).toBe(join(dataDir, 'usage', `${user}.json`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 2,
      userId: user,
      month: '2026-11',
      minuteTokens: 9_997,
      minuteUpdatedAt: '2026-11-22T10:00:00.000Z',
    });
    // The month's count is its ledger: one 17-byte entry per request, 0600 too.
    const ledger = join(dataDir, 'usage', `${user}.2026-11.ledger`);
    expect(statSync(ledger).size).toBe(3 * 17);
    expect(statSync(ledger).mode & 0o777).toBe(0o600);
    // No lock directory or temp file is left behind.
    expect(readdirSync(dirname(file)).sort()).toEqual([`${user}.2026-11.ledger`, `${user}.json`]);
  });

  it('seeds the ledger from a version-1 file, which kept the count itself', async () => {
    const { limiter, dataDir } = setup(monthlyOnly());
    const file = usageFilePath(dataDir, user);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 1, userId: user, month: '2026-11', monthlyUsed: 46, minuteTokens: 5, minuteUpdatedAt: '2026-11-22T09:00:00.000Z' }));
    expect((await limiter.consume(user, 'free')).usage.monthly.used).toBe(47);
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(47);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });

  it('keeps users apart, hashing user IDs that are not safe file names', async () => {
    const { limiter, dataDir } = setup(monthlyOnly());
    await limiter.consume('../evil', 'free');
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(0);
    expect(readdirSync(join(dataDir, 'usage')).sort()).toEqual([expect.stringMatching(/^u-[0-9a-f]{32}\.2026-11\.ledger$/), expect.stringMatching(/^u-[0-9a-f]{32}\.json$/)]);
  });

  it.each([
    ['not JSON', '{"version": 1, "monthlyUsed": ', 'not valid JSON'],
    ['the wrong shape', JSON.stringify({ version: 1, userId: user, month: '2026-11', monthlyUsed: -40, minuteTokens: 5, minuteUpdatedAt: '2026-11-22T10:00:00.000Z' }), 'not a qchat usage file (monthlyUsed: Too small: expected number to be >=0)'],
  ])('keeps a corrupt file (%s) aside, warns, and counts the month as used', async (_, content, problem) => {
    const { limiter, make, at, dataDir, warnings } = setup();
    const file = usageFilePath(dataDir, user);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);

    const result = await limiter.consume(user, 'free');
    expect(result.allowed || result.refusal.code).toBe('MONTHLY_LIMIT_REACHED');
    const aside = readdirSync(dirname(file)).filter((name) => name === `${user}.json.corrupt-20261122T100000Z`);
    expect(aside).toHaveLength(1);
    const keptAs = join(dirname(file), aside[0]!);
    expect(readFileSync(keptAs, 'utf8')).toBe(content);
    expect(statSync(keptAs).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([
      `The usage file ${file} could not be read (${problem}); it was kept as ${keptAs} and replaced. ` +
        `To keep limits safe, this month's 50 requests count as used until the count resets on 12/01 at 00:00 UTC.`,
    ]);

    // The conservative count is saved, so a second process (or run) sees it too, without a new warning.
    expect((await make().usage(user, 'free')).monthly).toMatchObject({ used: 50, left: 0 });
    expect(warnings).toHaveLength(1);
    at('2026-12-01T00:00:00Z');
    expect((await limiter.consume(user, 'free')).allowed).toBe(true);
  });

  it('recovers a corrupt file when only usage is asked for', async () => {
    const { limiter, dataDir, warnings } = setup();
    const file = usageFilePath(dataDir, user);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'garbage');
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toHaveLength(1);
    expect(statSync(join(dataDir, 'usage', `${user}.2026-11.ledger`)).size / 17).toBe(50);
  });

  it('saves the conservative count even when the warning handler throws', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qchat-tiers-limits-'));
    const file = usageFilePath(dataDir, user);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'garbage');
    const onWarning = () => {
      throw new Error('the UI is gone');
    };
    const limiter = new RateLimiter({ dataDir, policy: shipped, clock: () => new Date('2026-11-22T10:00:00Z'), onWarning });
    await expect(limiter.consume(user, 'free')).rejects.toThrow('the UI is gone');
    expect(statSync(join(dataDir, 'usage', `${user}.2026-11.ledger`)).size / 17).toBe(50);
  });
});

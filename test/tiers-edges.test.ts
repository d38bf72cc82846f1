// Tiers and usage at their edges, each found by a mutant that survived the other tiers suites
// (issue 17): refunds with nothing to give back, a version-1 file read more than once, a
// conservative count over a ledger that already holds requests, usage files that are folders or
// links, months before October, policy keys that need quoting, and no file descriptor left open.
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QchatError } from '../source/errors.js';
import { loadTierPolicy, type TierPolicy } from '../source/tiers/policy.js';
import { RateLimiter } from '../source/tiers/rate-limiter.js';
import { refusalError } from '../source/tiers/refusal.js';
import { usageFilePath } from '../source/tiers/usage-file.js';

const shipped = loadTierPolicy();
const user = 'd-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666';

function setup(start = '2026-11-22T10:00:00Z', policy: TierPolicy = shipped) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qchat-tiers-edges-'));
  const warnings: string[] = [];
  let now = new Date(start);
  const limiter = new RateLimiter({ dataDir, policy, clock: () => now, onWarning: (w) => warnings.push(w) });
  const bucketFile = usageFilePath(dataDir, user);
  mkdirSync(dirname(bucketFile), { recursive: true });
  const ledger = (month: string) => join(dirname(bucketFile), `${user}.${month}.ledger`);
  return { limiter, warnings, bucketFile, ledger, at: (iso: string) => void (now = new Date(iso)), now: () => now };
}

const entries = (n: number) => '0123456789abcdef\n'.repeat(n);

describe('refunds', () => {
  it('gives nothing back when nothing was counted this month', async () => {
    const { limiter, now } = setup();
    expect((await limiter.refund(user, 'free', now())).monthly).toMatchObject({ used: 0, left: 50 });
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(0);
  });

  it('gives the request back to the minute bucket too, up to its capacity', async () => {
    const { limiter, now } = setup();
    for (let i = 0; i < 3; i++) await limiter.consume(user, 'free');
    expect((await limiter.refund(user, 'free', now())).minute).toEqual({ available: 3, limit: 5 });
    expect((await limiter.usage(user, 'free')).minute).toEqual({ available: 3, limit: 5 });
  });

  it('gives one back after a corrupt bucket file counted the month as used', async () => {
    const { limiter, bucketFile, now } = setup();
    for (let i = 0; i < 3; i++) await limiter.consume(user, 'free');
    writeFileSync(bucketFile, 'garbage');
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect((await limiter.refund(user, 'free', now())).monthly).toMatchObject({ used: 49, left: 1 });
  });
});

describe('the month count from what is on disk', () => {
  it('seeds the ledger from a version-1 file once, however often usage is read before a request', async () => {
    const { limiter, bucketFile } = setup();
    writeFileSync(bucketFile, JSON.stringify({ version: 1, userId: user, month: '2026-11', monthlyUsed: 20, minuteTokens: 5, minuteUpdatedAt: '2026-11-22T09:00:00.000Z' }));
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(20);
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(20);
  });

  it('counts a month whose ledger holds more than the limit (requests refused in a race) as the limit, also with a corrupt bucket', async () => {
    const { limiter, bucketFile, ledger, warnings } = setup();
    writeFileSync(ledger('2026-11'), entries(52));
    writeFileSync(bucketFile, 'garbage');
    expect((await limiter.usage(user, 'free')).monthly).toMatchObject({ used: 50, left: 0 });
    expect(warnings).toHaveLength(1);
  });

  it('keeps a month before October in force when the clock steps back into September', async () => {
    const { limiter, at } = setup('2026-10-01T00:00:30Z');
    for (let i = 0; i < 3; i++) await limiter.consume(user, 'free');
    at('2026-09-30T23:59:50Z');
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(3);
  });

  it.each([
    ['a folder', (path: string) => mkdirSync(path), 'a folder, not a file'],
    ['a symbolic link', (path: string) => symlinkSync('/etc/hostname', path), 'a symbolic link, not a file'],
  ])('names a ledger that is %s, and counts the month as used', async (_, make, problem) => {
    const { limiter, ledger, warnings } = setup();
    make(ledger('2026-11'));
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`(${problem})`);
  });

  it.each([
    ['a folder', (path: string) => mkdirSync(path), 'a folder, not a file'],
    ['a symbolic link', (path: string) => symlinkSync('/etc/hostname', path), 'a symbolic link, not a file'],
  ])('names a bucket file that is %s, moves it aside, and counts the month as used', async (_, make, problem) => {
    const { limiter, bucketFile, warnings } = setup();
    make(bucketFile);
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toEqual([expect.stringContaining(`could not be read (${problem}); it was kept as ${bucketFile}.corrupt-20261122T100000Z`)]);
  });
});

describe('the error of a limit refusal', () => {
  it('carries the facts --json reports: the limit, what was used and when it resets, or when to retry', async () => {
    const monthly = setup('2026-11-22T10:00:00Z', { ...shipped, free: { ...shipped.free, limits: { requestsPerMonth: 1, requestsPerMinute: 5 } } });
    await monthly.limiter.consume(user, 'free');
    const refusedMonth = await monthly.limiter.consume(user, 'free');
    if (refusedMonth.allowed) throw new Error('expected the monthly limit to refuse');
    expect(refusalError(refusedMonth.refusal).details).toEqual({ tier: 'free', limit: 1, used: 1, resetsAt: '2026-12-01T00:00:00.000Z' });

    const minute = setup();
    for (let i = 0; i < 5; i++) await minute.limiter.consume(user, 'free');
    const refusedMinute = await minute.limiter.consume(user, 'free');
    if (refusedMinute.allowed) throw new Error('expected the per-minute limit to refuse');
    expect(refusalError(refusedMinute.refusal).details).toEqual({ tier: 'free', limit: 5, retryAfterSeconds: 12, resetsAt: '2026-11-22T10:00:12.000Z' });
  });
});

describe('file descriptors', () => {
  it('are all closed again after requests, usage reads and refunds', async () => {
    const { limiter, now } = setup('2026-11-22T10:00:00Z', { ...shipped, free: { ...shipped.free, limits: { requestsPerMonth: 1000, requestsPerMinute: 1000 } } });
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 40; i++) {
      await limiter.consume(user, 'free');
      await limiter.usage(user, 'free');
      await limiter.refund(user, 'free', now());
    }
    // Three operations a round, each opening the ledger at least once: a leak would be 120 or more.
    expect(open() - before).toBeLessThan(10);
  });
});

describe('tier policy keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qchat-tiers-edges-policy-'));
  const problemsOf = (file: string): string => {
    try {
      loadTierPolicy(file);
    } catch (error) {
      expect(error).toBeInstanceOf(QchatError);
      return (error as QchatError).message.slice(`Bad tiers file ${file}: `.length);
    }
    throw new Error('expected the policy to be refused');
  };

  it('names an unknown top-level key without a leading dot, and quotes keys that are not plain names', () => {
    const file = join(dir, 'tiers.json');
    writeFileSync(file, JSON.stringify({ ...shipped, enterprise: {}, free: { ...shipped.free, 'my key': 1, 'limit!': 2 } }));
    expect(problemsOf(file)).toBe('free."my key": is not a known key; free."limit!": is not a known key; enterprise: is not a known key');
  });

  it('says what a tiers path that is a folder is', () => {
    expect(problemsOf(dir)).toBe('is a directory, not a file');
  });
});

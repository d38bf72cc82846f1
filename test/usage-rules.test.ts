// The usage files' rules one row each, beside test/tiers-edges.test.ts: what a later request sees
// after a version-1 file or a conservative count (not only the call that made it), the bucket file's
// schema, ledgers that are too large or a FIFO, a ledger whose own entry cannot be found, and a usage
// folder that is not one, and what trouble inside the lock becomes (a lock taken over, a disk error,
// errors passing through). Rows written to kill the mutants StrykerJS left alive in the usage module.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QchatError } from '../source/errors.js';
import { loadTierPolicy } from '../source/tiers/policy.js';
import { RateLimiter } from '../source/tiers/rate-limiter.js';
import { usageFilePath, withUsageFiles } from '../source/tiers/usage-file.js';

const user = 'd-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666';

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'qchat-usage-rules-'));
  const warnings: string[] = [];
  const now = new Date('2026-11-22T10:00:00Z');
  const limiter = new RateLimiter({ dataDir, policy: loadTierPolicy(), clock: () => now, onWarning: (w) => warnings.push(w) });
  const bucketFile = usageFilePath(dataDir, user);
  mkdirSync(dirname(bucketFile), { recursive: true });
  return { dataDir, limiter, warnings, bucketFile, ledger: join(dirname(bucketFile), `${user}.2026-11.ledger`), now };
}

const bucket = (fields: Record<string, unknown>) => JSON.stringify({ version: 2, userId: user, month: '2026-11', minuteTokens: 5, minuteUpdatedAt: '2026-11-22T09:00:00.000Z', ...fields });

describe('what later requests see', () => {
  it('a version-1 count read twice is seeded once: the next request is the 21st', async () => {
    const { limiter, bucketFile } = setup();
    writeFileSync(bucketFile, JSON.stringify({ version: 1, userId: user, month: '2026-11', monthlyUsed: 20, minuteTokens: 5, minuteUpdatedAt: '2026-11-22T09:00:00.000Z' }));
    await limiter.usage(user, 'free');
    await limiter.usage(user, 'free');
    const next = await limiter.consume(user, 'free');
    expect(next).toMatchObject({ allowed: true, usage: { monthly: { used: 21 } } });
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(21);
  });

  it('a version-1 count of another month seeds nothing', async () => {
    const { limiter, bucketFile } = setup();
    writeFileSync(bucketFile, JSON.stringify({ version: 1, userId: user, month: '2026-10', monthlyUsed: 20, minuteTokens: 5, minuteUpdatedAt: '2026-10-22T09:00:00.000Z' }));
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(0);
  });

  it('the conservative count tops the ledger up to the limit exactly, so one refund leaves one request', async () => {
    const { limiter, bucketFile, now } = setup();
    for (let i = 0; i < 3; i++) await limiter.consume(user, 'free');
    writeFileSync(bucketFile, 'garbage');
    await limiter.usage(user, 'free');
    await limiter.refund(user, 'free', now);
    expect((await limiter.usage(user, 'free')).monthly).toMatchObject({ used: 49, left: 1 });
  });
});

describe('the bucket file\'s schema', () => {
  it.each([
    ['a month 13', bucket({ month: '2026-13' })],
    ['a month 00', bucket({ month: '2026-00' })],
    ['a month with more before it', bucket({ month: 'x2026-11' })],
    ['a month with more after it', bucket({ month: '2026-111' })],
    ['an unknown version', bucket({ version: 3 })],
    ['a version 2 without its month', bucket({ month: undefined })],
  ])('refuses %s as corrupt and counts the month as used', async (_case, text) => {
    const { limiter, bucketFile, warnings } = setup();
    writeFileSync(bucketFile, text);
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toEqual([expect.stringContaining(`The usage file ${bucketFile} could not be read (not a qchat usage file`)]);
  });

  it('reads a version-2 file of this month with its bucket', async () => {
    const { limiter, bucketFile, warnings } = setup();
    writeFileSync(bucketFile, bucket({ minuteTokens: 1, minuteUpdatedAt: '2026-11-22T10:00:00.000Z' }));
    expect(await limiter.usage(user, 'free')).toMatchObject({ monthly: { used: 0 }, minute: { available: 1 } });
    expect(warnings).toEqual([]);
  });
});

describe('ledgers qchat did not write', () => {
  it('names a ledger over its cap by its size and the cap', async () => {
    const { limiter, ledger, warnings } = setup();
    writeFileSync(ledger, Buffer.alloc(1024 * 1024 + 17, '0'));
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toEqual([expect.stringContaining('(1,048,593 bytes; at most 1,048,576 are read)')]);
  });

  it('names a ledger that is a FIFO', async () => {
    const { limiter, ledger, warnings } = setup();
    expect(spawnSync('mkfifo', [ledger]).status).toBe(0);
    expect((await limiter.usage(user, 'free')).monthly.used).toBe(50);
    expect(warnings).toEqual([expect.stringContaining('(a FIFO (named pipe), not a file)')]);
  });

  it('refuses a request whose own entry cannot be found (a torn tail), as if the month were used up', async () => {
    const { limiter, ledger } = setup();
    writeFileSync(ledger, '0123456789abcdef\n'.repeat(3));
    appendFileSync(ledger, 'torn');
    const refused = await limiter.consume(user, 'free');
    expect(refused).toMatchObject({ allowed: false, refusal: { code: 'MONTHLY_LIMIT_REACHED', used: 50, left: 0 }, usage: { monthly: { used: 50, left: 0 } } });
  });
});

describe('a usage folder qchat cannot use', () => {
  it('is an error naming the usage file and what is wrong, not a crash', async () => {
    const { dataDir, limiter, bucketFile } = setup();
    rmSync(dirname(bucketFile), { recursive: true });
    writeFileSync(dirname(bucketFile), 'not a folder');
    const error = await limiter.usage(user, 'free').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QchatError);
    expect(error).toMatchObject({
      code: 'USAGE_FILE_UNUSABLE',
      message: `Could not use the usage file ${bucketFile}, which keeps your request limits (${join(dataDir, 'usage')} is a file, not a folder).`,
      remedy: { kind: 'fix', action: 'Move it away so qchat can create the folder.' },
    });
  });
});

describe('what trouble inside the usage lock becomes', () => {
  const thrown = async (error: unknown) => {
    const { dataDir, bucketFile } = setup();
    const caught = await withUsageFiles(dataDir, user, () => {
      throw error;
    }).catch((e: unknown) => e);
    return { caught, bucketFile };
  };

  it('the lock taken over by another process: USAGE_FILE_BUSY, naming the file', async () => {
    const { caught, bucketFile } = await thrown(Object.assign(new Error('the lock on the usage file was taken over by another process'), { code: 'ECOMPROMISED' }));
    expect(caught).toBeInstanceOf(QchatError);
    expect(caught).toMatchObject({ code: 'USAGE_FILE_BUSY', message: `Could not lock the usage file ${bucketFile}: another qchat process has held it for too long. Try again in a moment.` });
  });

  it('a disk error: USAGE_FILE_UNUSABLE with the error, and the fix as its remedy', async () => {
    const { caught, bucketFile } = await thrown(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    expect(caught).toMatchObject({
      code: 'USAGE_FILE_UNUSABLE',
      message: `Could not use the usage file ${bucketFile}, which keeps your request limits (EIO: i/o error, write).`,
      remedy: { kind: 'fix', action: 'Check that its folder is a folder you can write to.' },
    });
  });

  it('a QchatError and an error without an errno code pass through as they are', async () => {
    const refusal = new QchatError('USAGE_FILE_BUSY', 'already worded');
    expect((await thrown(refusal)).caught).toBe(refusal);
    const bug = new TypeError('not a disk problem');
    expect((await thrown(bug)).caught).toBe(bug);
  });
});

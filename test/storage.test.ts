import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { errorJson, type QchatError } from '../source/errors.js';
import { describe, expect, it } from 'vitest';
import { CostCache } from '../source/aws/cost-cache.js';
import { writeFileAtomic } from '../source/storage/atomic-write.js';
import { ensurePrivateDir } from '../source/storage/private-dir.js';
import { readFileCapped } from '../source/storage/read-file.js';
import { readLines } from '../source/storage/read-lines.js';

const temp = () => mkdtempSync(join(tmpdir(), 'qchat-storage-'));
const mode = (path: string) => statSync(path).mode & 0o777;
const clock = () => new Date('2026-11-22T10:00:00Z');

/** A FIFO with no writer: opening it for reading without O_NONBLOCK would never return. */
function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

describe('reading private files (issue 16 item 5)', () => {
  it('refuses a FIFO, a device and a folder at once instead of hanging', () => {
    const dir = temp();
    expect(() => readFileCapped(fifo(join(dir, 'pipe')))).toThrow(/pipe is not a regular file \(it is a FIFO \(named pipe\)\)/);
    expect(() => readFileCapped('/dev/zero')).toThrow('/dev/zero is not a regular file (it is a device)');
    expect(() => readFileCapped(dir)).toThrow(`${dir} is a directory, not a file`);
  });

  it('never follows a link, and caps the size', () => {
    const dir = temp();
    writeFileSync(join(dir, 'victim'), 'secret');
    symlinkSync(join(dir, 'victim'), join(dir, 'link'));
    expect(() => readFileCapped(join(dir, 'link'))).toThrow('is a symbolic link');
    writeFileSync(join(dir, 'big'), 'x'.repeat(2_000));
    expect(() => readFileCapped(join(dir, 'big'), { maxBytes: 1_000 })).toThrow('is 2,000 bytes; at most 1,000 are read');
    expect(readFileCapped(join(dir, 'missing'))).toBeUndefined();
  });

  it('streams lines of a file larger than one chunk, an over-long line read as unreadable', async () => {
    const dir = temp();
    const file = join(dir, 'lines');
    writeFileSync(file, `a\n${'b'.repeat(300_000)}\n${'c'.repeat(600_000)}\nd`);
    const lines: Array<string | undefined> = [];
    for await (const line of readLines(file, { maxLineBytes: 400_000, maxBytes: 1e9 })) lines.push(line);
    expect(lines.map((line) => line?.length)).toEqual([1, 300_000, undefined, 1]);
    await expect(readLines(fifo(join(dir, 'pipe')), { maxLineBytes: 10, maxBytes: 10 }).next()).rejects.toThrow('is not a regular file');
    await expect(readLines(file, { maxLineBytes: 10, maxBytes: 900_004 }).next()).rejects.toThrow('is 900,005 bytes; at most 900,004 are read');
  });
});

describe('writing private files (issue 16 item 4)', () => {
  it('writes through a random O_EXCL temp file, 0600 whatever the umask, never through a planted link', () => {
    const dir = temp();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep me');
    const file = join(dir, 'state.json');
    // The names the old writers used (`<file>.<pid>.tmp`) planted as links to the victim.
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    symlinkSync(victim, file);
    // A worker thread may not set the umask (Stryker's vitest runner uses threads): there the
    // write runs under the process's umask, and test/storage-faults.test.ts simulates a tight one.
    const previous = isMainThread ? process.umask(0) : undefined;
    try {
      writeFileAtomic(file, '{"new": true}\n', { durable: true });
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('{"new": true}\n');
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') && !name.startsWith('state.json.'))).toEqual([]);
  });

  it('tightens folders that exist with wider modes, and refuses links and folders of other users', () => {
    const top = temp();
    const data = join(top, 'data');
    mkdirSync(join(data, 'usage'), { recursive: true });
    chmodSync(top, 0o777);
    chmodSync(data, 0o777);
    chmodSync(join(data, 'usage'), 0o777);
    ensurePrivateDir(join(data, 'usage', 'new'), top);
    expect([top, data, join(data, 'usage'), join(data, 'usage', 'new')].map(mode)).toEqual([0o700, 0o700, 0o700, 0o700]);

    const elsewhere = temp();
    symlinkSync(elsewhere, join(data, 'identity'));
    expect(() => ensurePrivateDir(join(data, 'identity'), top)).toThrow(`${join(data, 'identity')} is a symbolic link, not a folder`);

    if (process.getuid?.() === 0) {
      mkdirSync(join(data, 'cache'));
      chownSync(join(data, 'cache'), 4242, 4242);
      expect(() => ensurePrivateDir(join(data, 'cache'), top)).toThrow(/belongs to user 4242, not to you/);
    }
  });

  it('says which path is a file where a folder should be, and does not spin where folders cannot be made', () => {
    const top = temp();
    writeFileSync(join(top, 'data'), 'keep me');
    const error = (() => {
      try {
        ensurePrivateDir(join(top, 'data', 'identity'), top);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: 'FILE_UNUSABLE', message: `${join(top, 'data')} is a file, not a folder.` });
    expect(errorJson(error as QchatError).remedy).toEqual({ kind: 'fix', action: 'Move it away so qchat can create the folder.', text: 'Move it away so qchat can create the folder.' });
    expect(readFileSync(join(top, 'data'), 'utf8')).toBe('keep me');
    // QCHAT_HOME=/proc/self: Node's recursive mkdir loops for ever there.
    expect(() => ensurePrivateDir('/proc/self/data/history', '/proc/self/data')).toThrow('/proc/self does not let qchat create folders in it');
  });
});

describe('the cost cache uses it', () => {
  it('a FIFO in place of a cache entry is a miss, moved aside; a planted temp link is not written through', () => {
    const dir = join(temp(), 'cost-explorer');
    const cache = new CostCache(dir, 60_000, clock);
    const key = cache.key('arn:aws:sts::111122223333:assumed-role/R/alice@sandbox', 'GetCostAndUsage', {});
    mkdirSync(dir, { recursive: true });
    fifo(join(dir, `${key}.json`));
    expect(cache.read(key)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([`${key}.json.corrupt-20261122T100000Z`]);
    const victim = join(dir, '..', 'victim');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, `${key}.json.${process.pid}.tmp`));
    cache.write(key, { total: 1 });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(cache.read(key)?.value).toEqual({ total: 1 });
  });
});

// The storage module's rules one row each, beside test/storage.test.ts: which errors mean a full or
// read-only disk, file-name stamps, moving aside without overwriting, temp files of killed writers,
// JSON problems as they are worded, reads through links when asked, lines split across chunks, and
// the lock's own errors. Rows written for the mutants StrykerJS can leave alive in the storage module.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { removeLeftoverTemps, writeFileAtomic } from '../source/storage/atomic-write.js';
import { errorCode, fileStamp, moveAside, writeRefusal } from '../source/storage/disk.js';
import { loadJsonFile, parseJson } from '../source/storage/json-file.js';
import { isLockBusy, lockLost, withLock } from '../source/storage/lock.js';
import { ensurePrivateDir } from '../source/storage/private-dir.js';
import { readFileCapped, readSmallFile } from '../source/storage/read-file.js';
import { openPrivateFile, readLines } from '../source/storage/read-lines.js';
import { recordingVariable, recordOperation, recordingOperations } from '../source/storage/operation-record.js';
import { kindOf, StorageError } from '../source/storage/storage-error.js';

const temp = () => mkdtempSync(join(tmpdir(), 'qchat-storage-rules-'));
const clock = () => new Date('2026-11-22T10:00:00.123Z');
const errno = (code: string) => Object.assign(new Error(code), { code });
const mode = (path: string) => statSync(path).mode & 0o777;

describe('disk errors', () => {
  it.each([
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['EIO', undefined],
    ['ENOENT', undefined],
  ])('%s is a disk that is %s', (code, refusal) => {
    expect(writeRefusal(errno(code))).toBe(refusal);
  });

  it('reads an errno code from an error, and none from anything else', () => {
    expect([errorCode(errno('EIO')), errorCode(new Error('plain')), errorCode(undefined)]).toEqual(['EIO', undefined, undefined]);
  });

  it('names a lock held by another process and one taken over as busy, nothing else', () => {
    expect([isLockBusy(errno('ELOCKED')), isLockBusy(errno('ECOMPROMISED')), isLockBusy(errno('EEXIST')), isLockBusy(new Error('x'))]).toEqual([true, true, false, false]);
    expect(lockLost('/x/index.json')).toMatchObject({ code: 'ECOMPROMISED', message: 'the lock on /x/index.json was taken over by another process' });
  });
});

describe('moving a file aside', () => {
  it('stamps the name without separators or milliseconds', () => {
    expect(fileStamp(clock())).toBe('20261122T100000Z');
  });

  it('never over an earlier one, numbering from 2, and leaves a file readable only by its owner', () => {
    const dir = temp();
    const file = join(dir, 'index.json');
    const moved = [1, 2, 3].map(() => {
      writeFileSync(file, 'bad', { mode: 0o644 });
      return moveAside(file, clock);
    });
    expect(moved).toEqual([`${file}.corrupt-20261122T100000Z`, `${file}.corrupt-20261122T100000Z-2`, `${file}.corrupt-20261122T100000Z-3`]);
    expect(moved.map(mode)).toEqual([0o600, 0o600, 0o600]);
    expect(existsSync(file)).toBe(false);
  });

  it('moves a folder aside as it is, its mode kept', () => {
    const dir = temp();
    mkdirSync(join(dir, 'history'), { mode: 0o755 });
    const moved = moveAside(join(dir, 'history'), clock);
    expect(statSync(moved).isDirectory()).toBe(true);
    expect(mode(moved)).toBe(0o755);
  });

  it('gives up with EEXIST after 999 earlier ones', () => {
    const dir = temp();
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    writeFileSync(`${file}.corrupt-20261122T100000Z`, '');
    for (let n = 2; n < 1000; n++) writeFileSync(`${file}.corrupt-20261122T100000Z-${n}`, '');
    expect(() => moveAside(file, clock)).toThrow(expect.objectContaining({ code: 'EEXIST', message: `${file}: too many files moved aside already` }));
    expect(existsSync(file)).toBe(true);
  });
});

describe('temp files of killed writers', () => {
  it('removes only this file\'s temp files older than a minute', () => {
    const dir = temp();
    const file = join(dir, 'index.json');
    const old = new Date(Date.now() - 61_000);
    const names = ['.index.json.dead.tmp', '.index.json.live.tmp', '.other.json.dead.tmp', '.index.json.dead.txt', 'index.json.dead.tmp'];
    for (const name of names) writeFileSync(join(dir, name), '');
    for (const name of names.filter((n) => n.includes('dead'))) utimesSync(join(dir, name), old, old);
    expect(removeLeftoverTemps(file)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['.index.json.dead.txt', '.index.json.live.tmp', '.other.json.dead.tmp', 'index.json.dead.tmp']);
  });

  it('leaves no temp file of its own after a write, and writes bytes as given', () => {
    const dir = temp();
    const file = join(dir, 'state.bin');
    writeFileAtomic(file, Buffer.from([0, 255, 10]));
    expect([...readFileCapped(file)!]).toEqual([0, 255, 10]);
    expect(readdirSync(dir)).toEqual(['state.bin']);
  });

  it('removes its temp file when the rename fails', () => {
    const dir = temp();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'inside'), '');
    expect(() => writeFileAtomic(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('JSON problems', () => {
  const schema = z.object({ version: z.literal(1), items: z.array(z.object({ 'odd key': z.string() })) });

  it.each([
    ['a byte-order mark is allowed', '\ufeff{"version":1,"items":[]}', { state: 'ok', value: { version: 1, items: [] } }],
    ['not JSON', '{"version":', { state: 'unusable', problem: 'is not valid JSON' }],
    ['a mark in the middle is not allowed', ' \ufeff{}', { state: 'unusable', problem: 'is not valid JSON' }],
    ['the top level wrong', '[]', { state: 'unusable', problem: expect.stringMatching(/^is not a thing \(top level: /) }],
    ['a plain key', '{"version":2,"items":[]}', { state: 'unusable', problem: expect.stringMatching(/^is not a thing \(version: /) }],
    ['an index and a quoted key', '{"version":1,"items":[{"odd key":3}]}', { state: 'unusable', problem: expect.stringMatching(/^is not a thing \(items\."0"\."odd key": /) }],
  ])('%s', (_case, text, loaded) => {
    expect(parseJson(text, schema, 'a thing')).toEqual(loaded);
  });

  it('says "a file qchat wrote" when not told what the file is', () => {
    expect(parseJson('1', schema)).toMatchObject({ problem: expect.stringMatching(/^is not a file qchat wrote \(top level: /) });
  });

  it('loads a missing file as missing, and an unreadable one as unusable with its error', () => {
    const dir = temp();
    expect(loadJsonFile(join(dir, 'none.json'), schema)).toEqual({ state: 'missing' });
    const loaded = loadJsonFile(dir, schema);
    expect(loaded).toMatchObject({ state: 'unusable', problem: 'is a directory, not a file' });
    expect(loaded.state === 'unusable' && loaded.error).toBeInstanceOf(StorageError);
  });
});

describe('reading files', () => {
  it('follows a link only when asked (files people edit), and tells them to replace it', () => {
    const dir = temp();
    writeFileSync(join(dir, 'real.json'), '{"a":1}');
    symlinkSync(join(dir, 'real.json'), join(dir, 'settings.json'));
    expect(readSmallFile(join(dir, 'settings.json'))).toBe('{"a":1}');
    expect(() => readFileCapped(join(dir, 'settings.json'))).toThrow(expect.objectContaining({ kind: 'LINK' }));
    expect(() => readSmallFile(dir)).toThrow(expect.objectContaining({ message: `${dir} is a directory, not a file.`, remedy: { kind: 'fix', action: 'Replace it with a JSON file.' } }));
    expect(() => readFileCapped(dir)).toThrow(expect.objectContaining({ remedy: { kind: 'fix', action: 'Move it away and qchat starts a fresh one.' } }));
  });

  it('reads a file exactly at its cap, and refuses one a byte over', () => {
    const dir = temp();
    writeFileSync(join(dir, 'f'), 'x'.repeat(100));
    expect(readSmallFile(join(dir, 'f'), 100)).toHaveLength(100);
    expect(() => readSmallFile(join(dir, 'f'), 99)).toThrow('is 100 bytes; at most 99 are read');
  });

  it('reads a file larger than one read chunk whole', () => {
    const dir = temp();
    writeFileSync(join(dir, 'f'), 'y'.repeat(200_000));
    expect(readFileCapped(join(dir, 'f'))?.length).toBe(200_000);
  });

  it('names a path through a file as not a folder', () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), '');
    expect(() => readFileCapped(join(dir, 'file', 'inside'))).toThrow(expect.objectContaining({ kind: 'NOT_A_DIRECTORY', problem: 'cannot be read: a folder on its path is a file' }));
  });
});

describe('reading lines', () => {
  const linesOf = async (text: string | Buffer, maxLineBytes = 100) => {
    const file = join(temp(), 'lines');
    writeFileSync(file, text);
    const lines: Array<string | undefined> = [];
    for await (const line of readLines(file, { maxLineBytes, maxBytes: 10_000_000 })) lines.push(line);
    return lines;
  };

  it.each<[string, string, number, Array<string | undefined>]>([
    ['a last line without its newline', 'a\nb', 100, ['a', 'b']],
    ['blank lines as empty ones', 'a\n\n\nb\n', 100, ['a', '', '', 'b']],
    ['a line exactly at the cap', 'abc\nd\n', 3, ['abc', 'd']],
    ['a line one over the cap', 'abcd\nd\n', 3, [undefined, 'd']],
    ['an over-long last line without its newline', 'a\nbcde', 3, ['a', undefined]],
    ['an empty file', '', 100, []],
  ])('%s', async (_case, text, cap, lines) => {
    expect(await linesOf(text, cap)).toEqual(lines);
  });

  it('keeps a character split across two chunks whole, and an over-long line spanning chunks unreadable', async () => {
    const text = `${'a'.repeat(256 * 1024 - 1)}é\nnext\n`;
    expect((await linesOf(text, 300_000)).map((line) => line?.slice(-2))).toEqual(['aé', 'xt']);
    expect(await linesOf(`${'z'.repeat(300_000)}\nok\n`, 1000)).toEqual([undefined, 'ok']);
  });

  it('opens nothing for a missing file, and refuses a link or a folder', async () => {
    const dir = temp();
    expect(await openPrivateFile(join(dir, 'none'), 10)).toBeUndefined();
    symlinkSync('/etc/hostname', join(dir, 'link'));
    await expect(openPrivateFile(join(dir, 'link'), 10)).rejects.toMatchObject({ kind: 'LINK', problem: 'is a symbolic link' });
    await expect(openPrivateFile(dir, 10)).rejects.toMatchObject({ kind: 'NOT_A_FILE', problem: 'is a directory, not a file' });
  });
});

describe('private folders', () => {
  it('refuses a folder outside qchat\'s own', () => {
    // One level down, so that the folder above `top` is this test's own: a mutant without the
    // check walks up into it and makes it private (run as the system's temp folder, it made /tmp
    // 0700 on 2026-12-02, and apt could no longer write its temporary files).
    const top = join(temp(), 'home');
    mkdirSync(top);
    expect(() => ensurePrivateDir(join(top, '..', 'elsewhere'), top)).toThrow(`${join(top, '..', 'elsewhere')} is not inside ${top}`);
  });

  it('makes the folder itself when it is the top, private', () => {
    const top = join(temp(), 'home');
    ensurePrivateDir(top);
    expect(mode(top)).toBe(0o700);
  });

  it('names a device in a folder\'s place by what it is', () => {
    expect(() => ensurePrivateDir('/dev/null', '/dev/null')).toThrow('/dev/null is a device, not a folder');
    const top = temp();
    execFileSync('mkfifo', [join(top, 'pipe')]);
    expect(() => ensurePrivateDir(join(top, 'pipe', 'sub'), top)).toThrow(`${join(top, 'pipe')} is a FIFO (named pipe), not a folder`);
  });
});

describe('the lock', () => {
  it('runs the task holding the lock folder, and releases it after a task that throws', async () => {
    const file = join(temp(), 'index.json');
    writeFileSync(file, '{}');
    expect(await withLock(file, (stillOurs) => [existsSync(`${file}.lock`), stillOurs()])).toEqual([true, true]);
    expect(existsSync(`${file}.lock`)).toBe(false);
    await expect(withLock(file, () => Promise.reject(new Error('task failed')))).rejects.toThrow('task failed');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('the lock, between processes', () => {
  it('locks a file that does not exist yet, and makes a second task wait for the first', async () => {
    const file = join(temp(), 'index.json');
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push(`${name} ends`);
      return name;
    };
    expect(await Promise.all([withLock(file, task('first')), withLock(file, task('second'))])).toEqual(['first', 'second']);
    // Both ask at once, so either may win the mkdir race (on a loaded machine the second does):
    // what the lock promises is that the tasks do not overlap.
    const winner = order[0]!.split(' ')[0]!;
    const loser = winner === 'first' ? 'second' : 'first';
    expect(order).toEqual([`${winner} starts`, `${winner} ends`, `${loser} starts`, `${loser} ends`]);
    expect(existsSync(file)).toBe(false);
  });

  it('tells a task paused past the stale time that another process took the lock over, and leaves that lock alone', async () => {
    const file = join(temp(), 'index.json');
    const lockfile = createRequire(import.meta.url).resolve('proper-lockfile');
    // Another qchat: waits for the lock to go stale (2 s untouched), then takes it and holds it.
    const other = spawn(process.execPath, ['-e', `console.log('ready'); require(${JSON.stringify(lockfile)}).lock(${JSON.stringify(file)}, { realpath: false, stale: 2000, retries: { retries: 300, minTimeout: 100, maxTimeout: 100 } }).then(() => setTimeout(() => {}, 60000))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const ready = new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
      const seen = await withLock(file, async (stillOurs) => {
        const before = stillOurs();
        await ready;
        // This process stalls (its lock not refreshed) until the other has made the lock its own.
        const ours = statSync(`${file}.lock`).mtimeMs;
        const stalled = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
        for (let waited = 0; waited < 15_000 && statSync(`${file}.lock`, { throwIfNoEntry: false })?.mtimeMs === ours; waited += 100) stalled(100);
        for (let tries = 0; stillOurs() && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
        return [before, stillOurs()];
      });
      expect(seen).toEqual([true, false]);
      // Not released by this process: the lock is the other one's now.
      expect(existsSync(`${file}.lock`)).toBe(true);
    } finally {
      other.kill();
    }
  });
});

describe('operation records', () => {
  it('appends each distinct record once to this process\'s file, and nothing when recording is off', () => {
    const dir = temp();
    const saved = process.env[recordingVariable];
    const record = { side: 'served', operation: 'GetCallerIdentity', protocol: 'awsQuery', method: 'POST', path: '/', auth: 'sigv4', signingName: 'sts' } as const;
    try {
      delete process.env[recordingVariable];
      expect(recordingOperations()).toBe(false);
      recordOperation(record);
      process.env[recordingVariable] = dir;
      expect(recordingOperations()).toBe(true);
      recordOperation(record);
      recordOperation(record);
      recordOperation({ ...record, operation: 'AssumeRole' });
    } finally {
      if (saved === undefined) delete process.env[recordingVariable];
      else process.env[recordingVariable] = saved;
    }
    expect(readdirSync(dir)).toEqual([`${process.pid}.jsonl`]);
    expect(readFileSync(join(dir, `${process.pid}.jsonl`), 'utf8')).toBe(`${JSON.stringify(record)}\n${JSON.stringify({ ...record, operation: 'AssumeRole' })}\n`);
  });
});

describe('what a path is', () => {
  const stat = (kind: string) => ({ isFile: () => kind === 'file', isDirectory: () => kind === 'dir', isSymbolicLink: () => kind === 'link', isFIFO: () => kind === 'fifo', isSocket: () => kind === 'socket' });
  it.each([
    ['file', 'a file'],
    ['dir', 'a directory'],
    ['link', 'a symbolic link'],
    ['fifo', 'a FIFO (named pipe)'],
    ['socket', 'a socket'],
    ['device', 'a device'],
  ])('%s is %s', (kind, said) => {
    expect(kindOf(stat(kind))).toBe(said);
  });

  it('words a storage error with its path, problem and remedy', () => {
    const error = new StorageError('LINK', '/x/f', 'is a symbolic link', 'remove the link');
    expect(error).toMatchObject({ code: 'FILE_UNUSABLE', kind: 'LINK', path: '/x/f', problem: 'is a symbolic link', message: '/x/f is a symbolic link.', remedy: { kind: 'fix', action: 'Remove the link.' }, details: { path: '/x/f' } });
  });
});

describe('private folders, more edges', () => {
  it('makes every missing folder down from the top, each private, and accepts one that exists', () => {
    const top = join(temp(), 'a', 'b');
    ensurePrivateDir(join(top, 'c', 'd'), top);
    expect([join(top, '..'), top, join(top, 'c'), join(top, 'c', 'd')].map(mode)).toEqual([0o700, 0o700, 0o700, 0o700]);
    ensurePrivateDir(join(top, 'c', 'd'), top);
    expect(mode(join(top, 'c', 'd'))).toBe(0o700);
  });

  it('refuses a top folder under a file, naming the file', () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), '');
    expect(() => ensurePrivateDir(join(dir, 'file', 'home'))).toThrow();
  });
});

// The atomic writes' steps and failure paths, with the fs calls they make watched and failing on
// demand: a disk that takes part of a write, a tight umask, an fsync or rename that fails. Each
// row checks what reached the disk (the target's bytes and mode, temp files left) and, where only
// the order of calls tells (flushed before renamed, the folder flushed when durable), the calls.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, writeFileAtomicInBackground } from '../source/storage/atomic-write.js';
import { ensurePrivateDir } from '../source/storage/private-dir.js';
import { readFileCapped } from '../source/storage/read-file.js';
import { openPrivateFile } from '../source/storage/read-lines.js';

const { calls, faults, fail } = vi.hoisted(() => {
  const calls: string[] = [];
  /** Call name → errno code it throws once. Also `writeSync`/`write` → most bytes one call takes, `umask` → a mode to create files with. */
  const faults = new Map<string, string | number>();
  const fail = (name: string) => {
    const code = faults.get(name);
    if (typeof code !== 'string') return;
    faults.delete(name);
    throw Object.assign(new Error(`${code}: simulated ${name}`), { code });
  };
  return { calls, faults, fail };
});

// Paths as the rows read them: the target's folder is `dir`, a temp file `temp`.
const named = (path: string) => (path.endsWith('.tmp') ? 'temp' : /qchat-storage-faults-[^/]+$/.test(path) ? 'dir' : 'file');

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const fds = new Map<number, string>();
  const mocked = {
    ...actual,
    openSync: (path: string, flags: number, mode?: number) => {
      fail('openSync');
      const fd = actual.openSync(path, flags, mode);
      fds.set(fd, named(path));
      calls.push(`open ${named(path)}`);
      // A umask that takes the owner's write bit: what the file is created with.
      const umasked = faults.get('umask');
      if (typeof umasked === 'number' && named(path) === 'temp') actual.fchmodSync(fd, umasked);
      return fd;
    },
    writeSync: (fd: number, buffer: Buffer, offset = 0) => {
      fail('writeSync');
      const most = faults.get('writeSync');
      const length = Math.min(buffer.length - offset, typeof most === 'number' ? most : Infinity);
      calls.push(`write ${length}`);
      return actual.writeSync(fd, buffer, offset, length);
    },
    fsyncSync: (fd: number) => {
      fail('fsyncSync');
      calls.push(`fsync ${fds.get(fd)}`);
      actual.fsyncSync(fd);
    },
    closeSync: (fd: number) => {
      calls.push(`close ${fds.get(fd)}`);
      fds.delete(fd);
      actual.closeSync(fd);
    },
    fstatSync: (fd: number) => {
      fail('fstatSync');
      const stat = actual.fstatSync(fd);
      // Another process appends to the file right after it was measured.
      const grow = faults.get('grow');
      if (typeof grow === 'number' && stat.isFile()) actual.appendFileSync(actual.readlinkSync(`/proc/self/fd/${fd}`), 'g'.repeat(grow));
      return stat;
    },
    mkdirSync: (path: string, options?: { mode?: number }) => {
      // EEXIST: another process made the folder first; any other code: the mkdir fails.
      if (faults.get('mkdirSync') === 'EEXIST') actual.mkdirSync(path, options);
      fail('mkdirSync');
      return actual.mkdirSync(path, options);
    },
    renameSync: (from: string, to: string) => {
      fail('renameSync');
      calls.push('rename');
      actual.renameSync(from, to);
    },
  };
  return { ...mocked, default: mocked };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (path, flags, mode) => {
    fail('open');
    const handle = await actual.open(path, flags, mode);
    const name = named(String(path));
    calls.push(`open ${name}`);
    const umasked = faults.get('umask');
    if (typeof umasked === 'number' && name === 'temp') await handle.chmod(umasked);
    const { sync, close, writeFile } = { sync: handle.sync.bind(handle), close: handle.close.bind(handle), writeFile: handle.writeFile.bind(handle) };
    return Object.assign(handle, {
      writeFile: async (data: string | Buffer) => {
        fail('writeFile');
        calls.push('write');
        return writeFile(data);
      },
      sync: async () => {
        fail('sync');
        calls.push(`fsync ${name}`);
        return sync();
      },
      close: async () => {
        calls.push(`close ${name}`);
        return close();
      },
    });
  };
  const rename: typeof actual.rename = async (from, to) => {
    fail('rename');
    calls.push('rename');
    return actual.rename(from, to);
  };
  const mocked = { ...actual, open, rename };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  calls.length = 0;
  faults.clear();
});

function target() {
  const dir = mkdtempSync(join(tmpdir(), 'qchat-storage-faults-'));
  const file = join(dir, 'state.json');
  writeFileSync(file, 'old');
  return { dir, file };
}

const mode = (path: string) => statSync(path).mode & 0o777;
const writers = [
  ['writeFileAtomic', async (file: string, data: string | Buffer, options?: { durable?: boolean }) => writeFileAtomic(file, data, options)],
  ['writeFileAtomicInBackground', writeFileAtomicInBackground],
] as const;

describe('an atomic write, step by step', () => {
  it('writes on until the disk took every byte, however few each write takes', () => {
    const { file } = target();
    faults.set('writeSync', 3);
    writeFileAtomic(file, Buffer.from('0123456789'));
    expect(readFileSync(file, 'utf8')).toBe('0123456789');
    expect(calls.filter((call) => call.startsWith('write'))).toEqual(['write 3', 'write 3', 'write 3', 'write 1']);
  });

  it('writes a string as its UTF-8 bytes', () => {
    const { file } = target();
    writeFileAtomic(file, 'é ✓');
    expect(readFileSync(file, 'utf8')).toBe('é ✓');
  });

  it.each(writers)('%s: flushes and closes the temp file before renaming it, the folder only when durable', async (_name, write) => {
    const { file } = target();
    await write(file, 'new');
    expect(calls).toEqual(['open temp', expect.stringMatching(/^write/), 'fsync temp', 'close temp', 'rename']);
    calls.length = 0;
    await write(file, 'newer', { durable: true });
    expect(calls).toEqual(['open temp', expect.stringMatching(/^write/), 'fsync temp', 'close temp', 'rename', 'open dir', 'fsync dir', 'close dir']);
    expect(readFileSync(file, 'utf8')).toBe('newer');
  });

  it.each(writers)('%s: leaves the file 0600 when the umask would have made it read-only', async (_name, write) => {
    const { file } = target();
    faults.set('umask', 0o400);
    await write(file, 'new');
    expect(mode(file)).toBe(0o600);
  });
});

describe('an atomic write that fails', () => {
  it.each([
    ['writeFileAtomic', 'writeSync', 'ENOSPC'],
    ['writeFileAtomic', 'fsyncSync', 'EIO'],
    ['writeFileAtomic', 'renameSync', 'EACCES'],
    ['writeFileAtomicInBackground', 'writeFile', 'ENOSPC'],
    ['writeFileAtomicInBackground', 'sync', 'EIO'],
    ['writeFileAtomicInBackground', 'rename', 'EACCES'],
  ])('%s: a failing %s (%s) is thrown, the old bytes kept, the temp file removed, closed first', async (name, call, code) => {
    const { dir, file } = target();
    faults.set(call, code);
    const write = writers.find(([writer]) => writer === name)![1];
    await expect(write(file, 'new')).rejects.toMatchObject({ code });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['state.json']);
    if (call !== 'renameSync' && call !== 'rename') expect(calls).toContain('close temp');
    expect(calls).not.toContain('open dir');
  });

  it('writeFileAtomic: a temp file that cannot be created is thrown as it is, and nothing is left', () => {
    const { dir, file } = target();
    faults.set('openSync', 'EMFILE');
    expect(() => writeFileAtomic(file, 'new')).toThrow(expect.objectContaining({ code: 'EMFILE' }));
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it.each(writers)('%s: a durable write whose folder cannot be flushed throws, the new bytes in place', async (_name, write) => {
    const { file } = target();
    const flushes: string[] = [];
    // The temp file's flush passes; the folder's fails.
    const original = calls.push.bind(calls);
    calls.push = (...items: string[]) => {
      flushes.push(...items);
      if (items.includes('open dir')) faults.set('fsyncSync', 'EIO').set('sync', 'EIO');
      return original(...items);
    };
    try {
      await expect(write(file, 'new', { durable: true })).rejects.toMatchObject({ code: 'EIO' });
    } finally {
      calls.push = original;
    }
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(flushes.slice(-2)).toEqual(['open dir', 'close dir']);
  });
});

describe('reading and making folders when the file system misbehaves', () => {
  it('reads what a file grew to after it was measured, up to the cap, and refuses it past the cap', () => {
    const { file } = target();
    writeFileSync(file, 'x'.repeat(100));
    faults.set('grow', 50);
    expect(readFileCapped(file, { maxBytes: 1000 })?.toString()).toBe(`${'x'.repeat(100)}${'g'.repeat(50)}`);
    writeFileSync(file, 'x'.repeat(100));
    expect(() => readFileCapped(file, { maxBytes: 120 })).toThrow(expect.objectContaining({ kind: 'TOO_LARGE', problem: 'is 121 bytes; at most 120 are read' }));
  });

  it.each([
    ['openSync', 'EACCES', 'cannot be read (EACCES)'],
    ['openSync', 'EISDIR', 'cannot be read (EISDIR)'],
    ['fstatSync', 'EIO', 'cannot be read (EIO)'],
  ])('names a failing %s (%s) as unreadable, with the code', (call, code, problem) => {
    const { file } = target();
    faults.set(call, code);
    expect(() => readFileCapped(file)).toThrow(expect.objectContaining({ kind: 'UNREADABLE', problem, remedy: { kind: 'fix', action: 'Check its permissions.' } }));
  });

  it('passes on an open that fails for another reason than a missing file or a link', async () => {
    const { file } = target();
    faults.set('open', 'EACCES');
    await expect(openPrivateFile(file, 100)).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('takes a folder another process made first, and passes on a mkdir that fails otherwise', () => {
    const top = join(target().dir, 'home');
    faults.set('mkdirSync', 'EEXIST');
    ensurePrivateDir(join(top, 'history'), top);
    expect(statSync(join(top, 'history')).isDirectory()).toBe(true);
    faults.set('mkdirSync', 'EIO');
    expect(() => ensurePrivateDir(join(top, 'usage'), top)).toThrow(expect.objectContaining({ code: 'EIO' }));
  });
});

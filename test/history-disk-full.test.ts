import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

// Tests run as root here, so permissions cannot make a disk refuse writes; the fs calls the store
// makes fail on demand instead, with the error codes a full or read-only disk gives.
const { failures, refuse } = vi.hoisted(() => {
  const failures = new Map<string, string>();
  const refuse = (name: string) => {
    const code = failures.get(name);
    if (code) throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  return { failures, refuse };
});

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const failing =
    <A extends unknown[], R>(name: string, call: (...args: A) => R) =>
    (...args: A) => {
      refuse(name);
      return call(...args);
    };
  // The storage module's atomic write, folder creation and tightening, and moving a file aside.
  const mocked = {
    ...actual,
    writeSync: failing('writeSync', actual.writeSync),
    mkdirSync: failing('mkdir', actual.mkdirSync),
    chmodSync: failing('chmod', actual.chmodSync),
    renameSync: failing('rename', actual.renameSync),
  };
  return { ...mocked, default: mocked };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const failing =
    <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      refuse(name);
      return call(...args);
    };
  const open: typeof actual.open = async (...args) => {
    refuse('open');
    const handle = await actual.open(...args);
    const write = handle.write.bind(handle) as (...rest: unknown[]) => Promise<unknown>;
    return Object.assign(handle, { write: failing('write', write) });
  };
  const mocked = { ...actual, open };
  return { ...mocked, default: mocked };
});

afterEach(() => failures.clear());

async function storeWithOneConversation() {
  const dataDir = tempDataDir();
  const store = await openHistory({ dataDir, userId: 'alice', clock: steppingClock() });
  const { id } = await store.create('first');
  await store.append(id, { role: 'user', text: 'first' });
  await store.flush();
  return { store, id, dataDir };
}

describe('history on a full or read-only disk', () => {
  it('stops recording on ENOSPC and lets the chat go on', async () => {
    const { store, id } = await storeWithOneConversation();
    const file = join(store.dir, `${id}.jsonl`);
    const before = readFileSync(file, 'utf8');
    failures.set('write', 'ENOSPC');
    const reply = await store.append(id, { role: 'assistant', text: 'an answer' });
    expect(reply).toMatchObject({ role: 'assistant', text: 'an answer' });
    expect(store.recording).toBe(false);
    expect(store.warnings).toEqual(['history: the disk is full (ENOSPC); this chat is no longer being saved']);

    // Every write is now a no-op that does not throw, even once space is back.
    failures.clear();
    const next = await store.create('second');
    await store.append(next.id, { role: 'user', text: 'second' });
    await store.setFeedback(id, reply.id, { rating: 'up' });
    await store.rememberInput('second');
    await store.updateSettings({ crossRegionConsent: true });
    expect(await store.delete(1)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(before);
    // What was saved can still be read.
    expect((await store.list()).map(({ title, messageCount }) => [title, messageCount])).toEqual([['first', 1]]);
    expect((await store.read(id)).map(({ text }) => text)).toEqual(['first']);
    expect(await store.settings()).toEqual({ inputHistory: [] });
  });

  it('stops recording when the quota is exceeded while the index is rewritten, leaving the index as it was', async () => {
    const { store } = await storeWithOneConversation();
    const index = join(store.dir, 'index.json');
    const before = readFileSync(index, 'utf8');
    failures.set('writeSync', 'EDQUOT');
    await store.create('second');
    await store.flush(); // the index entry is written in the background
    expect(store.recording).toBe(false);
    expect(store.warnings).toEqual(['history: the disk is full (EDQUOT); this chat is no longer being saved']);
    expect(readFileSync(index, 'utf8')).toBe(before);
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('stops recording on any other failed write, such as the history folder removed meanwhile', async () => {
    const { store, id } = await storeWithOneConversation();
    rmSync(store.dir, { recursive: true });
    await store.append(id, { role: 'user', text: 'second' });
    expect(store.recording).toBe(false);
    expect(store.warnings).toEqual([expect.stringMatching(/^history: saving failed \(ENOENT: .*\); this chat is no longer being saved$/)]);
    expect(await store.read(id)).toEqual([]);
  });

  it.each([
    ['mkdir', 'EROFS'],
    ['chmod', 'EACCES'],
  ])('opens without recording when %s fails with %s (read-only disk)', async (call, code) => {
    const dataDir = tempDataDir();
    chmodSync(dataDir, 0o755); // a folder qchat must tighten
    failures.set(call, code);
    const store = await openHistory({ dataDir, userId: 'alice', clock: steppingClock() });
    expect(store.recording).toBe(false);
    expect(store.warnings).toEqual([`history: the disk is read-only (${code}); this chat is no longer being saved`]);
    const { id } = await store.create('question');
    await store.append(id, { role: 'user', text: 'question' });
    expect(await store.list()).toEqual([]);
    expect(await store.read(id)).toEqual([]);
  });
});

describe('a conversation file the disk refuses to open', () => {
  // As root a mode refuses nothing, so the open fails on demand.
  it.each(['EACCES', 'EPERM'])('is moved aside when it may not be read (%s), and recording goes on', async (code) => {
    const { store, id } = await storeWithOneConversation();
    const file = join(store.dir, `${id}.jsonl`);
    failures.set('open', code);
    expect(await store.read(id)).toEqual([]);
    failures.clear();
    expect(store.warnings).toEqual([expect.stringMatching(new RegExp(`^history: ${file} was unreadable \\(${code}\\); moved it to ${file}\\.corrupt-\\d{8}T\\d{6}Z$`))]);
    expect([store.recording, existsSync(file)]).toEqual([true, false]);
  });

  it('that cannot be moved aside on a read-only disk stops recording', async () => {
    const { store, id } = await storeWithOneConversation();
    const file = join(store.dir, `${id}.jsonl`);
    rmSync(file);
    mkdirSync(file);
    failures.set('rename', 'EROFS');
    expect(await store.read(id)).toEqual([]);
    expect(store.warnings).toEqual(['history: the disk is read-only (EROFS); this chat is no longer being saved']);
    expect([store.recording, existsSync(file)]).toEqual([false, true]);
  });

  it('is kept in place on any other failure, which is a warning with recording on', async () => {
    const { store, id } = await storeWithOneConversation();
    failures.set('open', 'EIO');
    expect(await store.read(id)).toEqual([]);
    failures.clear();
    expect(store.warnings).toEqual(['history: reading failed (EIO: simulated)']);
    expect([store.recording, (await store.read(id)).map(({ text }) => text)]).toEqual([true, ['first']]);
  });
});

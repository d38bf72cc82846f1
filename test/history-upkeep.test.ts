// The store's upkeep one row each, beside test/history-store.test.ts: what opening re-lists and
// moves aside among the history folder's entries, how counts left by an older qchat or a replaced
// file are redone, how retention words what it removed, and which troubles are warnings, which stop
// recording and which are bugs thrown. Rows written for the mutants StrykerJS can leave alive in
// store.ts's upkeep.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toLine } from '../source/history/message.js';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

// The index lock, watched: it fails on demand (another qchat holding it, or a bug), the next one
// taken can wait for a gate the test opens, and the locks taken are counted; otherwise it is the real one.
const indexLock = vi.hoisted(() => ({ error: undefined as Error | undefined, gate: undefined as Promise<void> | undefined, taken: 0 }));
vi.mock('../source/storage/lock.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../source/storage/lock.js')>();
  return {
    ...actual,
    withLock: async <T>(file: string, task: (stillOurs: () => boolean) => Promise<T> | T) => {
      if (indexLock.error) throw indexLock.error;
      indexLock.taken++;
      const gate = indexLock.gate;
      indexLock.gate = undefined;
      await gate;
      return actual.withLock(file, task);
    },
  };
});
afterEach(() => Object.assign(indexLock, { error: undefined, gate: undefined }));

const at = '2026-11-22T10:00:00.000Z';
const clock = () => steppingClock('2026-11-22T10:00:00Z', 0);
const line = (id: string, role: 'user' | 'assistant', text: string, time = at) => toLine({ id, role, at: time, text });
const indexOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { conversations: Array<Record<string, unknown>> };

async function historyDir() {
  const dataDir = tempDataDir();
  const store = await openHistory({ dataDir, userId: 'alice', clock: clock() });
  return { dataDir, dir: store.dir, reopen: () => openHistory({ dataDir, userId: 'alice', clock: clock() }) };
}

describe('opening re-lists conversation files', () => {
  it('lists one conversation file missing from the index, and says so in the singular', async () => {
    const { dir, reopen } = await historyDir();
    writeFileSync(join(dir, 'c1.jsonl'), line('m1', 'user', 'how many vpcs'));
    const store = await reopen();
    expect((await store.list()).map(({ id, title, messageCount }) => [id, title, messageCount])).toEqual([['c1', 'how many vpcs', 1]]);
    expect(store.warnings).toEqual(['history: recovered 1 conversation missing from index.json']);
  });

  it('leaves alone files that are not conversations, and empty ones, without a warning', async () => {
    const { dir, reopen } = await historyDir();
    // A folder too, whose name less six characters ("old") would be a conversation id.
    const entries = ['notes.txt', '.hidden.jsonl', 'bad id.jsonl', 'empty.jsonl', 'old-chats'];
    mkdirSync(join(dir, 'old-chats'));
    writeFileSync(join(dir, 'notes.txt'), line('m1', 'user', 'q'));
    writeFileSync(join(dir, '.hidden.jsonl'), line('m1', 'user', 'q'));
    writeFileSync(join(dir, 'bad id.jsonl'), line('m1', 'user', 'q'));
    writeFileSync(join(dir, 'empty.jsonl'), '');
    const store = await reopen();
    expect([await store.list(), store.warnings]).toEqual([[], []]);
    expect(readdirSync(dir).sort()).toEqual([...entries, 'index.json'].sort());
  });

  it('moves aside a folder and a link in a conversation file\'s place, saying which', async () => {
    const { dir, reopen } = await historyDir();
    mkdirSync(join(dir, 'c1.jsonl'));
    writeFileSync(join(dir, '..', 'elsewhere'), line('m1', 'user', 'q'));
    symlinkSync(join(dir, '..', 'elsewhere'), join(dir, 'c2.jsonl'));
    execFileSync('mkfifo', [join(dir, 'c3.jsonl')]);
    const store = await reopen();
    expect(store.warnings.sort()).toEqual(
      [
        `history: ${join(dir, 'c1.jsonl')} was unreadable (not a regular file); moved it to ${join(dir, 'c1.jsonl')}.corrupt-20261122T100000Z`,
        `history: ${join(dir, 'c2.jsonl')} was unreadable (a symbolic link); moved it to ${join(dir, 'c2.jsonl')}.corrupt-20261122T100000Z`,
        `history: ${join(dir, 'c3.jsonl')} was unreadable (not a regular file); moved it to ${join(dir, 'c3.jsonl')}.corrupt-20261122T100000Z`,
      ].sort(),
    );
    expect(await store.list()).toEqual([]);
  });

  it('moves aside a conversation file over 64 MB, with the reason', async () => {
    const { dir, reopen } = await historyDir();
    writeFileSync(join(dir, 'c1.jsonl'), '');
    execFileSync('truncate', ['-s', String(64 * 1024 * 1024 + 1), join(dir, 'c1.jsonl')]);
    const store = await reopen();
    expect(store.warnings).toEqual([`history: ${join(dir, 'c1.jsonl')} was unreadable (67,108,865 bytes; at most 67,108,864 are read); moved it to ${join(dir, 'c1.jsonl')}.corrupt-20261122T100000Z`]);
  });
});

describe('opening recounts', () => {
  it('counts again from the start an entry an older qchat left without its counts', async () => {
    const { dir, reopen } = await historyDir();
    writeFileSync(join(dir, 'c1.jsonl'), [line('q1', 'user', 'q'), line('a1', 'assistant', 'a'), line('q2', 'user', 'again', '2026-11-22T11:00:00.000Z')].join(''));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: [{ id: 'c1', title: 'q', createdAt: at, updatedAt: at, messageCount: 7 }] }));
    await reopen();
    expect(indexOf(dir).conversations).toEqual([{ id: 'c1', title: 'q', createdAt: at, updatedAt: '2026-11-22T11:00:00.000Z', messageCount: 3, countedTo: readFileSync(join(dir, 'c1.jsonl')).length, questionCount: 2 }]);
  });

  it('counts again from the start an entry with a byte count but no question count', async () => {
    const { dir, reopen } = await historyDir();
    const first = line('q1', 'user', 'q');
    writeFileSync(join(dir, 'c1.jsonl'), first + line('a1', 'assistant', 'a') + line('q2', 'user', 'again'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: [{ id: 'c1', title: 'q', createdAt: at, updatedAt: at, messageCount: 1, countedTo: first.length }] }));
    await reopen();
    expect(indexOf(dir).conversations[0]).toMatchObject({ messageCount: 3, questionCount: 2, countedTo: readFileSync(join(dir, 'c1.jsonl')).length });
  });

  it('counts again from the start a file shorter than its count (replaced meanwhile)', async () => {
    const { dir, reopen } = await historyDir();
    writeFileSync(join(dir, 'c1.jsonl'), line('q1', 'user', 'q'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: [{ id: 'c1', title: 'q', createdAt: at, updatedAt: at, messageCount: 40, countedTo: 100_000, questionCount: 20 }] }));
    await reopen();
    expect(indexOf(dir).conversations[0]).toMatchObject({ messageCount: 1, questionCount: 1, countedTo: readFileSync(join(dir, 'c1.jsonl')).length });
  });

  it('adds what was appended past the count to it, keeping a later time the entry has', async () => {
    const { dir, reopen } = await historyDir();
    const first = line('q1', 'user', 'q');
    writeFileSync(join(dir, 'c1.jsonl'), first + line('a1', 'assistant', 'a') + line('q2', 'user', 'q2'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: [{ id: 'c1', title: 'q', createdAt: at, updatedAt: '2026-11-23T00:00:00.000Z', messageCount: 5, countedTo: first.length, questionCount: 4 }] }));
    await reopen();
    expect(indexOf(dir).conversations[0]).toMatchObject({ updatedAt: '2026-11-23T00:00:00.000Z', messageCount: 7, questionCount: 5 });
  });
});

describe('retention\'s warning', () => {
  it('counts one removed conversation in the singular', async () => {
    const dataDir = tempDataDir();
    const store = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-11-22T10:00:00Z') });
    for (const question of ['a', 'b']) {
      const { id } = await store.create(question);
      await store.append(id, { role: 'user', text: question });
    }
    await store.flush();
    const reopened = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-11-22T11:00:00Z'), retention: { maxConversations: 1 } });
    expect(reopened.warnings).toEqual(['history: removed 1 conversation by retention (at most 1, none older than 90 days)']);
    expect((await reopened.list()).map(({ title }) => title)).toEqual(['b']);
  });

  it('still caps the count when age cannot be trusted (a clock earlier than the files)', async () => {
    const dataDir = tempDataDir();
    const store = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-01-01T00:00:00Z') });
    for (const question of ['a', 'b']) {
      const { id } = await store.create(question);
      await store.append(id, { role: 'user', text: question });
    }
    await store.flush();
    for (const name of readdirSync(store.dir)) utimesSync(join(store.dir, name), new Date('2026-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'));
    // Both are 151 days old by this clock, which is earlier than the files: only the cap applies.
    const reopened = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-06-01T00:00:00Z'), retention: { maxConversations: 1 } });
    expect(reopened.warnings).toEqual([
      'history: kept conversations by age: the clock (2026-06-01) is earlier than the newest history file (2026-09-01), so ages cannot be trusted',
      'history: removed 1 conversation by retention (at most 1, none older than 90 days)',
    ]);
    expect((await reopened.list()).map(({ title }) => title)).toEqual(['b']);
  });

  it('removes nothing and says nothing when nothing is past the limits', async () => {
    const { dir, reopen } = await historyDir();
    writeFileSync(join(dir, 'c1.jsonl'), line('q1', 'user', 'q'));
    await reopen();
    const store = await reopen();
    expect([store.warnings, existsSync(join(dir, 'c1.jsonl'))]).toEqual([[], true]);
  });
});

describe('trouble', () => {
  it('throws a bug (an error without an errno code) instead of taking it for disk trouble', async () => {
    const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: clock() });
    await expect(store.read('../outside')).rejects.toThrow('not a conversation id: "../outside"');
    expect([store.recording, store.warnings]).toEqual([true, []]);
  });

  it('reads nothing of a conversation file it may not read and moves it aside, recording on', async () => {
    const { dir, reopen } = await historyDir();
    const store = await reopen();
    const { id } = await store.create('q');
    await store.append(id, { role: 'user', text: 'q' });
    await store.flush();
    // As root a mode does not refuse reads; a folder where the file was does, as unusable.
    const file = join(dir, `${id}.jsonl`);
    execFileSync('rm', [file]);
    mkdirSync(file);
    expect(await store.read(id)).toEqual([]);
    expect(store.warnings).toEqual([`history: ${file} was unreadable (a directory, not a file); moved it to ${file}.corrupt-20261122T100000Z`]);
    expect(store.recording).toBe(true);
  });

  it('warns of an unusable index folder without stopping the chat, and names the fix', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'history'), 'a file where the folder goes');
    const store = await openHistory({ dataDir, userId: 'alice', clock: clock() });
    expect(store.recording).toBe(false);
    expect(store.warnings).toEqual([`history: ${join(dataDir, 'history')} is a file, not a folder. This chat is no longer being saved. Move it away so qchat can create the folder.`]);
    expect(await store.list()).toEqual([]);
    // Reading says what is wrong at once: it used to wait out the lock's retries (~10 s) for a
    // lock that cannot be made beside index.json, then warned of a failed mkdir.
    expect(store.warnings.slice(1)).toEqual([`history: ${join(store.dir, 'index.json')} cannot be read: a folder on its path is a file. Move that file away.`]);
    expect([await store.settings(), await store.find(1), store.warnings.length]).toEqual([{ inputHistory: [] }, undefined, 2]);
  });
});

describe('opening with a link in place of a history folder', () => {
  // As test/hostile/history.test.ts checks with what lies outside; here, what the store reports.
  it.each([
    ['the history folder', ['history']],
    ["the user's folder", ['history', 'alice']],
  ])('moves aside %s when it is a link, and records in a fresh one', async (_name, path) => {
    const dataDir = tempDataDir();
    const outside = join(dataDir, 'outside');
    mkdirSync(join(dataDir, ...path.slice(0, -1)), { recursive: true });
    mkdirSync(outside);
    const link = join(dataDir, ...path);
    symlinkSync(outside, link, 'dir');
    const store = await openHistory({ dataDir, userId: 'alice', clock: clock() });
    expect(store.warnings).toEqual([`history: ${link} was unreadable (a symbolic link); moved it to ${link}.corrupt-20261122T100000Z`]);
    await store.create('question');
    await store.flush();
    expect([store.recording, readdirSync(outside), existsSync(join(store.dir, 'index.json'))]).toEqual([true, [], true]);
  });
});

describe('the index lock', () => {
  it.each(['ELOCKED', 'ECOMPROMISED'])('held by another qchat (%s) skips one change to the list, and recording goes on', async (code) => {
    const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: clock() });
    indexLock.error = Object.assign(new Error('Lock file is already being held'), { code });
    await store.rememberInput('not saved');
    indexLock.error = undefined;
    await store.rememberInput('saved');
    expect(store.warnings).toEqual([`history: ${join(store.dir, 'index.json')} stayed locked by another qchat; a change to the list was not saved`]);
    expect([store.recording, (await store.settings()).inputHistory]).toEqual([true, ['saved']]);
  });

  it('failing with a bug in a background update is a warning, and the calls after it still run', async () => {
    const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: clock() });
    indexLock.error = new Error('a bug in the lock');
    const { id } = await store.create('question');
    await store.flush();
    indexLock.error = undefined;
    expect(store.warnings).toEqual(['history: a bug in the lock']);
    // The entry create() did not write comes back from the file once a message is counted.
    await store.append(id, { role: 'user', text: 'question' });
    await store.flush();
    expect((await store.list()).map(({ id, messageCount }) => [id, messageCount])).toEqual([[id, 1]]);
  });
});

describe('counting appended messages', () => {
  it('takes one index update for all the messages appended while it waits its turn', async () => {
    const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: clock() });
    const { id } = await store.create('question');
    await store.flush();
    let open = () => undefined as void;
    indexLock.gate = new Promise<void>((resolve) => (open = resolve));
    const remembered = store.rememberInput('question'); // holds the index queue at the gate
    for (let i = 0; i < 5; i++) await store.append(id, { role: i % 2 ? 'assistant' : 'user', text: `m${i}` });
    const before = indexLock.taken;
    open();
    await remembered;
    await store.flush();
    expect(indexLock.taken - before).toBe(1);
    expect(await store.find(id)).toMatchObject({ messageCount: 5 });
  });
});

describe('a history folder replaced by a file while open', () => {
  it('gives reads nothing with a warning each, recording on, and stops recording at the next write', async () => {
    const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: clock() });
    const { id } = await store.create('question');
    await store.append(id, { role: 'user', text: 'question' });
    await store.flush();
    rmSync(store.dir, { recursive: true });
    writeFileSync(store.dir, 'a file where the folder was');
    const file = join(store.dir, `${id}.jsonl`);
    expect([await store.list(), await store.read(id), store.recording]).toEqual([[], [], true]);
    expect(store.warnings).toEqual([
      `history: ${join(store.dir, 'index.json')} cannot be read: a folder on its path is a file. Move that file away.`,
      `history: reading failed (ENOTDIR: not a directory, open '${file}')`,
    ]);
    await store.append(id, { role: 'user', text: 'next' });
    expect(store.recording).toBe(false);
    expect(store.warnings.slice(2)).toEqual([`history: saving failed (ENOTDIR: not a directory, open '${file}'); this chat is no longer being saved`]);
    expect(readFileSync(store.dir, 'utf8')).toBe('a file where the folder was');
  });
});

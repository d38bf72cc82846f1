// The store's calls one row each, beside test/history-store.test.ts: what the recall list keeps,
// how skipped lines are reported, where a restore takes its earlier turns from, and what a new
// conversation's index entry starts with. Rows written for the mutants StrykerJS can leave alive
// in store.ts's calls.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

const open = () => openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: steppingClock('2026-11-22T10:00:00Z') });
const indexOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { conversations: Array<Record<string, unknown>>; settings: { inputHistory: string[] } };

describe('the recall list', () => {
  it('keeps an input of 2,000 characters, not one longer, nor a blank one, nor a repeat of the last', async () => {
    const store = await open();
    for (const input of ['a'.repeat(2000), 'b'.repeat(2001), '   ', 'same', ' same ', 'other', 'same']) await store.rememberInput(input);
    expect((await store.settings()).inputHistory).toEqual(['a'.repeat(2000), 'same', 'other', 'same']);
  });

  it('keeps the last 100 of a list it is given', async () => {
    const store = await open();
    await store.updateSettings({ inputHistory: Array.from({ length: 120 }, (_, i) => `q${i}`) });
    const { inputHistory } = await store.settings();
    expect([inputHistory.length, inputHistory[0], inputHistory.at(-1)]).toEqual([100, 'q20', 'q119']);
    await store.updateSettings({ crossRegionConsent: false });
    expect(await store.settings()).toEqual({ crossRegionConsent: false, inputHistory });
  });
});

describe('skipped lines', () => {
  it('names one skipped line, and several, in the reading\'s warning', async () => {
    const store = await open();
    const { id } = await store.create('q');
    await store.append(id, { role: 'user', text: 'q' });
    const file = join(store.dir, `${id}.jsonl`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}garbage\n`);
    await store.read(id);
    writeFileSync(file, `${readFileSync(file, 'utf8')}more garbage\n`);
    await store.read(id);
    expect(store.warnings).toEqual([`history: skipped unreadable line 2 of ${file}`, `history: skipped unreadable lines 2, 3 of ${file}`]);
  });

  it('counts one skipped line, and several, in a restore\'s warning', async () => {
    const store = await open();
    const { id } = await store.create('q');
    const file = join(store.dir, `${id}.jsonl`);
    await store.append(id, { role: 'user', text: 'q1' });
    writeFileSync(file, `${readFileSync(file, 'utf8')}garbage\n`);
    await store.append(id, { role: 'user', text: 'q2' });
    await store.flush();
    expect((await store.readRecent(id, 5)).unreadable).toBe(1);
    writeFileSync(file, `${readFileSync(file, 'utf8')}more garbage\n`);
    expect((await store.readRecent(id, 5)).unreadable).toBe(2);
    expect(store.warnings).toEqual([`history: skipped 1 unreadable line of ${file}`, `history: skipped 2 unreadable lines of ${file}`]);
  });
});

describe('a restore\'s earlier turns', () => {
  async function conversation() {
    const store = await open();
    const { id } = await store.create('q0');
    for (let i = 0; i < 3; i++) {
      await store.append(id, { role: 'user', text: `q${i}` });
      await store.append(id, { role: 'assistant', text: `a${i}` });
    }
    await store.flush();
    return { store, id };
  }

  it('come from the index\'s count when it has both counts, else from the lines', async () => {
    const { store, id } = await conversation();
    const index = indexOf(store.dir);
    // The count as another qchat left it: more questions than the lines show (the earlier ones counted before a rewrite).
    index.conversations[0]!.questionCount = 9;
    writeFileSync(join(store.dir, 'index.json'), JSON.stringify(index));
    expect((await store.readRecent(id, 1)).earlierTurns).toBe(8);
    delete index.conversations[0]!.questionCount;
    writeFileSync(join(store.dir, 'index.json'), JSON.stringify(index));
    expect((await store.readRecent(id, 1)).earlierTurns).toBe(2);
    index.conversations[0]!.questionCount = 9;
    delete index.conversations[0]!.countedTo;
    writeFileSync(join(store.dir, 'index.json'), JSON.stringify(index));
    expect((await store.readRecent(id, 1)).earlierTurns).toBe(2);
  });

  it('come from that conversation\'s own entry, not another\'s listed before it', async () => {
    const store = await open();
    const other = await store.create('other');
    await store.append(other.id, { role: 'user', text: 'other' });
    const { id } = await store.create('q0');
    for (let i = 0; i < 3; i++) {
      await store.append(id, { role: 'user', text: `q${i}` });
      await store.append(id, { role: 'assistant', text: `a${i}` });
    }
    await store.flush();
    const index = indexOf(store.dir);
    index.conversations.find((entry) => entry.id === id)!.questionCount = 9;
    writeFileSync(join(store.dir, 'index.json'), JSON.stringify(index));
    expect((await store.readRecent(id, 1)).earlierTurns).toBe(8);
    expect(await store.readRecent(other.id, 1)).toMatchObject({ earlierTurns: 0, messages: [{ text: 'other' }] });
  });

  it('are none, with no messages, for a conversation without a file', async () => {
    const store = await open();
    expect(await store.readRecent('20261122T100000Z-00000000', 2)).toEqual({ messages: [], earlierTurns: 0, unreadable: 0 });
    expect(store.warnings).toEqual([]);
  });

  it('are none, with no messages, for a conversation whose file is a folder (moved aside)', async () => {
    const { store, id } = await conversation();
    const file = join(store.dir, `${id}.jsonl`);
    rmSync(file);
    mkdirSync(file);
    expect(await store.readRecent(id, 2)).toEqual({ messages: [], earlierTurns: 0, unreadable: 0 });
    expect(store.warnings).toEqual([expect.stringMatching(/^history: .+ was unreadable \(a directory, not a file\); moved it to /)]);
  });
});

describe('a new conversation', () => {
  it('is listed counted from its file\'s first byte, and its messages keep the ids given', async () => {
    const store = await open();
    const created = await store.create('how many vpcs');
    expect(created).toEqual({ id: expect.stringMatching(/^20261122T100002Z-[0-9a-f]{8}$/), title: 'how many vpcs', createdAt: '2026-11-22T10:00:02.000Z', updatedAt: '2026-11-22T10:00:02.000Z', messageCount: 0 });
    await store.flush();
    expect(indexOf(store.dir).conversations).toEqual([{ ...created, countedTo: 0, questionCount: 0 }]);
    const message = await store.append(created.id, { id: 'm1', role: 'user', text: 'how many vpcs' });
    expect(message).toEqual({ id: 'm1', role: 'user', at: '2026-11-22T10:00:03.000Z', text: 'how many vpcs' });
    const generated = await store.append(created.id, { role: 'assistant', text: '3', answer: { count: 3 } });
    expect(generated).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), role: 'assistant', at: '2026-11-22T10:00:04.000Z', text: '3', answer: { count: 3 } });
    await store.flush();
    expect(indexOf(store.dir).conversations).toEqual([{ ...created, updatedAt: '2026-11-22T10:00:04.000Z', messageCount: 2, countedTo: expect.any(Number), questionCount: 1 }]);
  });

  it('is not listed twice when its entry was written first by another process', async () => {
    const dataDir = tempDataDir();
    const clock = steppingClock('2026-11-22T10:00:00Z');
    const first = await openHistory({ dataDir, userId: 'alice', clock });
    const { id } = await first.create('q');
    await first.append(id, { role: 'user', text: 'q' });
    // Another process opens before this one's index update: it lists the conversation from its file.
    const second = await openHistory({ dataDir, userId: 'alice', clock });
    await first.flush();
    expect((await second.list()).map((conversation) => conversation.id)).toEqual([id]);
  });

  it('is not listed twice when another process listed it before this one\'s index update', async () => {
    const store = await open();
    const created = await store.create('q');
    // Done at once, before the update in the background can take the lock (an I/O step later).
    const indexFile = join(store.dir, 'index.json');
    const index = indexOf(store.dir);
    writeFileSync(indexFile, JSON.stringify({ ...index, conversations: [{ ...created, countedTo: 0, questionCount: 0 }] }));
    await store.flush();
    expect((await store.list()).map(({ id }) => id)).toEqual([created.id]);
  });

  it('deletes nothing for a reference that names none', async () => {
    const store = await open();
    const { id } = await store.create('q');
    await store.append(id, { role: 'user', text: 'q' });
    await store.flush();
    expect([await store.delete(5), await store.delete('no-such-id')]).toEqual([undefined, undefined]);
    expect((await store.list()).map((conversation) => conversation.id)).toEqual([id]);
  });
});

describe('the calls\' order', () => {
  it('goes on after a call refused for its id: the conversation\'s next lines are written and read', async () => {
    const store = await open();
    const { id } = await store.create('q');
    const refused = [store.append('../index', { role: 'user', text: 'x' }), store.readRecent('a/b', 1)];
    const next = store.append(id, { role: 'user', text: 'q' });
    await expect(Promise.all(refused)).rejects.toThrow('not a conversation id');
    expect(await next).toMatchObject({ role: 'user', text: 'q' });
    expect((await store.read(id)).map(({ text }) => text)).toEqual(['q']);
  });
});

describe('reads of a history that cannot be read', () => {
  it('give an empty list, no conversation, empty settings and no turns, each trouble warned of once', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'history'), 'a file where the folder goes');
    const store = await openHistory({ dataDir, userId: 'alice', clock: steppingClock() });
    const id = '20261122T100000Z-00000000';
    expect([await store.list(), await store.latest(), await store.find(1), await store.settings(), await store.readRecent(id, 2), await store.read(id)]).toEqual([
      [],
      undefined,
      undefined,
      { inputHistory: [] },
      { messages: [], earlierTurns: 0, unreadable: 0 },
      [],
    ]);
    expect(store.warnings).toHaveLength(3); // the folder at open, the index, the conversation file
  });
});

// Two qchat processes of one user share a history folder: each is a store opened on the same
// directory (the stores re-read index.json under its lock on every change, as two processes do).
// A store brings the index up to date in the background; `flush()` waits for that, as a process
// that has finished its turn would have. Cases where one process's change must survive the
// other's (issue 17).
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

async function twoProcesses() {
  const dataDir = tempDataDir();
  const clock = steppingClock();
  const open = (retention = {}) => openHistory({ dataDir, userId: 'alice', clock, retention });
  return { first: await open(), second: await open(), open };
}

describe('one history, two processes', () => {
  it('lists a conversation deleted by the other process again once this one appends to it', async () => {
    const { first, second } = await twoProcesses();
    const conversation = await first.create('what did I spend last month');
    await first.append(conversation.id, { role: 'user', text: 'what did I spend last month' });
    await first.flush();
    expect(await second.delete(conversation.id)).toMatchObject({ id: conversation.id, messageCount: 1 });
    expect(await first.list()).toEqual([]);
    const reply = await first.append(conversation.id, { role: 'assistant', text: 'You spent $12.00 last month.' });
    await first.flush();
    const listed = await second.list();
    expect(listed).toEqual([{ id: conversation.id, title: 'You spent $12.00 last month.', createdAt: reply.at, updatedAt: reply.at, messageCount: 1, position: 1 }]);
    // Only what was written after the delete is there: the deleted message stays deleted.
    expect(await second.read(conversation.id)).toEqual([reply]);
    expect(first.warnings).toEqual([]);
  });

  it('counts messages from both processes in one conversation, in the order written', async () => {
    const { first, second } = await twoProcesses();
    const conversation = await first.create('how many buckets');
    await first.flush();
    const messages = [];
    for (let i = 0; i < 3; i++) {
      messages.push(await first.append(conversation.id, { role: 'user', text: `first ${i}` }));
      messages.push(await second.append(conversation.id, { role: 'user', text: `second ${i}` }));
    }
    await Promise.all([first.flush(), second.flush()]);
    expect(await first.read(conversation.id)).toEqual(messages);
    expect(await first.list()).toMatchObject([{ id: conversation.id, title: 'how many buckets', messageCount: 6, updatedAt: messages.at(-1)!.at }]);
  });

  it('never moves a conversation\'s last update back when the other process\'s index update lands later', async () => {
    const dataDir = tempDataDir();
    // The first process's clock is an hour behind, as a process whose turn was written earlier but indexed later.
    const first = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-11-22T09:00:00Z') });
    const second = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-11-22T10:00:00Z') });
    const conversation = await second.create('how many buckets');
    const later = await second.append(conversation.id, { role: 'user', text: 'how many buckets' });
    await second.flush();
    const earlier = await first.append(conversation.id, { role: 'assistant', text: 'You have 3 buckets.' });
    await first.flush();
    expect(earlier.at < later.at).toBe(true);
    expect(await first.list()).toMatchObject([{ id: conversation.id, updatedAt: later.at, messageCount: 2 }]);
  });

  it('sees conversations the other process created and numbers both newest first', async () => {
    const { first, second } = await twoProcesses();
    const older = await first.create('older question');
    await first.flush();
    const newer = await second.create('newer question');
    await second.flush();
    expect((await first.list()).map(({ id, position }) => [id, position])).toEqual([
      [newer.id, 1],
      [older.id, 2],
    ]);
    expect(await first.find(1)).toMatchObject({ id: newer.id });
    expect(await first.find('2')).toMatchObject({ id: older.id });
    expect(await first.find(3)).toBeUndefined();
    expect(await first.find(newer.id)).toMatchObject({ title: 'newer question' });
  });

  it('keeps both processes\' inputs for recall, and the other\'s settings', async () => {
    const { first, second } = await twoProcesses();
    await first.rememberInput('cost last month');
    await first.flush();
    await second.rememberInput('  how many buckets  ');
    await second.rememberInput('how many buckets');
    await first.updateSettings({ crossRegionConsent: true });
    await Promise.all([first.flush(), second.flush()]);
    expect(await second.settings()).toEqual({ inputHistory: ['cost last month', 'how many buckets'], crossRegionConsent: true });
  });

  it('re-lists a conversation whose index entry the other process never wrote (killed between file and index)', async () => {
    const { first, open } = await twoProcesses();
    const conversation = await first.create('first question');
    await first.append(conversation.id, { role: 'user', text: 'first question' });
    await first.flush();
    const indexFile = join(first.dir, 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    writeFileSync(indexFile, JSON.stringify({ ...index, conversations: [] }));
    const third = await open();
    expect(await third.list()).toMatchObject([{ id: conversation.id, title: 'first question', messageCount: 1, position: 1 }]);
    expect(third.warnings).toEqual(['history: recovered 1 conversation missing from index.json']);
  });

  it("lists a conversation whose entry was lost again under its first question, not the other process's message", async () => {
    const { first, second } = await twoProcesses();
    const conversation = await first.create('first question');
    await first.append(conversation.id, { role: 'user', text: 'first question' });
    await first.append(conversation.id, { role: 'assistant', text: 'first answer' });
    await first.flush();
    // The entry is lost (an index rewritten without it), then the other process, in the same
    // conversation, appends: the entry used to come back titled after that message, counting 1.
    const indexFile = join(first.dir, 'index.json');
    writeFileSync(indexFile, JSON.stringify({ ...JSON.parse(readFileSync(indexFile, 'utf8')), conversations: [] }));
    await second.append(conversation.id, { role: 'user', text: "the other process's question" });
    await second.flush();
    expect(await first.list()).toMatchObject([{ id: conversation.id, title: 'first question', messageCount: 3 }]);
  });

  it('counts what a process appended but never indexed (killed, or gone without flushing) when the next one opens', async () => {
    const { first, open } = await twoProcesses();
    const conversation = await first.create('question');
    await first.append(conversation.id, { role: 'user', text: 'question' });
    await first.flush();
    // The lines of a process that was gone before its index update: on disk, not counted.
    const file = join(first.dir, `${conversation.id}.jsonl`);
    const stored = (await first.read(conversation.id))[0]!;
    appendFileSync(file, `${JSON.stringify({ ...stored, id: 'm-2', role: 'assistant', text: 'answer' })}\n${JSON.stringify({ id: 'm-2', feedback: { rating: 'up' } })}\n{"id":"m-3","role":"us`);
    const third = await open();
    expect(await third.list()).toMatchObject([{ id: conversation.id, messageCount: 2 }]);
    // The cut line is left until a newline ends it, and is then no message; the rest count once.
    await third.append(conversation.id, { role: 'user', text: 'next' });
    await third.flush();
    await first.append(conversation.id, { role: 'assistant', text: 'next answer' });
    await Promise.all([first.flush(), third.flush()]);
    expect(await (await open()).list()).toMatchObject([{ id: conversation.id, messageCount: 4 }]);
    expect((await third.read(conversation.id)).map(({ text }) => text)).toEqual(['question', 'answer', 'next', 'next answer']);
  });

  it('drops the index entry of a conversation whose file the other process removed', async () => {
    const { first, open } = await twoProcesses();
    const kept = await first.create('kept');
    await first.append(kept.id, { role: 'user', text: 'kept' });
    const removed = await first.create('removed');
    await first.append(removed.id, { role: 'user', text: 'removed' });
    await first.flush();
    rmSync(join(first.dir, `${removed.id}.jsonl`));
    const third = await open();
    expect((await third.list()).map(({ id }) => id)).toEqual([kept.id]);
  });

  it('applies the retention cap when another process opens, deleting the oldest conversations\' files', async () => {
    const { first, open } = await twoProcesses();
    const ids = [];
    for (const question of ['one', 'two', 'three']) {
      const conversation = await first.create(question);
      await first.append(conversation.id, { role: 'user', text: question });
      ids.push(conversation.id);
    }
    await first.flush();
    const capped = await open({ maxConversations: 2 });
    expect((await capped.list()).map(({ title }) => title)).toEqual(['three', 'two']);
    expect(readdirSync(first.dir).filter((name) => name.endsWith('.jsonl')).sort()).toEqual([`${ids[1]}.jsonl`, `${ids[2]}.jsonl`].sort());
    expect((await first.list()).map(({ title }) => title)).toEqual(['three', 'two']);
  });

  it('deletes a conversation whose file the other process moved aside, recording on', async () => {
    const { first, second } = await twoProcesses();
    const conversation = await first.create('question');
    await first.append(conversation.id, { role: 'user', text: 'question' });
    await first.flush();
    const file = join(first.dir, `${conversation.id}.jsonl`);
    rmSync(file);
    mkdirSync(file);
    expect(await second.read(conversation.id)).toEqual([]); // moved aside; its index entry stays
    expect(await first.delete(conversation.id)).toMatchObject({ id: conversation.id });
    expect([await first.list(), first.recording, first.warnings]).toEqual([[], true, []]);
  });

  // Another process's change lands between this one's append and its index update: done here
  // synchronously right after the append, before the update can take the lock (an I/O step later).
  it('keeps the entry as counted when the other process removed the file before this count', async () => {
    const { first } = await twoProcesses();
    const conversation = await first.create('question');
    await first.append(conversation.id, { role: 'user', text: 'question' });
    await first.flush();
    await first.append(conversation.id, { role: 'assistant', text: 'answer' });
    rmSync(join(first.dir, `${conversation.id}.jsonl`));
    await first.flush();
    expect((await first.list()).map(({ id, messageCount }) => [id, messageCount])).toEqual([[conversation.id, 1]]);
    expect(first.warnings).toEqual([]);
  });

  it('does not list again a conversation the other process deleted, file and entry, before this count', async () => {
    const { first, second } = await twoProcesses();
    const conversation = await first.create('question');
    await first.flush();
    await first.append(conversation.id, { role: 'user', text: 'question' });
    rmSync(join(first.dir, `${conversation.id}.jsonl`));
    const indexFile = join(first.dir, 'index.json');
    writeFileSync(indexFile, JSON.stringify({ ...JSON.parse(readFileSync(indexFile, 'utf8')), conversations: [] }));
    await first.flush();
    expect([await first.list(), await second.list(), first.warnings]).toEqual([[], [], []]);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecentMessages } from '../source/history/recent-turns.js';
import { openHistory, titleFrom, type HistoryStore } from '../source/history/store.js';
import { dayMs, steppingClock, tempDataDir } from './fixtures/history-helpers.js';

async function freshStore(options: { dataDir?: string; userId?: string; clock?: ReturnType<typeof steppingClock> } = {}) {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = options.clock ?? steppingClock();
  const store = await openHistory({ dataDir, userId: options.userId ?? 'alice', clock });
  return { store, dataDir, clock };
}

async function conversationWith(store: HistoryStore, question: string, answer = 'an answer') {
  const conversation = await store.create(question);
  await store.append(conversation.id, { role: 'user', text: question });
  await store.append(conversation.id, { role: 'assistant', text: answer });
  await store.flush(); // the index entry too, before another store (another process) looks
  return conversation;
}

/** Sets every file's write time, as if the files had been written on the tests' pinned clock. */
function filesWrittenAt(dir: string, at: string) {
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), new Date(at), new Date(at));
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('history store', () => {
  it('records a conversation and reads it back in order, structured answers included', async () => {
    const { store } = await freshStore();
    const conversation = await store.create('  How many EC2 instances\nare running?  ');
    expect(conversation.title).toBe('How many EC2 instances are running?');
    const answer = { summary: '3 instances', table: { columns: ['id', 'state'], rows: [['i-1', 'running']] }, chart: { series: [1, 2.5, null] } };
    const question = await store.append(conversation.id, { role: 'user', text: 'How many EC2 instances are running?' });
    const reply = await store.append(conversation.id, { role: 'assistant', text: '3 instances', answer });
    expect(reply).toMatchObject({ role: 'assistant', answer });
    expect(await store.read(conversation.id)).toEqual([question, reply]);
    expect(await store.list()).toEqual([{ ...conversation, updatedAt: reply.at, messageCount: 2, position: 1 }]);
    expect(store.warnings).toEqual([]);
    expect(store.recording).toBe(true);
  });

  it('numbers conversations newest first for /resume N and /delete N', async () => {
    const { store } = await freshStore();
    const first = await conversationWith(store, 'first');
    const second = await conversationWith(store, 'second');
    const third = await conversationWith(store, 'third');
    expect((await store.list()).map(({ id, position }) => [position, id])).toEqual([
      [1, third.id],
      [2, second.id],
      [3, first.id],
    ]);
    // Continuing an older conversation brings it to the top.
    await store.append(first.id, { role: 'user', text: 'more' });
    expect((await store.latest())?.id).toBe(first.id);
    expect((await store.find(2))?.id).toBe(third.id);
    expect((await store.find('3'))?.id).toBe(second.id);
    expect((await store.find(second.id))?.position).toBe(3);
    expect(await store.find(4)).toBeUndefined();
    expect(await store.find('0')).toBeUndefined();
    expect(await store.find('nope')).toBeUndefined();
  });

  it('deletes by position or id, file included', async () => {
    const { store } = await freshStore();
    const first = await conversationWith(store, 'first');
    const second = await conversationWith(store, 'second');
    expect((await store.delete(1))?.id).toBe(second.id);
    expect(existsSync(join(store.dir, `${second.id}.jsonl`))).toBe(false);
    expect((await store.delete(first.id))?.title).toBe('first');
    expect(await store.delete(1)).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('keeps every call in call order, even when not awaited one by one', async () => {
    const { store } = await freshStore();
    const { id } = await store.create('burst');
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(id, { role: 'user', text: `m${i}` })));
    expect((await store.read(id)).map(({ text }) => text)).toEqual(appended.map(({ text }) => text));
    expect((await store.find(id))?.messageCount).toBe(20);
  });

  it('reads the last turns of a conversation from its end: the same messages as a full read, the earlier turns counted', async () => {
    const { store } = await freshStore();
    const { id } = await store.create('q0');
    const replies = [];
    for (let i = 0; i < 6; i++) {
      await store.append(id, { role: 'user', text: `q${i}` });
      replies.push(await store.append(id, { role: 'assistant', text: `a${i}`, answer: { kind: 'text', text: `a${i}` } }));
    }
    await store.setFeedback(id, replies[0]!.id, { rating: 'up' }); // on an earlier turn: not read
    await store.setFeedback(id, replies[5]!.id, { rating: 'down' });
    const file = join(store.dir, `${id}.jsonl`);
    // Lines qchat did not write as it does: keys in another order (still a question), and garbage.
    const lines = readFileSync(file, 'utf8').split('\n');
    const reordered = JSON.parse(lines[2]!) as Record<string, unknown>;
    lines[2] = JSON.stringify({ text: reordered.text, at: reordered.at, role: reordered.role, id: reordered.id });
    lines.splice(3, 0, '{"id": "broken');
    writeFileSync(file, lines.join('\n'));
    const full = await store.read(id);
    // The earlier turns from the index's count of questions: the earlier lines are not read.
    const recent = await store.readRecent(id, 2);
    expect(recent).toEqual({ messages: full.slice(-4), earlierTurns: 4, unreadable: 0 });
    expect(recent.messages.at(-1)?.feedback).toEqual({ rating: 'down' });
    // Without a count (an index that lags), the earlier lines are read, by their prefix or parsed.
    expect(await readRecentMessages(file, 2)).toEqual({ messages: full.slice(-4), earlierTurns: 4, unreadable: 1 });
    expect(await store.readRecent(id, 10)).toEqual({ messages: full, earlierTurns: 0, unreadable: 1 });
    // A window that does not hold the turns asked for grows until it does.
    const long = await store.create('long');
    for (let i = 0; i < 40; i++) await store.append(long.id, { role: 'user', text: `${i} ${'x'.repeat(10_000)}` });
    await store.flush();
    expect((await store.readRecent(long.id, 30)).messages.map(({ text }) => text.split(' ')[0])).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 10)));
    expect((await store.readRecent(long.id, 30)).earlierTurns).toBe(10);
  });

  it('records feedback given after the answer', async () => {
    const { store } = await freshStore();
    const { id } = await store.create('q');
    const reply = await store.append(id, { role: 'assistant', text: 'a' });
    await store.append(id, { role: 'user', text: 'next' });
    await store.setFeedback(id, reply.id, { rating: 'down', comment: 'wrong region' });
    const messages = await store.read(id);
    expect(messages.map(({ text }) => text)).toEqual(['a', 'next']);
    expect(messages[0]?.feedback).toEqual({ rating: 'down', comment: 'wrong region' });
    expect((await store.find(id))?.messageCount).toBe(2);
  });

  it('keeps settings: cross-region consent and input history', async () => {
    const { store, dataDir, clock } = await freshStore();
    expect(await store.settings()).toEqual({ inputHistory: [] });
    await store.updateSettings({ crossRegionConsent: true });
    for (const input of ['list buckets', 'list buckets', ' costs this month ', '']) await store.rememberInput(input);
    const reopened = await openHistory({ dataDir, userId: 'alice', clock });
    expect(await reopened.settings()).toEqual({ crossRegionConsent: true, inputHistory: ['list buckets', 'costs this month'] });
    for (let i = 0; i < 150; i++) await reopened.rememberInput(`q${i}`);
    const { inputHistory } = await reopened.settings();
    expect(inputHistory).toHaveLength(100);
    expect(inputHistory.at(-1)).toBe('q149');
    await reopened.updateSettings({ crossRegionConsent: undefined, inputHistory: [] });
    expect(await reopened.settings()).toEqual({ inputHistory: [] });
  });

  it('titles a conversation after its first question: one line, at most 60 characters', () => {
    expect(titleFrom('  what\tdid\n\nEC2 cost  ')).toBe('what did EC2 cost');
    expect(titleFrom('')).toBe('untitled');
    const long = titleFrom(`${'😀'.repeat(30)} ${'x'.repeat(100)}`);
    expect(Array.from(long)).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of a surrogate pair
  });

  it('sanitizes a title before cutting it: a cut inside an escape sequence loses no words', () => {
    // Cut first, this became 55 x's, ESC ] 0 ; and "…": drawn, the sanitizer took that for a
    // window-title sequence running to the end, and the title showed as the x's alone.
    expect(titleFrom(`${'x'.repeat(55)}\u001b]0;pwned\u0007 and the rest of it`)).toBe(`${'x'.repeat(55)} and…`);
    expect(titleFrom('\u001b[31mred\u001b[0m \u009b2J\u202enames')).toBe('red names');
  });

  it('round-trips any string exactly through the conversation file', async () => {
    const { store } = await freshStore();
    const { id } = await store.create('strings');
    const texts = fc.sample(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\u2028\u2029', '\r\n\x1b[31m', '\ud800', '{"id":"x"}\n')), 120);
    for (const text of texts) await store.append(id, { role: 'user', text, answer: { text } });
    expect((await store.read(id)).map(({ text, answer }) => [text, answer])).toEqual(texts.map((text) => [text, { text }]));
  });

  it('applies retention by age and count when the store opens', async () => {
    const dataDir = tempDataDir();
    const clock = steppingClock('2026-01-01T00:00:00Z');
    const { store } = await freshStore({ dataDir, clock });
    const old = await conversationWith(store, 'old');
    clock.jump(60 * dayMs);
    const recent = [];
    for (const question of ['a', 'b', 'c', 'd']) recent.push(await conversationWith(store, question));
    clock.jump(31 * dayMs); // "old" is now 91 days old, the rest 31 days
    filesWrittenAt(store.dir, '2026-01-01T00:00:00Z'); // the clock is then not earlier than the files
    const reopened = await openHistory({ dataDir, userId: 'alice', clock, retention: { maxConversations: 3 } });
    expect((await reopened.list()).map(({ title }) => title)).toEqual(['d', 'c', 'b']);
    expect(existsSync(join(store.dir, `${old.id}.jsonl`))).toBe(false);
    expect(existsSync(join(store.dir, `${recent[0]?.id}.jsonl`))).toBe(false);
    clock.jump(60 * dayMs);
    filesWrittenAt(store.dir, '2026-01-01T00:00:00Z');
    const later = await openHistory({ dataDir, userId: 'alice', clock, retention: { maxAgeDays: 90 } });
    expect(await later.list()).toEqual([]);
    expect(readdirSync(store.dir)).toEqual(['index.json']);
    expect(later.warnings).toEqual(['history: removed 3 conversations by retention (at most 100, none older than 90 days)']);
  });

  it('never deletes by age on a clock ahead of the system clock, and says so (QCHAT_NOW=2099-…)', async () => {
    const { store, dataDir } = await freshStore();
    await conversationWith(store, 'kept');
    const future = steppingClock('2099-06-01T00:00:00Z');
    const reopened = await openHistory({ dataDir, userId: 'alice', clock: future });
    expect((await reopened.list()).map(({ title }) => title)).toEqual(['kept']);
    expect(reopened.warnings).toEqual([expect.stringMatching(/^history: kept conversations by age: the clock \(2099-06-01\) is ahead of the system clock/)]);
  });

  it('never deletes by age on a clock earlier than the newest history file, and says so', async () => {
    const { store, dataDir } = await freshStore({ clock: steppingClock('2026-01-01T00:00:00Z') });
    await conversationWith(store, 'kept');
    filesWrittenAt(store.dir, '2026-09-01T00:00:00Z');
    const reopened = await openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-06-01T00:00:00Z') });
    expect((await reopened.list()).map(({ title }) => title)).toEqual(['kept']);
    expect(reopened.warnings).toEqual([
      'history: kept conversations by age: the clock (2026-06-01) is earlier than the newest history file (2026-09-01), so ages cannot be trusted',
    ]);
  });

  it('creates private folders and files whatever the umask', async () => {
    // A worker thread may not set the umask (Stryker's vitest runner uses threads): there the
    // store runs under the process's umask, and test/storage-faults.test.ts simulates a tight one.
    const previous = isMainThread ? process.umask(0) : undefined;
    try {
      const { store, dataDir } = await freshStore();
      const { id } = await conversationWith(store, 'modes');
      await store.rememberInput('modes');
      expect(mode(join(dataDir, 'history'))).toBe(0o700);
      expect(mode(store.dir)).toBe(0o700);
      expect(mode(join(store.dir, 'index.json'))).toBe(0o600);
      expect(mode(join(store.dir, `${id}.jsonl`))).toBe(0o600);
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
  });

  it('never writes credentials: keys, secrets, session tokens, bearer tokens and JWTs are redacted', async () => {
    const { store } = await freshStore();
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const { id } = await store.create(`why does ${key} fail`);
    const stored = await store.append(id, {
      role: 'user',
      text: `aws_secret_access_key = ${secret}`,
      answer: { rows: [{ token: `Bearer ${jwt}` }], nested: [[`ASIAXXXXXXXXXXXXXXXX`]] },
    });
    await store.rememberInput(`export AWS_SECRET_ACCESS_KEY=${secret}`);
    await store.setFeedback(id, stored.id, { rating: 'up', comment: jwt });
    const onDisk = readdirSync(store.dir).map((name) => readFileSync(join(store.dir, name), 'utf8')).join('\n');
    for (const credential of [key, secret, jwt, 'ASIAXXXXXXXXXXXXXXXX']) expect(onDisk).not.toContain(credential);
    expect(stored.text).toBe('aws_secret_access_key = [redacted]');
    expect((await store.list())[0]?.title).toBe('why does [redacted] fail');
    expect((await store.settings()).inputHistory).toEqual(['export AWS_SECRET_ACCESS_KEY=[redacted]']);
  });

  it('keeps every user inside the history folder, whatever the user id', async () => {
    const dataDir = tempDataDir();
    const ids = ['../../etc', 'a/b', '..', '.', '', 'x'.repeat(5000), 'ユーザー/../..', 'd-9067642ac7.0a1b2c3d', 'C:\\Windows', 'a\0b'];
    const dirs = new Set<string>();
    for (const userId of ids) {
      const { store } = await freshStore({ dataDir, userId });
      await conversationWith(store, userId);
      const inside = relative(join(dataDir, 'history'), store.dir);
      expect(inside).not.toContain(sep);
      expect(inside).not.toMatch(/^\.\.?$/);
      dirs.add(store.dir);
    }
    expect(dirs.size).toBe(ids.length);
    expect(readdirSync(dataDir)).toEqual(['history']);
  });

  it('refuses conversation ids that could name another path', async () => {
    const { store } = await freshStore();
    for (const id of ['../index', '../../etc/passwd', '.hidden', 'a/b', '']) {
      await expect(store.append(id, { role: 'user', text: 'x' })).rejects.toThrow('not a conversation id');
      await expect(store.read(id)).rejects.toThrow('not a conversation id');
    }
    expect(await store.find('../index')).toBeUndefined();
  });

  it('moves an unreadable index.json aside, reports it and recovers the conversations from their files', async () => {
    const { store, dataDir, clock } = await freshStore({ clock: steppingClock('2026-11-22T10:00:00Z', 0) });
    const first = await conversationWith(store, 'first question', 'first answer');
    const second = await conversationWith(store, 'second question');
    const index = join(store.dir, 'index.json');
    writeFileSync(index, '{"version": 1, "conversations": [');
    const reopened = await openHistory({ dataDir, userId: 'alice', clock });
    expect(reopened.warnings).toEqual([
      `history: ${index} was unreadable (not valid JSON); moved it to ${index}.corrupt-20261122T100000Z and rebuilt the list from the conversation files`,
      'history: recovered 2 conversations missing from index.json',
    ]);
    expect(readFileSync(`${index}.corrupt-20261122T100000Z`, 'utf8')).toBe('{"version": 1, "conversations": [');
    expect((await reopened.list()).map(({ id, title, messageCount }) => [id, title, messageCount]).sort()).toEqual(
      [
        [first.id, 'first question', 2],
        [second.id, 'second question', 2],
      ].sort(),
    );
    expect((await reopened.read(first.id)).map(({ text }) => text)).toEqual(['first question', 'first answer']);
    expect(reopened.recording).toBe(true);

    // A valid JSON file that is not an index is unreadable too, and an earlier copy is never overwritten.
    writeFileSync(index, '[]');
    const again = await openHistory({ dataDir, userId: 'alice', clock });
    expect(again.warnings[0]).toMatch(/\(not a qchat history index \(.+\)\); moved it to \/.+\/index.json.corrupt-20261122T100000Z-2/);
    expect(await again.list()).toHaveLength(2);
  });

  it('repairs an index that turns unreadable while the store is open', async () => {
    const { store } = await freshStore();
    const { id } = await conversationWith(store, 'question');
    writeFileSync(join(store.dir, 'index.json'), 'garbage');
    expect((await store.list()).map((conversation) => conversation.id)).toEqual([id]);
    expect(store.warnings[0]).toMatch(/^history: \/.+\/index.json was unreadable \(not valid JSON\); moved it to \/.+\/index.json.corrupt-\d{8}T\d{6}Z/);
  });

  it('skips and reports a corrupt line, keeping the file and every other message', async () => {
    const { store } = await freshStore();
    const { id } = await conversationWith(store, 'q1', 'a1');
    const file = join(store.dir, `${id}.jsonl`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id": "broken", "role": \n[1,2]\n{"id":"x","role":"robot","at":"","text":""}\n`);
    await store.append(id, { role: 'user', text: 'q2' });
    // A writer killed mid-line leaves a fragment without a newline; the next message starts a new line.
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id":"cut","role":"us`);
    await store.append(id, { role: 'assistant', text: 'a2' });
    expect((await store.read(id)).map(({ text }) => text)).toEqual(['q1', 'a1', 'q2', 'a2']);
    expect(store.warnings).toEqual([`history: skipped unreadable lines 3, 4, 5, 7 of ${file}`]);
    expect(readFileSync(file, 'utf8')).toContain('"robot"');
  });

  it('moves an unreadable conversation file aside', async () => {
    const { store } = await freshStore({ clock: steppingClock('2026-11-22T10:00:00Z', 0) });
    const { id } = await store.create('q');
    const file = join(store.dir, `${id}.jsonl`);
    rmSync(file);
    mkdirSync(file);
    expect(await store.read(id)).toEqual([]);
    expect(store.warnings).toEqual([`history: ${file} was unreadable (a directory, not a file); moved it to ${file}.corrupt-20261122T100000Z`]);
  });

  it('cleans up after killed writers: temp files and stale locks', async () => {
    const { store, dataDir, clock } = await freshStore();
    await conversationWith(store, 'q');
    const temp = join(store.dir, '.index.json.4242-deadbeef.tmp');
    writeFileSync(temp, '{"half');
    const lock = join(store.dir, 'index.json.lock');
    mkdirSync(lock);
    // Real file times: a killed writer's leftovers are recognised by their age on disk.
    const minuteAgo = new Date(Date.now() - 61_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    utimesSync(temp, minuteAgo, minuteAgo);
    const started = Date.now();
    const reopened = await openHistory({ dataDir, userId: 'alice', clock });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(readdirSync(reopened.dir).sort()).toEqual([expect.stringMatching(/\.jsonl$/), 'index.json']);
    expect(await reopened.list()).toHaveLength(1);
  });
});

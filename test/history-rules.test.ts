// History's file-level rules one row each, beside test/history-retention.test.ts: titles at their
// length edge, positions and ids looked up, entries rebuilt from messages, lines appended after a
// torn one, messages counted by byte range, and a restore's earlier turns with and without the
// index's count. Rows written for the mutants StrykerJS can leave alive in the history module.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendLine, countNewMessages, readConversationFile } from '../source/history/conversation-file.js';
import { lookUp, numbered, summarize, titleFrom } from '../source/history/listing.js';
import { ConversationReader, toLine } from '../source/history/message.js';
import { readRecentMessages } from '../source/history/recent-turns.js';
import { expiredConversations, newestFirst } from '../source/history/retention.js';

const dir = () => mkdtempSync(join(tmpdir(), 'qchat-history-rules-'));
const entry = (id: string, updatedAt: string) => ({ id, title: id, createdAt: updatedAt, updatedAt, messageCount: 2, countedTo: 10, questionCount: 1 });
const message = (id: string, role: 'user' | 'assistant', at: string, text = id) => ({ id, role, at, text });

describe('titles', () => {
  it.each([
    ['an empty question', '', 'untitled'],
    ['only spaces and newlines', ' \n\t ', 'untitled'],
    ['exactly 60 characters', 'a'.repeat(60), 'a'.repeat(60)],
    ['61 characters: 59 and an ellipsis', 'b'.repeat(61), `${'b'.repeat(59)}…`],
    ['a cut after a space: the space dropped', `${'c'.repeat(58)} dddd`, `${'c'.repeat(58)}…`],
    ['60 emoji: counted as characters, not UTF-16 units', '🙂'.repeat(60), '🙂'.repeat(60)],
    ['runs of spaces and newlines as one space, trimmed', '  how\n\nmany   vpcs  ', 'how many vpcs'],
  ])('%s', (_case, question, title) => {
    expect(titleFrom(question)).toBe(title);
  });
});

describe('positions and ids', () => {
  const list = [entry('older', '2026-11-20T00:00:00.000Z'), entry('newer', '2026-11-21T00:00:00.000Z')];

  it('numbers newest first from 1, without the counting fields', () => {
    expect(numbered(list)).toEqual([
      { id: 'newer', title: 'newer', createdAt: '2026-11-21T00:00:00.000Z', updatedAt: '2026-11-21T00:00:00.000Z', messageCount: 2, position: 1 },
      { id: 'older', title: 'older', createdAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z', messageCount: 2, position: 2 },
    ]);
    expect(list[0]).toHaveProperty('countedTo', 10);
  });

  it.each<[string | number, string | undefined]>([
    [1, 'newer'],
    ['2', 'older'],
    [' 2 ', 'older'],
    ['0', undefined],
    [3, undefined],
    ['older', 'older'],
    [' newer ', 'newer'],
    ['2x', undefined],
  ])('finds %j', (ref, id) => {
    expect(lookUp(list, ref)?.id).toBe(id);
  });
});

describe('an entry rebuilt from its messages', () => {
  const now = '2026-11-22T10:00:00.000Z';

  it('is titled after the first question, timed by the first and last messages, normalised', () => {
    const messages = [message('a', 'assistant', '2026-11-01T08:00:00Z', 'a reply first'), message('q', 'user', '2026-11-01T08:01:00+01:00', 'how many vpcs'), message('r', 'assistant', '2026-11-02T09:00:00Z')];
    expect(summarize('c1', messages, now)).toEqual({ id: 'c1', title: 'how many vpcs', createdAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-02T09:00:00.000Z', messageCount: 3 });
  });

  it('is titled after the first reply when there is no question, and timed now when times are not times', () => {
    expect(summarize('c2', [message('a', 'assistant', 'yesterday', 'only a reply'), message('b', 'assistant', 'soon')], now)).toEqual({
      id: 'c2', title: 'only a reply', createdAt: now, updatedAt: now, messageCount: 2,
    });
    expect(summarize('c3', [], now)).toEqual({ id: 'c3', title: 'untitled', createdAt: now, updatedAt: now, messageCount: 0 });
  });
});

describe('appending lines', () => {
  it('starts a line after a torn one on a fresh line, and creates the file private', async () => {
    const file = join(dir(), 'c.jsonl');
    await appendLine(file, 'first\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'torn', { flag: 'a' });
    await appendLine(file, 'second\n');
    await appendLine(file, 'third\n');
    expect(readFileSync(file, 'utf8')).toBe('first\ntorn\nsecond\nthird\n');
  });
});

describe('counting new messages by byte range', () => {
  const lines = [toLine(message('q1', 'user', '2026-11-01T10:00:00Z')), toLine({ id: 'q1', feedback: { rating: 'up' } }), toLine(message('r1', 'assistant', '2026-11-01T09:00:00+00:00')), 'not json\n', toLine(message('q2', 'user', 'not a time'))];

  it('counts complete message lines past the byte given: questions, the latest valid time, where it stopped', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, `${lines.join('')}{"id":"half`);
    const whole = lines.join('').length;
    expect(await countNewMessages(file, 0)).toEqual({ count: 3, questions: 2, lastAt: '2026-11-01T10:00:00.000Z', to: whole, fromStart: false });
    const second = lines[0]!.length + lines[1]!.length;
    expect(await countNewMessages(file, second)).toEqual({ count: 2, questions: 1, lastAt: '2026-11-01T09:00:00.000Z', to: whole, fromStart: false });
    expect(await countNewMessages(file, whole)).toEqual({ count: 0, questions: 0, lastAt: undefined, to: whole, fromStart: false });
  });

  it('counts from the start a file shorter than the byte given (replaced meanwhile), and nothing of a missing file', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, lines[0]!);
    expect(await countNewMessages(file, 10_000)).toEqual({ count: 1, questions: 1, lastAt: '2026-11-01T10:00:00.000Z', to: lines[0]!.length, fromStart: true });
    expect(await countNewMessages(join(dir(), 'none.jsonl'), 0)).toBeUndefined();
  });
});

describe('a restore\'s earlier turns', () => {
  const turn = (n: number) => [toLine(message(`q${n}`, 'user', '2026-11-01T10:00:00.000Z', `question ${n}`)), toLine(message(`r${n}`, 'assistant', '2026-11-01T10:00:01.000Z', `answer ${n}`))];

  function conversation(extra: string[] = []) {
    const file = join(dir(), 'c.jsonl');
    const text = [...turn(1), ...extra, ...turn(2), ...turn(3)].join('');
    writeFileSync(file, text);
    return { file, text };
  }

  it('counts the questions before the turns read from the lines, each line told by its prefix or parsed', async () => {
    const reordered = `${JSON.stringify({ role: 'user', id: 'x', at: '2026-11-01T10:00:00.000Z', text: 'keys in another order' })}\n`;
    const { file } = conversation([toLine({ id: 'q1', feedback: { rating: 'down' } }), 'garbage\n', reordered]);
    const recent = await readRecentMessages(file, 2);
    expect(recent.messages.map(({ id }) => id)).toEqual(['q2', 'r2', 'q3', 'r3']);
    expect(recent).toMatchObject({ earlierTurns: 2, unreadable: 1 });
  });

  it('takes the earlier turns from the index\'s count when it reaches the lines read, else from the lines', async () => {
    const { file, text } = conversation();
    const all = text.length;
    expect(await readRecentMessages(file, 1, { to: all, questions: 7 })).toMatchObject({ earlierTurns: 6, unreadable: 0 });
    const beforeLast = all - turn(3).join('').length;
    expect(await readRecentMessages(file, 1, { to: beforeLast, questions: 5 })).toMatchObject({ earlierTurns: 5 });
    expect(await readRecentMessages(file, 1, { to: 10, questions: 9 })).toMatchObject({ earlierTurns: 2 });
    expect(await readRecentMessages(file, 1, { to: all + 1, questions: 9 })).toMatchObject({ earlierTurns: 2 });
  });

  it('reads every turn when asked for more than there are, and nothing of a missing file', async () => {
    const { file } = conversation();
    expect(await readRecentMessages(file, 10)).toMatchObject({ earlierTurns: 0, unreadable: 0 });
    expect((await readRecentMessages(file, 10)).messages).toHaveLength(6);
    expect(await readRecentMessages(join(dir(), 'none.jsonl'), 2)).toEqual({ messages: [], earlierTurns: 0, unreadable: 0 });
  });
});

describe('reading the end of a conversation file', () => {
  const base = { role: 'user', at: '2026-11-22T10:00:00.000Z', text: 'q' };
  const read = (lines: string[], tail?: { firstLine: number }) => {
    const reader = new ConversationReader(tail);
    for (const line of lines) reader.add(line);
    return reader.result();
  };

  it('numbers lines from the first one read, and takes feedback on a message before them as no unreadable line', () => {
    const feedbackOnEarlier = JSON.stringify({ id: 'before', feedback: { rating: 'up' } });
    expect(read([JSON.stringify({ id: 'm1', ...base }), feedbackOnEarlier, 'garbage'], { firstLine: 5 })).toEqual({ messages: [{ id: 'm1', ...base }], badLines: [7] });
    // Read from the start, the same feedback line names a message never recorded.
    expect(read([feedbackOnEarlier]).badLines).toEqual([1]);
  });

  it.each([
    ['a role besides the feedback', { id: 'before', role: 'user', feedback: { rating: 'up' } }],
    ['a text besides the feedback', { id: 'before', text: 't', feedback: { rating: 'up' } }],
    ['no feedback', { id: 'before', comment: 'x' }],
  ])('still counts a line about an earlier message with %s as unreadable', (_case, record) => {
    expect(read([JSON.stringify(record)], { firstLine: 1 }).badLines).toEqual([1]);
  });
});

describe('titles and look-ups, more edges', () => {
  it('redacts a secret and strips escape sequences before cutting', () => {
    expect(titleFrom('\u001b]0;owned\u0007key \u001b[31mAKIAIOSFODNN7EXAMPLE\u001b[0m please')).toBe('key [redacted] please');
  });

  it('tells positions from ids that have digits at one end', () => {
    const list = [entry('a1', '2026-11-21T00:00:00.000Z'), entry('1a', '2026-11-20T00:00:00.000Z')];
    expect([lookUp(list, 'a1')?.id, lookUp(list, '1a')?.id, lookUp(list, '1')?.id, lookUp(list, 2)?.id]).toEqual(['a1', '1a', 'a1', '1a']);
  });
});

describe('appending lines, refusals', () => {
  it('refuses a FIFO in the file\'s place, and tightens an empty file that exists with a wider mode', async () => {
    const folder = dir();
    execFileSync('mkfifo', [join(folder, 'pipe.jsonl')]);
    await expect(appendLine(join(folder, 'pipe.jsonl'), 'x\n')).rejects.toMatchObject({ kind: 'NOT_A_FILE', problem: 'is not a regular file (it is a FIFO (named pipe))' });
    const file = join(folder, 'c.jsonl');
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    await appendLine(file, 'first\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A file with lines already is left as it is (its owner may have chosen the mode).
    chmodSync(file, 0o640);
    await appendLine(file, 'second\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('reports a write the disk took only part of as a full disk', async () => {
    const file = join(dir(), 'c.jsonl');
    const probe = await open(file, 'a');
    const fileHandle = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const write = vi.spyOn(fileHandle, 'write').mockResolvedValueOnce({ bytesWritten: 3, buffer: Buffer.alloc(0) });
    try {
      await expect(appendLine(file, 'a whole line\n')).rejects.toMatchObject({ code: 'ENOSPC', message: `short write to ${file}` });
    } finally {
      write.mockRestore();
    }
    await appendLine(file, 'whole\n');
    expect(readFileSync(file, 'utf8')).toBe('whole\n');
  });
});

describe('counting from the end of a file', () => {
  it('counts nothing from a byte exactly at the end, without starting over', async () => {
    const file = join(dir(), 'c.jsonl');
    const line = toLine(message('q1', 'user', '2026-11-01T10:00:00Z'));
    writeFileSync(file, line);
    expect(await countNewMessages(file, line.length)).toEqual({ count: 0, questions: 0, lastAt: undefined, to: line.length, fromStart: false });
  });

  it('keeps the latest time whatever order the lines are in', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, [message('a', 'assistant', '2026-11-01T09:00:00Z'), message('b', 'assistant', '2026-11-01T11:00:00Z'), message('c', 'assistant', '2026-11-01T10:00:00Z')].map(toLine).join(''));
    expect(await countNewMessages(file, 0)).toMatchObject({ count: 3, questions: 0, lastAt: '2026-11-01T11:00:00.000Z' });
  });
});

describe('a restore of a long conversation', () => {
  // Answers of 40 kB: the last three turns do not fit in the first 64 kB window, nor the next.
  const answer = 'x'.repeat(40_000);
  const turn = (n: number) => [toLine(message(`q${n}`, 'user', '2026-11-01T10:00:00.000Z', `question ${n}`)), toLine(message(`r${n}`, 'assistant', '2026-11-01T10:00:01.000Z', answer))];

  function longConversation(turns: number) {
    const file = join(dir(), 'c.jsonl');
    const text = Array.from({ length: turns }, (_, n) => turn(n + 1).join('')).join('');
    writeFileSync(file, text);
    return { file, size: Buffer.byteLength(text) };
  }

  it('grows its window until it holds the turns asked for, and counts the questions before them', async () => {
    const { file } = longConversation(12);
    const recent = await readRecentMessages(file, 7);
    expect(recent.messages.map(({ id }) => id)).toEqual(['q6', 'r6', 'q7', 'r7', 'q8', 'r8', 'q9', 'r9', 'q10', 'r10', 'q11', 'r11', 'q12', 'r12']);
    expect(recent).toMatchObject({ earlierTurns: 5, unreadable: 0 });
    expect((await readRecentMessages(file, 1)).messages.map(({ id }) => id)).toEqual(['q12', 'r12']);
  });

  it('does not take a line cut by the window\'s start for a whole one', async () => {
    const { file, size } = longConversation(2);
    // The last answer alone is within 64 kB: its question is not, and must not be read from a piece.
    const recent = await readRecentMessages(file, 1, { to: size, questions: 2 });
    expect(recent.messages.map(({ id }) => id)).toEqual(['q2', 'r2']);
    expect(recent).toMatchObject({ earlierTurns: 1, unreadable: 0 });
  });

  it('tells questions before the window by the prefix qchat writes, or by parsing the line', async () => {
    const file = join(dir(), 'c.jsonl');
    const lines = [
      toLine(message('q"1', 'user', '2026-11-01T10:00:00.000Z')), // an escaped quote in the id: parsed
      '{"id":"q2","role":"user","at":"2026-11-01T10:00:00.000Z","text":"torn\n', // qchat's prefix: a question, trusted
      '{"id":"q3","role":"user\n', // the prefix cut short: parsed, unreadable
      '{"id":"q4",\n', // the id's quote, then no role: parsed, unreadable
      '{"id\n', // shorter than the id's prefix
      toLine(message('r1', 'assistant', '2026-11-01T10:00:01.000Z')),
      toLine({ id: 'r1', feedback: { rating: 'up' } }),
      '\n',
      ...turn(3),
    ];
    writeFileSync(file, lines.join(''));
    expect(await readRecentMessages(file, 1)).toMatchObject({ earlierTurns: 2, unreadable: 3 });
  });
});

describe('rows for the survivors of the first history-records run', () => {
  const lineOf = (id: string, role: 'user' | 'assistant', text = id) => toLine(message(id, role, '2026-11-01T10:00:00.000Z', text));

  it('reads a conversation file\'s lines of any ordinary length', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, lineOf('q1', 'user', 'how many vpcs are there in every region I have enabled'));
    expect((await readConversationFile(file)).messages.map(({ id }) => id)).toEqual(['q1']);
  });

  it('leaves no file open after appending, counting or restoring', async () => {
    const file = join(dir(), 'c.jsonl');
    const open = () => readdirSync('/proc/self/fd').length;
    await appendLine(file, lineOf('q0', 'user'));
    const before = open();
    for (let i = 1; i <= 20; i++) {
      await appendLine(file, lineOf(`q${i}`, 'user'));
      await countNewMessages(file, 0);
      await readRecentMessages(file, 1);
    }
    expect(open()).toBe(before);
  });

  it('finds a position of two digits', () => {
    const list = Array.from({ length: 12 }, (_, i) => entry(`c${i}`, new Date(Date.UTC(2026, 10, 1 + i)).toISOString()));
    expect([lookUp(list, '12')?.id, lookUp(list, 10)?.id]).toEqual(['c0', 'c2']);
  });

  it('orders conversations of the same times by id, whatever order they come in', () => {
    const same = (id: string) => ({ id, title: id, createdAt: '2026-11-20T00:00:00Z', updatedAt: '2026-11-20T00:00:00Z', messageCount: 1 });
    expect([[same('d'), same('e')], [same('e'), same('d')]].map((list) => numbered(list).map(({ id }) => id))).toEqual([['e', 'd'], ['e', 'd']]);
    // A comparator either way round: a sort may ask it only one of the two.
    expect([newestFirst(same('d'), same('e')), newestFirst(same('e'), same('d'))]).toEqual([1, -1]);
  });

  it('removes by rank of the newest first, whatever order the index holds them in', () => {
    const list = [entry('oldest', '2026-11-01T00:00:00.000Z'), entry('newest', '2026-11-03T00:00:00.000Z'), entry('middle', '2026-11-02T00:00:00.000Z')];
    expect(expiredConversations(list, new Date('2026-11-04T00:00:00Z'), { maxConversations: 1, maxAgeDays: 90 }).map(({ id }) => id)).toEqual(['middle', 'oldest']);
  });

  it.each([
    ['a primitive', '5'],
    ['a string', '"text"'],
    ['feedback without an id', '{"feedback":{"rating":"up"}}'],
  ])('counts %s at the end of a file as an unreadable line', (_case, line) => {
    const reader = new ConversationReader({ firstLine: 1 });
    reader.add(line);
    expect(reader.result()).toEqual({ messages: [], badLines: [1] });
  });

  it('reads only the end of a long file when the index has counted it', async () => {
    const file = join(dir(), 'c.jsonl');
    const lines = Array.from({ length: 4000 }, (_, n) => lineOf(`m${n}`, n % 2 === 0 ? 'user' : 'assistant', `message ${n} ${'x'.repeat(200)}`));
    writeFileSync(file, lines.join(''));
    const size = statSync(file).size;
    const probe = await open(file, 'r');
    const fileHandle = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => Promise<{ bytesRead: number }> };
    await probe.close();
    const original = fileHandle.read;
    let read = 0;
    const spy = vi.spyOn(fileHandle, 'read').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      read += result.bytesRead;
      return result;
    });
    try {
      const recent = await readRecentMessages(file, 2, { to: size, questions: 2000 });
      expect(recent).toMatchObject({ earlierTurns: 1998, unreadable: 0 });
      expect(recent.messages.map(({ id }) => id)).toEqual(['m3996', 'm3997', 'm3998', 'm3999']);
    } finally {
      spy.mockRestore();
    }
    // The first window (64 kB) holds the last two turns: nothing before it is read.
    expect(read).toBeLessThanOrEqual(64 * 1024);
    expect(size).toBeGreaterThan(800_000);
  });

  it('counts a question whose line ends exactly where the index counted to', async () => {
    const file = join(dir(), 'c.jsonl');
    const lines = [lineOf('q1', 'user'), lineOf('r1', 'assistant'), lineOf('q2', 'user'), lineOf('r2', 'assistant')];
    writeFileSync(file, lines.join(''));
    const afterQ2 = lines.slice(0, 3).join('').length;
    expect(await readRecentMessages(file, 1, { to: afterQ2, questions: 2 })).toMatchObject({ earlierTurns: 1 });
  });

  it('adds the unreadable lines before the turns read to those among them', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, [lineOf('q1', 'user'), 'garbage\n', lineOf('q2', 'user'), 'more garbage\n', lineOf('r2', 'assistant')].join(''));
    expect(await readRecentMessages(file, 1)).toMatchObject({ earlierTurns: 1, unreadable: 2 });
  });

  it('reads a last message written without its newline whole, and a blank first line as nothing', async () => {
    const file = join(dir(), 'c.jsonl');
    writeFileSync(file, `\n${lineOf('q1', 'user')}${lineOf('r1', 'assistant').trimEnd()}`);
    expect(await readRecentMessages(file, 5)).toMatchObject({ messages: [{ id: 'q1' }, { id: 'r1' }], earlierTurns: 0, unreadable: 0 });
  });

  it('trusts qchat\'s prefix only where a line has it: torn answers, other keys, an id never closed', async () => {
    const file = join(dir(), 'c.jsonl');
    const earlier = [
      '{"id":"r0","role":"assistant","at":"2026-11-01T10:00:00.000Z","text":"torn\n', // qchat's prefix: an answer, not unreadable
      '{"xx":"abcd","role":"user","at":"2026-11-01T10:00:00.000Z","text":"q"}\n', // no id prefix: parsed, unreadable
      '{"id":"x","ROLE":"user","at":"2026-11-01T10:00:00.000Z","text":"q"}\n', // no role key after the id: parsed, unreadable
      'garbage {"id":"m","feedback":{"rating":"up"}}\n', // a feedback line only at the start of a line
      '{"id":"never closed\n',
    ];
    writeFileSync(file, [...earlier, lineOf('q1', 'user'), lineOf('r1', 'assistant')].join(''));
    expect(await readRecentMessages(file, 1)).toMatchObject({ earlierTurns: 0, unreadable: 4 });
  });
});

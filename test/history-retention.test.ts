// History's pure rules, row by row: the order conversations are numbered in, which ones retention
// removes at its count and age edges, when age cannot be trusted, and how a conversation file's
// lines are read back (feedback lines updating earlier messages, unreadable lines counted).
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationReader, toLine } from '../source/history/message.js';
import { ageRetentionRefusal, defaultRetention, expiredConversations, newestFirst } from '../source/history/retention.js';

const conversation = (id: string, updatedAt: string, createdAt = updatedAt) => ({ id, title: id, createdAt, updatedAt, messageCount: 1 });
const day = 86_400_000;

describe('newestFirst', () => {
  it('orders by last update, then creation, then id (later ids first), so positions are stable', () => {
    const list = [
      conversation('a', '2026-11-20T00:00:00Z'),
      conversation('b', '2026-11-21T00:00:00Z', '2026-11-01T00:00:00Z'),
      conversation('c', '2026-11-21T00:00:00Z', '2026-11-02T00:00:00Z'),
      conversation('e', '2026-11-19T00:00:00Z'),
      conversation('d', '2026-11-19T00:00:00Z'),
    ];
    expect([...list].sort(newestFirst).map(({ id }) => id)).toEqual(['c', 'b', 'a', 'e', 'd']);
    expect(newestFirst(list[0]!, list[0]!)).toBe(0);
  });
});

describe('expiredConversations', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const list = [conversation('new', '2026-11-22T09:00:00Z'), conversation('mid', '2026-11-10T00:00:00Z'), conversation('old', '2026-08-24T10:00:00Z')];

  it.each([
    [3, 90, []],
    [2, 90, ['old']],
    [1, 90, ['mid', 'old']],
    [0, 90, ['new', 'mid', 'old']],
    [100, 12, ['mid', 'old']],
    [100, 13, ['old']],
  ])('keeping %i conversations of at most %i days removes %j', (maxConversations, maxAgeDays, removed) => {
    expect(expiredConversations(list, now, { maxConversations, maxAgeDays }).map(({ id }) => id)).toEqual(removed);
  });

  it('keeps a conversation exactly at the age limit and removes one a millisecond older', () => {
    const limit = new Date(now.getTime() - 90 * day).toISOString();
    const justOlder = new Date(now.getTime() - 90 * day - 1).toISOString();
    expect(expiredConversations([conversation('edge', limit), conversation('older', justOlder)], now, defaultRetention).map(({ id }) => id)).toEqual(['older']);
    expect(defaultRetention).toEqual({ maxConversations: 100, maxAgeDays: 90 });
  });
});

describe('ageRetentionRefusal', () => {
  afterEach(() => vi.useRealTimers());
  const system = new Date('2026-11-22T10:00:00Z');

  function historyDir(newestFile: Date) {
    const dir = mkdtempSync(join(tmpdir(), 'qchat-retention-'));
    writeFileSync(join(dir, 'index.json'), '{}');
    utimesSync(join(dir, 'index.json'), newestFile, newestFile);
    // A folder's time is not a file's write time: it does not count.
    mkdirSync(join(dir, 'sub'));
    utimesSync(join(dir, 'sub'), new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    return dir;
  }

  it.each([
    ['the clock agrees with the system and the files', system, system, undefined],
    ['the clock is less than a day ahead of the system', new Date(system.getTime() + day), system, undefined],
    ['the clock is more than a day ahead of the system', new Date(system.getTime() + day + 1000), system, 'kept conversations by age: the clock (2026-11-23) is ahead of the system clock (2026-11-22), so ages cannot be trusted'],
    ['the clock is less than a day before the newest file', system, new Date(system.getTime() + day), undefined],
    ['the clock is more than a day before the newest file', new Date('2026-11-20T09:00:00Z'), system, 'kept conversations by age: the clock (2026-11-20) is earlier than the newest history file (2026-11-22), so ages cannot be trusted'],
  ])('%s', async (_case, now, newestFile, refusal) => {
    vi.useFakeTimers({ toFake: ['Date'], now: system });
    expect(await ageRetentionRefusal(historyDir(newestFile), now)).toBe(refusal);
  });
});

describe('reading a conversation file', () => {
  const message = { id: 'm1', role: 'user', at: '2026-11-22T10:00:00.000Z', text: 'how many buckets' };
  const read = (lines: Array<string | undefined>) => {
    const reader = new ConversationReader();
    for (const line of lines) reader.add(line);
    return reader.result();
  };

  it('updates an earlier message from a later line with its id, and counts blank lines in the numbering', () => {
    const result = read([toLine(message).trimEnd(), '', toLine({ id: 'm1', feedback: { rating: 'up' } }).trimEnd(), toLine({ ...message, id: 'm2', role: 'assistant', text: '3' }).trimEnd()]);
    expect(result).toEqual({ messages: [{ ...message, feedback: { rating: 'up' } }, { ...message, id: 'm2', role: 'assistant', text: '3' }], badLines: [] });
  });

  it.each([
    ['a line too long to read', undefined],
    ['not JSON', '{"id": "m9", '],
    ['JSON that is not an object', '["m9"]'],
    ['null', 'null'],
    ['an object without an id', '{"role":"user","at":"x","text":"t"}'],
    ['an id that is not a string', '{"id":9,"role":"user","at":"x","text":"t"}'],
    ['an unknown role', '{"id":"m9","role":"system","at":"x","text":"t"}'],
    ['no time', '{"id":"m9","role":"user","text":"t"}'],
    ['no text', '{"id":"m9","role":"assistant","at":"x"}'],
    ['feedback for a message never recorded', '{"id":"m9","feedback":{"rating":"down"}}'],
  ])('skips %s and names its line number', (_case, line) => {
    expect(read([toLine(message).trimEnd(), '', line])).toEqual({ messages: [message], badLines: [3] });
  });

  it('writes one line of JSON per record, newlines escaped, secrets redacted', () => {
    expect(toLine({ id: 'm1', text: 'two\nlines' })).toBe('{"id":"m1","text":"two\\nlines"}\n');
    expect(toLine({ text: 'key AKIAIOSFODNN7EXAMPLE here' })).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

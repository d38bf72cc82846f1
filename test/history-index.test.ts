// index.json's own rules, beside the store's tests: which ids name a conversation file, what an
// older or damaged index reads as, and how the index is written (pretty JSON, one trailing
// newline, every string redacted). Rows written for the mutants StrykerJS can leave alive there.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationIdPattern } from '../source/history/index-file.js';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

const open = (dataDir = tempDataDir()) => openHistory({ dataDir, userId: 'alice', clock: steppingClock('2026-11-22T10:00:00Z', 0) });

describe('conversation ids', () => {
  it.each([
    ['20261122T100000Z-0a1b2c3d', true],
    ['a', true],
    ['A9_-', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['', false],
    ['-a', false],
    ['_a', false],
    ['.hidden', false],
    ['a.b', false],
    ['a/b', false],
    ['a b', false],
    ['a\n', false],
  ])('%j is one: %s', (id, valid) => {
    expect(conversationIdPattern.test(id)).toBe(valid);
  });
});

describe('index.json', () => {
  it('under a file where its folder was is reported as that, not moved aside or rebuilt', async () => {
    const store = await open();
    rmSync(store.dir, { recursive: true });
    writeFileSync(store.dir, 'a file where the folder was');
    expect(await store.list()).toEqual([]);
    expect(store.warnings).toEqual([`history: ${join(store.dir, 'index.json')} cannot be read: a folder on its path is a file. Move that file away.`]);
  });

  it('reads an older index without settings or conversations as empty ones, without a warning', async () => {
    const dataDir = tempDataDir();
    const store = await open(dataDir);
    writeFileSync(join(store.dir, 'index.json'), '{"version":1}');
    const reopened = await open(dataDir);
    expect([await reopened.list(), await reopened.settings(), reopened.warnings]).toEqual([[], { inputHistory: [] }, []]);
  });

  it('reads settings without an input history as an empty one', async () => {
    const dataDir = tempDataDir();
    const store = await open(dataDir);
    writeFileSync(join(store.dir, 'index.json'), '{"version":1,"settings":{"crossRegionConsent":true}}');
    const reopened = await open(dataDir);
    expect([await reopened.settings(), reopened.warnings]).toEqual([{ crossRegionConsent: true, inputHistory: [] }, []]);
  });

  it.each([
    ['an entry whose id names another path', { id: '../x', title: 't', createdAt: '2026-11-22T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z', messageCount: 1 }, 'conversations."0".id'],
    ['a negative count', { id: 'c1', title: 't', createdAt: '2026-11-22T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z', messageCount: -1 }, 'conversations."0".messageCount'],
    ['a count that is not whole', { id: 'c1', title: 't', createdAt: '2026-11-22T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z', messageCount: 1, countedTo: 1.5 }, 'conversations."0".countedTo'],
    ['a time that is not one', { id: 'c1', title: 't', createdAt: 'yesterday', updatedAt: '2026-11-22T10:00:00Z', messageCount: 1 }, 'conversations."0".createdAt'],
  ])('moves aside an index with %s, naming the key', async (_case, entry, key) => {
    const dataDir = tempDataDir();
    const store = await open(dataDir);
    const index = join(store.dir, 'index.json');
    writeFileSync(index, JSON.stringify({ version: 1, conversations: [entry] }));
    const reopened = await open(dataDir);
    expect(reopened.warnings[0]).toContain(`${index} was unreadable (not a qchat history index (${key}: `);
    expect(reopened.warnings[0]).toContain(`moved it to ${index}.corrupt-20261122T100000Z and rebuilt the list from the conversation files`);
  });

  it('moves aside an index over 8 MB without reading it', async () => {
    const dataDir = tempDataDir();
    const store = await open(dataDir);
    const index = join(store.dir, 'index.json');
    writeFileSync(index, `{"version":1,"pad":"${'x'.repeat(8 * 1024 * 1024)}"}`);
    const reopened = await open(dataDir);
    expect(reopened.warnings[0]).toMatch(/was unreadable \(8,388,6\d\d bytes; at most 8,388,608 are read\); moved it to/);
  });

  it('is written as indented JSON with one trailing newline, every string redacted', async () => {
    const store = await open();
    await store.rememberInput('my key is AKIAIOSFODNN7EXAMPLE');
    await store.flush();
    const text = readFileSync(join(store.dir, 'index.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify({ version: 1, conversations: [], settings: { inputHistory: ['my key is [redacted]'] } }, null, 2)}\n`);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeUserDirName } from '../../source/config/safe-user-id.js';
import { errorText, exitCodeOf, QchatError } from '../../source/errors.js';
import { openHistory } from '../../source/history/store.js';
import { loadTierPolicy } from '../../source/tiers/policy.js';
import { RateLimiter } from '../../source/tiers/rate-limiter.js';
import { conversationCases, hostileUserIds, indexCases, savedId, savedLines, type Plant } from './corpus/history.js';
import { dataAndOutside, plant, sameThing, snapshot } from './helpers/disk.js';

const clock = () => new Date('2026-11-22T10:00:00Z');
const stamp = '20261122T100000Z';
const policy = loadTierPolicy();

/** The user's history folder with the saved conversation in it, and whatever else `setup` plants. */
function userFolder(setup: (dir: string, outside: string) => void) {
  const { dataDir, outside } = dataAndOutside();
  const dir = join(dataDir, 'history', 'alice');
  mkdirSync(dir, { recursive: true });
  setup(dir, outside);
  return { dataDir, outside, dir, outsideBefore: snapshot(outside) };
}

/** After any case: the store still records, and nothing outside the data directory changed. */
async function stillRecords(dataDir: string) {
  const store = await openHistory({ dataDir, userId: 'alice', clock });
  const conversation = await store.create('a new question');
  await store.append(conversation.id, { role: 'user', text: 'a new question' });
  expect(store.recording).toBe(true);
  expect(await store.read(conversation.id)).toHaveLength(1);
}

describe('corrupt index.json', () => {
  for (const c of indexCases) {
    it(c.name, async () => {
      const { dataDir, outside, dir, outsideBefore } = userFolder((dir, outside) => {
        writeFileSync(join(dir, `${savedId}.jsonl`), `${savedLines.join('\n')}\n`);
        plant(join(dir, 'index.json'), c.index, outside);
      });
      const store = await openHistory({ dataDir, userId: 'alice', clock });
      expect(store.warnings[0]).toMatch(new RegExp(`^history: ${dir}/index.json was unreadable \\((${c.reason.source})[^;]*\\); moved it to ${dir}/index.json.corrupt-${stamp} and rebuilt the list`));
      expect(sameThing(join(dir, `index.json.corrupt-${stamp}`), c.index)).toBe(true);
      // The conversation the index listed is found again from its file.
      expect((await store.list()).map(({ id, messageCount }) => [id, messageCount])).toEqual([[savedId, 2]]);
      await stillRecords(dataDir);
      expect(snapshot(outside)).toEqual(outsideBefore);
    });
  }
});

describe('corrupt conversation files', () => {
  for (const c of conversationCases) {
    it(c.name, async () => {
      const file = (dir: string) => join(dir, `${savedId}.jsonl`);
      const { dataDir, outside, dir, outsideBefore } = userFolder((dir, outside) => plant(file(dir), c.conversation, outside));
      const store = await openHistory({ dataDir, userId: 'alice', clock });
      const listed = await store.list();
      if (c.movedAside) {
        expect(store.warnings).toContain(`history: ${file(dir)} was unreadable (${c.conversation.kind === 'directory' ? 'not a regular file' : 'a symbolic link'}); moved it to ${file(dir)}.corrupt-${stamp}`);
        expect(sameThing(`${file(dir)}.corrupt-${stamp}`, c.conversation)).toBe(true);
        expect(listed).toEqual([]);
      } else {
        expect(listed.map(({ id }) => id)).toEqual([savedId]);
        expect(await store.read(savedId)).toHaveLength(c.readable);
        // Bad lines are skipped and reported; the file keeps every byte.
        expect(sameThing(file(dir), c.conversation)).toBe(true);
      }
      await stillRecords(dataDir);
      expect(snapshot(outside)).toEqual(outsideBefore);
    });
  }

  it('an index entry whose file is gone is dropped, the rest kept', async () => {
    const { dataDir } = userFolder((dir) => {
      writeFileSync(join(dir, `${savedId}.jsonl`), `${savedLines.join('\n')}\n`);
      const entry = (id: string) => ({ id, title: 't', createdAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-22T09:00:00Z', messageCount: 2 });
      writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: [entry(savedId), entry('20261122T090000Z-deadbeef')] }));
    });
    const store = await openHistory({ dataDir, userId: 'alice', clock });
    expect((await store.list()).map(({ id }) => id)).toEqual([savedId]);
  });

  it('files that are not conversations are left alone', async () => {
    const names = ['..jsonl', '-x.jsonl', 'notes.txt', '.index.json.1.tmp.keep'];
    const { dataDir, dir } = userFolder((dir) => names.forEach((name) => writeFileSync(join(dir, name), 'keep me')));
    const store = await openHistory({ dataDir, userId: 'alice', clock });
    expect(await store.list()).toEqual([]);
    for (const name of names) expect(readFileSync(join(dir, name), 'utf8')).toBe('keep me');
  });
});

describe('folders that are not folders', () => {
  it('history is a file: the chat goes on unrecorded, the file is kept', async () => {
    const { dataDir } = dataAndOutside();
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'history'), 'keep me');
    const store = await openHistory({ dataDir, userId: 'alice', clock });
    expect(store.recording).toBe(false);
    expect(store.warnings[0]).toBe(`history: ${join(dataDir, 'history')} is a file, not a folder. This chat is no longer being saved. Move it away so qchat can create the folder.`);
    expect(await store.list()).toEqual([]);
    expect(readFileSync(join(dataDir, 'history'), 'utf8')).toBe('keep me');
  });

  it("the user's folder is a file: the chat goes on unrecorded, the file is kept", async () => {
    const { dataDir } = dataAndOutside();
    mkdirSync(join(dataDir, 'history'), { recursive: true });
    writeFileSync(join(dataDir, 'history', 'alice'), 'keep me');
    const store = await openHistory({ dataDir, userId: 'alice', clock });
    expect(store.recording).toBe(false);
    expect(readFileSync(join(dataDir, 'history', 'alice'), 'utf8')).toBe('keep me');
  });

  for (const [name, link] of [
    ["the user's folder", ['history', 'alice']],
    ['the history folder', ['history']],
  ] as const) {
    it(`${name} is a link out of the data directory: moved aside, nothing written there`, async () => {
      const { dataDir, outside } = dataAndOutside();
      mkdirSync(join(dataDir, ...link.slice(0, -1)), { recursive: true });
      mkdirSync(join(outside, 'elsewhere'));
      writeFileSync(join(outside, 'elsewhere', 'index.json'), '{"keep": "me"}');
      symlinkSync(join(outside, 'elsewhere'), join(dataDir, ...link), 'dir');
      const before = snapshot(outside);
      const store = await openHistory({ dataDir, userId: 'alice', clock });
      expect(store.warnings).toEqual([`history: ${join(dataDir, ...link)} was unreadable (a symbolic link); moved it to ${join(dataDir, ...link)}.corrupt-${stamp}`]);
      await store.create('question');
      expect(store.recording).toBe(true);
      expect(snapshot(outside)).toEqual(before);
    });
  }
});

describe('user IDs shaped like paths', () => {
  it('each gets its own folder and usage file directly inside the data directory', async () => {
    const { dataDir, outside } = dataAndOutside();
    const outsideBefore = snapshot(outside);
    const limiter = new RateLimiter({ dataDir, policy, clock, onWarning: () => undefined });
    const folders = new Set<string>();
    for (const { userId } of hostileUserIds) {
      const store = await openHistory({ dataDir, userId, clock });
      const conversation = await store.create(userId);
      await store.append(conversation.id, { role: 'user', text: userId });
      expect((await limiter.consume(userId, 'pro')).allowed).toBe(true);
      folders.add(relative(join(dataDir, 'history'), store.dir));
    }
    expect(folders.size).toBe(hostileUserIds.length);
    for (const folder of folders) {
      expect(folder).not.toContain(sep);
      expect(folder).not.toMatch(/^\.\.?$/);
    }
    expect(readdirSync(dataDir).sort()).toEqual(['history', 'usage']);
    expect(readdirSync(join(dataDir, 'usage')).filter((name) => name.endsWith('.json')).sort()).toEqual(hostileUserIds.map(({ userId }) => `${safeUserDirName(userId)}.json`).sort());
    expect(snapshot(outside)).toEqual(outsideBefore);
  });

  for (const { name, userId } of hostileUserIds) {
    it(`${name}: a safe name that stays the same`, () => {
      const dirName = safeUserDirName(userId);
      expect(dirName).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
      expect(dirName).not.toMatch(/^\.\.?$/);
      expect(safeUserDirName(userId)).toBe(dirName);
    });
  }
});

describe('corrupt usage files', () => {
  const usageCases: Array<{ name: string; content: Plant; problem: RegExp }> = [
    { name: 'truncated JSON', content: { kind: 'file', bytes: '{"version": 1, "monthlyUsed": 3' }, problem: /not valid JSON/ },
    { name: 'empty file', content: { kind: 'file', bytes: '' }, problem: /not valid JSON/ },
    { name: 'a JSON array', content: { kind: 'file', bytes: '[]' }, problem: /top level/ },
    { name: 'binary garbage', content: { kind: 'file', bytes: Buffer.from([0xff, 0x00, 0x1b, 0x9b]) }, problem: /not valid JSON/ },
    { name: 'a negative count', content: { kind: 'file', bytes: JSON.stringify({ version: 1, userId: 'alice', month: '2026-11', monthlyUsed: -5, minuteTokens: 3, minuteUpdatedAt: '2026-11-22T09:00:00Z' }) }, problem: /monthlyUsed/ },
    { name: 'a newer version', content: { kind: 'file', bytes: JSON.stringify({ version: 3 }) }, problem: /version/ },
    { name: 'huge garbage (10 MB): not read, moved aside', content: { kind: 'file', bytes: 'x'.repeat(10_000_000) }, problem: /10,000,000 bytes; at most 65,536 are read/ },
    { name: 'a folder', content: { kind: 'directory' }, problem: /a folder, not a file/ },
    { name: 'a link to a file outside the data directory', content: { kind: 'link-outside', bytes: '{"keep": "me"}' }, problem: /a symbolic link, not a file/ },
    { name: 'a dangling link', content: { kind: 'dangling-link' }, problem: /a symbolic link, not a file/ },
  ];
  for (const c of usageCases) {
    it(c.name, async () => {
      const { dataDir, outside } = dataAndOutside();
      mkdirSync(join(dataDir, 'usage'), { recursive: true });
      const file = join(dataDir, 'usage', 'alice.json');
      plant(file, c.content, outside);
      const outsideBefore = snapshot(outside);
      const warnings: string[] = [];
      const limiter = new RateLimiter({ dataDir, policy, clock, onWarning: (message) => warnings.push(message) });
      // The true count is unknown: the month counts as used rather than starting again from zero.
      const result = await limiter.consume('alice', 'pro');
      expect(result.allowed).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^The usage file ${file} could not be read \\(.*(${c.problem.source}).*\\); it was kept as ${file}.corrupt-`));
      const kept = readdirSync(join(dataDir, 'usage')).find((name) => name.startsWith('alice.json.corrupt-'))!;
      expect(sameThing(join(dataDir, 'usage', kept), c.content)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 2, userId: 'alice', minuteTokens: 0 });
      expect(statSync(join(dataDir, 'usage', 'alice.2026-11.ledger')).size / 17).toBe(1000);
      expect(snapshot(outside)).toEqual(outsideBefore);
    });
  }

  it('the usage folder is a link out of the data directory: a clear error (exit 1), nothing written there', async () => {
    const { dataDir, outside } = dataAndOutside();
    mkdirSync(dataDir);
    symlinkSync(outside, join(dataDir, 'usage'), 'dir');
    const before = snapshot(outside);
    const limiter = new RateLimiter({ dataDir, policy, clock, onWarning: () => undefined });
    const error = await limiter.consume('alice', 'pro').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'USAGE_FILE_UNUSABLE' });
    expect(exitCodeOf(error)).toBe(1);
    expect((error as Error).message).toContain('is a symbolic link');
    expect(snapshot(outside)).toEqual(before);
  });

  it('the usage folder is a file: a clear error (exit 1), the file kept', async () => {
    const { dataDir } = dataAndOutside();
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'usage'), 'keep me');
    const limiter = new RateLimiter({ dataDir, policy, clock, onWarning: () => undefined });
    const error = await limiter.consume('alice', 'pro').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(QchatError);
    expect(error).toMatchObject({ code: 'USAGE_FILE_UNUSABLE' });
    expect(exitCodeOf(error)).toBe(1);
    expect((error as Error).message).toMatch(/^Could not use the usage file .*alice\.json, which keeps your request limits \(.*\/usage is a file, not a folder\)\.$/);
    expect(errorText(error as QchatError, 'shell')).toMatch(/\)\. Move it away so qchat can create the folder\.$/);
    expect(readFileSync(join(dataDir, 'usage'), 'utf8')).toBe('keep me');
    expect(existsSync(join(dataDir, 'usage.corrupt'))).toBe(false);
  });
});

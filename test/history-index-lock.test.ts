// index.json's update when the lock was taken over mid-change (this process paused past the stale
// time, another took the lock): the change is not written, and the update fails with ECOMPROMISED,
// so the other process's write is not undone. The takeover itself is proper-lockfile's (a real one
// is in storage-rules.test.ts, 3 s); here withLock reports it at once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IndexFile } from '../source/history/index-file.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

const takeover = vi.hoisted(() => ({ happened: false }));
vi.mock('../source/storage/lock.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../source/storage/lock.js')>();
  return {
    ...actual,
    withLock: <T>(file: string, task: (stillOurs: () => boolean) => Promise<T> | T) => actual.withLock(file, (stillOurs) => task(() => !takeover.happened && stillOurs())),
  };
});

describe('an index update whose lock was taken over', () => {
  it('writes nothing and fails with ECOMPROMISED; with the lock still held it writes', async () => {
    const path = join(tempDataDir(), 'index.json');
    const index = new IndexFile(path, steppingClock(), () => undefined, async () => undefined);
    await index.update((data) => void (data.settings.inputHistory = ['first']));
    expect(JSON.parse(readFileSync(path, 'utf8')).settings.inputHistory).toEqual(['first']);

    await expect(
      index.update((data) => {
        data.settings.inputHistory = ['second'];
        takeover.happened = true;
      }),
    ).rejects.toMatchObject({ code: 'ECOMPROMISED', message: `the lock on ${path} was taken over by another process` });
    takeover.happened = false;
    expect(JSON.parse(readFileSync(path, 'utf8')).settings.inputHistory).toEqual(['first']);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

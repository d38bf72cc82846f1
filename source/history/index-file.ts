import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { lock } from 'proper-lockfile';
import { z } from 'zod';
import type { Clock } from '../config/clock.js';
import { errorCode, isUnreadable, moveAside, noFollow } from '../storage/disk.js';
import { redactStrings } from './redact.js';

/** Conversation ids become file names, so they may not contain separators or start with a dot. */
export const conversationIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const conversationSchema = z.object({
  id: z.string().regex(conversationIdPattern),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  messageCount: z.number().int().min(0),
});

const settingsSchema = z.object({
  /** Whether the user agreed to questions being sent to every enabled region; absent until asked. */
  crossRegionConsent: z.boolean().optional(),
  /** Recent inputs, oldest first, for the prompt's up-arrow recall. */
  inputHistory: z.array(z.string()).default([]),
});

const indexSchema = z.object({
  version: z.literal(1),
  conversations: z.array(conversationSchema).default([]),
  settings: settingsSchema.default({ inputHistory: [] }),
});

export type ConversationSummary = z.infer<typeof conversationSchema>;
export type HistorySettings = z.infer<typeof settingsSchema>;
export type IndexData = z.infer<typeof indexSchema>;

const emptyIndex = (): IndexData => ({ version: 1, conversations: [], settings: { inputHistory: [] } });

class UnreadableIndexError extends Error {}

/**
 * lowdb adapter for index.json. Not lowdb's JSONFile: steno writes through one fixed temp name
 * (two writers could mix their bytes in it if a lock were ever taken over) and leaves the mode to
 * the umask. Here each write goes to its own 0600 temp file, renamed over index.json atomically.
 * The calls are synchronous: they run while other processes wait for the lock, and a few hundred
 * microseconds of local I/O is cheaper than handing each step to the thread pool.
 */
class IndexAdapter implements Adapter<IndexData> {
  constructor(readonly path: string) {}

  get tempPrefix(): string {
    return `.${basename(this.path)}.`;
  }

  async read(): Promise<IndexData | null> {
    let text: string;
    try {
      const fd = openSync(this.path, noFollow.read);
      try {
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      if (isUnreadable(error)) throw new UnreadableIndexError(errorCode(error));
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UnreadableIndexError('not valid JSON');
    }
    const parsed = indexSchema.safeParse(value);
    if (!parsed.success) throw new UnreadableIndexError('not a qchat history index');
    return parsed.data;
  }

  async write(data: IndexData): Promise<void> {
    const temp = join(dirname(this.path), `${this.tempPrefix}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      // Redacting here covers every string (titles, input history) whoever put it there.
      writeFileSync(temp, `${JSON.stringify(data, redactStrings, 2)}\n`, { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

// The critical section is a read and a small write, so a lock older than `stale` belongs to a
// killed process; the retries (about 10 s in all) outlast it.
const lockOptions = {
  realpath: false,
  stale: 5_000,
  retries: { retries: 200, minTimeout: 2, maxTimeout: 50, factor: 1.3, randomize: true },
};

/** index.json: read without a lock (writes replace it atomically), changed under a cross-process lock. */
export class IndexFile {
  readonly #adapter: IndexAdapter;

  constructor(
    path: string,
    private readonly clock: Clock,
    private readonly warn: (message: string) => void,
    /** Fills a rebuilt (empty) index from the conversation files. */
    private readonly recover: (data: IndexData) => Promise<void>,
  ) {
    this.#adapter = new IndexAdapter(path);
  }

  get path(): string {
    return this.#adapter.path;
  }

  async read(): Promise<IndexData> {
    try {
      return (await this.#adapter.read()) ?? emptyIndex();
    } catch (error) {
      if (!(error instanceof UnreadableIndexError)) throw error;
      // Repair under the lock, where another process cannot be doing the same.
      return this.update((data) => data);
    }
  }

  /** Read-modify-write under the lock. An unreadable index is moved aside and rebuilt first. */
  async update<T>(change: (data: IndexData) => T | Promise<T>): Promise<T> {
    let compromised: Error | undefined;
    const release = await lock(this.path, { ...lockOptions, onCompromised: (error) => (compromised = error) });
    try {
      const db = new Low(this.#adapter, emptyIndex());
      try {
        await db.read();
      } catch (error) {
        if (!(error instanceof UnreadableIndexError)) throw error;
        const movedTo = await moveAside(this.path, this.clock);
        this.warn(`history: index.json was unreadable (${error.message}); moved it to ${basename(movedTo)} and rebuilt the list from the conversation files`);
        await this.recover(db.data);
      }
      const result = await change(db.data);
      // Another process may have taken the lock over; writing now could undo its change.
      if (compromised) throw compromised;
      await db.write();
      return result;
    } finally {
      // A failed release leaves a lock that goes stale and is taken over; nothing to do here.
      if (!compromised) await release().catch(() => undefined);
    }
  }

  /** Temp files of writers that were killed before renaming. Call from inside `update`. */
  async removeLeftoverTempFiles(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = this.#adapter.tempPrefix;
    const names = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
    await Promise.all(names.map((name) => rm(join(dir, name), { force: true })));
  }
}

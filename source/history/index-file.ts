import { Low, type Adapter } from 'lowdb';
import { z } from 'zod';
import type { Clock } from '../config/clock.js';
import { removeLeftoverTemps, writeFileAtomic } from '../storage/atomic-write.js';
import { moveAside } from '../storage/disk.js';
import { loadJsonFile } from '../storage/json-file.js';
import { lockLost, withLock } from '../storage/lock.js';
import { redactStrings } from './redact.js';

/** Conversation ids become file names, so they may not contain separators or start with a dot. */
export const conversationIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const conversationSchema = z.object({
  id: z.string().regex(conversationIdPattern),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  messageCount: z.number().int().min(0),
  /** The byte of the conversation file up to which `messageCount` counts (absent: count it again). */
  countedTo: z.number().int().min(0).optional(),
  /** The questions (a turn each) among them: how many turns come before those a restore reads. */
  questionCount: z.number().int().min(0).optional(),
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

// Retention keeps the index to about 100 conversations and 100 inputs, well under 1 MB; a larger
// file is not one qchat wrote, and reading it whole would cost the memory of a huge file.
const maxIndexBytes = 8 * 1024 * 1024;

class UnreadableIndexError extends Error {}

/**
 * lowdb adapter for index.json through the storage module: read without following a link or
 * blocking on a FIFO, capped in size and checked against the schema; written atomically (a random
 * 0600 temp file renamed over it). The calls are synchronous: they run while other processes wait
 * for the lock, and a few hundred microseconds of local I/O is cheaper than handing each step to
 * the thread pool.
 */
class IndexAdapter implements Adapter<IndexData> {
  constructor(readonly path: string) {}

  async read(): Promise<IndexData | null> {
    const loaded = loadJsonFile(this.path, indexSchema, { maxBytes: maxIndexBytes, what: 'a qchat history index' });
    if (loaded.state === 'missing') return null;
    // A file in place of a folder above it: there is nothing to move aside, and the lock beside it
    // cannot be made either (its retries made each read wait some 10 s), so the error is the answer.
    if (loaded.state === 'unusable') throw loaded.error?.kind === 'NOT_A_DIRECTORY' ? loaded.error : new UnreadableIndexError(loaded.problem);
    return loaded.value;
  }

  async write(data: IndexData): Promise<void> {
    // Redacting here covers every string (titles, input history) whoever put it there.
    writeFileAtomic(this.path, `${JSON.stringify(data, redactStrings, 2)}\n`);
  }
}

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
      // Stryker disable next-line ConditionalExpression: equivalent as `false`, update() reads again under the lock and rethrows the same error there; only the lock is taken first.
      if (!(error instanceof UnreadableIndexError)) throw error;
      // Repair under the lock, where another process cannot be doing the same.
      return this.update((data) => data);
    }
  }

  /** Read-modify-write under the lock. An unreadable index is moved aside and rebuilt first. */
  update<T>(change: (data: IndexData) => T | Promise<T>): Promise<T> {
    return withLock(this.path, async (stillOurs) => {
      const db = new Low(this.#adapter, emptyIndex());
      try {
        await db.read();
      } catch (error) {
        if (!(error instanceof UnreadableIndexError)) throw error;
        const movedTo = moveAside(this.path, this.clock);
        // Stryker disable next-line Regex: equivalent, the loader's problems (json-file.ts, read-file.ts) start with "is ", or hold none ("cannot be read (EACCES)"), or cannot come here (ENOTDIR's: the history folder is open).
        this.warn(`history: ${this.path} was unreadable (${error.message.replace(/^is /, '')}); moved it to ${movedTo} and rebuilt the list from the conversation files`);
        await this.recover(db.data);
      }
      const result = await change(db.data);
      // Another process may have taken the lock over; writing now could undo its change.
      if (!stillOurs()) throw lockLost(this.path);
      await db.write();
      return result;
    });
  }

  /** Temp files of writers that were killed before renaming. Call from inside `update`. */
  removeLeftoverTempFiles(): void {
    removeLeftoverTemps(this.path);
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describeError, remedyText } from '../errors.js';
import type { Clock } from '../config/clock.js';
import { safeUserDirName } from '../config/safe-user-id.js';
import { appendLine, countNewMessages, readConversationFile } from './conversation-file.js';
import { readRecentMessages, type RecentConversation } from './recent-turns.js';
import { errorCode, fileStamp, moveAside, writeRefusal } from '../storage/disk.js';
import { isLockBusy } from '../storage/lock.js';
import { ensurePrivateDir } from '../storage/private-dir.js';
import { StorageError } from '../storage/storage-error.js';
import { conversationIdPattern, IndexFile, type ConversationSummary, type HistorySettings, type IndexData } from './index-file.js';
import { toLine, type Feedback, type HistoryMessage, type NewMessage } from './message.js';
import { lookUp, numbered, summarize, titleFrom, type ListedConversation } from './listing.js';
import { ageRetentionRefusal, defaultRetention, expiredConversations, type RetentionOptions } from './retention.js';

export type { ConversationSummary, HistorySettings } from './index-file.js';
export type { Feedback, HistoryMessage, NewMessage, Role } from './message.js';
export type { RetentionOptions } from './retention.js';
export { titleFrom, type ListedConversation } from './listing.js';

export interface OpenHistoryOptions {
  /** The data directory (`resolvePaths().data`); history lives in its `history/` folder. */
  dataDir: string;
  userId: string;
  clock: Clock;
  retention?: Partial<RetentionOptions>;
}

const inputHistoryLength = 100;
// index.json is rewritten on every message, so a huge paste is not kept for recall.
const inputLengthLimit = 2_000;
const noSettings = (): HistorySettings => ({ inputHistory: [] });

/**
 * Opens a user's history (creating its folder), recovers conversations missing from the index and
 * applies retention. Disk trouble never throws: it shows up in `warnings` and `recording`.
 */
export async function openHistory(options: OpenHistoryOptions): Promise<HistoryStore> {
  const store = new HistoryStore(join(options.dataDir, 'history', safeUserDirName(options.userId)), options.dataDir, options.clock);
  await store.tidy({ ...defaultRetention, ...options.retention });
  return store;
}

/**
 * One user's conversations: `index.json` (lowdb) lists them and holds settings; each conversation
 * is an append-only `<id>.jsonl`. Two queues keep call order: one for conversation lines, one for
 * the index. A message is on disk once its line is appended, before and independently of the
 * index update, so an index lock held by a stalled or killed process never holds turns back:
 * only the turn in flight can be lost. The index is then brought up to date in the background
 * (and rebuilt from the files if it never is).
 */
export class HistoryStore {
  /** Problems the user should see (unreadable files moved aside, lines skipped, recording stopped). */
  readonly warnings: string[] = [];
  readonly #index: IndexFile;
  #recording = true;
  #queue: Promise<unknown> = Promise.resolve();
  #lines: Promise<unknown> = Promise.resolve();
  /** Conversations with messages appended whose index entry is not brought up to date yet. */
  readonly #uncounted = new Set<string>();

  /** Use `openHistory`. */
  constructor(
    readonly dir: string,
    /** The data directory: every folder from it down to `dir` is checked and kept private. */
    private readonly dataDir: string,
    private readonly clock: Clock,
  ) {
    this.#index = new IndexFile(join(dir, 'index.json'), clock, (message) => this.#warn(message), (data) => this.#recover(data));
  }

  /** False once the disk refused a write (full or read-only): writes are then skipped. */
  get recording(): boolean {
    return this.#recording;
  }

  /** Newest first, numbered from 1. */
  list(): Promise<ListedConversation[]> {
    return this.#serial(() => this.#guard([], async () => numbered((await this.#index.read()).conversations)));
  }

  async latest(): Promise<ListedConversation | undefined> {
    return (await this.list())[0];
  }

  /** A conversation by its position in `list()` (`3` or `"3"`) or by its id. */
  find(ref: string | number): Promise<ListedConversation | undefined> {
    return this.#serial(() => this.#guard(undefined, async () => lookUp((await this.#index.read()).conversations, ref)));
  }

  /** Starts a conversation titled after its first question (its file now, its index entry in the background). */
  create(firstQuestion: string): Promise<ConversationSummary> {
    const now = this.clock();
    const id = `${fileStamp(now)}-${randomBytes(4).toString('hex')}`;
    const conversation = { id, title: titleFrom(firstQuestion), createdAt: now.toISOString(), updatedAt: now.toISOString(), messageCount: 0 };
    return this.#serialLine(() =>
      this.#write(conversation, async () => {
        await appendLine(this.#file(id), '');
        this.#inBackground(() => this.#index.update((data) => void (data.conversations.some((c) => c.id === id) || data.conversations.push({ ...conversation, countedTo: 0, questionCount: 0 }))));
        return conversation;
      }),
    );
  }

  /** Records a message (secrets redacted) and returns it as stored, once its line is on disk. */
  append(conversationId: string, message: NewMessage): Promise<HistoryMessage> {
    return this.#serialLine(() => {
      const file = this.#file(conversationId);
      const line = toLine({ id: message.id ?? randomUUID(), role: message.role, at: this.#now(), text: message.text, answer: message.answer });
      const stored = JSON.parse(line) as HistoryMessage;
      return this.#write(stored, async () => {
        await appendLine(file, line);
        this.#countLater(conversationId);
        return stored;
      });
    });
  }

  /** Records feedback on a message already appended (as a line that updates it). */
  setFeedback(conversationId: string, messageId: string, feedback: Feedback): Promise<void> {
    return this.#serialLine(() => this.#write(undefined, () => appendLine(this.#file(conversationId), toLine({ id: messageId, feedback }))));
  }

  /** The messages of a conversation in order; unreadable lines are skipped and reported. */
  read(conversationId: string): Promise<HistoryMessage[]> {
    return this.#serialLine(() =>
      this.#guard([], async () => {
        const { messages, badLines } = (await this.#readOrSetAside(conversationId, readConversationFile)) ?? { messages: [], badLines: [] };
        if (badLines.length > 0) this.#warn(`history: skipped unreadable line${badLines.length > 1 ? 's' : ''} ${badLines.join(', ')} of ${this.#file(conversationId)}`);
        return messages;
      }),
    );
  }

  /** The messages of a conversation's last `turns` turns, read from the end of its file, and how many turns come before them. */
  async readRecent(conversationId: string, turns: number): Promise<RecentConversation> {
    const none = { messages: [], earlierTurns: 0, unreadable: 0 };
    const entry = await this.#serial(() => this.#guard(undefined, async () => (await this.#index.read()).conversations.find(({ id }) => id === conversationId)));
    const counted = entry?.countedTo !== undefined && entry.questionCount !== undefined ? { to: entry.countedTo, questions: entry.questionCount } : undefined;
    return this.#serialLine(() =>
      this.#guard(none, async () => {
        const recent = (await this.#readOrSetAside(conversationId, (file) => readRecentMessages(file, turns, counted))) ?? none;
        if (recent.unreadable > 0) this.#warn(`history: skipped ${recent.unreadable} unreadable line${recent.unreadable > 1 ? 's' : ''} of ${this.#file(conversationId)}`);
        return recent;
      }),
    );
  }

  /** Deletes a conversation by position or id; undefined when there is no such conversation. */
  delete(ref: string | number): Promise<ListedConversation | undefined> {
    return this.#serial(() =>
      this.#write(undefined, () =>
        this.#index.update(async (data) => {
          const conversation = lookUp(data.conversations, ref);
          if (!conversation) return undefined;
          data.conversations = data.conversations.filter(({ id }) => id !== conversation.id);
          await rm(this.#file(conversation.id), { force: true });
          return conversation;
        }),
      ),
    );
  }

  settings(): Promise<HistorySettings> {
    return this.#serial(() => this.#guard(noSettings(), async () => (await this.#index.read()).settings));
  }

  /** Replaces the given settings; an absent `crossRegionConsent` means "not asked yet". */
  updateSettings(patch: Partial<HistorySettings>): Promise<void> {
    return this.#serial(() =>
      this.#write(undefined, () =>
        this.#index.update((data) => {
          Object.assign(data.settings, patch);
          data.settings.inputHistory = data.settings.inputHistory.slice(-inputHistoryLength);
        }),
      ),
    );
  }

  /** Adds a submitted input to the recall list (a read-modify-write, so concurrent sessions both keep theirs). */
  rememberInput(text: string): Promise<void> {
    const entry = text.trim();
    return this.#serial(() =>
      this.#write(undefined, async () => {
        if (!entry || entry.length > inputLengthLimit) return;
        await this.#index.update(({ settings }) => {
          if (settings.inputHistory.at(-1) !== entry) settings.inputHistory.push(entry);
          settings.inputHistory.splice(0, settings.inputHistory.length - inputHistoryLength);
        });
      }),
    );
  }

  /** Creates the folders, removes temp files of killed writers, re-lists orphaned conversations, applies retention. */
  tidy(retention: RetentionOptions): Promise<void> {
    return this.#serial(() =>
      this.#write(undefined, async () => {
        // A link in place of a history folder would take every write out of the data directory.
        for (const dir of [dirname(this.dir), this.dir]) {
          if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) await this.#setAside(dir, 'a symbolic link');
        }
        ensurePrivateDir(this.dir, this.dataDir);
        await this.#index.update(async (data) => {
          this.#index.removeLeftoverTempFiles();
          await this.#recover(data);
          // Counts another process left behind (killed, or gone without flushing) are brought up to date.
          for (const { id } of [...data.conversations]) await this.#count(data, id);
          const now = this.clock();
          let expired = expiredConversations(data.conversations, now, retention);
          const byCountOnly = expiredConversations(data.conversations, now, { ...retention, maxAgeDays: Infinity });
          const refusal = expired.length > byCountOnly.length ? await ageRetentionRefusal(this.dir, now) : undefined;
          if (refusal) {
            this.#warn(`history: ${refusal}`);
            expired = byCountOnly;
          }
          if (expired.length === 0) return;
          const ids = new Set(expired.map(({ id }) => id));
          data.conversations = data.conversations.filter(({ id }) => !ids.has(id));
          // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent in any test, recover has just seen each file under the lock; `force` is for another process moving one aside meanwhile (reads do that without the lock).
          await Promise.all([...ids].map((id) => rm(this.#file(id), { force: true })));
          this.#warn(`history: removed ${expired.length} conversation${expired.length > 1 ? 's' : ''} by retention (at most ${retention.maxConversations}, none older than ${retention.maxAgeDays} days)`);
        });
      }),
    );
  }

  /** Resolves once every change asked for so far, index updates included, is on disk (or given up). */
  async flush(): Promise<void> {
    await this.#lines;
    await this.#queue;
  }

  /** Counts appended messages in the index with one update for all that are waiting. */
  #countLater(conversationId: string): void {
    if (this.#uncounted.has(conversationId)) return;
    this.#uncounted.add(conversationId);
    this.#inBackground(() => {
      this.#uncounted.delete(conversationId);
      return this.#index.update((data) => this.#count(data, conversationId));
    });
  }

  /**
   * Brings a conversation's entry up to date with its file (under the index lock): the messages
   * past the byte it was counted to are counted, and its time moves to the latest of them. A
   * conversation missing from the index (deleted meanwhile by another process, or its entry lost)
   * is listed again as its file tells it: titled after its first question, whoever appended last.
   */
  async #count(data: IndexData, conversationId: string): Promise<void> {
    let conversation = data.conversations.find(({ id }) => id === conversationId);
    if (!conversation) {
      const messages = (await this.#readOrSetAside(conversationId, readConversationFile))?.messages ?? [];
      if (messages.length === 0) return;
      conversation = { ...summarize(conversationId, messages, this.#now()), messageCount: 0, countedTo: 0, questionCount: 0 };
      data.conversations.push(conversation);
    }
    // An entry without both counts (an older qchat's) is counted again from the start.
    const from = conversation.questionCount === undefined ? undefined : conversation.countedTo;
    const counted = await countNewMessages(this.#file(conversationId), from ?? 0);
    if (!counted) return;
    const restart = counted.fromStart || from === undefined;
    conversation.messageCount = (restart ? 0 : conversation.messageCount) + counted.count;
    conversation.questionCount = (restart ? 0 : (conversation.questionCount ?? 0)) + counted.questions;
    conversation.countedTo = counted.to;
    // Index updates land in any order across processes: keep the latest time (ISO strings sort as times).
    if (counted.lastAt && counted.lastAt > conversation.updatedAt) conversation.updatedAt = counted.lastAt;
  }

  /** An index change nobody waits for; its trouble becomes a warning like any other. */
  #inBackground(change: () => Promise<unknown>): void {
    this.#serial(() => this.#write(undefined, change)).catch((error: unknown) => this.#warn(`history: ${describeError(error, 'shell')}`));
  }

  /**
   * Makes the index match the conversation files: drops entries without a file, lists files without
   * an entry. What is not a regular file (a folder, or a link that could lead out of the data
   * directory) is moved aside and reported, so nothing is read or written through it.
   */
  async #recover(data: IndexData): Promise<void> {
    const ids = new Set<string>();
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      const id = entry.name.slice(0, -'.jsonl'.length);
      if (!entry.name.endsWith('.jsonl') || !conversationIdPattern.test(id)) continue;
      if (entry.isFile()) ids.add(id);
      else await this.#setAside(this.#file(id), entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file');
    }
    data.conversations = data.conversations.filter(({ id }) => ids.has(id));
    for (const { id } of data.conversations) ids.delete(id);
    let recovered = 0;
    for (const id of ids) {
      const messages = (await this.#readOrSetAside(id, readConversationFile))?.messages ?? [];
      // A file without a readable message (a create cut short) has nothing to list.
      if (messages.length === 0) continue;
      data.conversations.push(summarize(id, messages, this.#now()));
      recovered++;
    }
    if (recovered > 0) this.#warn(`history: recovered ${recovered} conversation${recovered > 1 ? 's' : ''} missing from index.json`);
  }

  /** A conversation's messages; a file that cannot be read is moved aside, reported, and undefined. */
  async #readOrSetAside<T>(conversationId: string, read: (file: string) => Promise<T>): Promise<T | undefined> {
    const file = this.#file(conversationId);
    try {
      return await read(file);
    } catch (error) {
      const code = errorCode(error);
      if (!(error instanceof StorageError) && code !== 'EACCES' && code !== 'EPERM') throw error;
      // Stryker disable next-line Regex: equivalent, every problem the conversation readers give starts with "is " (read-lines.ts, conversation-file.ts), so the first "is " is that one.
      await this.#setAside(file, error instanceof StorageError ? error.problem.replace(/^is /, '') : code!);
      return undefined;
    }
  }

  async #setAside(file: string, reason: string): Promise<void> {
    const movedTo = moveAside(file, this.clock);
    this.#warn(`history: ${file} was unreadable (${reason}); moved it to ${movedTo}`);
  }

  /** The conversation's file; an id that is not one of ours (it could name another path) is refused. */
  #file(conversationId: string): string {
    if (!conversationIdPattern.test(conversationId)) throw new Error(`not a conversation id: ${JSON.stringify(conversationId)}`);
    return join(this.dir, `${conversationId}.jsonl`);
  }

  #now(): string {
    return this.clock().toISOString();
  }

  #warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #serialLine<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#lines.then(task);
    this.#lines = run.catch(() => undefined);
    return run;
  }

  /** Runs a write unless recording is off; a write that fails on the disk turns recording off. */
  #write<T>(fallback: T, task: () => Promise<T>): Promise<T> {
    return this.#recording ? this.#guard(fallback, task, 'write') : Promise.resolve(fallback);
  }

  /**
   * Disk trouble is a warning, not an error, so the chat goes on: a lock held too long skips one
   * change, a failed write (full or read-only disk above all) stops recording, a failed read
   * gives nothing. Errors without an errno code are bugs and are thrown.
   */
  async #guard<T>(fallback: T, task: () => Promise<T>, kind: 'read' | 'write' = 'read'): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof StorageError) {
        if (kind === 'write') this.#recording = false;
        this.#warn(`history: ${error.message}${kind === 'write' ? ' This chat is no longer being saved.' : ''} ${remedyText(error.remedy, 'shell')}`);
        return fallback;
      }
      const code = errorCode(error);
      if (code === undefined) throw error;
      const refusal = writeRefusal(error);
      if (isLockBusy(error)) {
        this.#warn(`history: ${this.#index.path} stayed locked by another qchat; a change to the list was not saved`);
      } else if (kind === 'write' || refusal) {
        this.#recording = false;
        const reason = refusal ? `the disk is ${refusal} (${code})` : `saving failed (${(error as Error).message})`;
        this.#warn(`history: ${reason}; this chat is no longer being saved`);
      } else {
        this.#warn(`history: reading failed (${(error as Error).message})`);
      }
      return fallback;
    }
  }
}

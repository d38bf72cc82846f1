import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../config/clock.js';
import { safeUserDirName } from '../config/safe-user-id.js';
import { ExitCode, QchatError } from '../errors.js';
import { removeLeftoverTemps, writeFileAtomic, writeFileAtomicInBackground } from '../storage/atomic-write.js';
import { errorCode, moveAside, noFollow } from '../storage/disk.js';
import { loadJsonFile } from '../storage/json-file.js';
import { isLockBusy, withLock } from '../storage/lock.js';
import { ensurePrivateDir } from '../storage/private-dir.js';
import { kindOf, StorageError } from '../storage/storage-error.js';
import { usageFileBusyMessage, usageFileRemedy, usageFileUnusableMessage } from './messages.js';

/** The per-minute token bucket of one user. */
export interface MinuteBucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  updatedAt: Date;
}

export type StoredBucket =
  | { state: 'missing' }
  /** `month`: the latest month a request was counted in (a clock stepping back does not undo it). */
  | { state: 'ok'; bucket: MinuteBucket; month: string }
  /** Unusable (not JSON, not the schema, a folder, a FIFO, too large): moved aside to `movedTo`. */
  | { state: 'corrupt'; problem: string; movedTo: string };

const bucketFields = { userId: z.string(), minuteTokens: z.number().min(0), minuteUpdatedAt: z.iso.datetime() };
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
// Version 1 also kept the month's count, now kept in the ledger; it is read once to seed it.
const fileSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(2), month, ...bucketFields }),
  z.object({ version: z.literal(1), month, monthlyUsed: z.number().int().min(0), ...bucketFields }),
]);
// A bucket file is about 150 bytes; a larger one was not written by qchat (and a 600 MB one must
// not be read into memory).
const maxBucketBytes = 64 * 1024;

export function usageFilePath(dataDir: string, userId: string): string {
  return join(dataDir, 'usage', `${safeUserDirName(userId)}.json`);
}

/** One user's files: the bucket (rewritten atomically under the lock) and each month's ledger. */
export interface UsageFiles {
  bucketFile: string;
  ledger: (month: string) => Ledger;
}

/**
 * Runs `task` under the user's usage lock, in a private usage folder (checked: a real folder of
 * this user, not a link) cleared of killed writers' temp files. Disk trouble becomes a QchatError
 * naming the file and the fix.
 */
export async function withUsageFiles<T>(dataDir: string, userId: string, task: (files: UsageFiles) => T | Promise<T>): Promise<T> {
  const bucketFile = usageFilePath(dataDir, userId);
  try {
    ensurePrivateDir(dirname(bucketFile), dataDir);
    return await withLock(bucketFile, () => {
      removeLeftoverTemps(bucketFile);
      return task({ bucketFile, ledger: (month) => new Ledger(join(dirname(bucketFile), `${safeUserDirName(userId)}.${month}.ledger`)) });
    });
  } catch (error) {
    if (error instanceof StorageError) {
      throw new QchatError('USAGE_FILE_UNUSABLE', usageFileUnusableMessage(bucketFile, `${error.path} ${error.problem}`), { remedy: error.remedy ?? usageFileRemedy });
    }
    if (error instanceof QchatError) throw error;
    if (isLockBusy(error)) throw new QchatError('USAGE_FILE_BUSY', usageFileBusyMessage(bucketFile));
    if (typeof errorCode(error) !== 'string') throw error;
    throw new QchatError('USAGE_FILE_UNUSABLE', usageFileUnusableMessage(bucketFile, (error as Error).message), { remedy: usageFileRemedy });
  }
}

/** The bucket as stored, plus a version-1 file's monthly count; an unusable file is moved aside. */
export function readBucket(file: string, clock: Clock): StoredBucket & { legacyCount?: { month: string; used: number } } {
  const loaded = loadJsonFile(file, fileSchema, { maxBytes: maxBucketBytes, what: 'a qchat usage file' });
  if (loaded.state === 'missing') return loaded;
  if (loaded.state === 'unusable') {
    // Stryker disable next-line Regex: equivalent, both phrases only ever start the problem (a bucket path under the checked usage folder never gives ENOTDIR's "… is a file").
    const problem = loaded.error?.kind === 'LINK' ? 'a symbolic link, not a file' : loaded.problem.replace(/^is a directory, not/, 'is a folder, not').replace(/^is /, '');
    return { state: 'corrupt', problem, movedTo: moveAside(file, clock) };
  }
  const { value } = loaded;
  const bucket = { tokens: value.minuteTokens, updatedAt: new Date(value.minuteUpdatedAt) };
  return value.version === 1 ? { state: 'ok', bucket, month: value.month, legacyCount: { month: value.month, used: value.monthlyUsed } } : { state: 'ok', bucket, month: value.month };
}

export function writeBucket(file: string, userId: string, month: string, bucket: MinuteBucket): void {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: durability (fsync before the rename) shows only across a power loss.
  writeFileAtomic(file, bucketJson(userId, month, bucket), { durable: true });
}

/** writeBucket on the thread pool: the caller's thread goes on while it is written and flushed. */
export function writeBucketInBackground(file: string, userId: string, month: string, bucket: MinuteBucket): Promise<void> {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: durability (fsync before the rename) shows only across a power loss.
  return writeFileAtomicInBackground(file, bucketJson(userId, month, bucket), { durable: true });
}

function bucketJson(userId: string, month: string, bucket: MinuteBucket): string {
  const json = { version: 2, userId, month, minuteTokens: bucket.tokens, minuteUpdatedAt: bucket.updatedAt.toISOString() };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** One entry: 16 hex digits (or `r` and 15 for a refund) and a newline. */
const entryBytes = 17;
// About 60,000 entries, 60 times the largest monthly limit: a larger ledger is not one qchat
// wrote. It is moved aside like a corrupt one (a 600 MB file is never read; issue 16 item 12).
const maxLedgerBytes = 1024 * 1024;

/**
 * A month's requests as an append-only ledger of fixed-size entries: one per counted request, and
 * one per request given back (a refund). The count is exact whatever happens to the lock: each
 * request appends its own random entry with a single O_APPEND write and is admitted only if fewer
 * than `limit` requests, net of refunds, stand before it, so a paused or killed lock holder can
 * never write back an older count (issue 16, item 2).
 */
export class Ledger {
  constructor(readonly path: string) {}

  /** Requests counted this month, net of refunds; undefined when the ledger is not a regular file or too large. */
  count(): number | undefined {
    const stat = lstatSync(this.path, { throwIfNoEntry: false });
    if (!stat) return 0;
    if (!stat.isFile() || stat.size > maxLedgerBytes) return undefined;
    const fd = this.#open();
    try {
      return net(readHead(fd, maxLedgerBytes), undefined);
    } finally {
      closeSync(fd);
    }
  }

  /** What the path is instead of a ledger, for the warning. */
  problem(): string {
    const stat = lstatSync(this.path);
    if (stat.isFile()) return `${stat.size.toLocaleString('en-US')} bytes; at most ${maxLedgerBytes.toLocaleString('en-US')} are read`;
    return stat.isDirectory() ? 'a folder, not a file' : stat.isSymbolicLink() ? 'a symbolic link, not a file' : `${kindOf(stat)}, not a file`;
  }

  /** Appends one entry; true if fewer than `limit` requests stand before it (the request is admitted). */
  claim(limit: number): boolean {
    const entry = `${randomBytes(8).toString('hex')}\n`;
    const fd = this.#open();
    try {
      writeSync(fd, entry);
      return net(readHead(fd, maxLedgerBytes), entry) < limit;
    } finally {
      closeSync(fd);
    }
  }

  /** Gives one request back (a question cancelled before it was answered). */
  refund(): void {
    this.#append(`r${randomBytes(8).toString('hex').slice(1)}\n`);
  }

  /** Counts `n` requests at once: a conservative count when the true one is unknown or migrated. */
  add(n: number): void {
    if (n > 0) this.#append('0000000000000000\n'.repeat(n));
  }

  #append(text: string): void {
    const fd = this.#open();
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  }

  #open(): number {
    const fd = openSync(this.path, noFollow.append, 0o600);
    // Stryker disable next-line ConditionalExpression,BlockStatement: count() lstat-checks the ledger under the lock before any open; only a file swapped in between gets here.
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      throw new StorageError('NOT_A_FILE', this.path, 'is not a regular file', 'move it away');
    }
    return fd;
  }
}

function readHead(fd: number, maxBytes: number): string {
  const head = Buffer.alloc(Math.min(fstatSync(fd).size, maxBytes));
  return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1');
}

/** Requests net of refunds before `entry` (all of them when it is undefined, or not found: then it did not count). */
function net(text: string, entry: string | undefined): number {
  let requests = 0;
  for (let at = 0; at + entryBytes <= text.length; at += entryBytes) {
    const line = text.slice(at, at + entryBytes);
    if (line === entry) return requests;
    requests += line.startsWith('r') ? -1 : 1;
  }
  return entry === undefined ? Math.max(0, requests) : Number.POSITIVE_INFINITY;
}

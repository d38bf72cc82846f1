import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lock } from 'proper-lockfile';
import { z } from 'zod';
import { safeUserDirName } from '../config/safe-user-id.js';
import { ExitCode, QchatError } from '../errors.js';
import { usageFileBusyMessage, usageFileUnusableMessage } from './messages.js';

/** One user's counters: the month they count for and the per-minute token bucket. */
export interface UsageRecord {
  /** UTC calendar month the count belongs to, `YYYY-MM`. */
  month: string;
  monthlyUsed: number;
  minuteTokens: number;
  /** When minuteTokens was last brought up to date. */
  minuteUpdatedAt: Date;
}

export type StoredUsage =
  | { state: 'missing' }
  | { state: 'ok'; record: UsageRecord }
  | { state: 'corrupt'; problem: string; copiedTo: string };

const fileSchema = z.object({
  version: z.literal(1),
  userId: z.string(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  monthlyUsed: z.number().int().min(0),
  minuteTokens: z.number().min(0),
  minuteUpdatedAt: z.iso.datetime(),
});

// The critical section is a read and a small write, so a lock older than this belongs to a
// crashed process; retries (up to ~10 s in all) outlast it.
const lockOptions = {
  realpath: false,
  stale: 5_000,
  retries: { retries: 200, minTimeout: 2, maxTimeout: 50, factor: 1.3, randomize: true },
};

export function usageFilePath(dataDir: string, userId: string): string {
  return join(dataDir, 'usage', `${safeUserDirName(userId)}.json`);
}

/**
 * Reads the user's usage file under an exclusive cross-process lock, lets `decide` compute the
 * outcome, and atomically writes `save` (if any) before the lock is released. A corrupt file is
 * first copied aside (its name stamped with `now`); it stays in place until `save` replaces it,
 * so a crash in between finds it again rather than no file (which would mean a zero count).
 */
export async function updateUsageFile<T>(
  file: string,
  userId: string,
  now: Date,
  decide: (stored: StoredUsage) => { save?: UsageRecord; result: T },
): Promise<T> {
  try {
    return await lockedUpdate(file, userId, now, decide);
  } catch (error) {
    // Disk trouble (the usage folder is a file, no permission, …) is told as such, not as a crash.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof QchatError || typeof code !== 'string') throw error;
    throw new QchatError('USAGE_FILE_UNUSABLE', usageFileUnusableMessage(file, (error as Error).message));
  }
}

async function lockedUpdate<T>(file: string, userId: string, now: Date, decide: (stored: StoredUsage) => { save?: UsageRecord; result: T }): Promise<T> {
  // Counts are kept only inside the data directory: a link in place of the folder would lead out of it.
  if ((await lstat(dirname(file)).catch(() => undefined))?.isSymbolicLink()) {
    throw new QchatError('USAGE_FILE_UNUSABLE', usageFileUnusableMessage(file, `its folder ${dirname(file)} is a symbolic link`));
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(file, { ...lockOptions, onCompromised: (error) => (compromised = error) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new QchatError('USAGE_FILE_BUSY', usageFileBusyMessage(file));
  }
  try {
    const { save, result } = decide(await readUsage(file, now));
    if (save) {
      // Another process may have taken the lock over; writing now could lose its count.
      if (compromised) throw compromised;
      await writeAtomically(file, serialize(userId, save));
    }
    return result;
  } finally {
    if (!compromised) await release();
  }
}

async function readUsage(file: string, now: Date): Promise<StoredUsage> {
  const aside = `${file}.corrupt-${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
  let bytes: Buffer;
  try {
    // Never through a symbolic link: it could lead out of the data directory.
    bytes = await readFile(file, { flag: constants.O_RDONLY | constants.O_NOFOLLOW });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    if (code !== 'EISDIR' && code !== 'ELOOP') throw error;
    // A folder or a link cannot be copied aside like a corrupt file: it is moved aside whole.
    await rename(file, aside);
    return { state: 'corrupt', problem: code === 'EISDIR' ? 'a folder, not a file' : 'a symbolic link, not a file', copiedTo: aside };
  }
  const parsed = parseUsage(bytes.toString('utf8'));
  if ('record' in parsed) return { state: 'ok', record: parsed.record };
  await writeFile(aside, bytes, { flag: 'wx', mode: 0o600 });
  return { state: 'corrupt', problem: parsed.problem, copiedTo: aside };
}

function parseUsage(text: string): { record: UsageRecord } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}` };
  }
  const { month, monthlyUsed, minuteTokens, minuteUpdatedAt } = parsed.data;
  return { record: { month, monthlyUsed, minuteTokens, minuteUpdatedAt: new Date(minuteUpdatedAt) } };
}

function serialize(userId: string, record: UsageRecord): string {
  const { month, monthlyUsed, minuteTokens, minuteUpdatedAt } = record;
  const json = { version: 1, userId, month, monthlyUsed, minuteTokens, minuteUpdatedAt: minuteUpdatedAt.toISOString() };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Temp file in the same directory, flushed, then renamed over the target: readers see old or new, never half. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

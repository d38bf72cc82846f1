import { lock } from 'proper-lockfile';
import { errorCode } from './disk.js';

/**
 * The one set of lock options. Every critical section is a read and a small write (well under
 * the 1 s refresh), so a lock whose directory has not been touched for `stale` belongs to a
 * killed or paused process and is taken over: 2 s is proper-lockfile's minimum, so a stale lock
 * costs at most that. The retries (about 10 s in all) outlast it.
 */
const lockOptions = {
  realpath: false,
  stale: 2_000,
  retries: { retries: 200, minTimeout: 2, maxTimeout: 50, factor: 1.3, randomize: true },
};

/** Thrown (code ELOCKED) when another process held the lock through every retry. */
export function isLockBusy(error: unknown): boolean {
  return errorCode(error) === 'ELOCKED' || errorCode(error) === 'ECOMPROMISED';
}

/**
 * Runs `task` holding the cross-process lock `<file>.lock`. `stillOurs()` is false once another
 * process took the lock over (this one was paused past `stale`): a task checks it right before
 * committing a write, and throws ECOMPROMISED rather than undo the other process's change.
 */
export async function withLock<T>(file: string, task: (stillOurs: () => boolean) => Promise<T> | T): Promise<T> {
  let compromised: Error | undefined;
  const release = await lock(file, { ...lockOptions, onCompromised: (error) => (compromised = error) });
  try {
    return await task(() => compromised === undefined);
  } finally {
    // A failed release leaves a lock that goes stale and is taken over; nothing to do here.
    // Stryker disable next-line ConditionalExpression: equivalent as `true`, proper-lockfile refuses to release a compromised lock (ERELEASED), which the catch ignores; `false` is killed by the tests that check the lock is gone.
    if (!compromised) await release().catch(() => undefined);
  }
}

/** The error a task throws when `stillOurs()` turned false before it could commit. */
export function lockLost(file: string): Error {
  return Object.assign(new Error(`the lock on ${file} was taken over by another process`), { code: 'ECOMPROMISED' });
}

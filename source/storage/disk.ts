import { constants } from 'node:fs';
import { chmod, mkdir, rename, stat } from 'node:fs/promises';
import type { Clock } from '../config/clock.js';

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Why the disk refuses writes, if it does: recording then stops instead of failing the chat. */
export function writeRefusal(error: unknown): 'full' | 'read-only' | undefined {
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  return undefined;
}

/**
 * Errors that mean the file itself is unusable (not the disk): it is moved aside. ELOOP is a
 * symbolic link opened with `noFollow`: history never reads or writes through a link, which could
 * point outside the data directory.
 */
export function isUnreadable(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EISDIR' || code === 'EACCES' || code === 'EPERM' || code === 'ELOOP';
}

/** Open flags that refuse a symbolic link in the last path component (ELOOP). */
export const noFollow = {
  read: constants.O_RDONLY | constants.O_NOFOLLOW,
  append: constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
  create: constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
};

/** Creates the directory if needed and makes it private whatever the umask. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
}

/** `20261122T100000Z`: a timestamp usable in file names. */
export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/**
 * Renames an unreadable file to `<name>.corrupt-<timestamp>` (never over an earlier one) so it
 * stays available for inspection and a fresh file can take its place. Returns the new path.
 */
export async function moveAside(path: string, clock: Clock): Promise<string> {
  const base = `${path}.corrupt-${fileStamp(clock())}`;
  for (let attempt = 1; ; attempt++) {
    const target = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await exists(target))) {
      await rename(path, target);
      return target;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

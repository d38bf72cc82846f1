import { chmodSync, constants, lstatSync, renameSync } from 'node:fs';
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
 * Open flags shared by every private file. O_NOFOLLOW refuses a symbolic link in the last path
 * component (ELOOP): qchat never reads or writes through a link, which could point outside its
 * folders. O_NONBLOCK keeps a FIFO planted in a file's place from blocking the open; the file is
 * then checked to be a regular one before anything is read.
 */
export const noFollow = {
  read: constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  append: constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  createNew: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
};

/** `20261122T100000Z`: a timestamp usable in file names. */
export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/**
 * The one move-aside scheme: renames an unusable file (or folder, link, FIFO) to
 * `<name>.corrupt-<timestamp>` (never over an earlier one) so it stays available for inspection
 * and a fresh file can take its place. Returns the new path, which the caller reports.
 */
export function moveAside(path: string, clock: Clock): string {
  const base = `${path}.corrupt-${fileStamp(clock())}`;
  for (let attempt = 1; attempt < 1000; attempt++) {
    const target = attempt === 1 ? base : `${base}-${attempt}`;
    if (lstatSync(target, { throwIfNoEntry: false })) continue;
    renameSync(path, target);
    // What was kept may hold private data: a file moved aside stays readable only by its owner.
    if (lstatSync(target).isFile()) chmodSync(target, 0o600);
    return target;
  }
  throw Object.assign(new Error(`${path}: too many files moved aside already`), { code: 'EEXIST' });
}

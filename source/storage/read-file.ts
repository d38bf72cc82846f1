import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { errorCode, noFollow } from './disk.js';
import { kindOf, StorageError } from './storage-error.js';

export interface ReadOptions {
  /** Larger files are refused (TOO_LARGE) rather than read into memory. */
  maxBytes?: number;
  /** Files people edit (settings, tiers) may be links to a dotfiles folder; qchat's own files may not. */
  followLinks?: boolean;
}

const defaultMaxBytes = 1024 * 1024;

/**
 * The bytes of a file, or undefined when there is none. Opened without following a link and
 * without blocking (a FIFO would otherwise hang qchat), then checked to be a regular file no
 * larger than `maxBytes`; anything else is a StorageError saying what the path is.
 */
export function readFileCapped(path: string, { maxBytes = defaultMaxBytes, followLinks = false }: ReadOptions = {}): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, followLinks ? constants.O_RDONLY | constants.O_NONBLOCK : noFollow.read);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new StorageError('LINK', path, 'is a symbolic link', 'qchat does not follow links among its files; remove the link');
    if (code === 'ENOTDIR') throw new StorageError('NOT_A_DIRECTORY', path, 'cannot be read: a folder on its path is a file', 'move that file away');
    throw new StorageError('UNREADABLE', path, `cannot be read (${code ?? (error as Error).message})`, 'check its permissions');
  }
  // qchat's own files are recreated once moved away; files people edit are theirs to replace.
  const fix = followLinks ? 'replace it with a JSON file' : 'move it away and qchat starts a fresh one';
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new StorageError('NOT_A_FILE', path, 'is a directory, not a file', fix);
    if (!stat.isFile()) throw new StorageError('NOT_A_FILE', path, `is not a regular file (it is ${kindOf(stat)})`, fix);
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes, fix);
    return readUpTo(fd, path, stat.size, maxBytes, fix);
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError('UNREADABLE', path, `cannot be read (${errorCode(error) ?? (error as Error).message})`, 'check its permissions');
  } finally {
    closeSync(fd);
  }
}

/** The text of a small file people edit (settings, tiers, subscriptions); links are followed. */
export function readSmallFile(path: string, maxBytes = defaultMaxBytes): string | undefined {
  return readFileCapped(path, { maxBytes, followLinks: true })?.toString('utf8');
}

/** Reads to the end (the size it had in one read), refusing a file that grew past the cap since it was checked. */
function readUpTo(fd: number, path: string, size: number, maxBytes: number, fix: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(64 * 1024, size + 1 - total), maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw tooLarge(path, total, maxBytes, fix);
  }
}

/** The one message for a file over its cap: its size, the cap, and what to do. */
export function tooLarge(path: string, size: number, maxBytes: number, fix: string): StorageError {
  const bytes = (n: number) => n.toLocaleString('en-US');
  return new StorageError('TOO_LARGE', path, `is ${bytes(size)} bytes; at most ${bytes(maxBytes)} are read`, fix);
}

import { readFileSync, statSync } from 'node:fs';

/** Why a small file (settings, tiers) could not be read: its message is a phrase that follows the path. */
export class SmallFileError extends Error {}

/**
 * The text of a file people edit, refusing what is no such file: a folder, a device or a pipe
 * (reading /dev/zero or a FIFO would never end) and anything over `maxBytes`. Returns undefined
 * when there is no file.
 */
export function readSmallFile(file: string, maxBytes = 1024 * 1024): string | undefined {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return undefined;
    if (!stat.isFile()) throw new SmallFileError(stat.isDirectory() ? 'is a directory, not a file' : 'is not a regular file');
    if (stat.size > maxBytes) throw new SmallFileError(`is ${stat.size.toLocaleString('en-US')} bytes; at most ${maxBytes.toLocaleString('en-US')} are read`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof SmallFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SmallFileError(`cannot be read (${code ?? (error as Error).message})`);
  }
}

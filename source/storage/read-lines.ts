import { open } from 'node:fs/promises';
import { errorCode, noFollow } from './disk.js';
import { kindOf, StorageError } from './storage-error.js';

const newline = 0x0a;

/** A line of a file, or `undefined` for one longer than the cap (skipped without being held in memory). */
export type Line = string | undefined;

/**
 * The lines of an append-only private file, read in chunks so a file of any size streams instead
 * of becoming one string (V8 cannot hold a string over ~512 MB). Opened like `readFileCapped`: no
 * link followed, a FIFO or device refused; a missing file has no lines.
 */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<Line> {
  let handle;
  try {
    handle = await open(path, noFollow.read);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    if (errorCode(error) === 'ELOOP') throw new StorageError('LINK', path, 'is a symbolic link', 'remove the link');
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new StorageError('NOT_A_FILE', path, 'is a directory, not a file', 'move it away');
    if (!stat.isFile()) throw new StorageError('NOT_A_FILE', path, `is not a regular file (it is ${kindOf(stat)})`, 'move it away');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let overlong = false;
    const chunk = Buffer.allocUnsafe(256 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      let start = 0;
      for (let at = chunk.indexOf(newline, 0); at !== -1 && at < bytesRead; at = chunk.indexOf(newline, start)) {
        if (!overlong) pending.push(Buffer.from(chunk.subarray(start, at)));
        yield overlong || pendingBytes + at - start > maxLineBytes ? undefined : Buffer.concat(pending).toString('utf8');
        pending = [];
        pendingBytes = 0;
        overlong = false;
        start = at + 1;
      }
      pendingBytes += bytesRead - start;
      if (pendingBytes > maxLineBytes) {
        overlong = true;
        pending = [];
      } else {
        pending.push(Buffer.from(chunk.subarray(start, bytesRead)));
      }
    }
    // A last line without its newline: a writer killed mid-line, or one still writing.
    if (pendingBytes > 0) yield overlong ? undefined : Buffer.concat(pending).toString('utf8');
  } finally {
    await handle.close();
  }
}

import { type FileHandle, open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { errorCode, noFollow } from './disk.js';
import { tooLarge } from './read-file.js';
import { kindOf, StorageError } from './storage-error.js';

/** A line of a file, or `undefined` for one longer than the cap (skipped without being held in memory). */
export type Line = string | undefined;

export interface LineLimits {
  /** A longer line is yielded as `undefined`, never held whole. */
  maxLineBytes: number;
  /** A larger file is refused (TOO_LARGE) before anything is read: its lines would not fit in memory. */
  maxBytes: number;
}

/**
 * Opens one of qchat's own files to read it in parts: no link followed, no FIFO waited on; a
 * folder, a device or a file over `maxBytes` is a StorageError; a missing file is undefined.
 */
export async function openPrivateFile(path: string, maxBytes: number): Promise<FileHandle | undefined> {
  let handle;
  try {
    handle = await open(path, noFollow.read);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    if (errorCode(error) === 'ELOOP') throw new StorageError('LINK', path, 'is a symbolic link', 'remove the link');
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new StorageError('NOT_A_FILE', path, 'is a directory, not a file', 'move it away');
    if (!stat.isFile()) throw new StorageError('NOT_A_FILE', path, `is not a regular file (it is ${kindOf(stat)})`, 'move it away');
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes, 'move it away');
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The lines of an append-only private file, read in chunks so a file of any size streams instead
 * of becoming one string (V8 cannot hold a string over ~512 MB). Opened like `readFileCapped`: no
 * link followed, a FIFO or device refused, a file over `maxBytes` refused; a missing file has no lines.
 */
export async function* readLines(path: string, { maxLineBytes, maxBytes }: LineLimits): AsyncGenerator<Line> {
  const handle = await openPrivateFile(path, maxBytes);
  if (!handle) return;
  try {
    // Decoded a chunk at a time (a character split across chunks is kept whole) and split on
    // newlines; a line is measured in UTF-16 units, close enough to bytes for a cap.
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.allocUnsafe(256 * 1024);
    let pending = '';
    let overlong = false;
    const take = (text: string): Line[] => {
      const lines: Line[] = [];
      let start = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
        const line = overlong ? undefined : pending + text.slice(start, at);
        lines.push(line !== undefined && line.length > maxLineBytes ? undefined : line);
        pending = '';
        overlong = false;
        start = at + 1;
      }
      if (!overlong) pending += text.slice(start);
      if (pending.length > maxLineBytes) {
        overlong = true;
        pending = '';
      }
      return lines;
    };
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      yield* take(decoder.write(chunk.subarray(0, bytesRead)));
    }
    yield* take(decoder.end());
    // A last line without its newline: a writer killed mid-line, or one still writing.
    if (overlong || pending) yield overlong ? undefined : pending;
  } finally {
    await handle.close();
  }
}

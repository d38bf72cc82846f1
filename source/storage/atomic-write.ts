import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { noFollow } from './disk.js';

export interface WriteOptions {
  /** Also flush the folder, so the rename itself survives a power cut (counters, not caches). */
  durable?: boolean;
}

const tempSuffix = '.tmp';
const tempPrefix = (file: string) => `.${basename(file)}.`;

/**
 * Replaces `file` atomically: readers see the old bytes or the new, never half. The temp file has
 * a random name and is created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600, so a link or file
 * planted under a guessable name is never written through; it is flushed before the rename.
 */
export function writeFileAtomic(file: string, data: string | Buffer, { durable = false }: WriteOptions = {}): void {
  const temp = tempPath(file);
  const fd = openSync(temp, noFollow.createNew, 0o600);
  try {
    try {
      fchmodSync(fd, 0o600); // whatever the umask
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (durable) syncDirectory(dirname(file));
}

/**
 * writeFileAtomic with the same steps on libuv's thread pool, so the caller's thread goes on
 * meanwhile (the usage count's fsyncs overlap a question's first requests).
 */
export async function writeFileAtomicInBackground(file: string, data: string | Buffer, { durable = false }: WriteOptions = {}): Promise<void> {
  const temp = tempPath(file);
  const handle = await open(temp, noFollow.createNew, 0o600);
  try {
    try {
      await handle.chmod(0o600); // whatever the umask
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (durable) {
    const dir = await open(dirname(file), constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

const tempPath = (file: string) => join(dirname(file), `${tempPrefix(file)}${randomBytes(8).toString('hex')}${tempSuffix}`);

function syncDirectory(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// A live writer's temp file exists for well under a second; one this old belongs to a killed writer.
const leftoverAgeMs = 60_000;

/** Removes temp files that killed writers of `file` left behind (by their real age on disk). */
export function removeLeftoverTemps(file: string): number {
  const dir = dirname(file);
  const prefix = tempPrefix(file);
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith(tempSuffix)) continue;
    const stat = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (!stat || Date.now() - stat.mtimeMs < leftoverAgeMs) continue;
    rmSync(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { errorCode } from './disk.js';
import { kindOf, StorageError } from './storage-error.js';

/**
 * Makes sure `dir` and every folder between `top` and it are real folders of this user (checked
 * with lstat, so a planted link is refused, not followed), private (0700, tightened when they
 * exist with wider modes) and created if missing. `top` is qchat's own folder (QCHAT_HOME or the
 * platform data directory), never a shared one above it.
 */
export function ensurePrivateDir(dir: string, top: string = dir): void {
  const target = resolve(dir);
  const root = resolve(top);
  const steps = relative(root, target);
  if (steps.startsWith('..')) throw new Error(`${target} is not inside ${root}`);
  let current = root;
  checkOrCreate(current);
  for (const part of steps ? steps.split(sep) : []) {
    current = `${current}${current.endsWith(sep) ? '' : sep}${part}`;
    checkOrCreate(current);
  }
}

function checkOrCreate(dir: string): void {
  let stat = lstatSync(dir, { throwIfNoEntry: false });
  if (!stat) {
    makeDirs(dir);
    stat = lstatSync(dir);
  }
  if (stat.isSymbolicLink()) {
    throw new StorageError('LINK', dir, 'is a symbolic link, not a folder', 'qchat does not follow links among its folders; remove the link (or set QCHAT_HOME to the real folder)');
  }
  if (!stat.isDirectory()) throw notAFolder(dir, kindOf(stat));
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new StorageError('NOT_OWNED', dir, `belongs to user ${stat.uid}, not to you (${uid})`, 'use a folder of your own (QCHAT_HOME)');
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

function notAFolder(path: string, kind = 'a file'): StorageError {
  return new StorageError('NOT_A_DIRECTORY', path, `is ${kind}, not a folder`, 'move it away so qchat can create the folder');
}

/**
 * mkdir -p one level at a time. Node's recursive mkdir spins for ever where a folder exists but
 * mkdir in it says ENOENT (QCHAT_HOME=/proc/self): here that is an error naming the folder.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let existing = dir;
  for (; !lstatSync(existing, { throwIfNoEntry: false }); existing = dirname(existing)) {
    if (dirname(existing) === existing) break;
    missing.unshift(existing);
  }
  for (const path of missing) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') continue; // made meanwhile by another process; checked by the caller
      if (code === 'ENOTDIR') throw notAFolder(existing);
      if (code === 'ENOENT') throw new StorageError('NOT_A_DIRECTORY', dirname(path), 'does not let qchat create folders in it', 'set QCHAT_HOME to a folder of your own');
      throw error;
    }
  }
}

import { QchatError, type Remedy } from '../errors.js';

/**
 * A file or folder qchat cannot use: the message names the path and what is wrong (`problem`, a
 * phrase that follows the path), and the remedy (`fix`, as data, so `--json` carries it apart) says
 * what the user can do, so wherever it surfaces (`data` as a file, `data/identity` as a FIFO, …)
 * the user reads the path and the fix, not "unexpected error". `kind` is for callers that move the
 * thing aside rather than stop.
 */
export class StorageError extends QchatError {
  /** Always set: a file qchat cannot use always has a fix. */
  declare readonly remedy: Remedy;

  constructor(
    readonly kind: 'NOT_A_FILE' | 'NOT_A_DIRECTORY' | 'LINK' | 'NOT_OWNED' | 'TOO_LARGE' | 'UNREADABLE',
    readonly path: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super('FILE_UNUSABLE', `${path} ${problem}.`, { remedy: { kind: 'fix', action: `${fix[0]!.toUpperCase()}${fix.slice(1)}.` }, details: { path } });
  }
}

/** "a FIFO", "a directory", …: what a stat says a path is, for messages. */
export function kindOf(stat: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

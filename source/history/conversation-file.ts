import { open, readFile } from 'node:fs/promises';
import { errorCode, noFollow } from '../storage/disk.js';
import { parseConversation, type ParsedConversation } from './message.js';

const newline = 0x0a;

/**
 * Appends one complete line with a single write on an O_APPEND descriptor, so writers in other
 * processes never interleave with it. A writer killed mid-line leaves a fragment without a
 * newline; the next line then starts on a fresh line so only that fragment is lost.
 */
export async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, noFollow.append, 0o600);
  try {
    const { size } = await handle.stat();
    let data = Buffer.from(line);
    if (size === 0) {
      await handle.chmod(0o600);
    } else {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== newline) data = Buffer.concat([Buffer.of(newline), data]);
    }
    const { bytesWritten } = await handle.write(data);
    // A regular file only takes part of a write when the disk fills up.
    if (bytesWritten < data.length) throw Object.assign(new Error(`short write to ${path}`), { code: 'ENOSPC' });
  } finally {
    await handle.close();
  }
}

/** Creates an empty private conversation file (keeping any existing content). */
export async function createConversationFile(path: string): Promise<void> {
  const handle = await open(path, noFollow.create, 0o600);
  try {
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
}

/** The messages of a conversation file; a missing file is an empty conversation. */
export async function readConversationFile(path: string): Promise<ParsedConversation> {
  try {
    return parseConversation(await readFile(path, { encoding: 'utf8', flag: noFollow.read }));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { messages: [], badLines: [] };
    throw error;
  }
}

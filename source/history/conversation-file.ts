import { open } from 'node:fs/promises';
import { noFollow } from '../storage/disk.js';
import { openPrivateFile, readLines } from '../storage/read-lines.js';
import { kindOf, StorageError } from '../storage/storage-error.js';
import { ConversationReader, parseMessage, type ParsedConversation } from './message.js';

const newline = 0x0a;
// One message with its answer is a few hundred kilobytes at most; a longer line is not ours. A
// conversation of 10,000 typical messages is 4.5 MB: one over 64 MB (some 140,000 of them) is not
// one qchat wrote, and its messages read into memory could exhaust it (issue 16 item 12).
export const conversationLimits = { maxLineBytes: 32 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 };

/**
 * Appends one complete line with a single write on an O_APPEND descriptor, so writers in other
 * processes never interleave with it. A writer killed mid-line leaves a fragment without a
 * newline; the next line then starts on a fresh line so only that fragment is lost. Creates the
 * file (0600) if needed; a link, FIFO or folder in its place is refused (and moved aside by the store).
 */
export async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, noFollow.append, 0o600);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new StorageError('NOT_A_FILE', path, `is not a regular file (it is ${kindOf(stat)})`, 'move it away');
    let data = Buffer.from(line);
    if (stat.size === 0) {
      await handle.chmod(0o600);
    } else {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, stat.size - 1);
      if (last[0] !== newline) data = Buffer.concat([Buffer.of(newline), data]);
    }
    const { bytesWritten } = await handle.write(data);
    // A regular file only takes part of a write when the disk fills up.
    if (bytesWritten < data.length) throw Object.assign(new Error(`short write to ${path}`), { code: 'ENOSPC' });
  } finally {
    await handle.close();
  }
}

/** The messages of a conversation file, streamed line by line; a missing file is an empty conversation, one over 64 MB a TOO_LARGE StorageError. */
export async function readConversationFile(path: string): Promise<ParsedConversation> {
  const reader = new ConversationReader();
  for await (const line of readLines(path, conversationLimits)) reader.add(line);
  return reader.result();
}

/** What `countNewMessages` found past the byte it started at. */
export interface NewMessages {
  count: number;
  /** How many of them are questions (user messages): a turn each. */
  questions: number;
  /** The latest `at` among them (ISO), if any was a valid time. */
  lastAt: string | undefined;
  /** The byte after the last complete line counted: where the next count starts. */
  to: number;
  /** The file was shorter than `from` (replaced meanwhile), so it was counted from its start. */
  fromStart: boolean;
}

/**
 * Counts the message lines of a conversation file from byte `from` on: complete lines only (one
 * still being written is left for the next count), messages only (a feedback line updates one).
 * Index updates count this way, by byte range under the index lock, so a message is counted once
 * whichever process appended it and whichever process updates the index, even one that never got
 * to (it was killed, or exited without flushing): the next update counts what it left.
 * Undefined when the file is missing, not a regular file, or past the size limit.
 */
export async function countNewMessages(path: string, from: number): Promise<NewMessages | undefined> {
  const handle = await openPrivateFile(path, conversationLimits.maxBytes).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const start = size < from ? 0 : from;
    // Stryker disable next-line ArithmeticOperator: equivalent, only the bytes read are searched (a larger buffer's zeros hold no newline).
    const bytes = Buffer.alloc(size - start);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
    const complete = bytes.subarray(0, bytes.lastIndexOf(newline, bytesRead - 1) + 1);
    let count = 0;
    let questions = 0;
    let lastAt: string | undefined;
    for (const line of complete.toString('utf8').split('\n')) {
      const message = parseMessage(line);
      if (!message) continue;
      count++;
      if (message.role === 'user') questions++;
      const at = Date.parse(message.at);
      if (!Number.isNaN(at) && (lastAt === undefined || new Date(at).toISOString() > lastAt)) lastAt = new Date(at).toISOString();
    }
    return { count, questions, lastAt, to: start + complete.length, fromStart: start !== from };
  } finally {
    await handle.close();
  }
}

import { open } from 'node:fs/promises';
import { noFollow } from '../storage/disk.js';
import { readFileCapped } from '../storage/read-file.js';
import { readLines } from '../storage/read-lines.js';
import { kindOf, StorageError } from '../storage/storage-error.js';
import { ConversationReader, parseMessage, type ParsedConversation } from './message.js';

const newline = 0x0a;
// One message with its answer is a few hundred kilobytes at most; a longer line is not ours. A
// conversation of 10,000 typical messages is 4.5 MB: one over 64 MB (some 140,000 of them) is not
// one qchat wrote, and its messages read into memory could exhaust it (issue 16 item 12).
const limits = { maxLineBytes: 32 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 };

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
  for await (const line of readLines(path, limits)) reader.add(line);
  return reader.result();
}

export interface RecentConversation extends ParsedConversation {
  /** How many turns (questions) come before the messages read. */
  earlierTurns: number;
}

/**
 * The end of a conversation: its messages from the `turns`-th last question on, and how many
 * questions come before them. Only those lines are parsed (restoring a 10,000-message
 * conversation to show its last turns parsed all of them: most of the restore time, the rest
 * garbage collection); the earlier lines are only told apart as questions or not, by the prefix
 * qchat writes (`{"id":"…","role":"user"`), a line of another shape by parsing it.
 */
export async function readRecentMessages(path: string, turns: number): Promise<RecentConversation> {
  const bytes = readFileCapped(path, { maxBytes: limits.maxBytes });
  if (!bytes) return { messages: [], badLines: [], earlierTurns: 0 };
  const tail: string[] = [];
  let start = bytes.length;
  for (let questions = 0; start > 0 && questions < turns; ) {
    const end = bytes[start - 1] === newline ? start - 1 : start;
    start = end === 0 ? 0 : bytes.lastIndexOf(newline, end - 1) + 1;
    const line = bytes.toString('utf8', start, end);
    tail.push(line);
    if (parseMessage(line)?.role === 'user') questions++;
  }
  let earlierTurns = 0;
  let lineNumber = 1;
  const badLines: number[] = [];
  for (let at = 0; at < start; lineNumber++) {
    const end = bytes.indexOf(newline, at);
    const role = roleOf(bytes, at, end);
    if (role === 'user') earlierTurns++;
    else if (role === undefined && end > at) badLines.push(lineNumber);
    at = end + 1;
  }
  const reader = new ConversationReader({ firstLine: lineNumber });
  for (const line of tail.reverse()) reader.add(line);
  const recent = reader.result();
  return { messages: recent.messages, badLines: [...badLines, ...recent.badLines], earlierTurns };
}

// The start of every message line qchat writes (JSON.stringify keeps the keys in this order).
const idKey = Buffer.from('{"id":"');
const roleKey = Buffer.from('","role":"');
const roles = ['user', 'assistant'].map((role) => ({ role, bytes: Buffer.from(`${role}","at":"`) }));

/** A line's role: from the prefix qchat writes, else by parsing it; 'update' for a feedback line, undefined for an unreadable one. */
function roleOf(bytes: Buffer, start: number, end: number): string | undefined {
  if (bytes.compare(idKey, 0, idKey.length, start, Math.min(end, start + idKey.length)) === 0) {
    // The id's closing quote (an id with an escaped quote in it is left to the parser).
    const at = bytes.indexOf(0x22, start + idKey.length);
    const value = at + roleKey.length;
    const written = at !== -1 && at < end && bytes.compare(roleKey, 0, roleKey.length, at, Math.min(end, value)) === 0 ? roles.find(({ bytes: role }) => bytes.compare(role, 0, role.length, value, Math.min(end, value + role.length)) === 0) : undefined;
    if (written) return written.role;
  }
  const line = bytes.toString('utf8', start, end);
  const record = parseMessage(line);
  if (record) return record.role;
  return /^\{"id":"[^"]*","feedback":/.test(line) ? 'update' : undefined;
}

/** What `countNewMessages` found past the byte it started at. */
export interface NewMessages {
  count: number;
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
  let handle;
  try {
    handle = await open(path, noFollow.read);
  } catch {
    return undefined;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > limits.maxBytes) return undefined;
    const start = stat.size < from ? 0 : from;
    const bytes = Buffer.alloc(stat.size - start);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
    const complete = bytes.subarray(0, bytes.lastIndexOf(newline, bytesRead - 1) + 1);
    let count = 0;
    let lastAt: string | undefined;
    for (const line of complete.toString('utf8').split('\n')) {
      const message = parseMessage(line);
      if (!message) continue;
      count++;
      const at = Date.parse(message.at);
      if (!Number.isNaN(at) && (lastAt === undefined || new Date(at).toISOString() > lastAt)) lastAt = new Date(at).toISOString();
    }
    return { count, lastAt, to: start + complete.length, fromStart: start !== from };
  } finally {
    await handle.close();
  }
}

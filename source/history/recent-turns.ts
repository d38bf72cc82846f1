import type { FileHandle } from 'node:fs/promises';
import { openPrivateFile } from '../storage/read-lines.js';
import { conversationLimits } from './conversation-file.js';
import { ConversationReader, parseMessage, type HistoryMessage } from './message.js';

export interface RecentConversation {
  messages: HistoryMessage[];
  /** How many turns (questions) come before the messages read. */
  earlierTurns: number;
  /** Lines looked at that could not be read (skipped). */
  unreadable: number;
}

/** What the index has counted of the file: the questions in its first `to` bytes. */
export interface CountedQuestions {
  to: number;
  questions: number;
}

const newline = 0x0a;
// Stryker disable next-line ArithmeticOperator: equivalent in what is read back, a smaller first window grows (×4) to the same lines.
const firstWindow = 64 * 1024;

/**
 * The end of a conversation: its messages from the `turns`-th last question on, and how many
 * questions come before them. Restoring a 10,000-message conversation to show its last turns used
 * to parse every line (most of the restore time, the rest collecting that garbage): now only the
 * end of the file is read, in a window that grows until it holds those turns, and the earlier
 * questions are the index's count (`counted`) less those of the window it covers. Without a count
 * that reaches the window (an index that lags), the earlier lines are read and told apart as
 * questions by the prefix qchat writes, a line of another shape by parsing it.
 */
export async function readRecentMessages(path: string, turns: number, counted?: CountedQuestions): Promise<RecentConversation> {
  const handle = await openPrivateFile(path, conversationLimits.maxBytes);
  if (!handle) return { messages: [], earlierTurns: 0, unreadable: 0 };
  try {
    const { size } = await handle.stat();
    for (let window = firstWindow; ; window *= 4) {
      const base = Math.max(0, size - window);
      const tail = lastLines(await readRange(handle, base, size), base, turns);
      if (tail.questions < turns && base > 0) continue;
      const reader = new ConversationReader({ firstLine: 1 });
      for (const { text } of tail.lines) reader.add(text);
      const { messages, badLines } = reader.result();
      const start = base + tail.start;
      if (counted && counted.to >= start && counted.to <= size) {
        const countedInTail = tail.lines.filter(({ question, next }) => question && next <= counted.to).length;
        return { messages, earlierTurns: counted.questions - countedInTail, unreadable: badLines.length };
      }
      const earlier = questionsIn(await readRange(handle, 0, start));
      return { messages, earlierTurns: earlier.questions, unreadable: earlier.unreadable + badLines.length };
    }
  } finally {
    await handle.close();
  }
}

async function readRange(handle: FileHandle, from: number, to: number): Promise<Buffer> {
  // Stryker disable next-line ArithmeticOperator: equivalent, a larger buffer is cut to the bytes read.
  const bytes = Buffer.alloc(to - from);
  const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
  return bytes.subarray(0, bytesRead);
}

interface TailLine {
  text: string;
  question: boolean;
  /** The byte after the line and its newline, in the file. */
  next: number;
}

/** The last lines of `bytes` (the file from `base` on) back to the `turns`-th last question, or to the first line that starts before `bytes`. */
function lastLines(bytes: Buffer, base: number, turns: number): { lines: TailLine[]; start: number; questions: number } {
  const lines: TailLine[] = [];
  let start = bytes.length;
  let questions = 0;
  while (start > 0 && questions < turns) {
    const end = bytes[start - 1] === newline ? start - 1 : start;
    const before = end === 0 ? -1 : bytes.lastIndexOf(newline, end - 1);
    if (before === -1 && base > 0) break;
    const text = bytes.toString('utf8', before + 1, end);
    const question = parseMessage(text)?.role === 'user';
    lines.push({ text, question, next: base + start });
    if (question) questions++;
    start = before + 1;
  }
  return { lines: lines.reverse(), start, questions };
}

/** The questions among whole lines, each told by the prefix qchat writes when it has it. */
function questionsIn(bytes: Buffer): { questions: number; unreadable: number } {
  let questions = 0;
  let unreadable = 0;
  // Stryker disable next-line EqualityOperator: equivalent, a pass at the end finds an empty line, which counts as nothing.
  for (let at = 0; at < bytes.length; ) {
    const found = bytes.indexOf(newline, at);
    // Stryker disable next-line ConditionalExpression,UnaryOperator: equivalent, the bytes before the tail end with a line's newline, so one is always found.
    const end = found === -1 ? bytes.length : found;
    const role = roleOf(bytes, at, end);
    if (role === 'user') questions++;
    else if (role === undefined && end > at) unreadable++;
    at = end + 1;
  }
  return { questions, unreadable };
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
    const fits = (key: Buffer, from: number) => bytes.compare(key, 0, key.length, from, Math.min(end, from + key.length)) === 0;
    const written = at !== -1 && at < end && fits(roleKey, at) ? roles.find(({ bytes: role }) => fits(role, value)) : undefined;
    if (written) return written.role;
  }
  const line = bytes.toString('utf8', start, end);
  const record = parseMessage(line);
  if (record) return record.role;
  // Stryker disable next-line StringLiteral: equivalent, a role other than 'user' and undefined counts as neither a question nor unreadable.
  return /^\{"id":"[^"]*","feedback":/.test(line) ? 'update' : undefined;
}

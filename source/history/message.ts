import { redactStrings } from './redact.js';

export type Role = 'user' | 'assistant';

export interface Feedback {
  rating: 'up' | 'down';
  comment?: string;
}

/** One line of a conversation file. */
export interface HistoryMessage {
  id: string;
  role: Role;
  /** ISO 8601 time the message was recorded. */
  at: string;
  text: string;
  /** The structured answer, kept as JSON so a restored conversation renders the same tables and charts. */
  answer?: unknown;
  feedback?: Feedback;
}

export interface NewMessage {
  /** Defaults to a random UUID. */
  id?: string;
  role: Role;
  text: string;
  answer?: unknown;
}

/** One record as one line of JSON (JSON escapes every newline), with secrets redacted. */
export function toLine(record: object): string {
  return `${JSON.stringify(record, redactStrings)}\n`;
}

export interface ParsedConversation {
  messages: HistoryMessage[];
  /** 1-based numbers of lines that were not readable and were skipped. */
  badLines: number[];
}

/**
 * Reads a conversation file's lines in order. A line repeating an earlier message's id updates
 * that message's fields (this is how feedback given later is recorded in an append-only file).
 * `undefined` is a line too long to read, counted as unreadable.
 */
export class ConversationReader {
  readonly #byId = new Map<string, HistoryMessage>();
  readonly #badLines: number[] = [];
  #lineNumber: number;

  /**
   * `tail`: the lines are the end of the file, from line `firstLine` on; an update of a message
   * before them (feedback on an earlier answer) is then not an unreadable line, just not shown.
   */
  constructor(private readonly tail?: { firstLine: number }) {
    this.#lineNumber = (tail?.firstLine ?? 1) - 1;
  }

  add(line: string | undefined): void {
    this.#lineNumber++;
    if (line === '') return;
    const record = line === undefined ? undefined : parseRecord(line);
    const earlier = record && this.#byId.get(record.id);
    const merged = earlier ? { ...earlier, ...record } : record;
    if (isMessage(merged)) this.#byId.set(merged.id, merged);
    else if (!(this.tail && record && !earlier && isUpdate(record))) this.#badLines.push(this.#lineNumber);
  }

  result(): ParsedConversation {
    return { messages: [...this.#byId.values()], badLines: [...this.#badLines] };
  }
}

/** One line as a message, or undefined when it is not one (a feedback line, or unreadable). */
export function parseMessage(line: string): HistoryMessage | undefined {
  const record = parseRecord(line);
  return isMessage(record) ? record : undefined;
}

function parseRecord(line: string): { id: string } | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) && typeof value.id === 'string' ? (value as { id: string }) : undefined;
  } catch {
    return undefined;
  }
}

/** A line that only changes fields of a message written before it (today: its feedback). */
function isUpdate(record: object): boolean {
  return !('role' in record) && !('text' in record) && 'feedback' in record;
}

function isMessage(value: unknown): value is HistoryMessage {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.at === 'string' &&
    typeof value.text === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

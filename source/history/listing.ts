import { safeText } from '../present/terminal-text.js';
import type { ConversationSummary } from './index-file.js';
import type { HistoryMessage } from './message.js';
import { redactSecrets } from './redact.js';
import { newestFirst } from './retention.js';

// How the index's entries are shown and found: titles, positions, entries rebuilt from files.

export interface ListedConversation extends Omit<ConversationSummary, 'countedTo' | 'questionCount'> {
  /** 1-based, newest first: what `/resume N` and `/delete N` take. */
  position: number;
}

const titleLength = 60;

/** A first question as a conversation title: one line of terminal-safe text, at most 60 characters. */
export function titleFrom(question: string): string {
  // Sanitize, then redact, before cutting: a cut could hide a secret from the patterns, or fall
  // inside an escape sequence, which the sanitizer would then take for one running to the end.
  // Redacting first missed a key glued to an escape sequence (`\x1b[31mAKIA…`: no word boundary).
  const line = redactSecrets(safeText(question)).replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  if (characters.length === 0) return 'untitled';
  return characters.length <= titleLength ? line : `${characters.slice(0, titleLength - 1).join('').trimEnd()}…`;
}

export function numbered(conversations: ConversationSummary[]): ListedConversation[] {
  return [...conversations].sort(newestFirst).map(({ countedTo: _to, questionCount: _questions, ...conversation }, index) => ({ ...conversation, position: index + 1 }));
}

export function lookUp(conversations: ConversationSummary[], ref: string | number): ListedConversation | undefined {
  const text = String(ref).trim();
  const listed = numbered(conversations);
  return /^\d+$/.test(text) ? listed[Number(text) - 1] : listed.find(({ id }) => id === text);
}

/** An index entry rebuilt from a conversation's messages (their times may be hand-edited, so normalised). */
export function summarize(id: string, messages: HistoryMessage[], now: string): ConversationSummary {
  const time = (at: string | undefined) => {
    // Stryker disable next-line StringLiteral: equivalent, any text that is not a time parses to NaN as '' does.
    const ms = Date.parse(at ?? '');
    return Number.isNaN(ms) ? now : new Date(ms).toISOString();
  };
  // Its first question; a file holding only replies (the rest deleted) is titled after its first reply.
  const question = (messages.find(({ role }) => role === 'user') ?? messages[0])?.text ?? '';
  return { id, title: titleFrom(question), createdAt: time(messages[0]?.at), updatedAt: time(messages.at(-1)?.at), messageCount: messages.length };
}

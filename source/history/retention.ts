import type { ConversationSummary } from './index-file.js';

export interface RetentionOptions {
  /** Keep at most this many conversations (the most recently updated). */
  maxConversations: number;
  /** Drop conversations not updated for this many days. */
  maxAgeDays: number;
}

export const defaultRetention: RetentionOptions = { maxConversations: 100, maxAgeDays: 90 };

const dayMs = 24 * 60 * 60 * 1000;

/** Newest first: by last update, then creation, then id, so positions are stable. */
export function newestFirst(a: ConversationSummary, b: ConversationSummary): number {
  return (
    Date.parse(b.updatedAt) - Date.parse(a.updatedAt) ||
    Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** The conversations retention removes: too old, or beyond the count limit. */
export function expiredConversations(conversations: ConversationSummary[], now: Date, options: RetentionOptions): ConversationSummary[] {
  const oldestKept = now.getTime() - options.maxAgeDays * dayMs;
  return [...conversations]
    .sort(newestFirst)
    .filter((conversation, rank) => rank >= options.maxConversations || Date.parse(conversation.updatedAt) < oldestKept);
}

import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
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

// File times and the clock may differ by this much (coarse mtimes, a little drift) without doubt.
const clockMarginMs = dayMs;

/**
 * Why retention by age must not run now, if it must not. `QCHAT_NOW` pins the clock for tests and
 * scripts; a pinned clock years ahead would otherwise delete every conversation as "old". Age is
 * trusted only when the clock is neither ahead of the system clock nor earlier than the newest
 * history file's write time (the file system's own clock), each with a day's margin.
 */
export async function ageRetentionRefusal(dir: string, now: Date): Promise<string | undefined> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (now.getTime() > Date.now() + clockMarginMs) {
    return `kept conversations by age: the clock (${day(now.getTime())}) is ahead of the system clock (${day(Date.now())}), so ages cannot be trusted`;
  }
  let newest = 0;
  for (const name of await readdir(dir)) {
    const stat = await lstat(join(dir, name)).catch(() => undefined);
    if (stat?.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  if (now.getTime() < newest - clockMarginMs) {
    return `kept conversations by age: the clock (${day(now.getTime())}) is earlier than the newest history file (${day(newest)}), so ages cannot be trusted`;
  }
  return undefined;
}

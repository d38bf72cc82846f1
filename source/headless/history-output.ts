import type { Writable } from 'node:stream';
import { QchatError } from '../errors.js';
import type { HistoryMessage, HistoryStore, ListedConversation } from '../history/store.js';

// `qchat history list|show|delete|export`: plain functions over an opened store. The caller shows
// `store.warnings` on stderr.

export interface OutputOptions {
  json?: boolean;
}

/** The document `history export` and `history show --json` print. */
export interface ConversationExport {
  conversation: ListedConversation;
  messages: HistoryMessage[];
}

export async function historyList(store: HistoryStore, out: Writable, { json = false }: OutputOptions = {}): Promise<void> {
  const conversations = await store.list();
  if (json) return writeJson(out, conversations);
  if (conversations.length === 0) {
    out.write('no saved conversations\n');
    return;
  }
  const width = String(conversations.length).length;
  out.write(`${'#'.padStart(width)}  updated (UTC)     messages  title\n`);
  for (const { position, updatedAt, messageCount, title } of conversations) {
    out.write(`${String(position).padStart(width)}  ${minute(updatedAt)}  ${String(messageCount).padStart(8)}  ${title}\n`);
  }
}

export async function historyShow(store: HistoryStore, ref: string, out: Writable, { json = false }: OutputOptions = {}): Promise<void> {
  const document = await exportConversation(store, ref);
  if (json) return writeJson(out, document);
  const { conversation, messages } = document;
  out.write(`${conversation.title}\n${conversation.id} · started ${minute(conversation.createdAt)} UTC · ${messages.length} messages\n`);
  for (const { role, at, text, feedback } of messages) {
    out.write(`\n[${minute(at)}] ${role === 'user' ? 'you' : 'qchat'}: ${text}${feedback ? ` (rated ${feedback.rating})` : ''}\n`);
  }
}

export async function historyDelete(store: HistoryStore, ref: string, out: Writable, { json = false }: OutputOptions = {}): Promise<void> {
  const conversation = await findConversation(store, ref);
  const deleted = await store.delete(conversation.id);
  if (!store.recording) throw new QchatError('HISTORY_NOT_WRITABLE', `could not delete "${conversation.title}": ${store.warnings.at(-1) ?? 'history is not writable'}`);
  if (!deleted) throw notFound(ref);
  if (json) return writeJson(out, { deleted });
  out.write(`deleted ${conversation.id} "${conversation.title}"\n`);
}

/** Prints the conversation, structured answers included, as JSON. */
export async function historyExport(store: HistoryStore, ref: string, out: Writable): Promise<void> {
  writeJson(out, await exportConversation(store, ref));
}

async function exportConversation(store: HistoryStore, ref: string): Promise<ConversationExport> {
  const conversation = await findConversation(store, ref);
  return { conversation, messages: await store.read(conversation.id) };
}

async function findConversation(store: HistoryStore, ref: string): Promise<ListedConversation> {
  const conversation = await store.find(ref);
  if (!conversation) throw notFound(ref);
  return conversation;
}

function notFound(ref: string): QchatError {
  return new QchatError('NO_CONVERSATION', `no conversation "${ref}"; run 'qchat history list'`);
}

function writeJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `2026-11-22 10:00` from an ISO time in UTC. */
function minute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

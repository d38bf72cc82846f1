import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Answer } from '../answer/answer.js';
import type { Plan } from '../understanding/plan.js';
import { readStoredPlan } from '../understanding/plan-schema.js';
import type { HistoryMessage, HistoryStore } from '../history/store.js';
import { checkFeature } from '../tiers/gate.js';
import { refusalText } from '../tiers/refusal.js';
import type { Feature } from '../tiers/policy.js';
import { runSlashCommand, slashCommands, type SlashCommand } from './commands.js';
import type { AskOptions, ChatSession } from './session.js';
import { conversationMarkdown, osc52, replyCommands, replyPlainText } from './transcript.js';

export type ChatReply =
  | { kind: 'help'; commands: SlashCommand[]; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  /** An answer; a diagnosis has no plan, and asks whether it helped. */
  | { kind: 'answer'; plan?: Plan; answer: Answer; diagnosis?: string | null }
  /** /diagnose without text: the UI asks for the error and the console URL. */
  | { kind: 'diagnose-form' }
  | { kind: 'refusal'; code: string; text: string }
  /** The question needs other regions and the user has not said whether qchat may ask them. */
  | { kind: 'needs-consent'; question: string }
  /** The question waits for a sign-in; the UI signs in and asks it again. */
  | { kind: 'sign-in-required'; question: string; text: string }
  | { kind: 'login' }
  /** The screen starts over with these turns: /clear, /resume, /delete of the current conversation. */
  | { kind: 'reset'; turns: PastTurn[]; text: string; clearScreen: boolean }
  /** Bytes for the terminal itself (OSC 52 for /copy), and the turn to show. */
  | { kind: 'write'; bytes: string; shown: Extract<ChatReply, { kind: 'text' }> }
  | { kind: 'quit' };

/** A finished question and its reply, as the screen shows it and history keeps it. */
export interface PastTurn {
  question: string;
  reply: Exclude<ChatReply, { kind: 'quit' | 'reset' | 'login' | 'needs-consent' | 'sign-in-required' | 'diagnose-form' | 'write' }>;
}

/**
 * One chat as the TUI drives it: slash commands, questions, the cross-region consent the user
 * gave, and the replies to show. Questions go through the session's gates and limits.
 */
export class Conversation {
  /** Cross-region consent: undefined until the user answers the prompt; remembered per user on Pro. */
  crossRegionConsent: boolean | undefined;
  /** Lines to show once at the start: restored history, why nothing is kept, storage warnings. */
  readonly notices: string[] = [];
  /** The turns restored from history, to show above the prompt. */
  restored: PastTurn[] = [];
  /** How many turns of the restored conversation come before `restored` (read from disk only for /export). */
  earlierTurns = 0;
  /** The turns of the current conversation (restored, resumed or new), for /copy and /export. */
  turns: PastTurn[] = [];
  private title: string | undefined;
  private history: HistoryStore | undefined;
  private conversationId: string | undefined;
  private readonly localInputs: string[] = [];
  private lastAnswer: Answer | undefined;
  /** The last question's plan: a follow-up ("what about last month?") changes it. */
  private lastPlan: Plan | undefined;
  /** The stored reply a y/n to "Was this helpful?" belongs to. */
  private lastAssistant: { conversationId: string; messageId: string } | undefined;

  constructor(readonly session: ChatSession) {}

  /** Settles once `start()` has opened history (or found there is none); turns recorded before then wait for it. */
  private opened: Promise<unknown> = Promise.resolve();

  /**
   * Opens the user's history (Pro) and restores the latest conversation; on Free, says nothing is
   * kept. `announceRestore: false` restores without the chat's "Restored your last conversation"
   * line (`qchat ask --continue` prints only answers); `turns` is how many of its last turns come
   * back (default: the ones the chat shows).
   */
  start(options: { announceRestore?: boolean; turns?: number } = {}): Promise<void> {
    const starting = this.open(options.announceRestore ?? true, options.turns ?? restoredTurns);
    this.opened = starting.catch(() => undefined);
    return starting;
  }

  private async open(announceRestore: boolean, turns: number): Promise<void> {
    this.notices.push(...this.session.warnings.splice(0));
    const opened = await this.session.history();
    if (opened.kind === 'refused') {
      this.notices.push('Chat history is a Pro feature: this conversation is not kept after you quit.');
      return;
    }
    if (opened.kind === 'unidentified') this.notices.push(opened.message);
    if (opened.kind !== 'store') return;
    this.history = opened.store;
    // A choice made while history was still opening is the user's latest word: it wins and is kept.
    const saved = (await this.history.settings()).crossRegionConsent;
    if (this.crossRegionConsent === undefined) this.crossRegionConsent = saved;
    else if (saved !== this.crossRegionConsent) await this.history.updateSettings({ crossRegionConsent: this.crossRegionConsent });
    const latest = await this.history.latest();
    if (latest) {
      this.conversationId = latest.id;
      this.title = latest.title;
      // Only the turns shown are read: parsing all of a long conversation was most of a restore.
      const recent = await this.history.readRecent(latest.id, turns);
      this.restored = turnsOf(recent.messages);
      this.earlierTurns = recent.earlierTurns;
      this.turns = [...this.restored];
      this.restorePlan(this.turns);
      if (announceRestore) this.notices.push(`Restored your last conversation, "${latest.title}" (${latest.messageCount} messages). /clear starts a new one; /history lists the others.`);
    }
    this.notices.push(...this.history.warnings);
  }

  /** The plan the next follow-up changes: the last answer's, restored from history too. */
  get previousPlan(): Plan | undefined {
    return this.lastPlan;
  }

  /**
   * The last plan of restored turns, so a follow-up right after a restore ("what about last
   * month?") changes it. It is the plan as answered (its dates too), checked against the plan's
   * shape; one that fails is named in a notice and left on disk as it is.
   */
  private restorePlan(turns: PastTurn[]): void {
    const last = turns.findLast((turn) => turn.reply.kind === 'answer' && turn.reply.plan !== undefined);
    this.lastPlan = undefined;
    if (!last || last.reply.kind !== 'answer') return;
    const read = readStoredPlan(last.reply.plan);
    if (read.ok) this.lastPlan = read.plan;
    else this.notices.push(`The last question's plan could not be read back from history (${read.problem}), so a follow-up needs a whole question: ask "${last.question}" again.`);
  }

  /** Remembers the cross-region answer for this user (Pro keeps it on disk). */
  async setCrossRegionConsent(allowed: boolean): Promise<void> {
    this.crossRegionConsent = allowed;
    await this.history?.updateSettings({ crossRegionConsent: allowed });
  }

  /** Diagnoses a console error: one request on either tier. */
  async diagnose(error: string, url: string | undefined, signal?: AbortSignal): Promise<ChatReply> {
    const result = await this.session.diagnose({ error, ...(url ? { url } : {}) }, signal ? { signal } : {});
    this.notices.push(...this.session.warnings.splice(0));
    if (result.kind === 'refused') return { kind: 'refusal', code: result.refusal.code, text: refusalText(result.refusal, 'chat') };
    if (result.kind === 'sign-in-required') return { kind: 'sign-in-required', question: '', text: result.message };
    this.lastAnswer = result.answer;
    return { kind: 'answer', answer: result.answer, diagnosis: result.errorClass };
  }

  /** Keeps the answer to "Was this helpful? (y/n)" with the diagnosis it is about (Pro). */
  async recordFeedback(helpful: boolean): Promise<void> {
    if (!this.history || !this.lastAssistant) return;
    await this.history.setFeedback(this.lastAssistant.conversationId, this.lastAssistant.messageId, { rating: helpful ? 'up' : 'down' });
  }

  /** Earlier inputs for Up/Down and Ctrl+R, oldest first, each once (its latest use): kept per user on Pro, for this run only on Free. */
  async inputHistory(): Promise<string[]> {
    const inputs = this.history ? (await this.history.settings()).inputHistory : this.localInputs;
    return inputs.filter((input, i) => inputs.lastIndexOf(input) === i);
  }

  /** Keeps an input, slash commands included, for Up/Down. */
  async rememberInput(text: string): Promise<void> {
    if (!text.trim()) return;
    if (this.history) await this.history.rememberInput(text);
    else this.localInputs.push(text);
  }

  /** Keeps a finished question and its reply in the current conversation (on disk on Pro). */
  async record(turn: PastTurn): Promise<void> {
    // The prompt takes questions while history is still opening (a stale lock can take seconds):
    // their turns wait here instead of being dropped.
    await this.opened;
    this.turns.push(turn);
    this.title ??= turn.question.slice(0, 80);
    if (!this.history) return;
    this.conversationId ??= (await this.history.create(turn.question)).id;
    await this.history.append(this.conversationId, { role: 'user', text: turn.question });
    const stored = await this.history.append(this.conversationId, { role: 'assistant', text: replyText(turn.reply), answer: turn.reply });
    this.lastAssistant = { conversationId: this.conversationId, messageId: stored.id };
    for (const warning of this.history.warnings.splice(0)) this.notices.push(warning);
  }

  async submit(text: string, options: Omit<AskOptions, 'crossRegionConsent'> = {}): Promise<ChatReply> {
    const line = text.trim();
    if (!line) return { kind: 'text', text: '' };
    if (line.startsWith('/')) return runSlashCommand(this, line);
    const result = await this.session.ask(line, { ...options, crossRegionConsent: this.crossRegionConsent, previous: this.lastPlan });
    // What the session found meanwhile (a corrupt usage file, say) is shown after the turn.
    this.notices.push(...this.session.warnings.splice(0));
    switch (result.kind) {
      case 'reply': {
        const suggestions = result.result.suggestions.length > 0 ? `\nTry: ${result.result.suggestions.map((s) => `"${s}"`).join(', ')}` : '';
        return { kind: 'text', text: `${result.result.message}${suggestions}` };
      }
      case 'refused':
        return { kind: 'refusal', code: result.refusal.code, text: refusalText(result.refusal, 'chat') };
      case 'needs-consent':
        return { kind: 'needs-consent', question: line };
      case 'sign-in-required':
        return { kind: 'sign-in-required', question: line, text: result.message };
      case 'answer':
        this.lastAnswer = result.answer;
        this.lastPlan = result.plan;
        return { kind: 'answer', plan: result.plan, answer: result.answer };
    }
  }

  /** Cross-region questions as the footer and /regions tell them: on, off, not decided yet, or not on this tier. */
  crossRegionState(): boolean | undefined | 'not-on-tier' {
    return this.refusedFeature('crossRegion') ? 'not-on-tier' : this.crossRegionConsent;
  }

  /** The refusal of a feature the user's tier does not include; undefined when it is included or nobody is signed in yet. */
  private refusedFeature(feature: Feature): string | undefined {
    const state = this.session.identity;
    if (state?.kind !== 'ready') return undefined;
    const gate = checkFeature(this.session.policy, state.entitlements.assignment, feature);
    return gate.allowed ? undefined : refusalText(gate.refusal, 'chat');
  }

  help(): ChatReply {
    const free = this.refusedFeature('resourceQuestions');
    return { kind: 'help', commands: slashCommands, text: free ? `${freeHelpText}\n${free}\nCommands:` : proHelpText };
  }

  async regions(choice: string): Promise<ChatReply> {
    const refused = this.refusedFeature('crossRegion');
    if (refused) return { kind: 'refusal', code: 'TIER_FEATURE_NOT_INCLUDED', text: refused };
    if (choice === 'on' || choice === 'off') {
      await this.setCrossRegionConsent(choice === 'on');
      return { kind: 'text', text: `Cross-region questions are ${choice}.` };
    }
    if (choice) return { kind: 'error', text: `/regions takes on or off, not "${choice}".` };
    const now = this.crossRegionConsent === undefined ? 'not decided yet (qchat asks the first time)' : this.crossRegionConsent ? 'on' : `off (questions ask only ${this.session.region})`;
    return { kind: 'text', text: `Cross-region questions: ${now}. /regions on or /regions off changes it.` };
  }

  /** The API calls behind the last answer, one per line. */
  calls(): ChatReply {
    const calls = this.lastAnswer?.calls ?? [];
    if (calls.length === 0) return { kind: 'text', text: 'The last answer made no AWS calls.' };
    const lines = calls.map((call) => `${call.service} ${call.operation} in ${call.region}: ${call.pages} page${call.pages === 1 ? '' : 's'}${call.fromCache ? ', from cache' : ''}`);
    return { kind: 'text', text: `AWS calls for the last answer:\n${lines.join('\n')}` };
  }

  /**
   * /copy: the last reply to the clipboard with OSC 52, and shown unstyled as the fallback;
   * /copy command: only the commands it shows (a diagnosis step's, a sign-in remedy's, …).
   * The reply says what was copied.
   */
  copy(what: string): ChatReply {
    const last = this.turns.at(-1);
    if (!last) return { kind: 'text', text: 'Nothing to copy yet: ask something first.' };
    if (what && what !== 'command') return { kind: 'error', text: `/copy copies the last answer; /copy command copies its command. Not "${what}".` };
    const commands = replyCommands(last.reply);
    if (what === 'command') {
      if (commands.length === 0) return { kind: 'text', text: 'The last answer shows no command to copy; /copy copies all of it.' };
      return copyReply(commands.join('\n'), commands.length === 1 ? "the last answer's command" : `the last answer's ${commands.length} commands (one a line)`);
    }
    const text = replyPlainText(last.reply);
    const lines = text.split('\n').length;
    const hint = commands.length > 0 ? ` /copy command copies only its command${commands.length === 1 ? '' : 's'}.` : '';
    return copyReply(text, `the last answer (${lines} line${lines === 1 ? '' : 's'})`, hint);
  }

  /** /export [FILE]: this conversation as Markdown, to a new file (an existing one is never overwritten). */
  async exportMarkdown(file: string): Promise<ChatReply> {
    if (this.turns.length === 0) return { kind: 'text', text: 'Nothing to export yet: ask something first.' };
    const turns = await this.allTurns();
    const now = this.session.context.clock();
    const path = resolve(file || `qchat-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.md`);
    try {
      writeFileSync(path, conversationMarkdown(this.title ?? turns[0]!.question.slice(0, 80), turns, now), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { kind: 'error', text: code === 'EEXIST' ? `${path} exists; qchat does not overwrite it. /export FILE names another.` : `Could not write ${path}: ${(error as Error).message}` };
    }
    return { kind: 'text', text: `Wrote ${turns.length} turn${turns.length === 1 ? '' : 's'} to ${path}.` };
  }

  /** Every turn of the conversation: a restored one brought back only its last turns, so the earlier ones are read now. */
  private async allTurns(): Promise<PastTurn[]> {
    if (this.earlierTurns === 0 || !this.history || !this.conversationId) return this.turns;
    const earlier = turnsOf(await this.history.read(this.conversationId)).slice(0, this.earlierTurns);
    return [...earlier, ...this.turns];
  }

  async listHistory(): Promise<ChatReply> {
    if (!this.history) return { kind: 'text', text: 'Chat history is a Pro feature: nothing is kept on Free.' };
    const conversations = await this.history.list();
    if (conversations.length === 0) return { kind: 'text', text: 'No saved conversations yet.' };
    const lines = conversations.map(
      (c) => `${c.id === this.conversationId ? '*' : ' '} ${String(c.position).padStart(2)}. ${c.title}  (${c.messageCount} messages, ${c.updatedAt.slice(0, 16).replace('T', ' ')} UTC)`,
    );
    return { kind: 'text', text: `Conversations (/resume N reopens one, /delete N removes one):\n${lines.join('\n')}` };
  }

  async resume(ref: string): Promise<ChatReply> {
    if (!this.history) return { kind: 'text', text: 'Chat history is a Pro feature: nothing is kept on Free.' };
    if (!ref) return { kind: 'error', text: 'Which one? /history lists them; /resume 2 reopens the second.' };
    const found = await this.history.find(ref);
    if (!found) return { kind: 'error', text: `No conversation ${ref}. /history lists them.` };
    this.conversationId = found.id;
    this.title = found.title;
    this.turns = turnsOf(await this.history.read(found.id));
    this.earlierTurns = 0;
    this.restorePlan(this.turns);
    return { kind: 'reset', turns: this.turns, text: `Resumed "${found.title}".`, clearScreen: true };
  }

  clear(): ChatReply {
    // A new conversation: no follow-up refers back to the old one's question.
    this.lastPlan = undefined;
    this.conversationId = undefined;
    this.title = undefined;
    this.turns = [];
    this.earlierTurns = 0;
    return { kind: 'reset', turns: [], text: this.history ? 'Started a new conversation.' : 'Cleared the screen.', clearScreen: true };
  }

  async deleteConversation(ref: string): Promise<ChatReply> {
    if (!this.history) return { kind: 'text', text: 'Chat history is a Pro feature: nothing is kept on Free.' };
    if (!ref) return { kind: 'error', text: 'Which one? /history lists them; /delete 2 removes the second.' };
    const deleted = await this.history.delete(ref);
    if (!deleted) return { kind: 'error', text: `No conversation ${ref}. /history lists them.` };
    if (deleted.id === this.conversationId) {
      this.clear();
      return { kind: 'reset', turns: [], text: `Deleted "${deleted.title}", the current conversation; this is a new one.`, clearScreen: true };
    }
    return { kind: 'text', text: `Deleted "${deleted.title}".` };
  }

  /**
   * Forgets qchat's stored sign-ins. An access-portal session's identity comes from the AWS
   * credentials themselves (the AWSReservedSSO role), which qchat does not own: it says so.
   */
  async logout(): Promise<ChatReply> {
    const method = this.session.identity?.kind === 'ready' ? this.session.identity.context.signInMethod : undefined;
    const count = this.session.logout();
    if (method === 'identity-center') {
      // Nothing was signed out: the identity is the credentials' own, so it is looked up again
      // and the footer goes on saying who is signed in.
      await this.session.identify();
      return {
        kind: 'text',
        text: `You are signed in through the AWS access portal: your identity comes from the AWS credentials qchat was started with, not from a qchat sign-in${count > 0 ? ` (qchat forgot ${count} cached identity lookup${count === 1 ? '' : 's'})` : ''}. qchat cannot sign you out of them; to sign out, run aws sso logout (or sign out of the access portal) and restart qchat.`,
      };
    }
    return { kind: 'text', text: count > 0 ? 'Signed out. Questions will ask you to sign in again.' : 'There was no stored sign-in to forget.' };
  }

  async profile(name: string): Promise<ChatReply> {
    const state = this.session.identity;
    if (state?.kind !== 'ready') return { kind: 'text', text: 'Not signed in yet: /login signs in with IAM Identity Center.' };
    if (!name) {
      const { billingNote } = await import('../identity/entitlements.js');
      const current = state.entitlements.subscription?.profile.name;
      const lines = state.entitlements.all.map((profile) => `${profile.name === current ? '*' : ' '} ${profile.name} (${profile.region}, instance ${profile.instanceArn.split('/').at(-1)})`);
      const billing = billingNote(state.entitlements);
      return { kind: 'text', text: lines.length === 0 ? 'You have no subscription profile: Free tier.' : `Subscription profiles (/profile NAME switches):\n${lines.join('\n')}${billing ? `\n${billing}` : ''}` };
    }
    if (!state.entitlements.all.some((profile) => profile.name === name)) return { kind: 'error', text: `No subscription profile "${name}". /profile lists yours.` };
    const next = await this.session.switchProfile(name);
    if (next.kind === 'sign-in-required') return { kind: 'sign-in-required', question: '', text: `Profile ${name} is on an IAM Identity Center instance whose sign-in has lapsed: sign in there to switch.` };
    return { kind: 'text', text: `Using Amazon Q Developer profile ${next.entitlements.subscription?.profile.name ?? name}.` };
  }
}

/** Sends `text` to the clipboard and shows it unstyled, for a terminal that does not take OSC 52. */
function copyReply(text: string, what: string, hint = ''): ChatReply {
  return {
    kind: 'write',
    bytes: osc52(text),
    shown: { kind: 'text', text: `Copied ${what} to the clipboard (OSC 52).${hint} If your terminal does not take OSC 52, select it here:\n\n${text}` },
  };
}

/** The plain text of a reply, kept beside the structured reply in history. */
function replyText(reply: PastTurn['reply']): string {
  return reply.kind === 'answer' ? reply.answer.summary : reply.text;
}

/** The turns a restored conversation brings back: the ones the chat shows (the rest stay on disk until /export). */
const restoredTurns = 3;

const restorable = new Set(['help', 'text', 'error', 'answer', 'refusal']);

/** Pairs stored messages into turns; a reply that is not a known shape shows as its text. */
export function turnsOf(messages: HistoryMessage[]): PastTurn[] {
  const turns: PastTurn[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.role !== 'user') continue;
    const next = messages[i + 1];
    const stored = next?.role === 'assistant' ? (next.answer as PastTurn['reply'] | undefined) : undefined;
    const valid = stored && typeof stored === 'object' && restorable.has(stored.kind) && (stored.kind !== 'answer' || typeof stored.answer?.summary === 'string');
    turns.push({ question: message.text, reply: valid ? stored : { kind: 'text', text: next?.role === 'assistant' ? next.text : '(no reply was recorded)' } });
  }
  return turns;
}

const proHelpText = 'Ask about your AWS resources and costs in plain English, e.g. "how many lambda functions do I have in all regions" or "what did I spend on EC2 last month". Commands:';
const freeHelpText = 'On Free you can chat, get help, and diagnose console errors: /diagnose, then paste the error.';

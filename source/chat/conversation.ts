import type { Answer } from '../answer/answer.js';
import type { Plan } from '../answer/plan.js';
import { billingNote } from '../identity/entitlements.js';
import { findSlashCommand, slashCommands, type SlashCommand } from './commands.js';
import { whoamiText } from './identity-text.js';
import type { AskOptions, ChatSession } from './session.js';

export type ChatReply =
  | { kind: 'help'; commands: SlashCommand[]; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'answer'; plan: Plan; answer: Answer }
  | { kind: 'refusal'; code: string; text: string }
  /** The question needs other regions and the user has not said whether qchat may ask them. */
  | { kind: 'needs-consent'; question: string }
  /** The question waits for a sign-in; the UI signs in and asks it again. */
  | { kind: 'sign-in-required'; question: string; text: string }
  | { kind: 'login' }
  | { kind: 'quit' };

/**
 * One chat as the TUI drives it: slash commands, questions, the cross-region consent the user
 * gave, and the replies to show. Questions go through the session's gates and limits.
 */
export class Conversation {
  /** Cross-region consent for this run: undefined until the user answers the prompt. */
  crossRegionConsent: boolean | undefined;

  constructor(readonly session: ChatSession) {}

  async submit(text: string, options: Omit<AskOptions, 'crossRegionConsent'> = {}): Promise<ChatReply> {
    const line = text.trim();
    if (!line) return { kind: 'text', text: '' };
    if (line.startsWith('/')) return this.command(line);
    const result = await this.session.ask(line, { ...options, crossRegionConsent: this.crossRegionConsent });
    switch (result.kind) {
      case 'reply': {
        const suggestions = result.result.suggestions.length > 0 ? `\nTry: ${result.result.suggestions.map((s) => `"${s}"`).join(', ')}` : '';
        return { kind: 'text', text: `${result.result.message}${suggestions}` };
      }
      case 'refused':
        return { kind: 'refusal', code: result.refusal.code, text: result.refusal.message };
      case 'needs-consent':
        return { kind: 'needs-consent', question: line };
      case 'sign-in-required':
        return { kind: 'sign-in-required', question: line, text: result.message };
      case 'answer':
        return { kind: 'answer', plan: result.plan, answer: result.answer };
    }
  }

  private async command(line: string): Promise<ChatReply> {
    const [name = '', ...args] = line.split(/\s+/);
    const command = findSlashCommand(name);
    if (!command) return { kind: 'error', text: `Unknown command ${name}. Type /help for the list.` };
    switch (command.name) {
      case '/quit':
        return { kind: 'quit' };
      case '/help':
        return { kind: 'help', commands: slashCommands, text: helpText };
      case '/login':
        return { kind: 'login' };
      case '/logout': {
        const count = this.session.logout();
        return { kind: 'text', text: count > 0 ? 'Signed out. Questions will ask you to sign in again.' : 'There was no stored sign-in to forget.' };
      }
      case '/whoami': {
        const state = this.session.identity;
        if (state?.kind !== 'ready') return { kind: 'text', text: 'Not signed in yet: /login signs in with IAM Identity Center.' };
        return { kind: 'text', text: whoamiText(state, await this.session.usage()).trimEnd() };
      }
      case '/usage': {
        const usage = await this.session.usage();
        if (!usage) return { kind: 'text', text: 'Not signed in yet: /login signs in with IAM Identity Center.' };
        return {
          kind: 'text',
          text: `${usage.monthly.used} of ${usage.monthly.limit} requests used this month (${usage.monthly.left} left; resets ${usage.monthly.resetsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). ${Math.floor(usage.minute.available)} of ${usage.minute.limit} available this minute.`,
        };
      }
      case '/regions':
        return this.regions(args[0]);
      case '/profile':
        return this.profile(args.join(' '));
      default:
        return { kind: 'error', text: `${command.name} is not available yet.` };
    }
  }

  private regions(choice: string | undefined): ChatReply {
    if (choice === 'on' || choice === 'off') {
      this.crossRegionConsent = choice === 'on';
      return { kind: 'text', text: `Cross-region questions are ${choice}.` };
    }
    const now = this.crossRegionConsent === undefined ? 'not decided yet (qchat asks the first time)' : this.crossRegionConsent ? 'on' : 'off';
    return { kind: 'text', text: `Cross-region questions: ${now}. /regions on or /regions off changes it.` };
  }

  private async profile(name: string): Promise<ChatReply> {
    const state = this.session.identity;
    if (state?.kind !== 'ready') return { kind: 'text', text: 'Not signed in yet: /login signs in with IAM Identity Center.' };
    if (!name) {
      const current = state.entitlements.subscription?.profile.name;
      const lines = state.entitlements.all.map((profile) => `${profile.name === current ? '*' : ' '} ${profile.name} (${profile.region}, instance ${profile.instanceArn.split('/').at(-1)})`);
      const billing = billingNote(state.entitlements);
      return { kind: 'text', text: lines.length === 0 ? 'You have no subscription profile: Free tier.' : `Subscription profiles (/profile NAME switches):\n${lines.join('\n')}${billing ? `\n${billing}` : ''}` };
    }
    if (!state.entitlements.all.some((profile) => profile.name === name)) return { kind: 'error', text: `No subscription profile "${name}". /profile lists yours.` };
    const next = await this.session.switchProfile(name);
    if (next.kind === 'sign-in-required') return { kind: 'sign-in-required', question: '', text: `Profile ${name} is on another IAM Identity Center instance: sign in there to switch.` };
    return { kind: 'text', text: `Using subscription profile ${next.entitlements.subscription?.profile.name ?? name}.` };
  }
}

const helpText = 'Ask about your AWS resources and costs in plain English, e.g. "how many lambda functions do I have in all regions" or "what did I spend on EC2 last month". Commands:';

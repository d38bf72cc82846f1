import { AwsClients } from '../aws/clients.js';
import { resolveAwsTarget, type ResolvedTarget } from '../aws/target.js';
import type { RunContext } from '../cli/run-context.js';
import { getCallerIdentity, type CallerIdentity } from '../identity/caller-identity.js';
import { findSlashCommand, slashCommands, type SlashCommand } from './commands.js';

export type ChatReply =
  | { kind: 'help'; commands: SlashCommand[]; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'quit' };

/**
 * The conversation engine both front ends drive: it owns the AWS target and the caller, and turns
 * each submitted line into a reply. No React or Ink here.
 */
export class ChatSession {
  private constructor(
    readonly context: RunContext,
    readonly target: ResolvedTarget,
    readonly clients: AwsClients,
    readonly caller: CallerIdentity,
  ) {}

  static async open(context: RunContext): Promise<ChatSession> {
    const target = await resolveAwsTarget(context.settings, context.clock, context.env);
    const clients = new AwsClients(target.target);
    try {
      const caller = await getCallerIdentity(clients);
      return new ChatSession(context, target, clients, caller);
    } catch (error) {
      await clients.destroy();
      await target.sandbox?.close();
      throw error;
    }
  }

  async submit(text: string): Promise<ChatReply> {
    const line = text.trim();
    if (!line) return { kind: 'text', text: '' };
    if (line.startsWith('/')) {
      const command = findSlashCommand(line);
      if (!command) return { kind: 'error', text: `Unknown command ${line.split(/\s+/)[0]}. Type /help for the list.` };
      if (command.name === '/quit') return { kind: 'quit' };
      return { kind: 'help', commands: slashCommands, text: helpText };
    }
    return {
      kind: 'error',
      text: 'This build of qchat cannot answer questions about resources and costs yet; /help lists what it can do.',
    };
  }

  async close(): Promise<void> {
    await this.clients.destroy();
    await this.target.sandbox?.close();
  }
}

const helpText = 'Ask about your AWS account in plain English. Commands:';

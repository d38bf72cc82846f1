import type { ChatReply, Conversation } from './conversation.js';

/**
 * Slash commands of the chat, declared once: this table drives `/help`, completion and dispatch,
 * and each command's `run` does its work. The table loads with the first frame (completion needs
 * it), so what a command needs beyond the conversation is imported when it runs.
 */
export interface SlashCommand {
  name: string;
  description: string;
  run(chat: Conversation, args: string): ChatReply | Promise<ChatReply>;
}

const notSignedIn: ChatReply = { kind: 'text', text: 'Not signed in yet: /login signs in with IAM Identity Center.' };

export const slashCommands: SlashCommand[] = [
  { name: '/help', description: 'what qchat can do and the commands', run: (chat) => chat.help() },
  {
    name: '/whoami',
    description: 'who you are, your tier and subscription',
    run: async (chat) => {
      const state = chat.session.identity;
      if (state?.kind !== 'ready') return notSignedIn;
      const { whoamiText } = await import('./identity-text.js');
      return { kind: 'text', text: whoamiText(state, await chat.session.usage(), 'chat').trimEnd() };
    },
  },
  {
    name: '/usage',
    description: 'requests used and left this month and minute',
    run: async (chat) => {
      const usage = await chat.session.usage();
      if (!usage) return notSignedIn;
      const resets = usage.monthly.resetsAt.toISOString().slice(0, 16).replace('T', ' ');
      // Beside qchat's own limits (its policy for its answers), what Amazon Q Developer reports (GetUsageLimits).
      const state = chat.session.identity;
      const service = state?.kind === 'ready' ? (state.entitlements.serviceUsage?.limits ?? []) : [];
      const reported = service.map((limit) => ` Amazon Q Developer reports ${limit.currentUsage} of ${limit.totalUsageLimit} ${limit.type.toLowerCase().replace(/_/g, ' ')}s used.`).join('');
      return {
        kind: 'text',
        text: `qchat's own limits: ${usage.monthly.used} of ${usage.monthly.limit} requests used this month (${usage.monthly.left} left; resets ${resets} UTC). ${Math.floor(usage.minute.available)} of ${usage.minute.limit} available this minute.${reported}`,
      };
    },
  },
  { name: '/profile', description: 'list Amazon Q Developer profiles, or switch: /profile NAME', run: (chat, args) => chat.profile(args) },
  { name: '/regions', description: 'cross-region questions: /regions on | off', run: (chat, args) => chat.regions(args) },
  { name: '/diagnose', description: 'explain a console error and how to fix it (paste it)', run: (chat, args) => (args ? chat.diagnose(args, undefined) : { kind: 'diagnose-form' }) },
  { name: '/calls', description: 'the AWS API calls behind the last answer', run: (chat) => chat.calls() },
  { name: '/copy', description: 'copy the last answer to the clipboard; /copy command copies its command', run: (chat, args) => chat.copy(args) },
  { name: '/export', description: 'write this conversation to a Markdown file: /export [FILE]', run: (chat, args) => chat.exportMarkdown(args) },
  { name: '/history', description: 'list saved conversations (Pro)', run: (chat) => chat.listHistory() },
  { name: '/resume', description: 'reopen a saved conversation: /resume N', run: (chat, args) => chat.resume(args) },
  { name: '/clear', description: 'clear the screen and start a new conversation', run: (chat) => chat.clear() },
  { name: '/delete', description: 'delete a saved conversation: /delete N', run: (chat, args) => chat.deleteConversation(args) },
  { name: '/login', description: 'sign in with IAM Identity Center', run: () => ({ kind: 'login' }) },
  { name: '/logout', description: 'forget your IAM Identity Center sign-in', run: (chat) => chat.logout() },
  { name: '/quit', description: 'leave qchat (Ctrl+D works too)', run: () => ({ kind: 'quit' }) },
];

export function findSlashCommand(text: string): SlashCommand | undefined {
  const name = text.trim().split(/\s+/)[0]?.toLowerCase();
  return slashCommands.find((command) => command.name === name);
}

/** Commands whose name starts with what was typed, for completion. */
export function completeSlashCommand(prefix: string): SlashCommand[] {
  const typed = prefix.trim().toLowerCase();
  return typed.startsWith('/') ? slashCommands.filter((command) => command.name.startsWith(typed)) : [];
}

/** Runs a line that starts with "/": the command's name, then everything after it as its argument. */
export async function runSlashCommand(chat: Conversation, line: string): Promise<ChatReply> {
  const name = line.split(/\s+/)[0] ?? '';
  const command = findSlashCommand(name);
  if (!command) return { kind: 'error', text: `Unknown command ${name}. Type /help for the list.` };
  return command.run(chat, line.slice(name.length).trim());
}

/** Slash commands of the chat: one table drives help, completion and dispatch. */
export interface SlashCommand {
  name: string;
  description: string;
}

export const slashCommands: SlashCommand[] = [
  { name: '/help', description: 'what qchat can do and the commands' },
  { name: '/whoami', description: 'who you are, your tier and subscription' },
  { name: '/usage', description: 'requests used and left this month and minute' },
  { name: '/profile', description: 'list subscription profiles, or switch: /profile NAME' },
  { name: '/regions', description: 'cross-region questions: /regions on | off' },
  { name: '/diagnose', description: 'explain a console error and how to fix it (paste it)' },
  { name: '/calls', description: 'the AWS API calls behind the last answer' },
  { name: '/history', description: 'list saved conversations (Pro)' },
  { name: '/resume', description: 'reopen a saved conversation: /resume N' },
  { name: '/clear', description: 'start a new conversation' },
  { name: '/delete', description: 'delete a saved conversation: /delete N' },
  { name: '/login', description: 'sign in with IAM Identity Center' },
  { name: '/logout', description: 'forget your IAM Identity Center sign-in' },
  { name: '/quit', description: 'leave qchat (Ctrl+D works too)' },
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

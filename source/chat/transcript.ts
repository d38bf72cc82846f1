import { layoutAnswer, sectionsText, type LayoutOptions } from '../present/answer-layout.js';
import { commandsIn } from '../present/commands-in-text.js';
import type { PastTurn } from './conversation.js';

/** What is copied or exported is not wrapped (a command or ARN stays whole) and keeps every table row. */
const unwrapped: LayoutOptions = { width: 400, tableRows: Number.MAX_SAFE_INTEGER, wrap: false };

/** A reply as plain text, the way `qchat ask` prints it to a pipe. */
export function replyPlainText(reply: PastTurn['reply']): string {
  if (reply.kind === 'answer') return sectionsText(layoutAnswer(reply.answer, unwrapped)).trimEnd();
  if (reply.kind === 'help') return [reply.text, ...reply.commands.map((command) => `  ${command.name.padEnd(10)} ${command.description}`)].join('\n');
  return reply.text;
}

/**
 * The commands a reply shows, each once: the `code` spans of an answer's layout (a diagnosis
 * step's command, a command in a note or a failure), or those found in a message's text.
 */
export function replyCommands(reply: PastTurn['reply']): string[] {
  if (reply.kind === 'help') return [];
  if (reply.kind !== 'answer') return commandsIn(reply.text);
  const spans = layoutAnswer(reply.answer, unwrapped).flatMap((section) => section.lines.flat());
  return [...new Set(spans.filter((span) => span.style === 'code').map((span) => span.text))];
}

/**
 * OSC 52 "set the clipboard" (xterm's control sequence, also honoured by tmux with
 * `set-clipboard on`, iTerm2, kitty, WezTerm, Windows Terminal): ESC ] 52 ; c ; base64 BEL.
 */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** A conversation as Markdown: each question as a heading, each reply as it reads in the terminal, in a text block. */
export function conversationMarkdown(title: string, turns: PastTurn[], exportedAt: Date): string {
  const fence = (text: string) => {
    const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((run) => run[0].length + 1)));
    return `${ticks}text\n${text}\n${ticks}`;
  };
  const parts = [`# ${title}`, '', `Exported from qchat on ${exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`];
  for (const turn of turns) parts.push('', `## ${turn.question.replace(/\s+/g, ' ').trim()}`, '', fence(replyPlainText(turn.reply)));
  return `${parts.join('\n')}\n`;
}

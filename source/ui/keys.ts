import type { Key } from 'ink';
import type { EditorAction } from './state/editor.js';

/**
 * Every key binding of the chat in one place. `resolveKey` turns Ink's (input, key) into what it
 * means; the prompt and the app act on the result.
 */
export type KeyCommand =
  | { kind: 'edit'; action: EditorAction }
  | { kind: 'submit' }
  /** Text and Enter in one chunk: insert, then send. */
  | { kind: 'insert-and-submit'; text: string }
  | { kind: 'complete' }
  | { kind: 'interrupt' }
  | { kind: 'quit' }
  | { kind: 'cancel' }
  | { kind: 'paste-start' }
  | { kind: 'paste-end' }
  | { kind: 'none' };

export const keyHelp = [
  ['Enter', 'send'],
  ['Up/Down', 'earlier inputs'],
  ['Tab', 'complete a /command'],
  ['Ctrl+C', 'cancel the question; twice quits'],
  ['Ctrl+D', 'quit (on an empty prompt)'],
  ['Esc', 'close a form or the sign-in'],
  ['Ctrl+A/E', 'start/end of line'],
  ['Ctrl+U/W', 'delete to start / previous word'],
] as const;

export function resolveKey(input: string, key: Key, pasting: boolean): KeyCommand {
  // Bracketed paste markers (ESC[200~ … ESC[201~) arrive with the ESC stripped.
  if (input === '[200~') return { kind: 'paste-start' };
  if (input === '[201~') return { kind: 'paste-end' };
  if (pasting) return input ? { kind: 'edit', action: { type: 'insert', text: normalizeNewlines(input) } } : { kind: 'none' };
  if (key.ctrl && input === 'c') return { kind: 'interrupt' };
  if (key.ctrl && input === 'd') return { kind: 'quit' };
  if (key.return) return { kind: 'submit' };
  if (key.escape) return { kind: 'cancel' };
  if (key.tab) return { kind: 'complete' };
  if (key.upArrow) return { kind: 'edit', action: { type: 'history-back' } };
  if (key.downArrow) return { kind: 'edit', action: { type: 'history-forward' } };
  if (key.leftArrow) return { kind: 'edit', action: { type: 'left' } };
  if (key.rightArrow) return { kind: 'edit', action: { type: 'right' } };
  if (key.home || (key.ctrl && input === 'a')) return { kind: 'edit', action: { type: 'home' } };
  if (key.end || (key.ctrl && input === 'e')) return { kind: 'edit', action: { type: 'end' } };
  if (key.ctrl && input === 'u') return { kind: 'edit', action: { type: 'kill-line' } };
  if (key.ctrl && input === 'w') return { kind: 'edit', action: { type: 'delete-word' } };
  if (key.backspace) return { kind: 'edit', action: { type: 'backspace' } };
  if (key.delete) return { kind: 'edit', action: { type: 'delete' } };
  if (key.ctrl || key.meta || key.escape || !input) return { kind: 'none' };
  // A chunk that ends in one Enter (typed quickly, or sent by a script) is text, then Enter.
  if (/^[^\r\n]+\r$/.test(input)) return { kind: 'insert-and-submit', text: input.slice(0, -1) };
  return { kind: 'edit', action: { type: 'insert', text: normalizeNewlines(input) } };
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Every key binding of the chat, declared once: the bytes a terminal sends, what they mean, and
 * the help line. `readKeys` turns one chunk of terminal input into key events and text; every
 * component acts on those events, and `/help` lists `keyHelp`, derived from the same table.
 *
 * The bytes are read raw (see hooks/use-keys.ts) because Ink 6 reports Backspace (0x7f) and
 * Delete (ESC [3~) both as `delete`, so its Key object cannot tell them apart.
 */
export type KeyAction =
  | 'submit'
  | 'newline'
  | 'backspace'
  | 'delete-forward'
  /** Ctrl+D: deletes forward; at an empty prompt it quits. */
  | 'eof'
  | 'left'
  | 'right'
  | 'word-left'
  | 'word-right'
  | 'line-start'
  | 'line-end'
  | 'kill-to-end'
  | 'kill-to-start'
  | 'kill-word-back'
  | 'kill-word-forward'
  | 'yank'
  | 'history-back'
  | 'history-forward'
  | 'reverse-search'
  | 'complete'
  | 'interrupt'
  | 'redraw'
  | 'cancel'
  | 'paste-start'
  | 'paste-end';

export interface KeyBinding {
  action: KeyAction;
  /** Key names and the bytes each sends; the first name is the one help shows. */
  keys: Array<readonly [name: string, bytes: string]>;
  /** The help line; bindings without one are not listed. */
  help?: string;
}

export const keyBindings: KeyBinding[] = [
  { action: 'submit', keys: [['Enter', '\r']], help: 'send (while a question runs: queue it)' },
  {
    action: 'newline',
    // Ctrl+J is LF; Shift+Enter arrives only where the terminal reports it (kitty/CSI u, xterm modifyOtherKeys); Alt+Enter is ESC CR.
    keys: [['Ctrl+J', '\n'], ['Shift+Enter', '\u001b[13;2u'], ['Shift+Enter', '\u001b[27;2;13~'], ['Alt+Enter', '\u001b\r']],
    help: 'new line (Shift+Enter where the terminal reports it)',
  },
  { action: 'backspace', keys: [['Backspace', '\u007f'], ['Ctrl+H', '\b']], help: 'delete the character before the cursor' },
  { action: 'delete-forward', keys: [['Delete', '\u001b[3~']], help: 'delete the character under the cursor' },
  { action: 'eof', keys: [['Ctrl+D', '\u0004']], help: 'delete under the cursor; on an empty prompt, quit' },
  { action: 'left', keys: [['Left', '\u001b[D'], ['Left', '\u001bOD'], ['Ctrl+B', '\u0002']] },
  { action: 'right', keys: [['Right', '\u001b[C'], ['Right', '\u001bOC'], ['Ctrl+F', '\u0006']] },
  { action: 'word-left', keys: [['Alt+B', '\u001bb'], ['Ctrl+Left', '\u001b[1;5D'], ['Alt+Left', '\u001b[1;3D']], help: 'back one word' },
  { action: 'word-right', keys: [['Alt+F', '\u001bf'], ['Ctrl+Right', '\u001b[1;5C'], ['Alt+Right', '\u001b[1;3C']], help: 'forward one word' },
  { action: 'line-start', keys: [['Ctrl+A', '\u0001'], ['Home', '\u001b[H'], ['Home', '\u001bOH'], ['Home', '\u001b[1~'], ['Home', '\u001b[7~']], help: 'start of the line (Home)' },
  { action: 'line-end', keys: [['Ctrl+E', '\u0005'], ['End', '\u001b[F'], ['End', '\u001bOF'], ['End', '\u001b[4~'], ['End', '\u001b[8~']], help: 'end of the line (End)' },
  { action: 'kill-to-end', keys: [['Ctrl+K', '\u000b']], help: 'cut to the end of the line' },
  { action: 'kill-to-start', keys: [['Ctrl+U', '\u0015']], help: 'cut to the start of the line' },
  { action: 'kill-word-back', keys: [['Ctrl+W', '\u0017'], ['Alt+Backspace', '\u001b\u007f']], help: 'cut the word before the cursor' },
  { action: 'kill-word-forward', keys: [['Alt+D', '\u001bd']], help: 'cut the word after the cursor' },
  { action: 'yank', keys: [['Ctrl+Y', '\u0019']], help: 'paste what was cut last' },
  { action: 'history-back', keys: [['Up', '\u001b[A'], ['Up', '\u001bOA'], ['Ctrl+P', '\u0010']], help: 'earlier inputs (Down: later)' },
  { action: 'history-forward', keys: [['Down', '\u001b[B'], ['Down', '\u001bOB'], ['Ctrl+N', '\u000e']] },
  { action: 'reverse-search', keys: [['Ctrl+R', '\u0012']], help: 'search earlier inputs (again: older match)' },
  { action: 'complete', keys: [['Tab', '\t']], help: 'complete a /command' },
  { action: 'interrupt', keys: [['Ctrl+C', '\u0003']], help: 'cancel the question, or clear the line; twice within 2 s quits' },
  { action: 'cancel', keys: [['Esc', '\u001b']], help: 'cancel the running question, a search, a form or the sign-in' },
  { action: 'redraw', keys: [['Ctrl+L', '\u000c']], help: 'clear and redraw the screen' },
  // Bracketed paste: a pasted newline is text, not Enter.
  { action: 'paste-start', keys: [['paste start', '\u001b[200~']] },
  { action: 'paste-end', keys: [['paste end', '\u001b[201~']] },
];

/** `/help`'s "Keys:" list: [keys, what they do]. */
export const keyHelp: Array<readonly [string, string]> = keyBindings.flatMap((binding) => {
  if (!binding.help) return [];
  const names = [...new Set(binding.keys.map(([name]) => name))].filter((name) => !binding.help!.includes(`(${name}`));
  return [[names.slice(0, 2).join(', '), binding.help] as const];
});

const byBytes = new Map(keyBindings.flatMap((binding) => binding.keys.map(([, bytes]) => [bytes, binding.action] as const)));

export type KeyEvent = { kind: 'key'; action: KeyAction } | { kind: 'text'; text: string };

/**
 * One chunk of input (Ink has already cut escape sequences into their own chunks) as events. Inside
 * a bracketed paste everything but the end marker is text. Outside one, a chunk of several lines
 * typed or sent at once is a paste too, except that a single trailing Enter still sends.
 */
export function readKeys(chunk: string, pasting: boolean): KeyEvent[] {
  const action = byBytes.get(chunk);
  if (pasting) return action === 'paste-end' ? [{ kind: 'key', action }] : [{ kind: 'text', text: normalizeNewlines(chunk) }];
  if (action) return [{ kind: 'key', action }];
  if (chunk.startsWith('\u001b')) return [];
  const body = chunk.endsWith('\r') ? chunk.slice(0, -1) : chunk;
  if (/[\r\n]/.test(body) && /[^\r\n]/.test(body)) return [{ kind: 'text', text: normalizeNewlines(body) }, ...(body === chunk ? [] : [{ kind: 'key' as const, action: 'submit' as const }])];
  // Typed quickly, text and control keys arrive in one chunk: each control byte is its own key.
  const events: KeyEvent[] = [];
  for (const part of chunk.split(/([\u0000-\u001f\u007f])/u)) {
    if (part === '') continue;
    const key = byBytes.get(part);
    // A control byte no binding names is dropped. (As a statement of its own so that Stryker sees
    // the comment: before an `else` it belongs to the `if` branch, and the mark was not applied.)
    // Stryker disable next-line Regex: equivalent, a split on a captured control byte gives that byte alone or text without one, so the anchors change nothing.
    const controlByte = /^[\u0000-\u001f\u007f]$/u.test(part);
    if (key) events.push({ kind: 'key', action: key });
    else if (!controlByte) events.push({ kind: 'text', text: part });
  }
  return events;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

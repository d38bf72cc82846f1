import { completeSlashCommand } from '../../chat/commands.js';

/**
 * The prompt's text editor as a pure reducer: the line (possibly several, from a paste), the cursor,
 * and Up/Down through earlier inputs with the unfinished draft kept.
 */
export interface EditorState {
  value: string;
  cursor: number;
  /** Earlier inputs, oldest first. */
  history: string[];
  /** Position while browsing history; history.length means "the draft". */
  historyIndex: number;
  draft: string;
  /** Inside a bracketed paste: everything is text, newlines included. */
  pasting: boolean;
  /** A line just sent, waiting for the prompt to hand it on (the reducer sees the latest text; key handlers may not). */
  outbox: string | undefined;
}

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'kill-line' }
  | { type: 'delete-word' }
  | { type: 'history-back' }
  | { type: 'history-forward' }
  | { type: 'set'; value: string }
  /** Enter: send the line, after inserting `text` when a chunk held text and Enter together. */
  | { type: 'submit'; text?: string }
  | { type: 'sent' }
  /** Tab: complete a /command to the longest common prefix of its candidates. */
  | { type: 'complete' }
  | { type: 'load-history'; history: string[] }
  | { type: 'paste'; active: boolean };

export const emptyEditor: EditorState = { value: '', cursor: 0, history: [], historyIndex: 0, draft: '', pasting: false, outbox: undefined };

const historyLimit = 100;

function commonPrefix(names: string[]): string {
  return names.reduce((prefix, name) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === name[i]) i++;
    return prefix.slice(0, i);
  });
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { value, cursor } = state;
  switch (action.type) {
    case 'insert':
      return { ...state, value: value.slice(0, cursor) + action.text + value.slice(cursor), cursor: cursor + action.text.length };
    case 'backspace':
      return cursor === 0 ? state : { ...state, value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return cursor >= value.length ? state : { ...state, value: value.slice(0, cursor) + value.slice(cursor + 1) };
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...state, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { ...state, cursor: 0 };
    case 'end':
      return { ...state, cursor: value.length };
    case 'kill-line':
      return { ...state, value: value.slice(cursor), cursor: 0 };
    case 'delete-word': {
      const start = value.slice(0, cursor).replace(/\s*\S+\s*$/, '').length;
      return { ...state, value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    case 'history-back': {
      if (state.historyIndex === 0) return state;
      const index = state.historyIndex - 1;
      const draft = state.historyIndex === state.history.length ? value : state.draft;
      const text = state.history[index]!;
      return { ...state, historyIndex: index, draft, value: text, cursor: text.length };
    }
    case 'history-forward': {
      if (state.historyIndex >= state.history.length) return state;
      const index = state.historyIndex + 1;
      const text = index === state.history.length ? state.draft : state.history[index]!;
      return { ...state, historyIndex: index, value: text, cursor: text.length };
    }
    case 'set':
      return { ...state, value: action.value, cursor: action.value.length };
    case 'submit': {
      const line = action.text === undefined ? value : value.slice(0, cursor) + action.text + value.slice(cursor);
      if (!line.trim()) return state;
      const history = state.history.at(-1) !== line ? [...state.history, line].slice(-historyLimit) : state.history;
      return { ...emptyEditor, history, historyIndex: history.length, outbox: line };
    }
    case 'sent':
      return { ...state, outbox: undefined };
    case 'complete': {
      const candidates = /^\/\S*$/.test(value) ? completeSlashCommand(value).map((command) => command.name) : [];
      if (candidates.length === 0) return state;
      const completed = `${commonPrefix(candidates)}${candidates.length === 1 ? ' ' : ''}`;
      return { ...state, value: completed, cursor: completed.length };
    }
    case 'load-history':
      return { ...state, history: action.history.slice(-historyLimit), historyIndex: action.history.slice(-historyLimit).length };
    case 'paste':
      return { ...state, pasting: action.active };
  }
}

import { completeSlashCommand } from '../../chat/commands.js';
import { lineEnd, lineStart, wordEnd, wordStart, whitespaceWordStart } from './editor-text.js';

/**
 * The prompt's line editor as a pure reducer, readline-style: the text (several lines after a
 * paste or Ctrl+J), the cursor, a kill buffer for Ctrl+K/U/W and Alt+D with Ctrl+Y, Up/Down
 * through earlier inputs with the unfinished draft kept, and Ctrl+R reverse search.
 */
export interface EditorState {
  value: string;
  cursor: number;
  /** Earlier inputs, oldest first. */
  history: string[];
  /** Position while browsing history; history.length means "the draft". */
  historyIndex: number;
  draft: string;
  /** What Ctrl+K/U/W or Alt+D cut last, for Ctrl+Y. */
  killed: string;
  /** Ctrl+R: what is searched for, and the history entry matched (undefined: none). */
  search: { query: string; match: number | undefined } | undefined;
  /** Inside a bracketed paste: everything is text, newlines included. */
  pasting: boolean;
  /** A line just sent, waiting for the prompt to hand it on (the reducer sees the latest text; key handlers may not). */
  outbox: string | undefined;
}

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete-forward' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'line-start' }
  | { type: 'line-end' }
  | { type: 'kill-to-end' }
  | { type: 'kill-to-start' }
  | { type: 'kill-word-back' }
  | { type: 'kill-word-forward' }
  | { type: 'yank' }
  | { type: 'history-back' }
  | { type: 'history-forward' }
  /** Ctrl+R: start a search, or step to the next older match. */
  | { type: 'reverse-search' }
  /** Esc or Ctrl+C in a search: back to the line as it was. */
  | { type: 'search-cancel' }
  /** Ctrl+C on a draft: the line is cleared (it can be found again with Up, as readline keeps it). */
  | { type: 'clear' }
  /** Enter: send the line. */
  | { type: 'submit' }
  | { type: 'sent' }
  /** Tab: complete a /command to the longest common prefix of its candidates. */
  | { type: 'complete' }
  | { type: 'load-history'; history: string[] }
  | { type: 'paste'; active: boolean };

export const emptyEditor: EditorState = { value: '', cursor: 0, history: [], historyIndex: 0, draft: '', killed: '', search: undefined, pasting: false, outbox: undefined };

function commonPrefix(names: string[]): string {
  return names.reduce((prefix, name) => {
    let i = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past its end prefix[i] is undefined, which no character equals, and command names are distinct.
    while (i < prefix.length && prefix[i] === name[i]) i++;
    return prefix.slice(0, i);
  });
}

/** Cuts value[from, to) and keeps it for Ctrl+Y. */
function kill(state: EditorState, from: number, to: number): EditorState {
  if (from === to) return state;
  return { ...state, value: state.value.slice(0, from) + state.value.slice(to), cursor: from, killed: state.value.slice(from, to) };
}

function insert(state: EditorState, text: string): EditorState {
  const { value, cursor } = state;
  return { ...state, value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
}

/** The newest history entry at or before `from` that contains `query`. */
function findOlder(history: string[], query: string, from: number): number | undefined {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) if (history[i]!.toLowerCase().includes(query.toLowerCase())) return i;
  return undefined;
}

/** While searching, typing edits the query and any other key accepts the match as the line, then acts. */
function searchReducer(state: EditorState, action: EditorAction, search: NonNullable<EditorState['search']>): EditorState {
  const matched = (query: string, from: number): EditorState => {
    const match = query ? findOlder(state.history, query, from) : undefined;
    return { ...state, search: { query, match } };
  };
  switch (action.type) {
    case 'insert':
      // Stryker disable next-line ArithmeticOperator: equivalent, findOlder starts at the newest entry at the latest.
      return matched(search.query + action.text.replace(/\n/g, ' '), search.match ?? state.history.length - 1);
    case 'backspace':
      // Stryker disable next-line ArithmeticOperator: equivalent, findOlder starts at the newest entry at the latest.
      return matched(search.query.slice(0, -1), state.history.length - 1);
    case 'reverse-search':
      return search.match === undefined ? state : { ...state, search: { query: search.query, match: findOlder(state.history, search.query, search.match - 1) ?? search.match } };
    case 'search-cancel':
      return { ...state, search: undefined };
    default: {
      const found = search.match === undefined ? undefined : state.history[search.match];
      const accepted: EditorState = found === undefined ? { ...state, search: undefined } : { ...state, search: undefined, value: found, cursor: found.length, historyIndex: state.history.length };
      return editorReducer(accepted, action);
    }
  }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  if (state.search && action.type !== 'load-history' && action.type !== 'paste' && action.type !== 'sent') return searchReducer(state, action, state.search);
  const { value, cursor } = state;
  switch (action.type) {
    case 'insert':
      return insert(state, action.text);
    case 'backspace':
      return cursor === 0 ? state : { ...state, value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete-forward':
      return cursor >= value.length ? state : { ...state, value: value.slice(0, cursor) + value.slice(cursor + 1) };
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...state, cursor: Math.min(value.length, cursor + 1) };
    case 'word-left':
      return { ...state, cursor: wordStart(value, cursor) };
    case 'word-right':
      return { ...state, cursor: wordEnd(value, cursor) };
    case 'line-start':
      return { ...state, cursor: lineStart(value, cursor) };
    case 'line-end':
      return { ...state, cursor: lineEnd(value, cursor) };
    case 'kill-to-end':
      // At the end of a line, Ctrl+K joins the next one, as in readline.
      return kill(state, cursor, value[cursor] === '\n' ? cursor + 1 : lineEnd(value, cursor));
    case 'kill-to-start':
      return kill(state, lineStart(value, cursor), cursor);
    case 'kill-word-back':
      return kill(state, whitespaceWordStart(value, cursor), cursor);
    case 'kill-word-forward':
      return kill(state, cursor, wordEnd(value, cursor));
    case 'yank':
      return state.killed ? insert(state, state.killed) : state;
    case 'history-back': {
      // In a multi-line input, Up moves between its lines first.
      const start = lineStart(value, cursor);
      if (start > 0) {
        const above = lineStart(value, start - 1);
        return { ...state, cursor: Math.min(above + (cursor - start), start - 1) };
      }
      if (state.historyIndex === 0) return state;
      const index = state.historyIndex - 1;
      const draft = state.historyIndex === state.history.length ? value : state.draft;
      const text = state.history[index]!;
      return { ...state, historyIndex: index, draft, value: text, cursor: text.length };
    }
    case 'history-forward': {
      const end = lineEnd(value, cursor);
      if (end < value.length) {
        const below = end + 1;
        return { ...state, cursor: Math.min(below + (cursor - lineStart(value, cursor)), lineEnd(value, below)) };
      }
      if (state.historyIndex >= state.history.length) return state;
      const index = state.historyIndex + 1;
      const text = index === state.history.length ? state.draft : state.history[index]!;
      return { ...state, historyIndex: index, value: text, cursor: text.length };
    }
    case 'reverse-search':
      return { ...state, search: { query: '', match: undefined } };
    case 'search-cancel':
      return state;
    case 'clear':
      return { ...state, value: '', cursor: 0, historyIndex: state.history.length, draft: '' };
    case 'submit': {
      if (!value.trim()) return state;
      const history = [...state.history.filter((entry) => entry !== value), value];
      return { ...state, value: '', cursor: 0, draft: '', history, historyIndex: history.length, outbox: value };
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
      return { ...state, history: action.history, historyIndex: action.history.length };
    case 'paste':
      return { ...state, pasting: action.active };
  }
}

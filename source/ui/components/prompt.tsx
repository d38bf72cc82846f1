import { Box } from 'ink';
import { ReverseVideo, Text } from './safe-text.js';
import { useEffect, useRef, useState } from 'react';
import { completeSlashCommand } from '../../chat/commands.js';
import { useKeys } from '../hooks/use-keys.js';
import type { KeyAction } from '../keys.js';
import { editorReducer, emptyEditor, type EditorAction } from '../state/editor.js';
import { cursorCell, theme } from '../theme.js';

export interface PromptProps {
  onSubmit: (text: string) => void;
  /** Ctrl+D at an empty prompt. */
  onQuit: () => void;
  /** Ctrl+C: says whether the line is to be cleared (a running question is cancelled instead). */
  onInterrupt?: (hasDraft: boolean) => string;
  /** Esc, when no search is open: cancels the running question, or the form the prompt is a field of. */
  onCancel?: () => void;
  /** Ctrl+L. */
  onRedraw?: () => void;
  placeholder?: string;
  /** Submits an empty line too (an optional form field). */
  allowEmpty?: boolean;
  /** Earlier inputs for Up/Down and Ctrl+R, oldest first. */
  history?: string[];
  /** False while a form or prompt above takes the keys; the draft stays. */
  active?: boolean;
}

/** Key actions the line editor carries out itself. */
const editing: Partial<Record<KeyAction, EditorAction>> = {
  backspace: { type: 'backspace' },
  'delete-forward': { type: 'delete-forward' },
  left: { type: 'left' },
  right: { type: 'right' },
  'word-left': { type: 'word-left' },
  'word-right': { type: 'word-right' },
  'line-start': { type: 'line-start' },
  'line-end': { type: 'line-end' },
  'kill-to-end': { type: 'kill-to-end' },
  'kill-to-start': { type: 'kill-to-start' },
  'kill-word-back': { type: 'kill-word-back' },
  'kill-word-forward': { type: 'kill-word-forward' },
  yank: { type: 'yank' },
  'history-back': { type: 'history-back' },
  'history-forward': { type: 'history-forward' },
  'reverse-search': { type: 'reverse-search' },
  complete: { type: 'complete' },
  newline: { type: 'insert', text: '\n' },
};

const noHistory: string[] = [];

/** The question prompt: a readline-style editor, input history and search, multi-line input, and /command completion. */
export function Prompt({ onSubmit, onQuit, onInterrupt, onCancel, onRedraw, history = noHistory, placeholder = 'Ask about your AWS account, or /help', allowEmpty = false, active = true }: PromptProps) {
  // Keys can arrive faster than React renders: every key acts on the latest state, kept here. The
  // history it starts with is in its first state, so mounting draws one frame, not a second one.
  const [initial] = useState(() => editorReducer(emptyEditor, { type: 'load-history', history }));
  const latest = useRef(initial);
  const [editor, setEditor] = useState(initial);
  const dispatch = (action: EditorAction) => {
    const next = editorReducer(latest.current, action);
    latest.current = next.outbox === undefined ? next : editorReducer(next, { type: 'sent' });
    setEditor(latest.current);
    if (next.outbox !== undefined) onSubmit(next.outbox);
  };
  useEffect(() => {
    if (latest.current.history === history) return;
    latest.current = editorReducer(latest.current, { type: 'load-history', history });
    setEditor(latest.current);
  }, [history]);

  useKeys(
    (event) => {
      const editor = latest.current;
      if (event.kind === 'text') return dispatch({ type: 'insert', text: event.text });
      const action = editing[event.action];
      if (action) return dispatch(action);
      switch (event.action) {
        case 'paste-start':
        case 'paste-end':
          return dispatch({ type: 'paste', active: event.action === 'paste-start' });
        case 'submit':
          if (allowEmpty && !editor.search && !editor.value.trim()) return onSubmit('');
          return dispatch({ type: 'submit' });
        case 'eof':
          if (editor.value === '' && !editor.search) return onQuit();
          return dispatch({ type: 'delete-forward' });
        case 'interrupt':
          if (editor.search) return dispatch({ type: 'search-cancel' });
          if ((onInterrupt?.(editor.value !== '') ?? 'clear') === 'clear') dispatch({ type: 'clear' });
          return;
        case 'cancel':
          if (editor.search) return dispatch({ type: 'search-cancel' });
          return onCancel?.();
        case 'redraw':
          return onRedraw?.();
        default:
      }
    },
    { isPasting: () => latest.current.pasting, active },
  );

  // While a form takes the keys, an empty prompt is not drawn; a draft is, so nothing typed seems lost.
  if (!active && editor.value === '') return null;
  const completions = !editor.search && /^\/\S*$/.test(editor.value) ? completeSlashCommand(editor.value) : [];
  const search = editor.search;
  const found = search?.match === undefined ? undefined : editor.history[search.match];
  return (
    <Box flexDirection="column">
      {search ? (
        <Text>
          <Text color={theme.prompt}>(reverse search)</Text> “<Text controls="show">{search.query}</Text>
          <Cursor text=" " />”: {found === undefined ? <Text dimColor>{search.query ? 'no match' : 'type to search earlier inputs'}</Text> : <Text controls="show">{found}</Text>}
        </Text>
      ) : (
        <Box>
          <Text color={theme.prompt}>› </Text>
          {editor.value === '' ? (
            <Text>
              <Cursor text=" " />
              <Text dimColor>{placeholder}</Text>
            </Text>
          ) : (
            <EditedText value={editor.value} cursor={editor.cursor} />
          )}
        </Box>
      )}
      {completions.map((command) => (
        <Text key={command.name} dimColor>
          {'  '}
          <Text bold>{command.name.padEnd(10)}</Text> {command.description}
        </Text>
      ))}
    </Box>
  );
}

/** What was typed, controls shown, with the cursor drawn inverse: it stays visible with colour off (NO_COLOR removes colour, not inverse). */
function EditedText({ value, cursor }: { value: string; cursor: number }) {
  const at = value.slice(cursor, cursor + 1);
  return (
    <Text controls="show">
      {value.slice(0, cursor)}
      <Cursor text={at === '' || at === '\n' ? ' ' : at} />
      {at === '\n' ? '\n' : ''}
      {value.slice(cursor + 1)}
    </Text>
  );
}

function Cursor({ text }: { text: string }) {
  const cell = cursorCell(text);
  return 'raw' in cell ? (
    <ReverseVideo text={cell.raw} />
  ) : (
    <Text inverse controls="show">
      {cell.inverse}
    </Text>
  );
}

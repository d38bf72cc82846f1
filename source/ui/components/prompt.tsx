import { Box, useInput } from 'ink';
import { Text } from './safe-text.js';
import { useEffect, useReducer } from 'react';
import { completeSlashCommand } from '../../chat/commands.js';
import { resolveKey } from '../keys.js';
import { editorReducer, emptyEditor } from '../state/editor.js';

export interface PromptProps {
  onSubmit: (text: string) => void;
  onQuit: () => void;
  /** Esc, where the prompt is a form field. */
  onCancel?: () => void;
  placeholder?: string;
  /** Submits an empty line too (an optional form field). */
  allowEmpty?: boolean;
  /** Earlier inputs for Up/Down. */
  loadHistory: () => Promise<string[]>;
}

/** The question prompt: editing keys, input history, multi-line paste, and /command completion. */
export function Prompt({ onSubmit, onQuit, onCancel, loadHistory, placeholder = 'Ask about your AWS account, or /help', allowEmpty = false }: PromptProps) {
  const [editor, dispatch] = useReducer(editorReducer, emptyEditor);
  useEffect(() => {
    let live = true;
    void loadHistory().then((history) => live && dispatch({ type: 'load-history', history }));
    return () => {
      live = false;
    };
  }, [loadHistory]);

  const completions = /^\/\S*$/.test(editor.value) ? completeSlashCommand(editor.value) : [];
  useEffect(() => {
    if (editor.outbox === undefined) return;
    dispatch({ type: 'sent' });
    onSubmit(editor.outbox);
  }, [editor.outbox, onSubmit]);

  useInput((input, key) => {
    const command = resolveKey(input, key, editor.pasting);
    switch (command.kind) {
      case 'edit':
        dispatch(command.action);
        return;
      case 'paste-start':
      case 'paste-end':
        dispatch({ type: 'paste', active: command.kind === 'paste-start' });
        return;
      case 'submit':
        if (allowEmpty && !editor.value.trim()) onSubmit('');
        else dispatch({ type: 'submit' });
        return;
      case 'cancel':
        onCancel?.();
        return;
      case 'insert-and-submit':
        dispatch({ type: 'submit', text: command.text });
        return;
      case 'complete':
        dispatch({ type: 'complete' });
        return;
      case 'quit':
        if (editor.value === '') onQuit();
        return;
      default:
    }
  });

  const before = editor.value.slice(0, editor.cursor);
  const at = editor.value.slice(editor.cursor, editor.cursor + 1);
  const after = editor.value.slice(editor.cursor + 1);
  return (
    <Box flexDirection="column">
      <Box>
        <Text color="cyan">› </Text>
        {editor.value === '' ? (
          <Text>
            <Text inverse> </Text>
            <Text dimColor>{placeholder}</Text>
          </Text>
        ) : (
          <Text controls="show">
            {before}
            <Text inverse controls="show">
              {at === '' || at === '\n' ? ' ' : at}
            </Text>
            {at === '\n' ? '\n' : ''}
            {after}
          </Text>
        )}
      </Box>
      {completions.map((command) => (
        <Text key={command.name} dimColor>
          {'  '}
          <Text bold>{command.name.padEnd(10)}</Text> {command.description}
        </Text>
      ))}
    </Box>
  );
}

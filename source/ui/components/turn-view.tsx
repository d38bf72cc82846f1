import { Box } from 'ink';
import { Text } from './safe-text.js';
import { memo } from 'react';
import { safeText } from '../../present/terminal-text.js';
import { keyHelp } from '../keys.js';
import type { Turn } from '../state/chat-state.js';
import { commandSpans } from '../../present/commands-in-text.js';
import { wrapLine, type SpanStyle } from '../../present/spans.js';
import { AnswerView, SpanLines } from './answer-view.js';

/** The key names' column in /help: as wide as the widest, so the descriptions line up. */
const keyColumn = Math.max(...keyHelp.map(([keys]) => keys.length));

/**
 * A message wrapped to the width as answers are: a command in it (commands-in-text.ts) is a code
 * span, never broken across lines, so what the terminal shows can be copied and run.
 */
function MessageText({ text, style, width }: { text: string; style: SpanStyle; width: number }) {
  if (!text) return null;
  return <SpanLines lines={text.split('\n').flatMap((line) => wrapLine(commandSpans(line, style), width))} width={width} />;
}

/** One finished question and its reply; memoised, it is drawn once into <Static>. */
export const TurnView = memo(function TurnView({ turn, width, tableRows }: { turn: Turn; width: number; tableRows: number }) {
  const { reply } = turn;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text color="cyan">› {safeText(turn.question, { keepNewlines: true })}</Text>
      {reply.kind === 'answer' ? <AnswerView answer={reply.answer} width={width} tableRows={tableRows} /> : null}
      {reply.kind === 'help' ? (
        <Box flexDirection="column">
          <Text>{reply.text}</Text>
          {reply.commands.map((command) => (
            <Text key={command.name}>
              {'  '}
              <Text bold>{command.name.padEnd(10)}</Text> {command.description}
            </Text>
          ))}
          <Text>Keys:</Text>
          {keyHelp.map(([keys, what]) => (
            <Text key={keys}>
              {'  '}
              <Text bold>{keys.padEnd(keyColumn)}</Text> {what}
            </Text>
          ))}
        </Box>
      ) : null}
      {reply.kind === 'refusal' ? (
        <Box borderStyle="round" borderColor="yellow" paddingX={1}>
          <MessageText text={safeText(reply.text)} style="plain" width={width - 4} />
        </Box>
      ) : null}
      {reply.kind === 'error' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="error" width={width} /> : null}
      {reply.kind === 'text' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="plain" width={width} /> : null}
    </Box>
  );
});

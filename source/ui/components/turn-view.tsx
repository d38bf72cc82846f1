import { Box } from 'ink';
import { Text } from './safe-text.js';
import { memo } from 'react';
import { safeText } from '../../present/terminal-text.js';
import { keyHelp } from '../keys.js';
import type { Turn } from '../state/chat-state.js';
import { lineWidth } from '../../present/spans.js';
import { AnswerView, SpanLines } from './answer-view.js';
import { MessageText, QuestionText, messageLines } from './message-text.js';

/** The key names' column in /help: as wide as the widest, so the descriptions line up. */
const keyColumn = Math.max(...keyHelp.map(([keys]) => keys.length));

/** A refusal in a box as wide as its text, or the screen when the text wraps. */
function RefusalBox({ text, width }: { text: string; width: number }) {
  const lines = messageLines(text, 'plain', width - 4);
  const wraps = lines.length > text.split('\n').length;
  return (
    <Box borderStyle="round" borderColor="yellow" paddingX={1} width={wraps ? width : Math.min(width, Math.max(0, ...lines.map(lineWidth)) + 4)}>
      <SpanLines lines={lines} width={width - 4} />
    </Box>
  );
}

/** One finished question and its reply; memoised, it is drawn once into <Static>. */
export const TurnView = memo(function TurnView({ turn, width, tableRows }: { turn: Turn; width: number; tableRows: number }) {
  const { reply } = turn;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <QuestionText question={safeText(turn.question, { keepNewlines: true })} width={width} />
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
      {reply.kind === 'refusal' ? <RefusalBox text={safeText(reply.text)} width={width} /> : null}
      {reply.kind === 'error' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="error" width={width} /> : null}
      {reply.kind === 'text' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="plain" width={width} /> : null}
    </Box>
  );
});

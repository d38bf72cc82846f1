import { Box } from 'ink';
import { Text } from './safe-text.js';
import { memo } from 'react';
import { safeText } from '../../present/terminal-text.js';
import { keyHelp } from '../keys.js';
import type { Turn } from '../state/chat-state.js';
import { lineWidth, wrapLine, type Line } from '../../present/spans.js';
import { AnswerView, SpanLines } from './answer-view.js';
import { MessageText, QuestionText, messageLines } from './message-text.js';

/** The key names' column in /help: as wide as the widest, so the descriptions line up. */
const keyColumn = Math.max(...keyHelp.map(([keys]) => keys.length));

/**
 * One row of /help: the name in its column, the description wrapped beside it with a hanging
 * indent, so on a narrow terminal a description never runs back under the names (or starts a line
 * with the space it broke at, as Ink's own wrapping does).
 */
export function helpRow(name: string, column: number, description: string, width: number): Line[] {
  const indent = 2 + column + 1;
  const lines = wrapLine([{ text: description, style: 'plain' }], Math.max(20, width - indent));
  return lines.map((line, i) => [{ text: i === 0 ? `  ${name.padEnd(column)} ` : ' '.repeat(indent), style: i === 0 ? 'heading' : 'plain' }, ...line]);
}

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
          <MessageText text={reply.text} style="plain" width={width} />
          <SpanLines lines={reply.commands.flatMap((command) => helpRow(command.name, 10, command.description, width))} width={width} />
          <Text>Keys:</Text>
          <SpanLines lines={keyHelp.flatMap(([keys, what]) => helpRow(keys, keyColumn, what, width))} width={width} />
        </Box>
      ) : null}
      {reply.kind === 'refusal' ? <RefusalBox text={safeText(reply.text)} width={width} /> : null}
      {reply.kind === 'error' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="error" width={width} /> : null}
      {reply.kind === 'text' ? <MessageText text={safeText(reply.text, { keepNewlines: true })} style="plain" width={width} /> : null}
    </Box>
  );
});

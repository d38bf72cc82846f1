import { Box, Text } from 'ink';
import { memo } from 'react';
import { renderAnswerText } from '../../chat/answer-text.js';
import type { PastTurn } from '../../chat/conversation.js';
import { safeText } from '../../chat/terminal-text.js';

export interface Turn extends PastTurn {
  id: number;
}

export const TurnView = memo(function TurnView({ turn, width }: { turn: Turn; width: number }) {
  const { reply } = turn;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text color="cyan">› {safeText(turn.question)}</Text>
      {reply.kind === 'help' ? (
        <Box flexDirection="column">
          <Text>{reply.text}</Text>
          {reply.commands.map((command) => (
            <Text key={command.name}>
              {'  '}
              <Text bold>{command.name.padEnd(10)}</Text> {command.description}
            </Text>
          ))}
        </Box>
      ) : reply.kind === 'answer' ? (
        <Text>{renderAnswerText(reply.answer, width).trimEnd()}</Text>
      ) : (
        <Text color={reply.kind === 'error' ? 'red' : reply.kind === 'refusal' ? 'yellow' : undefined}>{'text' in reply ? safeText(reply.text, { keepNewlines: true }) : ''}</Text>
      )}
    </Box>
  );
});

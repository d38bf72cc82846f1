import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ChatReply } from '../../chat/session.js';

export interface Turn {
  id: number;
  question: string;
  reply: Exclude<ChatReply, { kind: 'quit' }>;
}

export const TurnView = memo(function TurnView({ turn }: { turn: Turn }) {
  const { reply } = turn;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text color="cyan">› {turn.question}</Text>
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
      ) : (
        <Text color={reply.kind === 'error' ? 'red' : undefined}>{reply.text}</Text>
      )}
    </Box>
  );
});

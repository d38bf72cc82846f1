import { Box, useInput } from 'ink';
import { Text } from './safe-text.js';
import { safeText } from '../../present/terminal-text.js';

/** Asks once whether qchat may ask every enabled region; the answer is remembered. */
export function ConsentPrompt({ question, onAnswer }: { question: string; onAnswer: (allowed: boolean) => void }) {
  useInput((input, key) => {
    if (input.toLowerCase() === 'y') onAnswer(true);
    else if (input.toLowerCase() === 'n' || key.escape) onAnswer(false);
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text>“{safeText(question)}” asks other regions than your current one.</Text>
      <Text>
        Allow cross-region questions? qchat remembers your answer (/regions changes it). <Text bold>[y/n]</Text>
      </Text>
    </Box>
  );
}

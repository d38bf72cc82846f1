import { Box, Text, useInput } from 'ink';

/** Asks once whether qchat may ask every enabled region; the answer is remembered. */
export function ConsentPrompt({ question, onAnswer }: { question: string; onAnswer: (allowed: boolean) => void }) {
  useInput((input, key) => {
    if (input.toLowerCase() === 'y') onAnswer(true);
    else if (input.toLowerCase() === 'n' || key.escape) onAnswer(false);
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text>“{question}” needs other regions than your current one.</Text>
      <Text>
        Allow cross-region questions? qchat will remember your answer (/regions changes it). <Text bold>[y/n]</Text>
      </Text>
    </Box>
  );
}

import { Box, Text } from 'ink';
import { TextInput } from '@inkjs/ui';
import { useState } from 'react';

/** The question prompt; remounts its input after each submit so it starts empty. */
export function Prompt({ onSubmit }: { onSubmit: (text: string) => void }) {
  const [generation, setGeneration] = useState(0);
  return (
    <Box>
      <Text color="cyan">› </Text>
      <TextInput
        key={generation}
        placeholder="Ask about your AWS account, or /help"
        onSubmit={(text) => {
          setGeneration((g) => g + 1);
          onSubmit(text);
        }}
      />
    </Box>
  );
}

import { Box } from 'ink';
import { Text } from './safe-text.js';
import { useKeys } from '../hooks/use-keys.js';
import { theme } from '../theme.js';
import { Prompt } from './prompt.js';

/** /diagnose: paste the error (multi-line pastes stay whole), then the console URL or Enter to skip. */
export function DiagnoseForm({ step, onInput, onQuit }: { step: 'error' | 'url'; onInput: (text: string | undefined) => void; onQuit: () => void }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Diagnose a console error</Text>
      <Text dimColor>{step === 'error' ? 'Paste the error message and press Enter. Esc cancels.' : 'The console URL where it happened, if you have it; Enter skips.'}</Text>
      <Prompt
        key={step}
        onSubmit={onInput}
        onQuit={onQuit}
        onCancel={() => onInput(undefined)}
        placeholder={step === 'error' ? 'error message' : 'https://…console.aws.amazon.com/… (optional)'}
        allowEmpty={step === 'url'}
      />
    </Box>
  );
}

/** After a diagnosis: was it helpful? The answer is kept with it in history (Pro). */
export function FeedbackPrompt({ onAnswer }: { onAnswer: (helpful: boolean | undefined) => void }) {
  useKeys((event) => {
    if (event.kind === 'text') {
      const typed = event.text.trim().toLowerCase();
      if (typed === 'y') onAnswer(true);
      else if (typed === 'n') onAnswer(false);
    } else if (event.action === 'cancel' || event.action === 'submit' || event.action === 'interrupt') onAnswer(undefined);
  });
  return (
    <Text>
      Was this helpful? <Text bold>(y/n)</Text>
    </Text>
  );
}

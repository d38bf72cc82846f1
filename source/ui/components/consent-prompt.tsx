import { Box } from 'ink';
import { Text } from './safe-text.js';
import { safeText } from '../../present/terminal-text.js';
import { useKeys } from '../hooks/use-keys.js';
import { theme } from '../theme.js';

type YesNo = (answer: 'yes' | 'no' | 'cancel') => void;

/** y, n, and Esc or Ctrl+C to cancel: the keys of every yes/no prompt. */
function useYesNoKeys(onAnswer: YesNo): void {
  useKeys((event) => {
    if (event.kind === 'key') {
      if (event.action === 'cancel' || event.action === 'interrupt') onAnswer('cancel');
      return;
    }
    const typed = event.text.trim().toLowerCase();
    if (typed === 'y') onAnswer('yes');
    else if (typed === 'n') onAnswer('no');
  });
}

/**
 * Asks whether qchat may ask every enabled region. Yes and no are remembered (/regions changes
 * them); no answers this question for the current region only; Esc cancels the question, and
 * nothing is asked or counted.
 */
export function ConsentPrompt({ question, region, onAnswer }: { question: string; region: string; onAnswer: YesNo }) {
  useYesNoKeys(onAnswer);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text>“{safeText(question)}” asks other regions than your current one.</Text>
      <Text>
        Allow cross-region questions? <Text bold>y</Text> yes, remembered · <Text bold>n</Text> no: ask only {region} · <Text bold>Esc</Text> cancel this question
      </Text>
    </Box>
  );
}

/**
 * In the middle of a question: a filter needs more GetResource reads than describeLimit allows.
 * Yes makes them; no answers without claiming the filter; Esc cancels the question.
 */
export function DetailsPrompt({ text, onAnswer }: { text: string; onAnswer: YesNo }) {
  useYesNoKeys(onAnswer);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text>{safeText(text)}</Text>
      <Text>
        Make these calls? <Text bold>y</Text> yes · <Text bold>n</Text> no: the filter is not applied · <Text bold>Esc</Text> cancel this question
      </Text>
    </Box>
  );
}

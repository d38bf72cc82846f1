import { Box } from 'ink';
import { Text } from './safe-text.js';
import { safeText } from '../../present/terminal-text.js';
import type { Running } from '../state/chat-state.js';
import { theme } from '../theme.js';
import { Busy } from './busy.js';

/** The question being answered (it stays on screen), its spinner and progress, and what waits after it. */
export function RunningQuestion({ running, queued }: { running: Running | undefined; queued: string[] }) {
  return (
    <Box flexDirection="column">
      {running ? (
        <>
          <Text color={theme.prompt}>› {safeText(running.question, { keepNewlines: true })}</Text>
          <Busy label={`${running.label} (Esc cancels)`} since={running.startedAt} />
        </>
      ) : null}
      {queued.map((question, i) => (
        <Text key={i} dimColor>
          queued: {safeText(question)}
        </Text>
      ))}
    </Box>
  );
}

import { Box } from 'ink';
import { Text } from './safe-text.js';
import { safeText } from '../../present/terminal-text.js';
import type { Running } from '../state/chat-state.js';
import { Busy } from './busy.js';
import { QuestionText } from './message-text.js';

/** The question being answered (it stays on screen), its spinner and progress, and what waits after it. */
export function RunningQuestion({ running, queued, width }: { running: Running | undefined; queued: string[]; width: number }) {
  return (
    <Box flexDirection="column">
      {running ? (
        <>
          <QuestionText question={safeText(running.question, { keepNewlines: true })} width={width} />
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

// Renders the chat's transcript (<Static>) with N finished turns above a live prompt, then times
// keystroke → new frame. Used by render.mjs through tsx.
import { Box, Static } from 'ink';
import { render } from 'ink-testing-library';
import type { PastTurn } from '../../source/chat/conversation.js';
import { Prompt } from '../../source/ui/components/prompt.js';
import { TurnView } from '../../source/ui/components/turn-view.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function turn(i: number): PastTurn {
  return {
    question: `how many lambda functions in region ${i}`,
    reply: {
      kind: 'answer',
      plan: {} as never,
      answer: {
        outcome: 'answered',
        summary: `You have ${i} Lambda functions in us-east-1.`,
        table: { columns: ['Identifier', 'Region', 'Runtime'], rows: Array.from({ length: 5 }, (_, r) => [`function-${i}-${r}`, 'us-east-1', 'nodejs20.x']) },
        calls: [{ service: 'cloudcontrol', operation: 'ListResources', region: 'us-east-1', pages: 1, fromCache: false }],
        failures: [],
        warnings: [],
      },
    },
  };
}

export async function keystrokeTimes(turnCount: number, keystrokes: number): Promise<number[]> {
  const turns = Array.from({ length: turnCount }, (_, i) => ({ id: i, ...turn(i) }));
  const ui = render(
    <Box flexDirection="column">
      <Static items={turns}>{(t) => <TurnView key={t.id} turn={t} width={100} tableRows={50} />}</Static>
      <Prompt onSubmit={() => {}} onQuit={() => {}} />
    </Box>,
  );
  for (let i = 0; i < 20; i++) await settle();
  const times: number[] = [];
  for (let k = 0; k < keystrokes; k++) {
    const frames = ui.frames.length;
    const start = performance.now();
    ui.stdin.write('a');
    while (ui.frames.length === frames) await settle();
    times.push(performance.now() - start);
  }
  ui.unmount();
  return times;
}

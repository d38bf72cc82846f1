// Keystroke-to-frame time at the prompt with 2,000 finished turns above it, as a ratio to the same
// with 10 turns, measured in one run: finished turns live in <Static>, so typing should not slow
// down as history grows.
import { tsImport } from 'tsx/esm/api';
import { format, median, report } from './report.mjs';

process.env.FORCE_COLOR = '0';
const { keystrokeTimes } = await tsImport('./render-harness.tsx', import.meta.url);
const keystrokes = 200;
await keystrokeTimes(10, keystrokes); // warm up the JIT before measuring
// Small, large, small again: the smaller of the two small runs is the baseline, so drift cannot flatter the ratio.
const before = median(await keystrokeTimes(10, keystrokes));
const large = median(await keystrokeTimes(2000, keystrokes));
const small = Math.min(before, median(await keystrokeTimes(10, keystrokes)));
process.stderr.write(`keystroke to frame: ${format(small, 3)} ms with 10 turns, ${format(large, 3)} ms with 2,000\n`);
report('keystroke→frame, 2,000 turns / 10 turns', `${format(large / small)}x (${format(large, 2)} vs ${format(small, 2)} ms)`, 'flat (<= 1.5x)', large / small <= 1.5);

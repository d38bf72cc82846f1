import { Text } from './safe-text.js';
import { createContext, useContext, useEffect, useState } from 'react';
import { theme } from '../theme.js';
import { useUiClock } from '../ui-clock.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Whether spinners move; tests turn it off so frames are stable. */
export const AnimationContext = createContext(true);

/** A spinner and a label; with `since`, the whole seconds elapsed, from the UI clock. */
export function Busy({ label, since }: { label: string; since?: number }) {
  const animate = useContext(AnimationContext);
  const clock = useUiClock();
  const [frame, setFrame] = useState(0);
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => (animate ? clock.every(80, () => setFrame((f) => (f + 1) % frames.length)) : undefined), [animate, clock]);
  useEffect(() => (since === undefined ? undefined : clock.every(1000, () => setNow(clock.now()))), [since, clock]);
  const elapsed = since === undefined ? '' : ` · ${Math.max(0, Math.floor((now - since) / 1000))} s`;
  return (
    <Text>
      <Text color={theme.accent}>{frames[frame]}</Text> {label}
      {elapsed}
    </Text>
  );
}

import { Text } from './safe-text.js';
import { createContext, useContext, useEffect, useState } from 'react';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Whether spinners move; tests turn it off so frames are stable. */
export const AnimationContext = createContext(true);

export function Busy({ label }: { label: string }) {
  const animate = useContext(AnimationContext);
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!animate) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % frames.length), 80);
    return () => clearInterval(timer);
  }, [animate]);
  return (
    <Text>
      <Text color="cyan">{frames[frame]}</Text> {label}
    </Text>
  );
}

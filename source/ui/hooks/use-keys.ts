import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { readKeys, type KeyEvent } from '../keys.js';

export interface UseKeysOptions {
  active?: boolean;
  /** Whether a bracketed paste is open (its newlines are text); asked per chunk, as keys can outrun renders. */
  isPasting?: () => boolean;
}

/**
 * Calls `handler` with each key event or run of text the terminal sends, read from the raw input
 * chunks Ink's stdin emits (Ink's own Key object loses Backspace vs Delete).
 */
export function useKeys(handler: (event: KeyEvent) => void, { active = true, isPasting = () => false }: UseKeysOptions = {}): void {
  const { setRawMode, internal_eventEmitter: emitter } = useStdin();
  const latest = useRef({ handler, isPasting });
  latest.current = { handler, isPasting };
  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, setRawMode]);
  useEffect(() => {
    if (!active) return;
    const onInput = (chunk: string) => {
      for (const event of readKeys(chunk, latest.current.isPasting())) latest.current.handler(event);
    };
    emitter.on('input', onInput);
    return () => {
      emitter.removeListener('input', onInput);
    };
  }, [active, emitter]);
}

import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { readKeys, type KeyEvent } from '../keys.js';

/**
 * Calls `handler` with each key event or run of text the terminal sends, read from the raw input
 * chunks Ink's stdin emits (Ink's own Key object loses Backspace vs Delete). `pasting` says whether
 * a bracketed paste is open, so its newlines stay text.
 */
export function useKeys(handler: (event: KeyEvent) => void, { active = true, pasting = false }: { active?: boolean; pasting?: boolean } = {}): void {
  const { setRawMode, internal_eventEmitter: emitter } = useStdin();
  const latest = useRef({ handler, pasting });
  latest.current = { handler, pasting };
  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, setRawMode]);
  useEffect(() => {
    if (!active) return;
    const onInput = (chunk: string) => {
      for (const event of readKeys(chunk, latest.current.pasting)) {
        latest.current.handler(event);
        // A paste marker changes how the rest of the chunk reads.
        if (event.kind === 'key' && (event.action === 'paste-start' || event.action === 'paste-end')) latest.current.pasting = event.action === 'paste-start';
      }
    };
    emitter.on('input', onInput);
    return () => {
      emitter.removeListener('input', onInput);
    };
  }, [active, emitter]);
}

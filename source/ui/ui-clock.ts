import { createContext, useContext } from 'react';

/**
 * Time as the interface sees it: elapsed seconds on the spinner and the 2 s window of a second
 * Ctrl+C. Tests pass a manual clock they advance, so no test waits on or asserts wall time.
 */
export interface UiClock {
  now(): number;
  /** Calls `fn` once after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Calls `fn` every `ms`; returns a function that stops it. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: UiClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    return () => clearInterval(timer);
  },
};

export const UiClockContext = createContext<UiClock>(systemClock);

export function useUiClock(): UiClock {
  return useContext(UiClockContext);
}

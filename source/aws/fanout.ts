import { setMaxListeners } from 'node:events';

/**
 * Runs one task per region with bounded concurrency, reporting progress, collecting per-region
 * failures instead of failing the whole, stopping when the user cancels, and giving up on the
 * regions still open when the question's deadline passes.
 */
export interface RegionOutcome<T> {
  region: string;
  ok: boolean;
  value?: T;
  error?: unknown;
}

export interface FanOutOptions {
  concurrency: number;
  /** The user's cancel: the whole fan-out stops and throws. */
  signal?: AbortSignal;
  /** The question's deadline: unfinished regions fail with DeadlineError, finished ones stand. */
  deadline?: AbortSignal;
  onRegionDone?: (done: number, total: number, region: string) => void;
  /** Started before the others (outcomes keep the regions' order): the region expected to take longest. */
  first?: string;
}

/** A region that had not answered when the question's deadline passed. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export async function fanOut<T>(regions: string[], task: (region: string, signal: AbortSignal | undefined) => Promise<T>, options: FanOutOptions): Promise<RegionOutcome<T>[]> {
  // Stryker disable next-line ArrayDeclaration: equivalent, every index is assigned before the array is returned.
  const outcomes: RegionOutcome<T>[] = new Array(regions.length);
  const signals = [options.signal, options.deadline].filter((s): s is AbortSignal => s !== undefined);
  const taskSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  // Every SDK call of every region listens to the same signal: more than Node's default of 10 is expected, not a leak.
  for (const signal of [...signals, taskSignal]) if (signal) setMaxListeners(Math.max(100, regions.length * 10), signal);
  const order = regions.map((_, index) => index);
  const first = options.first === undefined ? -1 : regions.indexOf(options.first);
  if (first > 0) order.unshift(...order.splice(first, 1));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < regions.length) {
      options.signal?.throwIfAborted();
      const index = order[next++]!;
      const region = regions[index]!;
      try {
        // Stryker disable next-line StringLiteral: equivalent, the catch below replaces this error with the same message.
        if (options.deadline?.aborted) throw new DeadlineError(`no answer from ${region} before the question's deadline`);
        outcomes[index] = { region, ok: true, value: await task(region, taskSignal) };
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        const late = options.deadline?.aborted ? new DeadlineError(`no answer from ${region} before the question's deadline`) : error;
        outcomes[index] = { region, ok: false, error: late };
      }
      options.onRegionDone?.(++done, regions.length, region);
    }
  };
  // Workers start one event-loop turn apart. An SDK request is CPU on qchat's one thread up to its
  // socket write (middleware, serialisation, signing: about a millisecond each); started together,
  // the regions' first requests advance in lockstep through their awaits and all leave only once
  // every one is ready. Started a turn apart, the first leaves after its own work, and the later
  // ones are prepared while it is on the network.
  const workers: Promise<void>[] = [];
  for (let started = 0; started < Math.min(options.concurrency, regions.length); started++) {
    if (started > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Cancelled meanwhile: the workers already started throw it.
      if (options.signal?.aborted) break;
    }
    const running = worker();
    // Handled here too, so a worker that throws the cancel while the next waits its turn is not an unhandled rejection.
    running.catch(() => undefined);
    workers.push(running);
  }
  await Promise.all(workers);
  return outcomes;
}

/**
 * The question's deadline (setting questionTimeout) as a signal that aborts with a TimeoutError,
 * like AbortSignal.timeout, except that the time qchat spends waiting for the user (a y/n in the
 * middle of a question) does not count against it.
 */
export class QuestionDeadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private since = 0;

  constructor(private left: number) {
    this.resume();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs `wait` with the clock stopped. */
  async paused<T>(wait: () => Promise<T>): Promise<T> {
    if (this.timer === undefined) return wait();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left -= performance.now() - this.since;
    try {
      return await wait();
    } finally {
      this.resume();
    }
  }

  private resume(): void {
    if (this.signal.aborted) return;
    this.since = performance.now();
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The question took longer than its deadline.', 'TimeoutError')), Math.max(0, this.left));
    // Like AbortSignal.timeout's, it never keeps the process alive.
    // Stryker disable next-line OptionalChaining: equivalent under Node, whose timers always have unref.
    this.timer.unref?.();
  }
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first (and stops listening once it has slept). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, a signal aborts once; `once` only drops the listener sooner.
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

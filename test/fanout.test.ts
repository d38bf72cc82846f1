// Region fan-out as a unit: order, concurrency, failures, progress, the user's cancel and the
// question's deadline, and the pacing helpers, on fake tasks and fake timers (no wall clock).
import { getMaxListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineError, fanOut, QuestionDeadline, sleep } from '../source/aws/fanout.js';
import { RegionPacers, TokenBucket } from '../source/aws/pacing.js';

const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1'];

/** A task whose regions finish when the test says so. */
function controlled() {
  const pending = new Map<string, { resolve: (value: string) => void; reject: (error: unknown) => void; signal: AbortSignal | undefined }>();
  const started: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const task = (region: string, signal: AbortSignal | undefined) =>
    new Promise<string>((resolve, reject) => {
      started.push(region);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      const settle = <T>(finish: (value: T) => void) => (value: T) => {
        inFlight--;
        finish(value);
      };
      pending.set(region, { resolve: settle(resolve), reject: settle(reject), signal });
    });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { task, pending, started, tick, maxInFlight: () => maxInFlight };
}

describe('fanOut', () => {
  it('keeps the regions\' order whatever order they answer in, at most `concurrency` at a time', async () => {
    const { task, pending, started, tick, maxInFlight } = controlled();
    const progress: Array<[number, number, string]> = [];
    const run = fanOut(regions, task, { concurrency: 2, onRegionDone: (done, total, region) => progress.push([done, total, region]) });
    await tick();
    expect(started).toEqual(['us-east-1', 'us-west-2']);
    pending.get('us-west-2')!.resolve('b');
    await tick();
    expect(started).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    for (const region of ['eu-west-1', 'us-east-1']) {
      pending.get(region)!.resolve(region === 'us-east-1' ? 'a' : 'c');
      await tick();
    }
    pending.get('eu-central-1')!.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await tick();
    pending.get('ap-south-1')!.resolve('e');
    const outcomes = await run;
    expect(outcomes.map(({ region, ok, value }) => [region, ok, value])).toEqual([
      ['us-east-1', true, 'a'],
      ['us-west-2', true, 'b'],
      ['eu-west-1', true, 'c'],
      ['eu-central-1', false, undefined],
      ['ap-south-1', true, 'e'],
    ]);
    expect((outcomes[3]!.error as Error).message).toBe('denied');
    expect(maxInFlight()).toBe(2);
    expect(progress).toEqual([
      [1, 5, 'us-west-2'],
      [2, 5, 'eu-west-1'],
      [3, 5, 'us-east-1'],
      [4, 5, 'eu-central-1'],
      [5, 5, 'ap-south-1'],
    ]);
  });

  it('starts every region when the concurrency allows, each an event-loop turn after the one before, and nothing for no regions', async () => {
    const { task, pending, started, tick } = controlled();
    const run = fanOut(regions.slice(0, 3), task, { concurrency: 20 });
    // The first at once: its request is prepared and sent before the next one's work begins.
    expect(started).toEqual(['us-east-1']);
    await tick();
    expect(started).toEqual(['us-east-1', 'us-west-2']);
    await tick();
    expect(started).toHaveLength(3);
    for (const { resolve } of pending.values()) resolve('x');
    expect((await run).every(({ ok }) => ok)).toBe(true);
    expect(await fanOut([], task, { concurrency: 4 })).toEqual([]);
  });

  it('starts the region named first before the others, and keeps the regions\' order in its outcomes', async () => {
    const { task, pending, started, tick } = controlled();
    const run = fanOut(regions, task, { concurrency: 1, first: 'eu-central-1' });
    for (const region of ['eu-central-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1']) {
      await tick();
      expect(started.at(-1)).toBe(region);
      pending.get(region)!.resolve(region);
    }
    expect((await run).map(({ region, value }) => [region, value])).toEqual(regions.map((region) => [region, region]));
    // A region not asked changes nothing.
    const other = controlled();
    void fanOut(regions.slice(0, 2), other.task, { concurrency: 1, first: 'sa-east-1' });
    expect(other.started).toEqual(['us-east-1']);
  });

  it('hands each task no signal without one, the one signal given, or one that follows both', async () => {
    const { task, pending, tick } = controlled();
    const none = fanOut(['us-east-1'], task, { concurrency: 1 });
    await tick();
    expect(pending.get('us-east-1')!.signal).toBeUndefined();
    pending.get('us-east-1')!.resolve('x');
    await none;

    const cancel = new AbortController();
    const one = fanOut(['us-west-2'], task, { concurrency: 1, signal: cancel.signal });
    await tick();
    expect(pending.get('us-west-2')!.signal).toBe(cancel.signal);
    pending.get('us-west-2')!.resolve('x');
    await one;

    const deadline = new AbortController();
    const both = fanOut(['eu-west-1'], task, { concurrency: 1, signal: new AbortController().signal, deadline: deadline.signal });
    await tick();
    const combined = pending.get('eu-west-1')!.signal!;
    expect(combined.aborted).toBe(false);
    deadline.abort();
    expect(combined.aborted).toBe(true);
    pending.get('eu-west-1')!.reject(combined.reason);
    expect((await both)[0]).toMatchObject({ ok: false, error: expect.any(DeadlineError) });
  });

  it('lets every region listen to the shared signals without a listener warning', async () => {
    const cancel = new AbortController();
    const deadline = new AbortController();
    const many = Array.from({ length: 17 }, (_, i) => `region-${i}`);
    await fanOut(many, async () => 'x', { concurrency: 20, signal: cancel.signal, deadline: deadline.signal });
    expect(getMaxListeners(cancel.signal)).toBe(170);
    expect(getMaxListeners(deadline.signal)).toBe(170);
    const few = new AbortController();
    await fanOut(['us-east-1'], async () => 'x', { concurrency: 1, signal: few.signal });
    expect(getMaxListeners(few.signal)).toBe(100);
  });

  it('throws the user\'s cancel and starts no further region', async () => {
    const { task, pending, started, tick } = controlled();
    const cancel = new AbortController();
    const run = fanOut(regions, task, { concurrency: 1, signal: cancel.signal });
    await tick();
    cancel.abort(new Error('cancelled by the user'));
    pending.get('us-east-1')!.reject(new Error('aborted'));
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(started).toEqual(['us-east-1']);
  });

  it('throws at once when cancelled before it starts', async () => {
    const task = vi.fn(async () => 'x');
    await expect(fanOut(regions, task, { concurrency: 2, signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(task).not.toHaveBeenCalled();
  });

  it('at the deadline keeps the answers in hand and fails the rest, unstarted regions without calling them', async () => {
    const { task, pending, started, tick } = controlled();
    const deadline = new AbortController();
    const run = fanOut(regions, task, { concurrency: 2, deadline: deadline.signal });
    await tick();
    pending.get('us-east-1')!.resolve('a');
    await tick();
    deadline.abort();
    // A region that answers after the deadline (or fails with its own error then) counts as late.
    pending.get('us-west-2')!.resolve('late but fine');
    pending.get('eu-west-1')!.reject(new Error('socket hang up'));
    const outcomes = await run;
    expect(started).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(outcomes[0]).toEqual({ region: 'us-east-1', ok: true, value: 'a' });
    expect(outcomes[1]).toEqual({ region: 'us-west-2', ok: true, value: 'late but fine' });
    for (const outcome of outcomes.slice(2)) {
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toBeInstanceOf(DeadlineError);
      expect((outcome.error as Error).message).toBe(`no answer from ${outcome.region} before the question's deadline`);
      expect((outcome.error as Error).name).toBe('DeadlineError');
    }
  });
});

describe('QuestionDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('aborts with a TimeoutError when its time is up, not counting the time it was paused for the user', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const deadline = new QuestionDeadline(1000);
    await vi.advanceTimersByTimeAsync(600);
    const answered = deadline.paused(() => sleep(5000).then(() => 'y'));
    await vi.advanceTimersByTimeAsync(5000);
    await expect(answered).resolves.toBe('y');
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(399);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
    // Past the deadline, pausing changes nothing.
    await expect(deadline.paused(async () => 'n')).resolves.toBe('n');
    expect(deadline.signal.aborted).toBe(true);
  });
});

describe('TokenBucket and sleep', () => {
  afterEach(() => vi.useRealTimers());

  it('lets a burst go at once, then spaces requests at the rate, and refills while idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    // Not at time 0, so a wait computed from the wrong end of the clock shows.
    await vi.advanceTimersByTimeAsync(5_000);
    const bucket = new TokenBucket(10, 2);
    const passed: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 4; i++) void bucket.take().then(() => passed.push(performance.now() - start));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(99);
    expect(passed).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toEqual([0, 0, 100]);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toEqual([0, 0, 100, 200]);
    await vi.advanceTimersByTimeAsync(1000);
    const idle = performance.now();
    await bucket.take();
    await bucket.take();
    expect(performance.now()).toBe(idle);
  });

  it("gives each region two seconds of requests less one, so it trails the service's bucket by a request", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    await vi.advanceTimersByTimeAsync(5_000);
    const pacers = new RegionPacers(10);
    const passed: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 21; i++) void pacers.of('eu-west-1').take().then(() => passed.push(performance.now() - start));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual(Array(19).fill(0));
    await vi.advanceTimersByTimeAsync(200);
    expect(passed.slice(19)).toEqual([100, 200]);
    // Another region has its own bucket, full.
    await pacers.of('us-east-1').take();
    expect(performance.now() - start).toBe(200);
  });

  it('stops waiting with the reason when the signal aborts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const bucket = new TokenBucket(1, 1);
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('sleeps the time asked, and stops with the reason when aborted before or during', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let slept = false;
    void sleep(50).then(() => (slept = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(slept).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(slept).toBe(true);

    await expect(sleep(50, AbortSignal.abort(new Error('before')))).rejects.toThrow('before');
    const during = new AbortController();
    const sleeping = sleep(50, during.signal);
    during.abort(new Error('during'));
    await expect(sleeping).rejects.toThrow('during');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to the signal once it has slept', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const sleeping = sleep(10, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    await sleeping;
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

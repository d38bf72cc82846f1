// The question's deadline and the region buckets, the rows test/fanout.test.ts leaves out: a pause
// that starts late on the clock, pauses inside pauses, nothing left running after the deadline, a
// partial refill, the session's buckets made again when the rate setting changes, and a cancel
// during the last region's task. Fake timers
// only (no wall clock). Rows written to kill the mutants StrykerJS left alive in the fanout module.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AwsClients } from '../source/aws/clients.js';
import { fanOut, QuestionDeadline, sleep } from '../source/aws/fanout.js';
import { regionPacers, TokenBucket } from '../source/aws/pacing.js';

const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });

describe('QuestionDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('counts the time before a pause from when it started, late on the clock', async () => {
    fakeClock();
    await vi.advanceTimersByTimeAsync(7_000);
    const deadline = new QuestionDeadline(1000);
    await vi.advanceTimersByTimeAsync(600);
    const answered = deadline.paused(() => sleep(3000));
    await vi.advanceTimersByTimeAsync(3000);
    await answered;
    await vi.advanceTimersByTimeAsync(399);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('stays stopped through a pause inside a pause, and counts the time between them once', async () => {
    fakeClock();
    await vi.advanceTimersByTimeAsync(1_000);
    const deadline = new QuestionDeadline(1000);
    await vi.advanceTimersByTimeAsync(300);
    const outer = deadline.paused(async () => {
      await sleep(2000);
      await deadline.paused(() => sleep(2000));
      await sleep(2000);
    });
    await vi.advanceTimersByTimeAsync(6000);
    await outer;
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(699);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('aborts with a message that says what ran out, and a pause after it starts no timer', async () => {
    fakeClock();
    const deadline = new QuestionDeadline(50);
    await vi.advanceTimersByTimeAsync(50);
    expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'The question took longer than its deadline.' });
    expect(vi.getTimerCount()).toBe(0);
    await deadline.paused(async () => undefined);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('region buckets', () => {
  afterEach(() => vi.useRealTimers());

  it('refills at the rate: a tenth of a second at 10 a second gives back one request', async () => {
    fakeClock();
    await vi.advanceTimersByTimeAsync(5_000);
    const bucket = new TokenBucket(10, 2);
    await bucket.take();
    await bucket.take();
    await vi.advanceTimersByTimeAsync(100);
    const start = performance.now();
    const passed: number[] = [];
    for (let i = 0; i < 2; i++) void bucket.take().then(() => passed.push(performance.now() - start));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual([0]);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toEqual([0, 100]);
  });

  it('keeps one set of buckets per session, made again when the rate setting changes', () => {
    const session = {} as AwsClients;
    const first = regionPacers(session, 10);
    expect(regionPacers(session, 10)).toBe(first);
    const slower = regionPacers(session, 4);
    expect(slower).not.toBe(first);
    expect(slower.perSecond).toBe(4);
    expect(regionPacers(session, 4)).toBe(slower);
    expect(regionPacers({} as AwsClients, 4)).not.toBe(slower);
  });
});

describe('a cancel during the last region\'s task', () => {
  it('is thrown, not recorded as that region\'s failure', async () => {
    const controller = new AbortController();
    const run = fanOut(['eu-west-1'], async () => {
      controller.abort(new Error('cancelled'));
      throw new Error('the request was aborted');
    }, { concurrency: 1, signal: controller.signal });
    await expect(run).rejects.toThrow('cancelled');
  });
});

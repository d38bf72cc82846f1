// Issue 13's "done when": every resource question of the corpus (test/corpus/questions.ts) gets the
// same answer whether the sandbox's ListResources returns only identifiers (as many real list
// handlers) or whole models. Only the calls differ: identifier-only listings need GetResource or the
// Tagging API for filters and columns. Real SDK clients over HTTP against two in-process sandboxes;
// their rate limits are off and describeLimit is high, as this is about answers, not pacing (the
// pacing and the limit have their own tests in answer-resources and describe-limit).
import { describe, expect, it } from 'vitest';
import type { Answer } from '../source/answer/answer.js';
import { planQuestion } from '../source/understanding/planner.js';
import { corpus } from './corpus/questions.js';
import { sandboxSession } from './helpers/session.js';

const flags = { sandboxRateLimits: false, regionRequestsPerSecond: 1000, describeLimit: 100_000 };
const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const plans = corpus.flatMap((entry) => {
  const planned = planQuestion(entry.question, context);
  return planned.kind === 'plan' && planned.plan.family === 'resources' ? [{ question: entry.question, plan: planned.plan }] : [];
});

const shown = (answer: Answer) => ({ outcome: answer.outcome, summary: answer.summary, table: answer.table, chart: answer.chart, warnings: answer.warnings, failures: answer.failures });

describe('resource answers in both listProperties modes', () => {
  it('covers the corpus: more than 100 resource questions', () => {
    expect(plans.length).toBeGreaterThan(100);
  });

  it('gives every resource question of the corpus the same answer in identifiers and full mode', async () => {
    const [bare, full] = await Promise.all([sandboxSession({ ...flags, sandboxListProperties: 'identifiers' }), sandboxSession({ ...flags, sandboxListProperties: 'full' })]);
    let readWhole = 0;
    for (const { question, plan } of plans) {
      const [a, b] = await Promise.all([bare.answer(plan), full.answer(plan)]);
      expect(shown(a), question).toEqual(shown(b));
      if (a.calls.some((call) => call.operation === 'GetResource' || call.operation === 'GetResources') && plan.intent !== 'describe') readWhole++;
    }
    // The identifier-only listings did need the extra reads: the modes were really different.
    expect(readWhole).toBeGreaterThan(20);
  }, 600_000);
});

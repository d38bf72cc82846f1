// The corpus (test/corpus/questions.ts) planned question by question: the score must reach 97%,
// every question that must be refused or clarified is, and every cost figure the corpus's total
// and breakdown questions give reconciles with a day-by-day sum over the sandbox's own API.
import type { Expression } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { planQuestion } from '../source/understanding/planner.js';
import type { PlanResult } from '../source/understanding/plan.js';
import { corpus, type CorpusEntry } from './corpus/questions.js';
import { dailyCosts } from './helpers/cost-sums.js';
import { sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

/** Whether `actual` holds everything `expected` names (objects in part, arrays and values exactly). */
function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => holds(actual[i], item));
  if (expected && typeof expected === 'object') return Boolean(actual) && typeof actual === 'object' && Object.entries(expected).every(([key, value]) => holds((actual as Record<string, unknown>)[key], value));
  return Object.is(actual, expected);
}

function passes(entry: CorpusEntry, result: PlanResult): boolean {
  if ('reply' in entry.expected) return result.kind === 'reply' && result.reason === entry.expected.reply;
  return result.kind === 'plan' && holds(result.plan, entry.expected.plan);
}

describe('the question corpus', () => {
  const results = corpus.map((entry) => ({ entry, result: planQuestion(entry.question, context) }));

  it('has at least 400 questions, 60 of them to refuse or clarify', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(corpus.filter((entry) => 'reply' in entry.expected).length).toBeGreaterThanOrEqual(60);
  });

  it('scores at least 97% on plans', () => {
    const failed = results.filter(({ entry, result }) => !passes(entry, result));
    const score = (results.length - failed.length) / results.length;
    console.log(`corpus score: ${(score * 100).toFixed(1)}% (${results.length - failed.length} of ${results.length})`);
    for (const { entry, result } of failed) console.log(`  missed: "${entry.question}" → ${result.kind === 'reply' ? `${result.reason}: ${result.message}` : JSON.stringify(result.plan)}`);
    expect(score).toBeGreaterThanOrEqual(0.97);
  });

  it('refuses or clarifies every question that must be', () => {
    const mustReply = results.filter(({ entry }) => 'reply' in entry.expected);
    expect(mustReply.filter(({ entry, result }) => !passes(entry, result)).map(({ entry }) => entry.question)).toEqual([]);
  });

  it('gives cost figures that reconcile with daily sums over the sandbox API', async () => {
    // The reconciliation, not throttling, is under test here: the test's own day-by-day calls and
    // the ~60 answers come faster than the sandbox's Cost Explorer quota (5/s, burst 10) allows.
    const session = await sandboxSession({ sandboxRateLimits: false });
    const daily = async (start: string, end: string, metric: string, filter: Expression | undefined) =>
      (await dailyCosts(session, start, end, { metric, ...(filter ? { filter } : {}) })).reduce((sum, cost) => sum + cost.amount, 0);
    let checked = 0;
    for (const { entry, result } of results) {
      if (result.kind !== 'plan' || (result.plan.family !== 'costs' && result.plan.family !== 'compare')) continue;
      // Executed ungated: the corpus asks more than the tier's 30 questions a minute.
      const { plan } = result;
      const answer = await session.answer(plan);
      const parts: Expression[] = [];
      if (plan.service) parts.push({ Dimensions: { Key: 'SERVICE', Values: plan.service.values } });
      if (plan.regions !== 'all') parts.push({ Dimensions: { Key: 'REGION', Values: Array.isArray(plan.regions) ? plan.regions : plan.regions.codes } });
      const filter = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { And: parts };
      const expected = await daily(plan.period.start, plan.period.end, plan.metric, filter);
      expect(answer.totals?.[0]?.amount, entry.question).toBeCloseTo(expected, 2);
      // A comparison's later period reconciles too.
      if (plan.family === 'compare') expect(answer.totals?.[1]?.amount, entry.question).toBeCloseTo(await daily(plan.comparePeriod.start, plan.comparePeriod.end, plan.metric, filter), 2);
      // A series (by day, week or month) adds up, point by point, to the same total.
      if (plan.family === 'costs' && plan.intent === 'cost-trend') expect(answer.chart?.points.reduce((sum, point) => sum + point.value, 0), entry.question).toBeCloseTo(expected, 2);
      checked += 1;
    }
    console.log(`cost figures reconciled: ${checked}`);
    expect(checked).toBeGreaterThan(50);
  }, 240_000);
});

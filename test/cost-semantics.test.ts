// Cost figures that mean what they say: the metric named and selectable, estimated months
// flagged, partial months labelled, a multi-month breakdown that adds its months up — each
// checked against the sandbox's own Cost Explorer, summed day by day with the SDK.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { planQuestion } from '../source/understanding/planner.js';
import { dailyByGroup } from './helpers/cost-sums.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

describe('the metric', () => {
  it.each([
    ['what did I spend last month', 'UnblendedCost'],
    ['amortized cost last month', 'AmortizedCost'],
    ['net unblended cost by service this month', 'NetUnblendedCost'],
    ['net amortized cost by service this month', 'NetAmortizedCost'],
    ['blended cost trend for the last 30 days', 'BlendedCost'],
    ['unblended spend this month vs last month', 'UnblendedCost'],
    ['amortized forecast for next month', 'AmortizedCost'],
  ])('%s uses %s', (question, metric) => {
    expect(planQuestion(question, context)).toMatchObject({ kind: 'plan', plan: { metric } });
  });
});

describe('cost answers against the sandbox', () => {
  let session: ChatSession;
  beforeAll(async () => {
    session = await sandboxSession();
  });

  it('names the metric it was asked for and sums it as Cost Explorer does', async () => {
    const { answer } = await askAnswer(session, 'amortized cost last month');
    expect(answer.summary).toMatch(/\(2026-10-01 to 2026-10-31; amortized cost\)\.$/);
    const byDay = [...(await dailyByGroup(session, '2026-10-01', '2026-11-01', 'SERVICE', 'AmortizedCost')).values()].reduce((x, y) => x + y, 0);
    expect(answer.totals?.[0]?.amount).toBeCloseTo(byDay, 2);
  });

  it('flags this month as estimated, and not last month', async () => {
    const { answer: now } = await askAnswer(session, 'what did I spend this month');
    expect(now.warnings).toContain("Figures for 2026-11-01 to 2026-11-22 are estimated (Cost Explorer marks them Estimated until the month's bill is final).");
    const { answer: before } = await askAnswer(session, 'what did I spend last month');
    expect(before.warnings.some((w) => w.includes('estimated'))).toBe(false);
  });

  it('labels a partial month by its days in a monthly series', async () => {
    const { answer } = await askAnswer(session, 'monthly cost since September');
    expect(answer.table?.rows.map((row) => row[0])).toEqual(['2026-09', '2026-10', '2026-11-01 to 2026-11-22']);
  });

  it('adds up six months of a breakdown by service, month by month', async () => {
    const { plan, answer } = await askAnswer(session, 'cost by service over the last 6 months');
    expect(plan).toMatchObject({ intent: 'cost-by-service', period: { start: '2026-05-01', end: '2026-11-01' } });
    const expected = await dailyByGroup(session, '2026-05-01', '2026-11-01', 'SERVICE');
    const shown = answer.chart?.points ?? [];
    expect(shown.length).toBeGreaterThan(3);
    for (const point of shown) expect(point.value).toBeCloseTo(expected.get(point.label) ?? Number.NaN, 2);
    // And each month on its own adds up to the same six-month figure.
    const months = ['05', '06', '07', '08', '09', '10'];
    let byMonth = 0;
    for (const [i, month] of months.entries()) {
      const end = i === months.length - 1 ? '2026-11-01' : `2026-${months[i + 1]}-01`;
      byMonth += [...(await dailyByGroup(session, `2026-${month}-01`, end, 'SERVICE')).values()].reduce((x, y) => x + y, 0);
    }
    expect(answer.totals?.[0]?.amount).toBeCloseTo(byMonth, 2);
  });
});

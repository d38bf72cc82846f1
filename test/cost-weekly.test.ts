// Weekly cost series: Cost Explorer has no weekly granularity (DAILY, MONTHLY, HOURLY in botocore's
// ce/2017-10-25 model), so qchat asks for days and sums them into Monday-start weeks. Checked through
// the planner, the summing on its own, and the sandbox's Cost Explorer summed here day by day.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { sumWeeks } from '../source/answer/execute-costs.js';
import { planQuestion } from '../source/understanding/planner.js';
import { runQchat } from './helpers/cli.js';
import { dailyCosts, sumBy } from './helpers/cost-sums.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

// A Sunday: this week began on Monday 2026-11-16.
const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const planOf = (question: string) => {
  const result = planQuestion(question, context);
  if (result.kind !== 'plan') throw new Error(`no plan for "${question}": ${result.message}`);
  return result.plan as unknown as Record<string, unknown>;
};

describe('planning a weekly series', () => {
  it.each([
    ['weekly cost trend', { start: '2026-09-28', end: '2026-11-23' }, 'the last 8 weeks'],
    ['weekly spend for the last 8 weeks', { start: '2026-09-28', end: '2026-11-23' }, 'the last 8 weeks'],
    ['cost per week over the last 4 weeks', { start: '2026-10-26', end: '2026-11-23' }, 'the last 4 weeks'],
    ['cost per week this month', { start: '2026-11-01', end: '2026-11-23' }, 'this month'],
    ['weekly costs over the last 3 full weeks', { start: '2026-10-26', end: '2026-11-16' }, 'the last 3 full weeks'],
    ['week over week cost since July', { start: '2026-07-01', end: '2026-11-23' }, 'since July 2026'],
  ])('%s sums days into weeks over %j', (question, period, periodLabel) => {
    expect(planOf(question)).toMatchObject({ intent: 'cost-trend', granularity: 'DAILY', bucket: 'week', period, periodLabel });
  });

  it('keeps the service and the region of a weekly question', () => {
    expect(planOf('weekly EC2 cost in eu-west-1 last month')).toMatchObject({ bucket: 'week', service: { values: ['Amazon Elastic Compute Cloud - Compute'] }, regions: ['eu-west-1'], period: { start: '2026-10-01', end: '2026-11-01' } });
  });

  it.each(['daily cost this month', 'monthly cost trend this year', 'cost trend last month'])('%s is no weekly series', (question) => {
    expect(planOf(question).bucket).toBeUndefined();
  });
});

describe('summing days into weeks', () => {
  const days = (start: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ label: new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value: i + 1 }));

  it('starts each week on a Monday, and marks the cut and the current weeks', () => {
    // Sunday 2026-11-01 to Sunday 2026-11-22: one day of the week of Oct 26, two whole weeks, and this week.
    expect(sumWeeks(days('2026-11-01', 22), '2026-11-22')).toEqual([
      { first: '2026-11-01', last: '2026-11-01', days: 1, value: 1, current: false },
      { first: '2026-11-02', last: '2026-11-08', days: 7, value: 2 + 3 + 4 + 5 + 6 + 7 + 8, current: false },
      { first: '2026-11-09', last: '2026-11-15', days: 7, value: 9 + 10 + 11 + 12 + 13 + 14 + 15, current: false },
      { first: '2026-11-16', last: '2026-11-22', days: 7, value: 16 + 17 + 18 + 19 + 20 + 21 + 22, current: true },
    ]);
  });

  it('has no weeks for no days', () => {
    expect(sumWeeks([], '2026-11-22')).toEqual([]);
  });
});

/** The sum of the days from `first` through `last`, both included. */
const between = (days: Map<string, number>, first: string, last: string) => [...days].filter(([day]) => day >= first && day <= last).reduce((sum, [, value]) => sum + value, 0);
const money = (cell: string) => Number(cell.replace(/[$,]/g, ''));

describe('weekly series against the sandbox', () => {
  let session: ChatSession;
  let days: Map<string, number>;
  beforeAll(async () => {
    session = await sandboxSession();
    days = sumBy(await dailyCosts(session, '2026-09-28', '2026-11-23'), (cost) => cost.day);
  });

  it('answers the last 8 weeks with eight Monday-start weeks that add up day by day', async () => {
    const { answer } = await askAnswer(session, 'weekly cost trend');
    expect(answer.table?.columns).toEqual(['Week', 'Cost']);
    const rows = answer.table!.rows;
    expect(rows.map((row) => row[0])).toEqual([
      '2026-09-28 to 2026-10-04',
      '2026-10-05 to 2026-10-11',
      '2026-10-12 to 2026-10-18',
      '2026-10-19 to 2026-10-25',
      '2026-10-26 to 2026-11-01',
      '2026-11-02 to 2026-11-08',
      '2026-11-09 to 2026-11-15',
      '2026-11-16 to 2026-11-22 (so far)',
    ]);
    for (const row of rows) {
      const [first = '', last = first] = row[0]!.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      expect(money(row[1]!)).toBeCloseTo(between(days, first, last), 2);
    }
    const whole = rows.slice(0, 7).map((row) => money(row[1]!));
    const average = whole.reduce((x, y) => x + y, 0) / 7;
    expect(answer.summary).toContain(`per week on average over the 7 whole weeks`);
    expect(answer.summary).toContain(`$${average.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per week`);
    expect(answer.summary).toContain('Not counted in the average: this week, still under way.');
    expect(answer.view).toBe('chart'); // eight bars, one per week, the same numbers as the table
  });

  it('labels the weeks a month cuts', async () => {
    const { answer } = await askAnswer(session, 'cost per week last month');
    const labels = answer.table!.rows.map((row) => row[0]);
    expect(labels[0]).toBe('2026-10-01 to 2026-10-04 (4 days)');
    expect(labels.at(-1)).toBe('2026-10-26 to 2026-10-31 (6 days)');
    expect(answer.summary).toContain('Not counted in the average: the first week (4 days) and the last week (6 days).');
    expect(answer.totals![0]!.amount).toBeCloseTo(between(days, '2026-10-01', '2026-10-31'), 2);
  });

  it('returns every week in JSON, its total the sum of the days', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'weekly spend for the last 4 weeks']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { plan: { bucket: string }; answer: { table: { rows: string[][] }; totals: Array<{ amount: number }> } };
    expect(output.plan.bucket).toBe('week');
    expect(output.answer.table.rows).toHaveLength(4);
    expect(output.answer.totals[0]!.amount).toBeCloseTo(between(days, '2026-10-26', '2026-11-22'), 2);
  });
});

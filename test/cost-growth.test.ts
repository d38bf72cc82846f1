// What grew, as people ask it: "between September and October" is those two months set side by
// side (not one range compared with the one before), and "which regions grew most" goes region by
// region (Cost Explorer's REGION dimension), not service by service. Checked through the planner
// and against the sandbox's Cost Explorer, summed day by day with the SDK.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { planQuestion } from '../source/understanding/planner.js';
import { runQchat } from './helpers/cli.js';
import { dailyByGroup } from './helpers/cost-sums.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const planOf = (question: string) => {
  const result = planQuestion(question, context);
  if (result.kind !== 'plan') throw new Error(`no plan for "${question}": ${result.message}`);
  return result.plan as unknown as Record<string, unknown>;
};
const p = (start: string, end: string) => ({ start, end });

describe('planning growth between two periods', () => {
  it.each([
    ['which services grew the most between September and October', p('2026-09-01', '2026-10-01'), p('2026-10-01', '2026-11-01')],
    ['what grew most from Q2 to Q3', p('2026-04-01', '2026-07-01'), p('2026-07-01', '2026-10-01')],
    ['which services rose most between October and September', p('2026-09-01', '2026-10-01'), p('2026-10-01', '2026-11-01')],
    ['which services increased from last month to this month', p('2026-10-01', '2026-10-23'), p('2026-11-01', '2026-11-23')],
  ])('%s sets %j against %j', (question, period, comparePeriod) => {
    expect(planOf(question)).toMatchObject({ family: 'compare', order: 'growth', period, comparePeriod });
  });

  it('keeps a range of days a range when nothing grows', () => {
    expect(planOf('spend between the 1st and the 15th')).toMatchObject({ intent: 'cost-total', period: p('2026-11-01', '2026-11-16') });
  });

  it.each(['which regions grew most last month', 'compare regions this month vs last month', "which region's cost rose the most this month", 'regions that went up in October'])('%s compares region by region', (question) => {
    expect(planOf(question)).toMatchObject({ family: 'compare', groupBy: 'REGION' });
  });

  it.each(['what grew most last month', 'this month vs last month in all regions', 'compare October and November in eu-west-1'])('%s compares service by service', (question) => {
    expect(planOf(question).groupBy).toBeUndefined();
  });
});

const money = (cell: string) => Number(cell.replace(/[$,+]/g, ''));

describe('region growth against the sandbox', () => {
  let session: ChatSession;
  let september: Map<string, number>;
  let october: Map<string, number>;
  beforeAll(async () => {
    session = await sandboxSession();
    [september, october] = await Promise.all([dailyByGroup(session, '2026-09-01', '2026-10-01', 'REGION'), dailyByGroup(session, '2026-10-01', '2026-11-01', 'REGION')]);
  });

  it('ranks the regions whose cost rose, by how much, each figure a sum of its days', async () => {
    const { answer } = await askAnswer(session, 'which regions grew most between September and October');
    const risen = [...new Set([...september.keys(), ...october.keys()])]
      .map((region) => ({ region, change: (october.get(region) ?? 0) - (september.get(region) ?? 0) }))
      .filter((row) => row.change > 0)
      .sort((x, y) => y.change - x.change)
      .slice(0, 5);
    expect(answer.table?.columns).toEqual(['Region', 'September 2026', 'October 2026', 'Change']);
    expect(answer.table?.rows.map((row) => row[0])).toEqual(risen.map((row) => row.region));
    for (const [i, row] of (answer.table?.rows ?? []).entries()) {
      expect(money(row[1]!)).toBeCloseTo(september.get(row[0]!) ?? 0, 2);
      expect(money(row[3]!)).toBeCloseTo(risen[i]!.change, 2);
    }
    expect(answer.summary).toMatch(/^October 2026: \$[\d,.]+, against \$[\d,.]+ in September 2026 \((?:up|down) [\d.]+%; unblended cost\)\. Grew most: /);
  });

  it('answers in JSON with the grouping in the plan', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'which regions grew most last month']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { plan: { groupBy: string }; answer: { table: { columns: string[] }; totals: Array<{ amount: number }> } };
    expect(output.plan.groupBy).toBe('REGION');
    expect(output.answer.table.columns[0]).toBe('Region');
    expect(output.answer.totals[1]!.amount).toBeCloseTo([...october.values()].reduce((x, y) => x + y, 0), 2);
  });
});

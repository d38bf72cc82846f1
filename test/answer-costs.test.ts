import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { tempHome } from './helpers/cli.js';
import { dailyByGroup } from './helpers/cost-sums.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

/** The same figure asked of the sandbox directly with the SDK, to check the answer's arithmetic. */
async function directTotal(session: ChatSession, start: string, end: string, service?: string): Promise<number> {
  const client = (await session.clients.get('costexplorer')) as CostExplorerClient;
  const reply = await client.send(
    new GetCostAndUsageCommand({
      TimePeriod: { Start: start, End: end },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      ...(service ? { Filter: { Dimensions: { Key: 'SERVICE', Values: [service] } } } : {}),
    }),
  );
  return reply.ResultsByTime!.reduce((sum, r) => sum + Number(r.Total!.UnblendedCost!.Amount), 0);
}

const dollars = (amount: number) => Number(amount.toFixed(2));
const moneyCell = (cell: string) => Number(cell.replace(/[$,+]/g, ''));

describe('cost questions against the sandbox over real HTTP', () => {
  let session: ChatSession;
  const home = tempHome();
  beforeAll(async () => {
    session = await sandboxSession({}, { home });
  });

  it('answers what was spent on EC2 last month, the service confirmed against GetDimensionValues', async () => {
    const { plan, answer: a } = await askAnswer(session, 'what did I spend on EC2 last month');
    expect(plan).toMatchObject({ intent: 'cost-total', service: { values: ['Amazon Elastic Compute Cloud - Compute'] }, period: { start: '2026-10-01', end: '2026-11-01' } });
    expect(a.calls.map((c) => c.operation)).toEqual(['GetDimensionValues', 'GetCostAndUsage']);
    const expected = await directTotal(session, '2026-10-01', '2026-11-01', 'Amazon Elastic Compute Cloud - Compute');
    expect(a.totals![0]!.amount).toBeCloseTo(expected, 2);
    expect(a.summary).toMatch(/^You spent \$[\d,]+\.\d\d on Amazon Elastic Compute Cloud - Compute last month \(2026-10-01 to 2026-10-31; unblended cost\)\.$/);
  });

  it('answers the same request from the disk cache, and says so', async () => {
    const { answer: a } = await askAnswer(session, 'what did I spend on EC2 last month');
    expect(a.calls.every((c) => c.fromCache)).toBe(true);
    expect(a.warnings.join()).toContain('Cost figures from the cache');
    const fresh = await sandboxSession({}, { home, noCache: true });
    const { answer: b } = await askAnswer(fresh, 'what did I spend on EC2 last month');
    expect(b.calls.some((c) => c.fromCache)).toBe(false);
    expect(b.totals).toEqual(a.totals);
  });

  it('never answers another principal of the same account from the cache (issue 16, item 14)', async () => {
    // grace and alice share account 111122223333; a principal Cost Explorer denies must hear so.
    const grace = await sandboxSession({ sandboxUser: 'grace' }, { home });
    expect(grace.caller.accountId).toBe(session.caller.accountId);
    const { answer } = await askAnswer(grace, 'what did I spend on EC2 last month');
    expect(answer.calls.some((c) => c.fromCache)).toBe(false);
  });

  it('breaks costs down by service, top N, with shares and a chart', async () => {
    const { plan, answer: a } = await askAnswer(session, 'top 5 services by cost last month');
    expect(plan).toMatchObject({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: 5 });
    expect(a.table!.rows).toHaveLength(5);
    expect(a.table!.note).toMatch(/^showing 5 of \d+ services$/);
    const values = a.chart!.points.map((p) => p.value);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(a.totals![0]!.amount).toBeCloseTo(await directTotal(session, '2026-10-01', '2026-11-01'), 2);
  });

  it('adds up a 6-month breakdown month by month: each service and the total reconcile with per-month figures', async () => {
    const { plan, answer: a } = await askAnswer(session, 'cost by service for the last 6 months');
    expect(plan).toMatchObject({ intent: 'cost-by-service', period: { start: '2026-05-01', end: '2026-11-01' } });
    const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
    const monthStart = (i: number) => (i < months.length ? `${months[i]}-01` : '2026-11-01');
    const perMonth = await Promise.all(months.map((_, i) => directTotal(session, monthStart(i), monthStart(i + 1))));
    expect(perMonth.every((amount) => amount > 0)).toBe(true);
    expect(a.totals![0]!.amount).toBeCloseTo(perMonth.reduce((x, y) => x + y, 0), 2);
    // The largest service, month by month with a SERVICE filter, adds up to its row.
    const [topService, topCell] = a.table!.rows[0]!;
    const topPerMonth = await Promise.all(months.map((_, i) => directTotal(session, monthStart(i), monthStart(i + 1), topService!)));
    expect(moneyCell(topCell!)).toBeCloseTo(dollars(topPerMonth.reduce((x, y) => x + y, 0)), 2);
  });

  it('breaks costs down by region: every region its own amount, largest first, the total their sum', async () => {
    const { answer: a } = await askAnswer(session, 'cost by region last month');
    expect(a.table!.columns).toEqual(['Region', 'Cost', 'Share']);
    const direct = await dailyByGroup(session, '2026-10-01', '2026-11-01', 'REGION');
    const expected = [...direct].sort((x, y) => y[1] - x[1]);
    expect(expected.length).toBeGreaterThan(1);
    expect(a.table!.rows.map((row) => [row[0], moneyCell(row[1]!)])).toEqual(expected.map(([region, amount]) => [region, dollars(amount)]));
    const sum = expected.reduce((acc, [, amount]) => acc + amount, 0);
    expect(a.totals![0]!.amount).toBeCloseTo(sum, 2);
    expect(a.table!.rows[0]![2]).toBe(`${Math.round((expected[0]![1] / sum) * 100)}%`);
  });

  it('draws a daily trend', async () => {
    const { plan, answer: a } = await askAnswer(session, 'daily cost trend for the last 30 days');
    expect(plan).toMatchObject({ intent: 'cost-trend', granularity: 'DAILY', period: { start: '2026-10-23', end: '2026-11-22' } });
    expect(a.chart!.points).toHaveLength(30);
    expect(a.chart!.kind).toBe('series');
  });

  it('forecasts the rest of the month and projects the month total from what the sandbox billed', async () => {
    const { answer: a } = await askAnswer(session, 'forecast for the rest of this month');
    expect(a.totals!.map((t) => t.label)).toEqual(['Spent so far this month', 'Forecast', 'Projected month total']);
    expect(a.calls.map((c) => c.operation)).toEqual(['GetCostForecast', 'GetCostAndUsage']);
    // Independently: the days before today, summed day by day, and Cost Explorer's own forecast
    // from today (2026-11-22) to the end of the month. Today is in the forecast, never in both.
    const billedDays = [...(await dailyByGroup(session, '2026-11-01', '2026-11-22', 'SERVICE')).values()].reduce((x, y) => x + y, 0);
    const client = (await session.clients.get('costexplorer')) as CostExplorerClient;
    const reply = await client.send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-11-22', End: '2026-12-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' }));
    const forecast = Number(reply.Total!.Amount);
    expect(billedDays).toBeGreaterThan(0);
    expect(forecast).toBeGreaterThan(0);
    const [spentShown, forecastShown, projectedShown] = a.totals!.map((t) => t.amount);
    expect(spentShown).toBeCloseTo(billedDays, 2);
    expect(forecastShown).toBeCloseTo(forecast, 2);
    expect(projectedShown).toBeCloseTo(billedDays + forecast, 2);
    expect(a.summary).toContain(`the month should end near $${(billedDays + forecast).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  });

  it('compares two periods service by service', async () => {
    const { plan, answer: a } = await askAnswer(session, 'this month vs last month');
    expect(plan).toMatchObject({ intent: 'cost-compare', period: { start: '2026-10-01', end: '2026-10-23' }, comparePeriod: { start: '2026-11-01', end: '2026-11-23' } });
    expect(a.table!.columns).toEqual(['Service', 'the same days of last month', 'this month so far', 'Change']);
    expect(a.warnings).toContain('This month so far is not over yet, so it is compared with the same number of days (2026-10-01 to 2026-10-22).');
    if (plan.family !== 'compare') throw new Error(`not a comparison: ${plan.family}`);
    // Month to date against the same days of last month, day by day from the sandbox.
    const lastMonth = await dailyByGroup(session, '2026-10-01', '2026-10-23', 'SERVICE');
    const thisMonth = await dailyByGroup(session, plan.comparePeriod.start, plan.comparePeriod.end, 'SERVICE');
    // Every row: both amounts as billed, the change from last month to this one with its sign, biggest change first.
    const changes = a.table!.rows.map(([service, before, now, change]) => {
      expect(moneyCell(before!)).toBeCloseTo(dollars(lastMonth.get(service!) ?? 0), 2);
      expect(moneyCell(now!)).toBeCloseTo(dollars(thisMonth.get(service!) ?? 0), 2);
      const difference = (thisMonth.get(service!) ?? 0) - (lastMonth.get(service!) ?? 0);
      expect(moneyCell(change!.replace('-$', '-'))).toBeCloseTo(dollars(difference), 2);
      expect(change!.startsWith(difference > 0 ? '+$' : '-$')).toBe(true);
      return Math.abs(difference);
    });
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
    const [totalBefore, totalNow] = [lastMonth, thisMonth].map((sums) => [...sums.values()].reduce((x, y) => x + y, 0));
    expect(a.totals!.map((t) => t.amount)).toEqual([expect.closeTo(totalBefore!, 2), expect.closeTo(totalNow!, 2)]);
    const share = Math.abs(totalNow! - totalBefore!) / totalBefore!;
    expect(a.summary).toContain(`(${totalNow! < totalBefore! ? 'down' : 'up'} ${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%; unblended cost)`);
  });

  it('ranks the services that grew most, reconciled day by day with the SDK', async () => {
    const { plan, answer: a } = await askAnswer(session, 'top 3 fastest growing services last month');
    expect(plan).toMatchObject({ family: 'compare', order: 'growth', limit: 3, period: { start: '2026-09-01', end: '2026-10-01' }, comparePeriod: { start: '2026-10-01', end: '2026-11-01' } });
    const [september, october] = [await dailyByGroup(session, '2026-09-01', '2026-10-01', 'SERVICE'), await dailyByGroup(session, '2026-10-01', '2026-11-01', 'SERVICE')];
    const growth = [...new Set([...september.keys(), ...october.keys()])]
      .map((service) => [service, (october.get(service) ?? 0) - (september.get(service) ?? 0)] as const)
      .filter(([, change]) => change > 0)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3);
    expect(a.table!.rows.map((row) => [row[0], moneyCell(row[3]!)])).toEqual(growth.map(([service, change]) => [service, dollars(change)]));
  });

  it('refuses a period outside the 13-month lookback without calling AWS', async () => {
    const result = await session.ask('what did I spend in March 2025');
    expect(result.kind).toBe('reply');
    if (result.kind === 'reply') expect(result.result.message).toContain('from 2025-11-01');
  });
});

describe('Cost Explorer failures', () => {
  it('is a failed answer, not a crash, when Cost Explorer keeps throttling', async () => {
    const session = await sandboxSession({ sandboxFaults: 'throttle=1', maxAttempts: 1 });
    const { answer: a } = await askAnswer(session, 'what did I spend last month');
    expect(a.outcome).toBe('failed');
    expect(a.failures).toEqual([{ region: 'us-east-1', code: 'LimitExceededException', message: 'Rate exceeded' }]);
  });
});

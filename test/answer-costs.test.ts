import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { tempHome } from './helpers/cli.js';
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

describe('cost questions against the sandbox over real HTTP', () => {
  let session: ChatSession;
  const home = tempHome();
  it('opens a session', async () => {
    session = await sandboxSession({}, { home });
  });

  it('answers what was spent on EC2 last month, the service confirmed against GetDimensionValues', async () => {
    const { plan, answer: a } = await askAnswer(session, 'what did I spend on EC2 last month');
    expect(plan).toMatchObject({ intent: 'cost-total', service: { values: ['Amazon Elastic Compute Cloud - Compute'] }, period: { start: '2026-10-01', end: '2026-11-01' } });
    expect(a.calls.map((c) => c.operation)).toEqual(['GetDimensionValues', 'GetCostAndUsage']);
    const expected = await directTotal(session, '2026-10-01', '2026-11-01', 'Amazon Elastic Compute Cloud - Compute');
    expect(a.totals![0]!.amount).toBeCloseTo(expected, 2);
    expect(a.summary).toMatch(/^You spent \$[\d,]+\.\d\d on EC2 last month \(2026-10-01 to 2026-10-31\)\.$/);
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

  it('breaks costs down by service, top N, with shares and a chart', async () => {
    const { plan, answer: a } = await askAnswer(session, 'top 5 services by cost last month');
    expect(plan).toMatchObject({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: 5 });
    expect(a.table!.rows).toHaveLength(5);
    expect(a.table!.note).toMatch(/^showing 5 of \d+ services$/);
    const values = a.chart!.points.map((p) => p.value);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(a.totals![0]!.amount).toBeCloseTo(await directTotal(session, '2026-10-01', '2026-11-01'), 2);
  });

  it('breaks costs down by region', async () => {
    const { answer: a } = await askAnswer(session, 'cost by region last month');
    expect(a.table!.columns).toEqual(['Region', 'Cost', 'Share']);
    expect(a.table!.rows.map((row) => row[0])).toContain('us-east-1');
  });

  it('draws a daily trend', async () => {
    const { plan, answer: a } = await askAnswer(session, 'daily cost trend for the last 30 days');
    expect(plan).toMatchObject({ intent: 'cost-trend', granularity: 'DAILY', period: { start: '2026-10-23', end: '2026-11-22' } });
    expect(a.chart!.points).toHaveLength(30);
    expect(a.chart!.kind).toBe('series');
  });

  it('forecasts the rest of the month and projects the month total', async () => {
    const { answer: a } = await askAnswer(session, 'forecast for the rest of this month');
    expect(a.totals!.map((t) => t.label)).toEqual(['Spent so far this month', 'Forecast', 'Projected month total']);
    const [spent, forecast, projected] = a.totals!.map((t) => t.amount);
    expect(projected).toBeCloseTo(spent! + forecast!, 6);
    expect(a.calls.map((c) => c.operation)).toEqual(['GetCostForecast', 'GetCostAndUsage']);
  });

  it('compares two periods service by service', async () => {
    const { plan, answer: a } = await askAnswer(session, 'this month vs last month');
    expect(plan).toMatchObject({ intent: 'cost-compare', period: { start: '2026-10-01', end: '2026-11-01' }, comparePeriod: { start: '2026-11-01' } });
    expect(a.table!.columns).toEqual(['Service', 'last month', 'this month', 'Change']);
    expect(a.warnings).toContain('This month is not over yet, so it is compared to date.');
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

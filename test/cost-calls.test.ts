// The arithmetic and bookkeeping under every cost answer, on Cost Explorer replies written out
// by hand (shapes as botocore's ce/2017-10-25 ResultByTime and GetCostForecast), and the forecast
// answer on a recorded Cost Explorer: which metric it asks for, the interval and the month's projection.
import type { GetCostForecastCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { emptyAnswer } from '../source/answer/answer.js';
import { amountOf, buildFilter, costAndUsage, record, resultAmount, sumGroups, sumTotals, unitOf } from '../source/answer/cost-calls.js';
import { answerForecast } from '../source/answer/cost-forecast.js';
import type { ForecastPlan } from '../source/understanding/plan.js';
import { recordedCosts } from './fixtures/recorded-costs.js';

const month = (start: string, groups: Array<[string, string]>, unit = 'USD'): ResultByTime => ({
  TimePeriod: { Start: start, End: start },
  Total: {},
  Groups: groups.map(([key, amount]) => ({ Keys: [key], Metrics: { UnblendedCost: { Amount: amount, Unit: unit } } })),
});
const total = (amount: string | undefined, unit?: string): ResultByTime => ({ Total: { UnblendedCost: { Amount: amount, Unit: unit } } });

describe('cost arithmetic', () => {
  it('adds each group over every month, largest first, keys joined, unnamed groups as (none)', () => {
    const results = [month('2026-09-01', [['EC2', '10.5'], ['S3', '2']]), month('2026-10-01', [['S3', '20'], ['EC2', '1.5'], ['', '3']]), { Groups: [{ Keys: ['EC2', 'us-east-1'], Metrics: { UnblendedCost: { Amount: '4' } } }] }];
    expect(sumGroups(results, 'UnblendedCost')).toEqual([
      ['S3', 22],
      ['EC2', 12],
      ['EC2 / us-east-1', 4],
      ['(none)', 3],
    ]);
    expect(sumGroups([{ Groups: [{ Metrics: { UnblendedCost: { Amount: '1' } } }] }, {}], 'UnblendedCost')).toEqual([['(none)', 1]]);
  });

  it('reads only the asked metric', () => {
    const both: ResultByTime = { Groups: [{ Keys: ['EC2'], Metrics: { UnblendedCost: { Amount: '5' }, AmortizedCost: { Amount: '7' } } }] };
    expect(sumGroups([both], 'AmortizedCost')).toEqual([['EC2', 7]]);
    expect(resultAmount({ Total: { UnblendedCost: { Amount: '5' }, BlendedCost: { Amount: '6' } } }, 'BlendedCost')).toBe(6);
  });

  it('totals a result from its Total, or from its groups when grouped, over every period', () => {
    expect(resultAmount(total('12.25'), 'UnblendedCost')).toBe(12.25);
    expect(resultAmount({ Total: { UnblendedCost: { Amount: '99' } }, Groups: [] }, 'UnblendedCost')).toBe(99);
    expect(resultAmount(month('2026-10-01', [['EC2', '1'], ['S3', '2.5']]), 'UnblendedCost')).toBe(3.5);
    expect(sumTotals([total('1', 'USD'), total('2.5'), month('2026-10-01', [['EC2', '4']])], 'UnblendedCost')).toEqual({ amount: 7.5, unit: 'USD' });
    expect(sumTotals([], 'UnblendedCost')).toEqual({ amount: 0, unit: 'USD' });
  });

  it('counts an unreadable amount as nothing', () => {
    expect([amountOf('3.5'), amountOf(undefined), amountOf('n/a'), amountOf('Infinity'), amountOf('-2')]).toEqual([3.5, 0, 0, 0, -2]);
  });

  it('takes the unit from the first result that has one, in its Total or its first group, else USD', () => {
    expect(unitOf([total('1'), total('1', 'EUR')], 'UnblendedCost')).toBe('EUR');
    expect(unitOf([month('2026-10-01', [['EC2', '1']], 'JPY')], 'UnblendedCost')).toBe('JPY');
    expect(unitOf([total('1')], 'UnblendedCost')).toBe('USD');
    expect(unitOf([total('1', 'GBP')], 'AmortizedCost')).toBe('USD');
  });

  it('filters by service, region, both (And) or nothing', () => {
    expect(buildFilter(undefined, undefined)).toBeUndefined();
    expect(buildFilter(['Amazon S3'], undefined)).toEqual({ Dimensions: { Key: 'SERVICE', Values: ['Amazon S3'] } });
    expect(buildFilter(undefined, ['eu-west-1'])).toEqual({ Dimensions: { Key: 'REGION', Values: ['eu-west-1'] } });
    expect(buildFilter(['Amazon S3'], ['eu-west-1', 'us-east-1'])).toEqual({
      And: [{ Dimensions: { Key: 'SERVICE', Values: ['Amazon S3'] } }, { Dimensions: { Key: 'REGION', Values: ['eu-west-1', 'us-east-1'] } }],
    });
  });
});

describe('recording the calls', () => {
  it('names each call and warns once, with the stored time in UTC, when figures come from the cache', () => {
    const answer = emptyAnswer('');
    record(answer, 'GetCostAndUsage', { value: [], pages: 2, cachedAt: undefined });
    expect(answer.warnings).toEqual([]);
    record(answer, 'GetDimensionValues', { value: [], pages: 1, cachedAt: new Date('2026-11-22T09:41:59.999Z') });
    record(answer, 'GetCostAndUsage', { value: [], pages: 1, cachedAt: new Date('2026-11-22T09:45:00Z') });
    expect(answer.calls).toEqual([
      { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', pages: 2, fromCache: false },
      { service: 'ce', operation: 'GetDimensionValues', region: 'us-east-1', pages: 1, fromCache: true },
      { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', pages: 1, fromCache: true },
    ]);
    expect(answer.warnings).toEqual(['Cost figures from the cache, stored 2026-11-22 09:41 UTC (--no-cache asks Cost Explorer again).']);
  });
});

const plan = (start: string, end: string, overrides: Partial<ForecastPlan> = {}): ForecastPlan => ({
  family: 'forecast', intent: 'forecast', period: { start, end }, periodLabel: 'the rest of this month', service: null, regions: 'all', metric: 'UnblendedCost', granularity: 'DAILY', ...overrides,
});

describe('the forecast answer', () => {
  const reply = {
    Total: { Amount: '300', Unit: 'USD' },
    ForecastResultsByTime: [
      { TimePeriod: { Start: '2026-11-22' }, MeanValue: '100', PredictionIntervalLowerBound: '80', PredictionIntervalUpperBound: '130' },
      { TimePeriod: { Start: '2026-11-23' }, MeanValue: '200', PredictionIntervalLowerBound: '150', PredictionIntervalUpperBound: '260' },
    ],
  } as GetCostForecastCommandOutput;
  const input = ({ input }: { input: unknown }) => input;

  it('asks for the plan\'s metric in the forecast\'s spelling, with its filter, and projects the month', async () => {
    const { run, requests, progress } = recordedCosts({ forecast: reply, costAndUsage: [[total('1000.5')]] });
    const filter = buildFilter(['Amazon S3'], undefined);
    const answer = await answerForecast(plan('2026-11-22', '2026-12-01', { metric: 'AmortizedCost' }), run('AmortizedCost', filter));
    expect(requests.map(input)).toEqual([
      { TimePeriod: { Start: '2026-11-22', End: '2026-12-01' }, Metric: 'AMORTIZED_COST', Granularity: 'DAILY', PredictionIntervalLevel: 80, Filter: filter },
      // Spent so far: from the 1st up to today, today excluded (the forecast starts today).
      { TimePeriod: { Start: '2026-11-01', End: '2026-11-22' }, Metrics: ['AmortizedCost'], Granularity: 'MONTHLY', Filter: filter },
    ]);
    expect(progress).toEqual(['GetCostForecast', 'GetCostAndUsage']);
    // The reply for the days so far carries UnblendedCost only: nothing of the AmortizedCost asked for.
    expect(answer.totals).toEqual([
      { label: 'Spent so far this month', amount: 0, unit: 'USD' },
      { label: 'Forecast', amount: 300, unit: 'USD' },
      { label: 'Projected month total', amount: 300, unit: 'USD' },
    ]);
    expect(answer.chart).toEqual({ kind: 'series', unit: 'USD', points: [{ label: '2026-11-22', value: 100 }, { label: '2026-11-23', value: 200 }] });
    expect(answer.summary).toBe(
      'Forecast for the rest of this month (2026-11-22 to 2026-11-30; amortized cost): $300.00 (80% likely between $230.00 and $390.00). With $0.00 spent so far, the month should end near $300.00.',
    );
  });

  it('adds what was spent so far to the forecast for the month\'s total', async () => {
    const { run } = recordedCosts({ forecast: reply, costAndUsage: [[total('1000.5'), total('0.25')]] });
    const answer = await answerForecast(plan('2026-11-22', '2026-12-01'), run());
    expect(answer.totals!.map((t) => t.amount)).toEqual([1000.75, 300, 1300.75]);
    expect(answer.summary).toContain('With $1,000.75 spent so far, the month should end near $1,300.75.');
  });

  it.each([
    ['on the 1st, when nothing is spent yet', '2026-11-01T10:00:00Z', plan('2026-11-01', '2026-12-01')],
    ['for a period that does not run to the month\'s end', '2026-11-22T10:00:00Z', plan('2026-11-22', '2026-11-29', { periodLabel: 'the next 7 days' })],
    ['for next month', '2026-11-22T10:00:00Z', plan('2026-12-01', '2027-01-01', { periodLabel: 'next month', granularity: 'MONTHLY' })],
  ])('gives the forecast alone %s', async (_case, now, forecastPlan) => {
    const { run, requests } = recordedCosts({ forecast: { Total: { Amount: '42', Unit: 'USD' }, ForecastResultsByTime: [{ MeanValue: '42' }] } }, now);
    const answer = await answerForecast(forecastPlan, run());
    expect(requests).toHaveLength(1);
    expect(answer.totals).toEqual([{ label: 'Forecast', amount: 42, unit: 'USD' }]);
    expect(answer.chart).toBeUndefined();
    expect(answer.summary).toMatch(/: \$42\.00\.$/);
  });

  it.each([
    ['UnblendedCost', 'UNBLENDED_COST'],
    ['NetUnblendedCost', 'NET_UNBLENDED_COST'],
    ['NetAmortizedCost', 'NET_AMORTIZED_COST'],
    ['BlendedCost', 'BLENDED_COST'],
  ] as const)('asks GetCostForecast for %s as %s', async (metric, spelled) => {
    const { run, requests } = recordedCosts({});
    const answer = await answerForecast(plan('2026-12-01', '2027-01-01', { metric }), run(metric));
    expect(requests[0]!.input).toMatchObject({ Metric: spelled });
    expect(answer.totals).toEqual([{ label: 'Forecast', amount: 0, unit: 'USD' }]);
  });

  it('asks GetCostAndUsage with the run\'s metric, filter and shape, and records the call', async () => {
    const { run, requests } = recordedCosts({ costAndUsage: [[total('5')]] });
    const costRun = run();
    const results = await costAndUsage(costRun, { start: '2026-10-01', end: '2026-11-01' }, { Granularity: 'DAILY', GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] });
    expect(results).toEqual([total('5')]);
    expect(requests.map(input)).toEqual([{ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Metrics: ['UnblendedCost'], Granularity: 'DAILY', GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] }]);
    expect(costRun.answer.calls).toEqual([{ service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', pages: 1, fromCache: false }]);
  });
});

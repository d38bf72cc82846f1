// The cost answers' smaller rules one row each, beside test/cost-answers.test.ts, on hand-written
// Cost Explorer replies (shapes as botocore's ce/2017-10-25 ResultByTime): months flagged Estimated,
// labels of partial months, a region group's codes as the filter, "show all", every metric's name,
// the progress reported per call, a comparison of the same days. Rows written to kill the mutants
// StrykerJS left alive in the cost-execution module (issue 17).
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { costAndUsage, pointLabel, record } from '../source/answer/cost-calls.js';
import { answerCosts, costPeriod, metricName, onWhat } from '../source/answer/execute-costs.js';
import type { ComparePlan, CostPlan } from '../source/understanding/plan.js';
import { grouped, recordedCosts, totalOf } from './fixtures/recorded-costs.js';

const scope = { periodLabel: 'last month', service: null, regions: 'all' as const, metric: 'UnblendedCost' as const, period: { start: '2026-10-01', end: '2026-11-01' } };
const costs = (plan: Partial<CostPlan> & Pick<CostPlan, 'intent'>): CostPlan => ({ ...scope, family: 'costs', granularity: 'MONTHLY', ...plan }) as CostPlan;
const span = (start: string, end: string, estimated: boolean, amount = '1'): ResultByTime => ({ TimePeriod: { Start: start, End: end }, Total: { UnblendedCost: { Amount: amount, Unit: 'USD' } }, Estimated: estimated });

describe('months Cost Explorer marks Estimated', () => {
  const note = (dates: string) => `Figures for ${dates} are estimated (Cost Explorer marks them Estimated until the month's bill is final).`;

  it('names the span from the first estimated month to the last, once however many calls return it', async () => {
    const replies = [span('2026-09-01', '2026-10-01', false), span('2026-10-01', '2026-11-01', true), span('2026-11-01', '2026-11-22', true)];
    const { run } = recordedCosts({ costAndUsage: [replies] });
    const costRun = run();
    await costAndUsage(costRun, { start: '2026-09-01', end: '2026-11-22' }, { Granularity: 'MONTHLY' });
    await costAndUsage(costRun, { start: '2026-09-01', end: '2026-11-22' }, { Granularity: 'MONTHLY' });
    expect(costRun.answer.warnings).toEqual([note('2026-10-01 to 2026-11-21')]);
  });

  it('names a single estimated day by its date, and says nothing when no figure is estimated', async () => {
    const one = recordedCosts({ costAndUsage: [[span('2026-11-21', '2026-11-22', true)]] });
    const oneRun = one.run();
    await costAndUsage(oneRun, { start: '2026-11-21', end: '2026-11-22' }, { Granularity: 'DAILY' });
    expect(oneRun.answer.warnings).toEqual([note('2026-11-21')]);
    const final = recordedCosts({ costAndUsage: [[span('2026-09-01', '2026-10-01', false), span('2026-10-01', '2026-11-01', false)]] });
    const finalRun = final.run();
    await costAndUsage(finalRun, scope.period, { Granularity: 'MONTHLY' });
    expect(finalRun.answer.warnings).toEqual([]);
  });
});

describe('a point\'s label', () => {
  it.each<[string, ResultByTime, 'DAILY' | 'MONTHLY', string]>([
    ['a day by its date', span('2026-11-05', '2026-11-06', false), 'DAILY', '2026-11-05'],
    ['a whole month by its month', span('2026-10-01', '2026-11-01', false), 'MONTHLY', '2026-10'],
    ['a month cut short at the end by its days', span('2026-11-01', '2026-11-22', false), 'MONTHLY', '2026-11-01 to 2026-11-21'],
    ['a month cut short at the start by its days', span('2026-10-15', '2026-11-01', false), 'MONTHLY', '2026-10-15 to 2026-10-31'],
  ])('names %s', (_case, result, granularity, label) => {
    expect(pointLabel(result, granularity)).toBe(label);
  });

  it('labels the months of a total that starts mid-month by their days', async () => {
    const { context } = recordedCosts({ costAndUsage: [[span('2026-09-15', '2026-10-01', false, '10'), span('2026-10-01', '2026-11-01', false, '20')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', period: { start: '2026-09-15', end: '2026-11-01' }, periodLabel: 'since 2026-09-15' }), context);
    expect(answer.table!.rows).toEqual([['2026-09-15 to 2026-09-30', '$10.00'], ['2026-10', '$20.00']]);
  });
});

describe('what the figures are filtered to and named as', () => {
  it('filters a named group of regions by its codes and names the group', async () => {
    const { context, requests } = recordedCosts({ costAndUsage: [[totalOf('2026-10-01', '8')]] });
    const europe = { group: 'Europe', codes: ['eu-west-1', 'eu-central-1'] };
    const answer = await answerCosts(costs({ intent: 'cost-total', regions: europe }), context);
    expect(requests[0]!.input).toMatchObject({ Filter: { Dimensions: { Key: 'REGION', Values: ['eu-west-1', 'eu-central-1'] } } });
    expect(answer.summary).toBe('You spent $8.00 in Europe last month (2026-10-01 to 2026-10-31; unblended cost).');
  });

  it('asks without a filter for every region', async () => {
    const { context, requests } = recordedCosts({ costAndUsage: [[totalOf('2026-10-01', '8')]] });
    await answerCosts(costs({ intent: 'cost-total' }), context);
    expect(requests[0]!.input).not.toHaveProperty('Filter');
  });

  it.each([
    ['UnblendedCost', 'unblended cost'],
    ['AmortizedCost', 'amortized cost'],
    ['NetUnblendedCost', 'net unblended cost'],
    ['NetAmortizedCost', 'net amortized cost'],
    ['BlendedCost', 'blended cost'],
  ] as const)('names %s as "%s"', (metric, name) => {
    expect(metricName(metric)).toBe(name);
    expect(costPeriod(costs({ intent: 'cost-total', metric }))).toBe(`2026-10-01 to 2026-10-31; ${name}`);
  });

  it("names services by Cost Explorer's own names, never by the words typed", () => {
    const named = (name: string, values: string[]) => onWhat(costs({ intent: 'cost-total', service: { name, values } }));
    expect([named('lamda', ['AWS Lambda']), named('storage', ['Amazon Simple Storage Service']), named('eks', ['Amazon Elastic Kubernetes Service', 'Amazon Elastic Container Service for Kubernetes'])]).toEqual([
      ' on AWS Lambda',
      ' on Amazon Simple Storage Service',
      ' on Amazon Elastic Kubernetes Service and Amazon Elastic Container Service for Kubernetes',
    ]);
  });
});

describe('the service check', () => {
  it('reports each call as it starts: the service lookup, then the costs', async () => {
    const { context, progress } = recordedCosts({ dimensionValues: ['AWS Lambda'], costAndUsage: [[totalOf('2026-10-01', '2')]] });
    await answerCosts(costs({ intent: 'cost-total', service: { name: 'Lambda', values: ['AWS Lambda'] } }), context);
    expect(progress).toEqual(['GetDimensionValues', 'GetCostAndUsage']);
  });

  it('warns of a loose match only when there is one', async () => {
    const exact = recordedCosts({ dimensionValues: ['AWS Lambda', 'AWS Lambda Edge'], costAndUsage: [[totalOf('2026-10-01', '2')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: { name: 'Lambda', values: ['AWS Lambda'] } }), exact.context);
    expect(answer.warnings).toEqual([]);
    expect(exact.requests[1]!.input).toMatchObject({ Filter: { Dimensions: { Key: 'SERVICE', Values: ['AWS Lambda'] } } });
    const none = recordedCosts({ dimensionValues: ['Amazon S3'] });
    expect((await answerCosts(costs({ intent: 'cost-total', service: { name: 'ec2', values: ['Amazon EC2'] } }), none.context)).warnings).toEqual([]);
  });

  it('records the lookup among the calls', async () => {
    const { context } = recordedCosts({ dimensionValues: ['AWS Lambda'], costAndUsage: [[totalOf('2026-10-01', '2')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: { name: 'Lambda', values: ['AWS Lambda'] } }), context);
    expect(answer.calls.map(({ operation }) => operation)).toEqual(['GetDimensionValues', 'GetCostAndUsage']);
  });
});

describe('"show all" and units', () => {
  const services = [grouped('2026-10-01', [['A', '3'], ['B', '2'], ['C', '1']], 'EUR')];

  it('marks a breakdown asked for in full, and shows every row past the table rows setting', async () => {
    const { context } = recordedCosts({ costAndUsage: [services] }, '2026-11-22T10:00:00Z', { tableRows: 1 });
    const answer = await answerCosts(costs({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: null, allRows: true }), context);
    expect(answer.table).toEqual({ columns: ['Service', 'Cost', 'Share'], rows: [['A', '3.00 EUR', '50%'], ['B', '2.00 EUR', '33%'], ['C', '1.00 EUR', '17%']], optional: ['Share'], all: true });
    expect(answer.totals).toEqual([{ label: 'Total', amount: 6, unit: 'EUR' }]);
  });

  it('marks a comparison asked for in full, in the earlier period\'s unit', async () => {
    const { context } = recordedCosts({ costAndUsage: [services, [grouped('2026-11-01', [['A', '4']], 'EUR')]] }, '2026-11-22T10:00:00Z', { tableRows: 1 });
    const compare: ComparePlan = { ...scope, family: 'compare', intent: 'cost-compare', comparePeriod: { start: '2026-11-01', end: '2026-11-23' }, comparePeriodLabel: 'this month', order: 'change', limit: null, allRows: true };
    const answer = await answerCosts(compare, context);
    expect(answer.table).toMatchObject({ all: true, rows: [['B', '2.00 EUR', '0.00 EUR', '-2.00 EUR'], ['A', '3.00 EUR', '4.00 EUR', '+1.00 EUR'], ['C', '1.00 EUR', '0.00 EUR', '-1.00 EUR']] });
    expect(answer.table).not.toHaveProperty('note');
  });

  it('averages a trend over its points in their unit', async () => {
    const { context } = recordedCosts({ costAndUsage: [[totalOf('2026-11-19', '1', 'EUR'), totalOf('2026-11-20', '2', 'EUR')]] });
    const answer = await answerCosts(costs({ intent: 'cost-trend', granularity: 'DAILY', period: { start: '2026-11-19', end: '2026-11-21' }, periodLabel: 'the last 2 days' }), context);
    expect(answer.summary).toBe('Daily cost over the last 2 days (2026-11-19 to 2026-11-20; unblended cost): 3.00 EUR in total, 1.50 EUR per day on average; highest on 2026-11-20 (2.00 EUR).');
  });
});

describe('a comparison while the later period runs', () => {
  const base: ComparePlan = { ...scope, family: 'compare', intent: 'cost-compare', comparePeriod: { start: '2026-11-01', end: '2026-11-23' }, comparePeriodLabel: 'this month', order: 'change', limit: null };
  const replies = { costAndUsage: [[grouped('2026-10-01', [['A', '1']])], [grouped('2026-11-01', [['A', '2']])]] };

  it('says it compares the same number of days when both periods stop mid-month', async () => {
    const { context } = recordedCosts(replies);
    const answer = await answerCosts({ ...base, period: { start: '2026-10-01', end: '2026-10-23' }, periodLabel: 'the same days last month' }, context);
    expect(answer.warnings).toEqual(['This month is not over yet, so it is compared with the same number of days (2026-10-01 to 2026-10-22).']);
  });

  it('says it compares to date when the earlier period is a whole month', async () => {
    const { context } = recordedCosts(replies);
    expect((await answerCosts(base, context)).warnings).toEqual(['This month is not over yet, so it is compared to date.']);
  });

  it('says nothing once the later period ends today', async () => {
    const { context } = recordedCosts(replies);
    expect((await answerCosts({ ...base, comparePeriod: { start: '2026-11-01', end: '2026-11-22' } }, context)).warnings).toEqual([]);
  });
});

describe('the cache note', () => {
  it('is added once even when other warnings came first', async () => {
    const { run } = recordedCosts({ costAndUsage: [[span('2026-11-01', '2026-11-22', true)]] });
    const costRun = run();
    await costAndUsage(costRun, { start: '2026-11-01', end: '2026-11-22' }, { Granularity: 'MONTHLY' });
    record(costRun.answer, 'GetCostAndUsage', { value: [], pages: 1, cachedAt: new Date('2026-11-22T09:30:00Z') });
    record(costRun.answer, 'GetCostAndUsage', { value: [], pages: 1, cachedAt: new Date('2026-11-22T09:31:00Z') });
    expect(costRun.answer.warnings).toEqual([
      "Figures for 2026-11-01 to 2026-11-21 are estimated (Cost Explorer marks them Estimated until the month's bill is final).",
      'Cost figures from the cache, stored 2026-11-22 09:30 UTC (--no-cache asks Cost Explorer again).',
    ]);
  });
});

describe('a forecast\'s figures', () => {
  it('projects the month only for a forecast that starts today: one from tomorrow to the month\'s end is the forecast alone', async () => {
    const { context, requests } = recordedCosts({ forecast: { Total: { Amount: '42', Unit: 'USD' } } });
    const answer = await answerCosts({ ...scope, family: 'forecast', intent: 'forecast', granularity: 'DAILY', period: { start: '2026-11-23', end: '2026-12-01' }, periodLabel: 'from tomorrow' }, context);
    expect(requests.map(({ operation }) => operation)).toEqual(['GetCostForecast']);
    expect(answer.totals).toEqual([{ label: 'Forecast', amount: 42, unit: 'USD' }]);
  });

  it('takes the forecast\'s unit and adds the interval over every period', async () => {
    const forecast = {
      Total: { Amount: '30', Unit: 'EUR' },
      ForecastResultsByTime: [
        { TimePeriod: { Start: '2026-12-01', End: '2027-01-01' }, MeanValue: '10', PredictionIntervalLowerBound: '5', PredictionIntervalUpperBound: '15' },
        { TimePeriod: { Start: '2027-01-01', End: '2027-02-01' }, MeanValue: '20', PredictionIntervalLowerBound: '12', PredictionIntervalUpperBound: '25' },
      ],
    };
    const { context } = recordedCosts({ forecast });
    const answer = await answerCosts({ ...scope, family: 'forecast', intent: 'forecast', granularity: 'MONTHLY', period: { start: '2026-12-01', end: '2027-02-01' }, periodLabel: 'the next 2 months' }, context);
    expect(answer.totals).toEqual([{ label: 'Forecast', amount: 30, unit: 'EUR' }]);
    expect(answer.summary).toBe('Forecast for the next 2 months (2026-12-01 to 2027-01-31; unblended cost): 30.00 EUR (80% likely between 17.00 EUR and 40.00 EUR).');
    expect(answer.calls).toEqual([{ service: 'ce', operation: 'GetCostForecast', region: 'us-east-1', pages: 1, fromCache: false }]);
  });
});

describe('a comparison\'s requests, rows and summary', () => {
  const base: ComparePlan = {
    ...scope, family: 'compare', intent: 'cost-compare', periodLabel: 'Q2 2026', period: { start: '2026-04-01', end: '2026-07-01' },
    comparePeriod: { start: '2026-07-01', end: '2026-10-01' }, comparePeriodLabel: 'Q3 2026', order: 'change', limit: null,
  };
  const months = (starts: string[], rows: Array<Array<[string, string]>>) => starts.map((start, i) => grouped(start, rows[i]!));

  it('asks for each period by month and service, and adds the months of each before comparing', async () => {
    const { context, requests } = recordedCosts({
      costAndUsage: [
        months(['2026-04-01', '2026-05-01', '2026-06-01'], [[['A', '10'], ['B', '1']], [['A', '20']], [['A', '30'], ['B', '2']]]),
        months(['2026-07-01', '2026-08-01', '2026-09-01'], [[['A', '5']], [['A', '5'], ['B', '4']], [['B', '4']]]),
      ],
    });
    const answer = await answerCosts(base, context);
    const shape = { Metrics: ['UnblendedCost'], Granularity: 'MONTHLY', GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] };
    expect(requests.map(({ input }) => input)).toEqual([
      { TimePeriod: { Start: '2026-04-01', End: '2026-07-01' }, ...shape },
      { TimePeriod: { Start: '2026-07-01', End: '2026-10-01' }, ...shape },
    ]);
    // A: 10 + 20 + 30 = 60 before, 5 + 5 = 10 after; B: 1 + 2 = 3 before, 4 + 4 = 8 after.
    expect(answer.table!.rows).toEqual([['A', '$60.00', '$10.00', '-$50.00'], ['B', '$3.00', '$8.00', '+$5.00']]);
    expect(answer.totals).toEqual([{ label: 'Q2 2026', amount: 63, unit: 'USD' }, { label: 'Q3 2026', amount: 18, unit: 'USD' }]);
    expect(answer.summary).toBe('Q3 2026: $18.00, against $63.00 in Q2 2026 (down 71%; unblended cost). Biggest change: A (-$50.00).');
  });

  it('shows an unchanged service without a sign, and leaves it out of what grew', async () => {
    const replies = { costAndUsage: [[grouped('2026-04-01', [['A', '7'], ['B', '1']])], [grouped('2026-07-01', [['A', '7'], ['B', '3']])]] };
    const change = await answerCosts(base, recordedCosts(replies).context);
    expect(change.table!.rows).toEqual([['B', '$1.00', '$3.00', '+$2.00'], ['A', '$7.00', '$7.00', '$0.00']]);
    const growth = await answerCosts({ ...base, order: 'growth' }, recordedCosts(replies).context);
    expect(growth.table!.rows).toEqual([['B', '$1.00', '$3.00', '+$2.00']]);
    expect(growth.table).not.toHaveProperty('note');
  });

  it('ranks every increase largest first and names each in the summary', async () => {
    // Ranked by the increase, not by where a service started or ended: A ends highest and grows least.
    const replies = { costAndUsage: [[grouped('2026-04-01', [['A', '100'], ['B', '1'], ['C', '50'], ['D', '9']])], [grouped('2026-07-01', [['A', '101'], ['B', '11'], ['C', '54'], ['D', '1']])]] };
    const answer = await answerCosts({ ...base, order: 'growth' }, recordedCosts(replies).context);
    expect(answer.table!.rows.map(([service, , , change]) => [service, change])).toEqual([['B', '+$10.00'], ['C', '+$4.00'], ['A', '+$1.00']]);
    expect(answer.summary).toBe('Q3 2026: $167.00, against $160.00 in Q2 2026 (up 4.4%; unblended cost). Grew most: B (+$10.00), C (+$4.00), A (+$1.00).');
    // Close increases from different starts: E (10 to 13) grew more than F (5 to 6), whichever is compared with which.
    const close = { costAndUsage: [[grouped('2026-04-01', [['E', '10'], ['F', '5']])], [grouped('2026-07-01', [['E', '13'], ['F', '6']])]] };
    expect((await answerCosts({ ...base, order: 'growth' }, recordedCosts(close).context)).table!.rows.map(([service]) => service)).toEqual(['E', 'F']);
  });

  it('says nothing of a mover when neither period has costs', async () => {
    const answer = await answerCosts(base, recordedCosts({ costAndUsage: [[], []] }).context);
    expect(answer.table!.rows).toEqual([]);
    expect(answer.summary).toBe('Q3 2026: $0.00, against $0.00 in Q2 2026 (unblended cost).');
  });

  it('compares to date a running period that ends on the 1st, even against the same days', async () => {
    const { context } = recordedCosts({ costAndUsage: [[grouped('2026-10-01', [['A', '1']])], [grouped('2026-11-01', [['A', '2']])]] });
    const answer = await answerCosts({ ...base, period: { start: '2026-10-01', end: '2026-10-23' }, periodLabel: 'October', comparePeriod: { start: '2026-11-01', end: '2026-12-01' }, comparePeriodLabel: 'this month' }, context);
    expect(answer.warnings).toEqual(['This month is not over yet, so it is compared to date.']);
  });
});

describe('the service check, matched loosely', () => {
  it('takes a listed name that the planner\'s name contains, ignoring case', async () => {
    const { context, requests } = recordedCosts({ dimensionValues: ['Amazon Simple Storage Service', 'AWS Lambda'], costAndUsage: [[totalOf('2026-10-01', '3')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: { name: 's3', values: ['amazon simple storage service (s3)'] } }), context);
    expect(answer.warnings).toEqual(['Matched s3 to Amazon Simple Storage Service.']);
    expect(requests[1]!.input).toMatchObject({ Filter: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Simple Storage Service'] } } });
  });

  it('skips a listed entry without a value, which would otherwise match every name', async () => {
    const { context, costs: explorer, requests } = recordedCosts({ dimensionValues: ['AWS Lambda'] });
    const original = explorer.getDimensionValues.bind(explorer);
    explorer.getDimensionValues = async (input, signal) => {
      const call = await original(input, signal);
      return { ...call, value: [{}, ...call.value] };
    };
    const answer = await answerCosts(costs({ intent: 'cost-total', service: { name: 'ec2', values: ['Amazon EC2'] } }), context);
    expect(answer.warnings).toEqual([]);
    expect(answer.summary).toBe('No Amazon EC2 spend last month (2026-10-01 to 2026-10-31; unblended cost): Cost Explorer lists no matching service in that period.');
    expect(requests.map(({ operation }) => operation)).toEqual(['GetDimensionValues']);
  });
});

describe('a caller that follows no progress', () => {
  it('gets every answer without an onProgress: a total with its service check, and a forecast', async () => {
    const total = recordedCosts({ dimensionValues: ['AWS Lambda'], costAndUsage: [[totalOf('2026-10-01', '2')]] });
    const quiet = { ...total.context, onProgress: undefined };
    expect((await answerCosts(costs({ intent: 'cost-total', service: { name: 'Lambda', values: ['AWS Lambda'] } }), quiet)).summary).toBe('You spent $2.00 on AWS Lambda last month (2026-10-01 to 2026-10-31; unblended cost).');
    const forecast = recordedCosts({ forecast: { Total: { Amount: '42', Unit: 'USD' } } });
    const answer = await answerCosts({ ...scope, family: 'forecast', intent: 'forecast', granularity: 'DAILY', period: { start: '2026-11-23', end: '2026-12-01' }, periodLabel: 'from tomorrow' }, { ...forecast.context, onProgress: undefined });
    expect(answer.outcome).toBe('answered');
    expect(answer.totals).toEqual([{ label: 'Forecast', amount: 42, unit: 'USD' }]);
  });
});

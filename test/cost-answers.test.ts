// Each cost answer from hand-written Cost Explorer replies: what is asked, the amounts, tables,
// charts and summaries, the service check and failures. Figures are chosen so each rule shows:
// a multi-month breakdown adds months, a compare's change reads from the earlier period to the later.
import { describe, expect, it } from 'vitest';
import { answerCosts, onWhat, spentVerb } from '../source/answer/execute-costs.js';
import type { AnyCostPlan, ComparePlan, CostPlan } from '../source/understanding/plan.js';
import { grouped, recordedCosts, totalOf } from './fixtures/recorded-costs.js';

const scope = { periodLabel: 'last month', service: null, regions: 'all' as const, metric: 'UnblendedCost' as const, period: { start: '2026-10-01', end: '2026-11-01' } };
const costs = (plan: Partial<CostPlan> & Pick<CostPlan, 'intent'>): CostPlan => ({ ...scope, family: 'costs', granularity: 'MONTHLY', ...plan }) as CostPlan;

describe('cost totals', () => {
  it('totals one month in one sentence, without a table', async () => {
    const { context, requests } = recordedCosts({ costAndUsage: [[totalOf('2026-10-01', '1234.5')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total' }), context);
    expect(requests.map(({ input }) => input)).toEqual([{ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Metrics: ['UnblendedCost'], Granularity: 'MONTHLY' }]);
    expect(answer.totals).toEqual([{ label: 'Total', amount: 1234.5, unit: 'USD' }]);
    expect(answer.summary).toBe('You spent $1,234.50 last month (2026-10-01 to 2026-10-31; unblended cost).');
    expect(answer.table).toBeUndefined();
    expect(answer.chart).toBeUndefined();
  });

  it('adds the months of a longer period and shows them month by month', async () => {
    const { context } = recordedCosts({ costAndUsage: [[totalOf('2026-09-01', '100'), totalOf('2026-10-01', '250'), totalOf('2026-11-01', '7.25')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', period: { start: '2026-09-01', end: '2026-11-23' }, periodLabel: 'since September' }), context);
    expect(answer.totals).toEqual([{ label: 'Total', amount: 357.25, unit: 'USD' }]);
    expect(answer.summary).toBe('You have spent $357.25 since September (2026-09-01 to 2026-11-22; unblended cost).');
    expect(answer.table).toEqual({ columns: ['Month', 'Cost'], rows: [['2026-09', '$100.00'], ['2026-10', '$250.00'], ['2026-11', '$7.25']] });
    expect(answer.chart).toEqual({ kind: 'series', unit: 'USD', points: [{ label: '2026-09', value: 100 }, { label: '2026-10', value: 250 }, { label: '2026-11', value: 7.25 }] });
  });

  it('says what the figures are filtered to', () => {
    expect(onWhat(costs({ intent: 'cost-total' }))).toBe('');
    expect(onWhat(costs({ intent: 'cost-total', service: { name: 'ec2', values: ['Amazon Elastic Compute Cloud - Compute'] }, regions: ['eu-west-1', 'us-east-1'] }))).toBe(' on Amazon Elastic Compute Cloud - Compute in eu-west-1, us-east-1');
    expect(onWhat(costs({ intent: 'cost-total', service: { name: 'Lambda', values: ['AWS Lambda'] } }))).toBe(' on AWS Lambda');
    expect(spentVerb({ start: '2026-11-01', end: '2026-11-23' }, new Date('2026-11-22T10:00:00Z'))).toBe('have spent');
    expect(spentVerb({ start: '2026-11-01', end: '2026-11-22' }, new Date('2026-11-22T10:00:00Z'))).toBe('spent');
  });
});

describe('breakdowns', () => {
  const sixMonths = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map((month, i) =>
    grouped(`${month}-01`, [['Amazon EC2', String(100 + i)], ['Amazon S3', '10'], ...(i === 5 ? [['AWS Lambda', '1'] as [string, string]] : [])]),
  );

  it('adds each service over six months, largest first, with shares and a chart', async () => {
    const { context, requests } = recordedCosts({ costAndUsage: [sixMonths] });
    const answer = await answerCosts(costs({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: null, period: { start: '2026-05-01', end: '2026-11-01' }, periodLabel: 'last 6 months' }), context);
    expect(requests[0]!.input).toMatchObject({ GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }], Granularity: 'MONTHLY' });
    // EC2: 100 + 101 + … + 105 = 615; S3: 6 × 10 = 60; Lambda 1.
    expect(answer.totals).toEqual([{ label: 'Total', amount: 676, unit: 'USD' }]);
    expect(answer.table).toEqual({ columns: ['Service', 'Cost', 'Share'], rows: [['Amazon EC2', '$615.00', '91%'], ['Amazon S3', '$60.00', '8.9%'], ['AWS Lambda', '$1.00', '0.1%']], optional: ['Share'] });
    expect(answer.chart).toEqual({ kind: 'breakdown', unit: 'USD', points: [{ label: 'Amazon EC2', value: 615 }, { label: 'Amazon S3', value: 60 }, { label: 'AWS Lambda', value: 1 }] });
    expect(answer.summary).toBe('You spent $676.00 over the last 6 months (2026-05-01 to 2026-10-31; unblended cost); the most went to Amazon EC2 ($615.00).');
  });

  it('shows the top N, or the table rows setting, and says how many there are', async () => {
    const top = recordedCosts({ costAndUsage: [sixMonths] });
    const answer = await answerCosts(costs({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: 2 }), top.context);
    expect(answer.table!.rows.map(([service]) => service)).toEqual(['Amazon EC2', 'Amazon S3']);
    expect(answer.table!.note).toBe('showing 2 of 3 services');
    expect(answer.totals![0]!.amount).toBe(676);
    const capped = recordedCosts({ costAndUsage: [sixMonths] }, '2026-11-22T10:00:00Z', { tableRows: 1 });
    const byRegion = await answerCosts(costs({ intent: 'cost-by-region', groupBy: 'REGION', limit: 5 }), capped.context);
    expect(byRegion.table).toMatchObject({ columns: ['Region', 'Cost', 'Share'], note: 'showing 1 of 3 regions' });
    expect(capped.requests[0]!.input).toMatchObject({ GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] });
    const all = recordedCosts({ costAndUsage: [sixMonths] });
    expect((await answerCosts(costs({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: 3 }), all.context)).table!.note).toBeUndefined();
  });

  it('says so when nothing was spent', async () => {
    const { context } = recordedCosts({ costAndUsage: [[grouped('2026-10-01', [])]] });
    const answer = await answerCosts(costs({ intent: 'cost-by-region', groupBy: 'REGION', limit: null, regions: ['eu-west-1'] }), context);
    expect(answer.summary).toBe('No costs in eu-west-1 last month (2026-10-01 to 2026-10-31; unblended cost).');
    expect(answer.table!.rows).toEqual([]);
    const zero = recordedCosts({ costAndUsage: [[grouped('2026-10-01', [['Amazon S3', '0']])]] });
    expect((await answerCosts(costs({ intent: 'cost-by-service', groupBy: 'SERVICE', limit: null }), zero.context)).table!.rows).toEqual([['Amazon S3', '$0.00', '']]);
  });
});

describe('trends', () => {
  it('draws days with the average and the peak', async () => {
    const { context, requests } = recordedCosts({ costAndUsage: [[totalOf('2026-11-19', '10'), totalOf('2026-11-20', '30'), totalOf('2026-11-21', '20')]] });
    const answer = await answerCosts(costs({ intent: 'cost-trend', granularity: 'DAILY', period: { start: '2026-11-19', end: '2026-11-22' }, periodLabel: 'the last 3 days' }), context);
    expect(requests[0]!.input).toMatchObject({ Granularity: 'DAILY' });
    expect(answer.chart).toEqual({ kind: 'series', unit: 'USD', points: [{ label: '2026-11-19', value: 10 }, { label: '2026-11-20', value: 30 }, { label: '2026-11-21', value: 20 }] });
    expect(answer.table).toEqual({ columns: ['Day', 'Cost'], rows: [['2026-11-19', '$10.00'], ['2026-11-20', '$30.00'], ['2026-11-21', '$20.00']] });
    expect(answer.totals).toEqual([{ label: 'Total', amount: 60, unit: 'USD' }]);
    expect(answer.summary).toBe('Daily cost over the last 3 days (2026-11-19 to 2026-11-21; unblended cost): $60.00 in total, $20.00 per day on average; highest on 2026-11-20 ($30.00).');
  });

  it('draws months by month, the first of equal peaks highest', async () => {
    const { context } = recordedCosts({ costAndUsage: [[totalOf('2026-09-01', '5'), totalOf('2026-10-01', '5')]] });
    const answer = await answerCosts(costs({ intent: 'cost-trend', granularity: 'MONTHLY', periodLabel: 'the last 2 months' }), context);
    expect(answer.table).toEqual({ columns: ['Month', 'Cost'], rows: [['2026-09', '$5.00'], ['2026-10', '$5.00']] });
    expect(answer.summary).toBe('Monthly cost over the last 2 months (2026-10-01 to 2026-10-31; unblended cost): $10.00 in total, $5.00 per month on average; highest in September 2026 ($5.00).');
    const empty = recordedCosts({ costAndUsage: [[]] });
    expect((await answerCosts(costs({ intent: 'cost-trend', granularity: 'DAILY' }), empty.context)).summary).toBe('No costs last month (2026-10-01 to 2026-10-31; unblended cost).');
  });
});

describe('comparisons', () => {
  const compare: ComparePlan = {
    ...scope, family: 'compare', intent: 'cost-compare', periodLabel: 'last month', comparePeriod: { start: '2026-11-01', end: '2026-11-23' }, comparePeriodLabel: 'this month', order: 'change', limit: null,
  };

  it('reads the change from the earlier period to the later, biggest change first', async () => {
    const { context, requests } = recordedCosts({
      costAndUsage: [[grouped('2026-10-01', [['Amazon EC2', '100'], ['Amazon S3', '50'], ['AWS Lambda', '5']])], [grouped('2026-11-01', [['Amazon EC2', '40'], ['Amazon S3', '80'], ['Amazon RDS', '12']])]],
    });
    const answer = await answerCosts(compare, context);
    expect(requests.map(({ input }) => (input as { TimePeriod: unknown }).TimePeriod)).toEqual([{ Start: '2026-10-01', End: '2026-11-01' }, { Start: '2026-11-01', End: '2026-11-23' }]);
    expect(answer.table).toEqual({
      columns: ['Service', 'last month', 'this month', 'Change'],
      rows: [
        ['Amazon EC2', '$100.00', '$40.00', '-$60.00'],
        ['Amazon S3', '$50.00', '$80.00', '+$30.00'],
        ['Amazon RDS', '$0.00', '$12.00', '+$12.00'],
        ['AWS Lambda', '$5.00', '$0.00', '-$5.00'],
      ],
    });
    expect(answer.totals).toEqual([{ label: 'last month', amount: 155, unit: 'USD' }, { label: 'this month', amount: 132, unit: 'USD' }]);
    expect(answer.chart).toEqual({ kind: 'breakdown', unit: 'USD', points: [{ label: 'last month', value: 155 }, { label: 'this month', value: 132 }] });
    expect(answer.summary).toBe('This month: $132.00, against $155.00 last month (down 15%; unblended cost). Biggest change: Amazon EC2 (-$60.00).');
    expect(answer.warnings).toEqual(['This month is not over yet, so it is compared to date.']);
  });

  it('says up, names no mover when nothing changed, and warns only while the later period runs', async () => {
    const up = recordedCosts({ costAndUsage: [[grouped('2026-09-01', [['Amazon S3', '10']])], [grouped('2026-10-01', [['Amazon S3', '15']])]] });
    const finished: ComparePlan = { ...compare, period: { start: '2026-09-01', end: '2026-10-01' }, periodLabel: 'September 2026', comparePeriod: { start: '2026-10-01', end: '2026-11-01' }, comparePeriodLabel: 'last month' };
    const rising = await answerCosts(finished, up.context);
    expect(rising.summary).toBe('Last month: $15.00, against $10.00 in September 2026 (up 50%; unblended cost). Biggest change: Amazon S3 (+$5.00).');
    expect(rising.warnings).toEqual([]);
    const same = recordedCosts({ costAndUsage: [[grouped('2026-09-01', [['Amazon S3', '10']])], [grouped('2026-10-01', [['Amazon S3', '10']])]] });
    expect((await answerCosts(finished, same.context)).summary).toBe('Last month: $10.00, against $10.00 in September 2026 (up 0%; unblended cost).');
    const fromNothing = recordedCosts({ costAndUsage: [[], [grouped('2026-10-01', [['Amazon S3', '10']])]] });
    expect((await answerCosts(finished, fromNothing.context)).summary).toBe('Last month: $10.00, against $0.00 in September 2026 (unblended cost). Biggest change: Amazon S3 (+$10.00).');
  });

  it('ranks only the increases for "what grew most", up to the asked number', async () => {
    const replies = { costAndUsage: [[grouped('2026-10-01', [['Amazon EC2', '100'], ['Amazon S3', '50'], ['AWS Lambda', '5']])], [grouped('2026-11-01', [['Amazon EC2', '40'], ['Amazon S3', '80'], ['AWS Lambda', '6']])]] };
    const { context } = recordedCosts(replies);
    const answer = await answerCosts({ ...compare, order: 'growth', limit: 1 }, context);
    expect(answer.table!.rows).toEqual([['Amazon S3', '$50.00', '$80.00', '+$30.00']]);
    expect(answer.table!.note).toBe('showing the 1 biggest increases of 2 services');
    expect(answer.summary).toBe('This month: $126.00, against $155.00 last month (down 19%; unblended cost). Grew most: Amazon S3 (+$30.00).');
    const falling = recordedCosts({ costAndUsage: [[grouped('2026-10-01', [['Amazon EC2', '100']])], [grouped('2026-11-01', [['Amazon EC2', '40']])]] });
    const none = await answerCosts({ ...compare, order: 'growth', limit: null }, falling.context);
    expect(none.table!.rows).toEqual([]);
    expect(none.summary).toMatch(/ No service grew\.$/);
  });

  it('shows the biggest changes up to the table rows setting', async () => {
    const { context } = recordedCosts({ costAndUsage: [[grouped('2026-10-01', [['A', '1'], ['B', '5'], ['C', '3']])], [[]][0]!] }, '2026-11-22T10:00:00Z', { tableRows: 2 });
    const answer = await answerCosts(compare, context);
    expect(answer.table!.rows.map(([service]) => service)).toEqual(['B', 'C']);
    expect(answer.table!.note).toBe('showing the 2 biggest changes of 3 services');
  });
});

describe('the service a question names', () => {
  const ec2 = { name: 'ec2', values: ['Amazon Elastic Compute Cloud - Compute'] };

  it('is confirmed with GetDimensionValues over the period, then filters the costs', async () => {
    const { context, requests } = recordedCosts({ dimensionValues: ['Amazon Simple Storage Service', 'Amazon Elastic Compute Cloud - Compute'], costAndUsage: [[totalOf('2026-10-01', '9')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: ec2, regions: ['us-east-1'] }), context);
    expect(requests).toEqual([
      { operation: 'GetDimensionValues', input: { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Dimension: 'SERVICE', Context: 'COST_AND_USAGE' } },
      {
        operation: 'GetCostAndUsage',
        input: {
          TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Metrics: ['UnblendedCost'], Granularity: 'MONTHLY',
          Filter: { And: [{ Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } }, { Dimensions: { Key: 'REGION', Values: ['us-east-1'] } }] },
        },
      },
    ]);
    expect(answer.summary).toBe('You spent $9.00 on Amazon Elastic Compute Cloud - Compute in us-east-1 last month (2026-10-01 to 2026-10-31; unblended cost).');
    expect(answer.warnings).toEqual([]);
  });

  it('matches loosely, either way round and ignoring case, and says so', async () => {
    const { context, requests } = recordedCosts({ dimensionValues: ['EC2 - Other', 'Amazon Elastic Compute Cloud - Compute Savings', 'Amazon S3'], costAndUsage: [[totalOf('2026-10-01', '1')]] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: { name: 'ec2', values: ['amazon elastic compute cloud - compute', 'ec2'] } }), context);
    expect(answer.warnings).toEqual(['Matched ec2 to EC2 - Other, Amazon Elastic Compute Cloud - Compute Savings.']);
    expect(requests[1]!.input).toMatchObject({ Filter: { Dimensions: { Key: 'SERVICE', Values: ['EC2 - Other', 'Amazon Elastic Compute Cloud - Compute Savings'] } } });
  });

  it('answers that there was no spend when Cost Explorer lists no such service, without asking for costs', async () => {
    const { context, requests } = recordedCosts({ dimensionValues: ['Amazon S3'] });
    const answer = await answerCosts(costs({ intent: 'cost-total', service: ec2 }), context);
    expect(answer.summary).toBe('No Amazon Elastic Compute Cloud - Compute spend last month (2026-10-01 to 2026-10-31; unblended cost): Cost Explorer lists no matching service in that period.');
    expect(requests.map(({ operation }) => operation)).toEqual(['GetDimensionValues']);
  });

  it('is looked up over both periods of a comparison, and over the last 3 months for a forecast', async () => {
    const compared = recordedCosts({ dimensionValues: [] });
    await answerCosts({ ...scope, family: 'compare', intent: 'cost-compare', service: ec2, comparePeriod: { start: '2026-11-01', end: '2026-11-23' }, comparePeriodLabel: 'this month', order: 'change', limit: null }, compared.context);
    expect(compared.requests[0]!.input).toMatchObject({ TimePeriod: { Start: '2026-10-01', End: '2026-11-23' } });
    const forecast = recordedCosts({ dimensionValues: [] }, '2026-02-10T10:00:00Z');
    await answerCosts({ ...scope, family: 'forecast', intent: 'forecast', service: ec2, granularity: 'MONTHLY', period: { start: '2026-03-01', end: '2026-04-01' } }, forecast.context);
    expect(forecast.requests[0]!.input).toMatchObject({ TimePeriod: { Start: '2025-11-01', End: '2026-02-11' } });
  });
});

describe('when Cost Explorer fails', () => {
  const plan: AnyCostPlan = costs({ intent: 'cost-total' });

  it('is a failed answer naming the error', async () => {
    const { context } = recordedCosts({ error: Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' }) });
    const answer = await answerCosts(plan, context);
    expect(answer.outcome).toBe('failed');
    expect(answer.failures).toEqual([{ region: 'us-east-1', code: 'LimitExceededException', message: 'Rate exceeded' }]);
    expect(answer.summary).toBe('Cost Explorer could not answer: Rate exceeded');
  });

  it('names the deadline when the question ran out of time, and throws the user\'s cancel', async () => {
    const late = recordedCosts({ error: new Error('aborted') });
    const answer = await answerCosts(plan, { ...late.context, deadline: AbortSignal.abort() });
    expect(answer.failures).toEqual([{ region: 'us-east-1', code: 'DeadlineError', message: "no answer from us-east-1 before the question's deadline (setting questionTimeout)" }]);
    const cancelled = recordedCosts({ error: new Error('cancelled') });
    await expect(answerCosts(plan, { ...cancelled.context, signal: AbortSignal.abort() })).rejects.toThrow('cancelled');
  });

  it('passes the cancel and the deadline on as one signal', async () => {
    const { context, costs: explorer } = recordedCosts({ costAndUsage: [[]] });
    const seen: Array<AbortSignal | undefined> = [];
    const original = explorer.getCostAndUsage.bind(explorer);
    explorer.getCostAndUsage = (input, signal) => (seen.push(signal), original(input, signal));
    const cancel = new AbortController();
    const deadline = new AbortController();
    await answerCosts(plan, { ...context, signal: cancel.signal, deadline: deadline.signal });
    await answerCosts(plan, { ...context, deadline: deadline.signal });
    await answerCosts(plan, context);
    expect(seen[0]).not.toBe(cancel.signal);
    deadline.abort();
    expect(seen[0]!.aborted).toBe(true);
    expect(seen[1]).toBe(deadline.signal);
    expect(seen[2]).toBeUndefined();
  });
});

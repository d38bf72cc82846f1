import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  type GetCostAndUsageCommandInput,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { resourceWorld } from '../source/sandbox/world/resources.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const cents = (amount: string | undefined) => Math.round(Number(amount) * 100);
const lambda = { Dimensions: { Key: 'SERVICE' as const, Values: ['AWS Lambda'] } };

describe('sandbox Cost Explorer over awsJson1_1', () => {
  // Wire shapes, one attempt per call: the rate limits have their own suite (sandbox-rate-limits).
  const sandbox = useSandbox({ rateLimits: false });
  const client = (user = 'alice', region = 'us-east-1') => new CostExplorerClient(sandboxClientConfig(sandbox.current, user, region));

  /** Every page of a GetCostAndUsage answer, periods of split pages merged. */
  async function costAndUsage(input: GetCostAndUsageCommandInput, user = 'alice'): Promise<{ results: ResultByTime[]; pages: number }> {
    const ce = client(user);
    const results: ResultByTime[] = [];
    let pages = 0;
    let NextPageToken: string | undefined;
    do {
      const page = await ce.send(new GetCostAndUsageCommand({ ...input, NextPageToken }));
      pages++;
      for (const result of page.ResultsByTime!) {
        const last = results.at(-1);
        if (last && last.TimePeriod!.Start === result.TimePeriod!.Start) last.Groups!.push(...result.Groups!);
        else results.push(result);
      }
      NextPageToken = page.NextPageToken;
    } while (NextPageToken);
    return { results, pages };
  }

  async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
    try {
      await promise;
    } catch (error) {
      return error as { name: string; message: string };
    }
    throw new Error('expected the call to fail');
  }

  it('answers MONTHLY over the 13-month lookback, the current month estimated, amounts as USD strings', async () => {
    const { results } = await costAndUsage({ TimePeriod: { Start: '2025-11-01', End: '2026-12-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost', 'UsageQuantity'] });
    expect(results.map((r) => r.TimePeriod!.Start)).toHaveLength(13);
    expect(results[0]!.TimePeriod).toEqual({ Start: '2025-11-01', End: '2025-12-01' });
    expect(results.map((r) => r.Estimated)).toEqual([...Array(12).fill(false), true]);
    for (const r of results) {
      expect(r.Total!.UnblendedCost).toEqual({ Amount: expect.stringMatching(/^\d+(\.\d+)?$/), Unit: 'USD' });
      expect(r.Total!.UsageQuantity!.Unit).toBe('N/A');
      expect(Number(r.Total!.UnblendedCost!.Amount)).toBeGreaterThan(1000);
      expect(r.Groups).toEqual([]);
    }
    // Costs grow: the last full month costs more than the first.
    expect(Number(results[11]!.Total!.UnblendedCost!.Amount)).toBeGreaterThan(Number(results[0]!.Total!.UnblendedCost!.Amount));
  });

  it('answers DAILY up to today, today billed only in part (delayed data), with weekends cheaper than weekdays', async () => {
    const { results } = await costAndUsage({ TimePeriod: { Start: '2026-11-01', End: '2026-11-23' }, Granularity: 'DAILY', Metrics: ['BlendedCost'] });
    expect(results).toHaveLength(22);
    // At 10:00 UTC, the hours older than the 6-hour reporting delay: 4 of 24.
    const today = Number(results.at(-1)!.Total!.BlendedCost!.Amount);
    const lastWeek = Number(results.at(-8)!.Total!.BlendedCost!.Amount);
    expect(today).toBeGreaterThan(0);
    expect(today / lastWeek).toBeGreaterThan(0.1);
    expect(today / lastWeek).toBeLessThan(0.25);
    const byDay = results.slice(0, -1).map((r) => ({ day: new Date(`${r.TimePeriod!.Start}T00:00:00Z`).getUTCDay(), usd: Number(r.Total!.BlendedCost!.Amount) }));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(byDay.filter((d) => d.day === 0 || d.day === 6).map((d) => d.usd))).toBeLessThan(mean(byDay.filter((d) => d.day > 0 && d.day < 6).map((d) => d.usd)));
  });

  it('groups by SERVICE with Total empty, and the groups add up to the ungrouped total to the cent', async () => {
    const period = { Start: '2026-10-01', End: '2026-11-01' };
    const total = (await costAndUsage({ TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] })).results[0]!.Total!.UnblendedCost!.Amount;
    const grouped = (await costAndUsage({ TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] })).results[0]!;
    expect(grouped.Total).toEqual({});
    const services = grouped.Groups!.map((g) => g.Keys![0]);
    for (const name of ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other', 'Amazon Simple Storage Service', 'AWS Lambda', 'Amazon Relational Database Service', 'Amazon DynamoDB', 'AmazonCloudWatch', 'Amazon Virtual Private Cloud', 'AWS Key Management Service', 'Amazon Simple Queue Service', 'Amazon Simple Notification Service', 'Amazon Elastic Container Service', 'Amazon Elastic Kubernetes Service', 'Tax']) {
      expect(services).toContain(name);
    }
    const sum = grouped.Groups!.reduce((acc, g) => acc + Number(g.Metrics!.UnblendedCost!.Amount), 0);
    expect(Math.round(sum * 100)).toBe(cents(total));
  });

  it('pages DAILY results grouped by SERVICE and REGION, every day adding up to its ungrouped total', async () => {
    const TimePeriod = { Start: '2026-08-01', End: '2026-11-01' };
    const totals = (await costAndUsage({ TimePeriod, Granularity: 'DAILY', Metrics: ['UnblendedCost'] })).results;
    const { results, pages } = await costAndUsage({ TimePeriod, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }] });
    expect(pages).toBeGreaterThan(1);
    expect(results.map((r) => r.TimePeriod!.Start)).toEqual(totals.map((r) => r.TimePeriod!.Start));
    results.forEach((r, i) => {
      expect(r.Groups!.every((g) => g.Keys!.length === 2)).toBe(true);
      const sum = r.Groups!.reduce((acc, g) => acc + Number(g.Metrics!.UnblendedCost!.Amount), 0);
      expect(Math.round(sum * 100)).toBe(cents(totals[i]!.Total!.UnblendedCost!.Amount));
    });
  });

  it('bills a service only in regions that hold its resources', async () => {
    const world = resourceWorld();
    const computeRegions = new Set(
      world.resources.filter((r) => (r.typeName === 'AWS::EC2::Instance' && (r.properties.State as { Name: string }).Name === 'running') || r.typeName === 'AWS::EKS::Nodegroup').map((r) => r.region),
    );
    const { results } = await costAndUsage({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'],
      Filter: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } }, GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }],
    });
    expect(new Set(results[0]!.Groups!.map((g) => g.Keys![0]))).toEqual(computeRegions);
    const lambdaRegions = (await costAndUsage({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], Filter: lambda, GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] })).results[0]!.Groups!;
    expect(lambdaRegions.length).toBeGreaterThanOrEqual(10);
  });

  it('filters with And, Not, Tags and MatchOptions, and groups by a tag', async () => {
    const TimePeriod = { Start: '2026-10-01', End: '2026-11-01' };
    const usEast = (await costAndUsage({
      TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'],
      Filter: { And: [{ Dimensions: { Key: 'REGION', Values: ['us-east-1'] } }, { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Tax'] } } }] }, GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    })).results[0]!.Groups!;
    expect(usEast.map((g) => g.Keys![0])).not.toContain('Tax');

    const prodOnly = await costAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], Filter: { Tags: { Key: 'env', Values: ['prod'] } } });
    const byEnv = (await costAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'TAG', Key: 'env' }] })).results[0]!.Groups!;
    expect(byEnv.map((g) => g.Keys![0])).toEqual(['env$', 'env$dev', 'env$prod', 'env$staging']);
    expect(byEnv.find((g) => g.Keys![0] === 'env$prod')!.Metrics!.UnblendedCost!.Amount).toBe(prodOnly.results[0]!.Total!.UnblendedCost!.Amount);
    const untagged = await costAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], Filter: { Tags: { Key: 'env', MatchOptions: ['ABSENT'] } } });
    expect(untagged.results[0]!.Total!.UnblendedCost!.Amount).toBe(byEnv[0]!.Metrics!.UnblendedCost!.Amount);

    const either = await costAndUsage({ TimePeriod, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], Filter: { Or: [lambda, { Dimensions: { Key: 'SERVICE', Values: ['amazon dynamodb'], MatchOptions: ['EQUALS', 'CASE_INSENSITIVE'] } }] }, GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    expect(either.results[0]!.Groups!.map((g) => g.Keys![0])).toEqual(['Amazon DynamoDB', 'AWS Lambda']);
  });

  it('groups by LINKED_ACCOUNT with the account name as an attribute', async () => {
    const page = await client().send(new GetCostAndUsageCommand({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['NetUnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'TAG', Key: 'team' }] }));
    expect(page.GroupDefinitions).toEqual([{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'TAG', Key: 'team' }]);
    expect(page.DimensionValueAttributes).toEqual([{ Value: '111122223333', Attributes: { description: 'qchat sandbox' } }]);
    expect(page.ResultsByTime![0]!.Groups!.every((g) => g.Keys![0] === '111122223333' && g.Keys![1]!.startsWith('team$'))).toBe(true);
  });

  it('accepts requests signed for any region: Cost Explorer is one global endpoint', async () => {
    const input = { TimePeriod: { Start: '2026-10-01', End: '2026-10-02' }, Granularity: 'DAILY' as const, Metrics: ['UnblendedCost'] };
    const east = await client('alice', 'us-east-1').send(new GetCostAndUsageCommand(input));
    const tokyo = await client('alice', 'ap-northeast-1').send(new GetCostAndUsageCommand(input));
    expect(tokyo.ResultsByTime).toEqual(east.ResultsByTime);
  });

  it('shows other accounts no costs', async () => {
    const { results } = await costAndUsage({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }, 'dave');
    expect(results[0]!.Total!.UnblendedCost).toEqual({ Amount: '0', Unit: 'USD' });
    expect((await failure(client('dave').send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-11-22', End: '2026-12-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' })))).name).toBe('DataUnavailableException');
  });

  it('refuses bad periods, granularities, metrics and tokens with the real error names and texts', async () => {
    const ce = client();
    const metrics = ['UnblendedCost'];
    const cases: [GetCostAndUsageCommandInput, string, RegExp][] = [
      [{ TimePeriod: { Start: '2026-11-01', End: '2026-11-01' }, Granularity: 'DAILY', Metrics: metrics }, 'ValidationException', /^Start date \(and hour\) should be before end date \(and hour\)$/],
      [{ TimePeriod: { Start: '2026-11-01', End: '2026-12-02' }, Granularity: 'DAILY', Metrics: metrics }, 'ValidationException', /^end date past the beginning of next month$/],
      [{ TimePeriod: { Start: '2025-10-31', End: '2025-12-01' }, Granularity: 'MONTHLY', Metrics: metrics }, 'DataUnavailableException', /^Data is not available/],
      [{ TimePeriod: { Start: '2026-11-20', End: '2026-11-21' }, Granularity: 'HOURLY', Metrics: metrics }, 'ValidationException', /[Hh]ourly/],
      [{ TimePeriod: { Start: '2026-01-01', End: '2026-02-01' }, Granularity: 'HOURLY', Metrics: metrics }, 'ValidationException', /more than 14 days ago for hourly granularity/],
      [{ TimePeriod: { Start: '2026-11-1', End: '2026-11-20' }, Granularity: 'DAILY', Metrics: metrics }, 'ValidationException', /YYYY-MM-DD/],
      [{ TimePeriod: { Start: '2026-11-01', End: '2026-11-20' }, Granularity: 'DAILY', Metrics: ['UNBLENDED_COST'] }, 'ValidationException', /Invalid metrics/],
      [{ TimePeriod: { Start: '2026-11-01', End: '2026-11-20' }, Granularity: 'DAILY', Metrics: metrics, GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }, { Type: 'TAG', Key: 'env' }] }, 'ValidationException', /two/],
      [{ TimePeriod: { Start: '2026-11-01', End: '2026-11-20' }, Granularity: 'DAILY', Metrics: metrics, NextPageToken: 'bm9wZQ.forged' }, 'InvalidNextTokenException', /NextPageToken/],
    ];
    for (const [input, name, message] of cases) {
      const error = await failure(ce.send(new GetCostAndUsageCommand(input)));
      expect(error.name, JSON.stringify(input)).toBe(name);
      expect(error.message).toMatch(message);
    }
  });

  it('forecasts from today on, with the total equal to the sum of the periods', async () => {
    const forecast = await client().send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-11-22', End: '2027-02-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST', PredictionIntervalLevel: 90 }));
    expect(forecast.ForecastResultsByTime!.map((r) => r.TimePeriod)).toEqual([
      { Start: '2026-11-22', End: '2026-12-01' }, { Start: '2026-12-01', End: '2027-01-01' }, { Start: '2027-01-01', End: '2027-02-01' },
    ]);
    for (const r of forecast.ForecastResultsByTime!) {
      expect(Number(r.PredictionIntervalLowerBound)).toBeLessThan(Number(r.MeanValue));
      expect(Number(r.PredictionIntervalUpperBound)).toBeGreaterThan(Number(r.MeanValue));
    }
    const sum = forecast.ForecastResultsByTime!.reduce((acc, r) => acc + Number(r.MeanValue), 0);
    expect(Math.round(sum * 100)).toBe(cents(forecast.Total!.Amount));
    expect(forecast.Total!.Unit).toBe('USD');

    const daily = await client().send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-11-22', End: '2026-11-29' }, Granularity: 'DAILY', Metric: 'BLENDED_COST', Filter: lambda }));
    expect(daily.ForecastResultsByTime).toHaveLength(7);

    const past = await failure(client().send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-12-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' })));
    expect(past.name).toBe('ValidationException');
    const backwards = await failure(client().send(new GetCostForecastCommand({ TimePeriod: { Start: '2026-12-01', End: '2026-11-30' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' })));
    expect(backwards.message).toBe('Requested Start: 2026-12-01 must be before requested End: 2026-11-30');
  });

  it('lists dimension values with a search string, and pages them', async () => {
    const ce = client();
    const TimePeriod = { Start: '2026-10-01', End: '2026-11-01' };
    const services = await ce.send(new GetDimensionValuesCommand({ TimePeriod, Dimension: 'SERVICE' }));
    expect(services.DimensionValues!.map((v) => v.Value)).toContain('Amazon Elastic Kubernetes Service');
    expect(services.ReturnSize).toBe(services.TotalSize);
    const search = await ce.send(new GetDimensionValuesCommand({ TimePeriod, Dimension: 'SERVICE', SearchString: 'lambda' }));
    expect(search.DimensionValues!.map((v) => v.Value)).toEqual(['AWS Lambda']);
    const accounts = await ce.send(new GetDimensionValuesCommand({ TimePeriod, Dimension: 'LINKED_ACCOUNT' }));
    expect(accounts.DimensionValues).toEqual([{ Value: '111122223333', Attributes: { description: 'qchat sandbox' } }]);

    const seen: string[] = [];
    let NextPageToken: string | undefined;
    let total = 0;
    do {
      const page = await ce.send(new GetDimensionValuesCommand({ TimePeriod, Dimension: 'USAGE_TYPE', MaxResults: 25, NextPageToken }));
      expect(page.DimensionValues!.length).toBeLessThanOrEqual(25);
      seen.push(...page.DimensionValues!.map((v) => v.Value!));
      total = page.TotalSize!;
      NextPageToken = page.NextPageToken;
    } while (NextPageToken);
    expect(total).toBeGreaterThan(50);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toContain('USW2-BoxUsage:g5.2xlarge');
  });
});

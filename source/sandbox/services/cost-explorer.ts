import { AwsError } from '../protocol.js';
import { costExplorerRate } from '../rate-limits.js';
import type { SandboxContext, SandboxService } from '../service.js';
import { dailyCells, microsPerUnit, type CostCell, type CostLine } from '../world/costs.js';
import { pageToken, readPageToken } from '../world/page-token.js';
import { resourceWorld } from '../world/resources.js';

/**
 * Cost Explorer over awsJson1_1 (`AWSInsightsIndexService.*`), one global endpoint that accepts any
 * signing region. Answers GetCostAndUsage, GetCostForecast and GetDimensionValues from the cost
 * model. Real error texts used: "Start date (and hour) should be before end date (and hour)"
 * (zoph-io/instance-watcher#18), "end date past the beginning of next month" (aws/aws-sdk-js#2732),
 * "Requested Start: … must be before requested End: …" for forecasts (zoph-io/instance-watcher#13),
 * the hourly-granularity message (boto/boto3#2369), and DataUnavailableException "Data is not
 * available. Please try to adjust the time period." for a start before the lookback (the current month and the 12 before it): the
 * service's message for periods it holds no data for (quoted in costbuddy's docs); which error the
 * real service picks for a too-old start is not documented.
 */
const dimensions = ['SERVICE', 'REGION', 'LINKED_ACCOUNT', 'USAGE_TYPE', 'RECORD_TYPE'] as const;
type Dimension = (typeof dimensions)[number];
const usageMetrics = ['NormalizedUsageAmount', 'UsageQuantity'];
const costMetrics = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'UnblendedCost'];
const forecastMetrics = ['AMORTIZED_COST', 'BLENDED_COST', 'NET_AMORTIZED_COST', 'NET_UNBLENDED_COST', 'NORMALIZED_USAGE_AMOUNT', 'UNBLENDED_COST', 'USAGE_QUANTITY'];
const accountName = 'qchat sandbox';
/** Grouped results come back in pages of this many groups. */
const groupsPerPage = 1000;
const dayMs = 86_400_000;
type Input = Record<string, unknown>;

export function costExplorerService(context: SandboxContext): SandboxService {
  return {
    signingName: 'ce',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSInsightsIndexService',
    signed: true,
    throttled: true,
    // Cost Explorer throttles with LimitExceededException (400), which the SDK retries as throttling.
    throttleError: () => new AwsError('LimitExceededException', 'Rate exceeded', 400),
    rateLimit: costExplorerRate,
    regional: false,
    operations: {
      GetCostAndUsage: ({ request, caller, now }) => getCostAndUsage(request.input, caller!.accountId, calendar(now, context.scale)),
      GetCostForecast: ({ request, caller, now }) => getCostForecast(request.input, caller!.accountId, calendar(now, context.scale)),
      GetDimensionValues: ({ request, caller, now }) => getDimensionValues(request.input, caller!.accountId, calendar(now, context.scale)),
    },
  };
}

// ---------- GetCostAndUsage ----------

interface Item { period: number; keys?: string[]; cost: number; quantity: number }

function getCostAndUsage(input: Input, accountId: string, clock: Calendar) {
  const { start, end } = historyPeriod(input.TimePeriod, clock);
  const granularity = input.Granularity ?? 'MONTHLY';
  if (granularity === 'HOURLY') {
    throw validation(start < clock.today - 14
      ? 'Start date is more than 14 days ago for hourly granularity. Please adjust start date as we support only 14 days of data at hourly granularity.'
      : 'Hourly granularity is not enabled for this account. Enable hourly and resource-level data in Cost Explorer preferences.');
  }
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw enumError('granularity', granularity, ['DAILY', 'MONTHLY', 'HOURLY']);
  const metrics = input.Metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) throw validation('Metrics is required for GetCostAndUsage requests.');
  const unknown = metrics.filter((m) => !costMetrics.includes(m as string) && !usageMetrics.includes(m as string));
  if (unknown.length > 0) throw validation(`Invalid metrics [${unknown.join(', ')}]. Valid values are ${[...costMetrics, ...usageMetrics].join(', ')}.`);
  const filter = compileFilter(input.Filter, accountId);
  const groupings = compileGroupBy(input.GroupBy);

  const spans = periods(start, end, granularity);
  const fingerprint = `ce:GetCostAndUsage:${accountId}:${JSON.stringify([input.TimePeriod, granularity, input.Filter, metrics, input.GroupBy])}`;
  const offset = input.NextPageToken === undefined ? 0 : readPageToken(input.NextPageToken, fingerprint);
  if (offset === undefined) throw new AwsError('InvalidNextTokenException', 'The NextPageToken is not valid for this request.');
  // Later pages of the same request reuse the grouping instead of summing every day again.
  const memoKey = `${fingerprint}:${clock.now}:${clock.scale}`;
  const items = recentItems.get(memoKey) ?? costItems(spans, accountId, clock, filter, groupings);
  recentItems.delete(memoKey);
  recentItems.set(memoKey, items);
  if (recentItems.size > 8) recentItems.delete(recentItems.keys().next().value!);
  const page = items.slice(offset, offset + groupsPerPage);
  const metricValues = (item: Item) => Object.fromEntries((metrics as string[]).map((m) => [m, usageMetrics.includes(m) ? { Amount: amount(item.quantity), Unit: 'N/A' } : { Amount: amount(item.cost), Unit: 'USD' }]));

  const results: Record<string, unknown>[] = [];
  for (const item of page) {
    const [from, to] = spans[item.period]!;
    let result = results.at(-1);
    if (result?.period !== item.period) {
      result = { period: item.period, TimePeriod: { Start: isoDay(from), End: isoDay(to) }, Total: {}, Groups: [], Estimated: to > clock.monthStart };
      results.push(result);
    }
    if (groupings.length === 0) result.Total = metricValues(item);
    else if (item.keys) (result.Groups as unknown[]).push({ Keys: item.keys, Metrics: metricValues(item) });
  }
  const next = offset + groupsPerPage;
  return {
    ...(groupings.length > 0 ? { GroupDefinitions: input.GroupBy } : {}),
    ResultsByTime: results.map(({ period: _period, ...rest }) => rest),
    DimensionValueAttributes: groupings.some((g) => g.type === 'DIMENSION' && g.key === 'LINKED_ACCOUNT') && accountId === resourceWorld().accountId
      ? [{ Value: accountId, Attributes: { description: accountName } }]
      : [],
    ...(next < items.length ? { NextPageToken: pageToken(fingerprint, next) } : {}),
  };
}

const recentItems = new Map<string, Item[]>();

/** One item per period when ungrouped; else one per non-empty group, or an empty placeholder that keeps the period. */
function costItems(spans: [number, number][], accountId: string, clock: Calendar, filter: (line: CostLine) => boolean, groupings: Grouping[]): Item[] {
  const groupKeys = new Map<CostLine, string[]>();
  const items: Item[] = [];
  spans.forEach(([from, to], period) => {
    const groups = new Map<string, Item>();
    for (const cell of cells(accountId, from, to, clock, filter)) {
      let keys = groupKeys.get(cell.line);
      if (!keys) {
        keys = groupings.map((g) => groupValue(cell.line, g, accountId));
        groupKeys.set(cell.line, keys);
      }
      const id = keys.join('\u0000');
      const item = groups.get(id) ?? { period, keys, cost: 0, quantity: 0 };
      item.cost += cell.cost;
      item.quantity += cell.quantity;
      groups.set(id, item);
    }
    const found = [...groups.values()].filter((g) => g.cost !== 0 || g.quantity !== 0).sort((a, b) => a.keys!.join('\u0000').localeCompare(b.keys!.join('\u0000')));
    if (groupings.length === 0) items.push(groups.get('') ?? { period, keys: [], cost: 0, quantity: 0 });
    else items.push(...(found.length > 0 ? found : [{ period, cost: 0, quantity: 0 }]));
  });
  return items;
}

// ---------- GetCostForecast ----------

function getCostForecast(input: Input, accountId: string, clock: Calendar) {
  const { Start, End } = (input.TimePeriod ?? {}) as { Start?: unknown; End?: unknown };
  const start = parseDay(Start, 'Start');
  const end = parseDay(End, 'End');
  if (start >= end) throw validation(`Requested Start: ${String(Start)} must be before requested End: ${String(End)}`);
  if (start < clock.today) throw validation(`Start date must be equal to or later than the current date (${isoDay(clock.today)}) for a forecast.`);
  if (end > clock.today + 366) throw validation('End date must be no more than 12 months after the current date for a forecast.');
  const metric = input.Metric;
  if (!forecastMetrics.includes(metric as string)) throw enumError('metric', metric, forecastMetrics);
  const granularity = input.Granularity;
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') throw enumError('granularity', granularity, ['DAILY', 'MONTHLY']);
  const level = input.PredictionIntervalLevel ?? 80;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 51 || level > 99) throw validation(`Value '${String(level)}' at 'predictionIntervalLevel' failed to satisfy constraint: Member must have value between 51 and 99`);
  const filter = compileFilter(input.Filter, accountId);
  const usage = metric === 'USAGE_QUANTITY' || metric === 'NORMALIZED_USAGE_AMOUNT';
  const unit = usage ? 'N/A' : 'USD';
  const z = normalQuantile((1 + level / 100) / 2);

  let total = 0;
  const results = periods(start, end, granularity).map(([from, to]) => {
    let mean = 0;
    let spread = 0;
    for (let day = from; day < to; day++) {
      const value = accountId === resourceWorld().accountId ? clock.scale * dailyCells(day).filter((c) => filter(c.line)).reduce((sum, c) => sum + (usage ? c.quantity : c.cost), 0) : 0;
      mean += value;
      // Uncertainty widens the further ahead the day is.
      spread += value * (0.03 + 0.0015 * (day - clock.today));
    }
    total += mean;
    return {
      TimePeriod: { Start: isoDay(from), End: isoDay(to) },
      MeanValue: amount(mean),
      PredictionIntervalLowerBound: amount(Math.max(0, Math.round(mean - z * spread))),
      PredictionIntervalUpperBound: amount(Math.round(mean + z * spread)),
    };
  });
  if (total === 0) throw new AwsError('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.');
  return { Total: { Amount: amount(total), Unit: unit }, ForecastResultsByTime: results };
}

// ---------- GetDimensionValues ----------

function getDimensionValues(input: Input, accountId: string, clock: Calendar) {
  const { start, end } = historyPeriod(input.TimePeriod, clock);
  const dimension = input.Dimension;
  if (!dimensions.includes(dimension as Dimension)) throw unsupportedDimension(dimension);
  const context = input.Context ?? 'COST_AND_USAGE';
  if (!['COST_AND_USAGE', 'RESERVATIONS', 'SAVINGS_PLANS'].includes(context as string)) throw enumError('context', context, ['COST_AND_USAGE', 'RESERVATIONS', 'SAVINGS_PLANS']);
  const max = input.MaxResults ?? 1000;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000) throw validation(`Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  const filter = compileFilter(input.Filter, accountId);
  const search = typeof input.SearchString === 'string' ? input.SearchString.toLowerCase() : '';

  const costs = new Map<string, number>();
  // The sandbox account holds no reservations or savings plans.
  if (context === 'COST_AND_USAGE') {
    for (const cell of cells(accountId, start, end, clock, filter)) {
      const value = dimensionValue(cell.line, dimension as Dimension, accountId);
      if (cell.cost !== 0 && value.toLowerCase().includes(search)) costs.set(value, (costs.get(value) ?? 0) + cell.cost);
    }
  }
  const sortBy = Array.isArray(input.SortBy) ? (input.SortBy[0] as { Key?: string; SortOrder?: string } | undefined) : undefined;
  const values = [...costs.keys()].sort((a, b) => a.localeCompare(b));
  if (sortBy?.Key && costMetrics.includes(sortBy.Key)) values.sort((a, b) => (costs.get(a)! - costs.get(b)!) * (sortBy.SortOrder === 'DESCENDING' ? -1 : 1));

  const fingerprint = `ce:GetDimensionValues:${accountId}:${JSON.stringify([input.TimePeriod, dimension, context, input.Filter, search, input.SortBy])}`;
  const offset = input.NextPageToken === undefined ? 0 : readPageToken(input.NextPageToken, fingerprint);
  if (offset === undefined) throw new AwsError('InvalidNextTokenException', 'The NextPageToken is not valid for this request.');
  const page = values.slice(offset, offset + max);
  return {
    DimensionValues: page.map((Value) => ({ Value, Attributes: dimension === 'LINKED_ACCOUNT' ? { description: accountName } : {} })),
    ReturnSize: page.length,
    TotalSize: values.length,
    ...(offset + max < values.length ? { NextPageToken: pageToken(fingerprint, offset + max) } : {}),
  };
}

// ---------- dates and periods ----------

interface Calendar {
  /** Day numbers (days since 1970-01-01): data exists for lookback <= day <= today, today only in part. */
  today: number;
  /** How much of today's cost is billed yet (see billedFractionOfToday). */
  todayBilled: number;
  /** The sandbox's scale: every amount is this many times the fixture's. */
  scale: number;
  /** Milliseconds since the epoch. */
  now: number;
  lookback: number;
  monthStart: number;
  nextMonth: number;
}

/** Cost Explorer keeps 13 months before the current month; the current month is still estimated. */
function calendar(now: Date, scale: number): Calendar {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return { now: now.getTime(), scale, today: Math.floor(now.getTime() / dayMs), todayBilled: billedFractionOfToday(now), lookback: Date.UTC(y, m - 12, 1) / dayMs, monthStart: Date.UTC(y, m, 1) / dayMs, nextMonth: Date.UTC(y, m + 1, 1) / dayMs };
}

/**
 * Cost Explorer shows today's costs in part and late: "Cost Explorer refreshes your cost data at
 * least once every 24 hours" (AWS Billing user guide, "Exploring your data using Cost Explorer"), so
 * the current day carries only what has been metered and processed so far. The sandbox bills the
 * hours of today that are more than `reportingDelayHours` old.
 */
const reportingDelayHours = 6;
function billedFractionOfToday(now: Date): number {
  const hours = (now.getTime() % dayMs) / 3_600_000;
  return Math.max(0, hours - reportingDelayHours) / 24;
}

function historyPeriod(period: unknown, clock: Calendar): { start: number; end: number } {
  if (typeof period !== 'object' || period === null) throw validation(`1 validation error detected: Value null at 'timePeriod' failed to satisfy constraint: Member must not be null`);
  const { Start, End } = period as { Start?: unknown; End?: unknown };
  const start = parseDay(Start, 'Start');
  const end = parseDay(End, 'End');
  if (start >= end) throw validation('Start date (and hour) should be before end date (and hour)');
  if (end > clock.nextMonth) throw validation('end date past the beginning of next month');
  if (start < clock.lookback) throw new AwsError('DataUnavailableException', 'Data is not available. Please try to adjust the time period.');
  return { start, end };
}

function parseDay(value: unknown, field: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / dayMs : NaN;
  if (!match || isoDay(day) !== value) throw validation(`${field} date '${String(value)}' is not a valid date in the YYYY-MM-DD format.`);
  return day;
}

function isoDay(day: number): string {
  return Number.isFinite(day) ? new Date(day * dayMs).toISOString().slice(0, 10) : '';
}

/** [from, to) spans: one per day, or per calendar month clipped to the period. */
function periods(start: number, end: number, granularity: 'DAILY' | 'MONTHLY'): [number, number][] {
  const spans: [number, number][] = [];
  for (let from = start; from < end; ) {
    const date = new Date(from * dayMs);
    const to = granularity === 'DAILY' ? from + 1 : Math.min(end, Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / dayMs);
    spans.push([from, to]);
    from = to;
  }
  return spans;
}

/** The account's filtered cost cells for the days in [from, to) that have data. */
function cells(accountId: string, from: number, to: number, clock: Calendar, filter: (line: CostLine) => boolean): CostCell[] {
  if (accountId !== resourceWorld().accountId) return [];
  const found: CostCell[] = [];
  for (let day = Math.max(from, clock.lookback); day < Math.min(to, clock.today + 1); day++) {
    const factor = clock.scale * (day === clock.today ? clock.todayBilled : 1);
    if (factor === 0) continue;
    for (const cell of dailyCells(day)) {
      if (filter(cell.line)) found.push(factor === 1 ? cell : { line: cell.line, cost: Math.round(cell.cost * factor), quantity: Math.round(cell.quantity * factor) });
    }
  }
  return found;
}

// ---------- filters and groups ----------

function dimensionValue(line: CostLine, dimension: Dimension, accountId: string): string {
  switch (dimension) {
    case 'SERVICE': return line.service;
    case 'REGION': return line.region;
    case 'LINKED_ACCOUNT': return accountId;
    case 'USAGE_TYPE': return line.usageType;
    case 'RECORD_TYPE': return line.recordType;
  }
}

interface Grouping { type: 'DIMENSION' | 'TAG'; key: string }

function compileGroupBy(raw: unknown): Grouping[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > 2) throw validation('You can group by up to two different groups: DIMENSION, TAG or COST_CATEGORY.');
  return raw.map((g: { Type?: unknown; Key?: unknown }) => {
    if (g.Type === 'TAG' && typeof g.Key === 'string' && g.Key !== '') return { type: 'TAG', key: g.Key };
    if (g.Type === 'DIMENSION' && dimensions.includes(g.Key as Dimension)) return { type: 'DIMENSION', key: g.Key as string };
    if (g.Type === 'DIMENSION' || g.Type === 'COST_CATEGORY') throw unsupportedDimension(g.Key);
    throw enumError('type', g.Type, ['DIMENSION', 'TAG', 'COST_CATEGORY']);
  });
}

function groupValue(line: CostLine, grouping: Grouping, accountId: string): string {
  return grouping.type === 'TAG' ? `${grouping.key}$${line.tags[grouping.key] ?? ''}` : dimensionValue(line, grouping.key as Dimension, accountId);
}

interface Values { Key?: unknown; Values?: unknown; MatchOptions?: unknown }

/** A request's filter, remembered per cost line: lines repeat every day. */
function compileFilter(expression: unknown, accountId: string): (line: CostLine) => boolean {
  const predicate = compileExpression(expression, accountId);
  const verdicts = new Map<CostLine, boolean>();
  return (line) => {
    let verdict = verdicts.get(line);
    if (verdict === undefined) verdicts.set(line, (verdict = predicate(line)));
    return verdict;
  };
}

/** Compiles a Cost Explorer Expression (And/Or/Not/Dimensions/Tags/CostCategories) into a predicate. */
function compileExpression(expression: unknown, accountId: string): (line: CostLine) => boolean {
  if (expression === undefined) return () => true;
  const e = (expression ?? {}) as Record<string, unknown>;
  const roots = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'].filter((k) => e[k] !== undefined);
  if (roots.length !== 1) throw validation('Expression must have exactly one of And, Or, Not, Dimensions, Tags or CostCategories.');
  const root = roots[0]!;
  if (root === 'And' || root === 'Or') {
    const parts = e[root];
    if (!Array.isArray(parts) || parts.length < 2) throw validation(`${root} expression must contain at least two expressions.`);
    const predicates = parts.map((p) => compileExpression(p, accountId));
    return root === 'And' ? (line) => predicates.every((p) => p(line)) : (line) => predicates.some((p) => p(line));
  }
  if (root === 'Not') {
    const inner = compileExpression(e.Not, accountId);
    return (line) => !inner(line);
  }
  const spec = e[root] as Values;
  if (typeof spec.Key !== 'string' || spec.Key === '') throw validation(`${root} expression must have a Key.`);
  const key = spec.Key;
  if (root === 'Dimensions' && !dimensions.includes(key as Dimension)) throw unsupportedDimension(key);
  const read = root === 'Dimensions' ? (line: CostLine) => dimensionValue(line, key as Dimension, accountId)
    : root === 'Tags' ? (line: CostLine) => line.tags[key] ?? ''
    : () => ''; // the sandbox defines no cost categories
  return matcher(spec, read);
}

function matcher(spec: Values, read: (line: CostLine) => string): (line: CostLine) => boolean {
  const options = Array.isArray(spec.MatchOptions) ? (spec.MatchOptions as string[]) : ['EQUALS'];
  if (options.includes('ABSENT')) return (line) => read(line) === '';
  const insensitive = options.includes('CASE_INSENSITIVE');
  const norm = (s: string) => (insensitive ? s.toLowerCase() : s);
  const values = (Array.isArray(spec.Values) ? (spec.Values as string[]) : []).map(norm);
  const test = options.includes('STARTS_WITH') ? (v: string, w: string) => v.startsWith(w)
    : options.includes('ENDS_WITH') ? (v: string, w: string) => v.endsWith(w)
    : options.includes('CONTAINS') ? (v: string, w: string) => v.includes(w)
    : (v: string, w: string) => v === w;
  return (line) => {
    const value = norm(read(line));
    return values.some((w) => test(value, w));
  };
}

// ---------- replies ----------

function amount(micros: number): string {
  return (micros / microsPerUnit).toFixed(6).replace(/\.?0+$/, '') || '0';
}

/** Tukey-lambda approximation of the standard normal quantile; ample for prediction bands. */
function normalQuantile(p: number): number {
  return 4.91 * (p ** 0.14 - (1 - p) ** 0.14);
}

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

function enumError(field: string, value: unknown, allowed: string[]): AwsError {
  return validation(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

function unsupportedDimension(value: unknown): AwsError {
  return validation(`Dimension '${String(value)}' is not supported by the qchat sandbox; use one of ${dimensions.join(', ')}.`);
}

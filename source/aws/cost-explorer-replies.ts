import type { GetCostAndUsageCommandInput, GetCostForecastCommandOutput } from '@aws-sdk/client-cost-explorer';
import { isCalendarDate } from '../config/clock.js';

/*
 * What Cost Explorer always sends, checked: the answer is built on these shapes, so anything else
 * is a reply qchat cannot use rather than a crash (or a silent $0.00) further on. Each check returns
 * the first problem, or undefined.
 *
 * The service model (botocore ce/2017-10-25 ResultByTime, MetricValue) marks every field optional,
 * but the service sends, for each period of the request, a Total with each requested metric when
 * nothing is grouped, and a Metrics entry per group when grouped (Total is then {}): a reply
 * without them, or without any period, has no figure to show, and reading it as $0.00 would state
 * a spend of nothing as fact.
 */

/** Amounts are decimal numbers in strings: "1234.5678", "-0.01", "1.2E-7". */
const amountPattern = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * No bill or forecast comes near a quadrillion: a larger amount ("1e400" is Infinity as a number)
 * is no figure, and the bound keeps every sum of amounts finite.
 */
const largestAmount = 1e15;

/** The problem with one amount string (an Amount, a MeanValue, …), if any. */
function numberProblem(amount: unknown, label: string): string | undefined {
  if (typeof amount !== 'string' || !amountPattern.test(amount)) return `${label} is not a number (${JSON.stringify(amount)?.slice(0, 40)})`;
  if (!(Math.abs(Number(amount)) < largestAmount)) return `${label} is out of range (${amount.slice(0, 40)})`;
  return undefined;
}

/** Each metric present is an object with a usable Amount; each of `required` is present. */
function metricsProblem(metrics: unknown, where: string, required: string[] = []): string | undefined {
  if (metrics === undefined && required.length === 0) return undefined;
  if (!isObject(metrics)) return `${where} is not an object`;
  const missing = required.find((name) => metrics[name] === undefined);
  if (missing) return `${where} has no ${missing}`;
  for (const [name, value] of Object.entries(metrics)) {
    if (!isObject(value)) return `${where}.${name} is not an object`;
    const problem = value.Amount === undefined ? `${where}.${name} has no Amount` : numberProblem(value.Amount, `${where}.${name}.Amount`);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * One page (or the whole) of a GetCostAndUsage reply. With the request, the metrics it asked for
 * must be there: in Total when nothing is grouped, in every group's Metrics when grouped.
 */
export function resultsProblem(results: unknown, request?: Pick<GetCostAndUsageCommandInput, 'Metrics' | 'GroupBy'>): string | undefined {
  if (!Array.isArray(results)) return 'ResultsByTime is not a list';
  if (results.length === 0) return 'ResultsByTime holds no time period';
  const grouped = (request?.GroupBy?.length ?? 0) > 0;
  const metrics = request?.Metrics ?? [];
  for (const [i, result] of results.entries()) {
    const where = `ResultsByTime[${i}]`;
    if (!isObject(result)) return `${where} is not an object`;
    const period = result.TimePeriod;
    if (!isObject(period) || typeof period.Start !== 'string' || typeof period.End !== 'string') return `${where} has no TimePeriod with Start and End`;
    // DAILY and MONTHLY periods are dates (the Cost Explorer API reference, DateInterval: "YYYY-MM-DD").
    if (!isCalendarDate(period.Start) || !isCalendarDate(period.End)) return `${where}.TimePeriod is not two dates (Start ${JSON.stringify(period.Start).slice(0, 40)}, End ${JSON.stringify(period.End).slice(0, 40)})`;
    const problem = metricsProblem(result.Total, `${where}.Total`, grouped ? [] : metrics);
    if (problem) return problem;
    if (result.Groups === undefined) continue;
    if (!Array.isArray(result.Groups)) return `${where}.Groups is not a list`;
    for (const [j, group] of result.Groups.entries()) {
      if (!isObject(group)) return `${where}.Groups[${j}] is not an object`;
      if (group.Keys !== undefined && !(Array.isArray(group.Keys) && group.Keys.every((key) => typeof key === 'string'))) return `${where}.Groups[${j}].Keys is not a list of names`;
      const groupProblem = metricsProblem(group.Metrics, `${where}.Groups[${j}].Metrics`, metrics);
      if (groupProblem) return groupProblem;
    }
  }
  return undefined;
}

export function forecastProblem(value: Pick<GetCostForecastCommandOutput, 'Total' | 'ForecastResultsByTime'>): string | undefined {
  if (!isObject(value)) return 'the forecast is not an object';
  if (value.Total === undefined) return 'the forecast has no Total';
  const total = metricsProblem({ Total: value.Total }, 'forecast');
  if (total) return total;
  const intervals: unknown = value.ForecastResultsByTime ?? [];
  if (!Array.isArray(intervals)) return 'ForecastResultsByTime is not a list';
  for (const [i, interval] of intervals.entries()) {
    if (!isObject(interval)) return `ForecastResultsByTime[${i}] is not an object`;
    for (const field of ['MeanValue', 'PredictionIntervalLowerBound', 'PredictionIntervalUpperBound']) {
      // Each interval's mean is its figure; the bounds come only with a prediction interval asked for.
      const where = `ForecastResultsByTime[${i}].${field}`;
      const problem = interval[field] === undefined ? (field === 'MeanValue' ? `${where} is missing` : undefined) : numberProblem(interval[field], where);
      if (problem) return problem;
    }
  }
  return undefined;
}

export function dimensionValuesProblem(values: unknown): string | undefined {
  if (!Array.isArray(values)) return 'DimensionValues is not a list';
  const bad = values.findIndex((value) => !isObject(value) || (value.Value !== undefined && typeof value.Value !== 'string'));
  return bad === -1 ? undefined : `DimensionValues[${bad}] is not a dimension value`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

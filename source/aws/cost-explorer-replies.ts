import type { GetCostForecastCommandOutput } from '@aws-sdk/client-cost-explorer';

/*
 * What Cost Explorer always sends, checked: the answer is built on these shapes, so anything else
 * is a reply qchat cannot use rather than a crash (or a silent $0.00) further on. Each check returns
 * the first problem, or undefined.
 */

/** Amounts are decimal numbers in strings: "1234.5678", "-0.01", "1.2E-7". */
const amountPattern = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

function amountProblem(metrics: unknown, where: string): string | undefined {
  if (metrics === undefined) return undefined;
  if (!isObject(metrics)) return `${where} is not an object`;
  for (const [name, value] of Object.entries(metrics)) {
    const amount = isObject(value) ? value.Amount : undefined;
    if (amount !== undefined && (typeof amount !== 'string' || !amountPattern.test(amount))) return `${where}.${name}.Amount is not a number (${JSON.stringify(amount)?.slice(0, 40)})`;
  }
  return undefined;
}

export function resultsProblem(results: unknown): string | undefined {
  if (!Array.isArray(results)) return 'ResultsByTime is not a list';
  for (const [i, result] of results.entries()) {
    const where = `ResultsByTime[${i}]`;
    if (!isObject(result)) return `${where} is not an object`;
    const period = result.TimePeriod;
    if (!isObject(period) || typeof period.Start !== 'string' || typeof period.End !== 'string') return `${where} has no TimePeriod with Start and End`;
    const problem = amountProblem(result.Total, `${where}.Total`);
    if (problem) return problem;
    if (result.Groups === undefined) continue;
    if (!Array.isArray(result.Groups)) return `${where}.Groups is not a list`;
    for (const [j, group] of result.Groups.entries()) {
      if (!isObject(group)) return `${where}.Groups[${j}] is not an object`;
      if (group.Keys !== undefined && !(Array.isArray(group.Keys) && group.Keys.every((key) => typeof key === 'string'))) return `${where}.Groups[${j}].Keys is not a list of names`;
      const groupProblem = amountProblem(group.Metrics, `${where}.Groups[${j}].Metrics`);
      if (groupProblem) return groupProblem;
    }
  }
  return undefined;
}

export function forecastProblem(value: Pick<GetCostForecastCommandOutput, 'Total' | 'ForecastResultsByTime'>): string | undefined {
  if (!isObject(value)) return 'the forecast is not an object';
  const total = amountProblem(value.Total === undefined ? undefined : { Total: value.Total }, 'forecast');
  if (total) return total;
  const intervals: unknown = value.ForecastResultsByTime ?? [];
  if (!Array.isArray(intervals)) return 'ForecastResultsByTime is not a list';
  for (const [i, interval] of intervals.entries()) {
    if (!isObject(interval)) return `ForecastResultsByTime[${i}] is not an object`;
    for (const field of ['MeanValue', 'PredictionIntervalLowerBound', 'PredictionIntervalUpperBound']) {
      const amount = interval[field];
      if (amount !== undefined && (typeof amount !== 'string' || !amountPattern.test(amount))) return `ForecastResultsByTime[${i}].${field} is not a number`;
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

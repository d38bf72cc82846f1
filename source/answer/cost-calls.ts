import type { Expression, GetCostAndUsageCommandInput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { CostCall } from '../aws/cost-explorer.js';
import type { Answer } from './answer.js';
import { describePeriod } from './format.js';
import type { ExecutionContext } from './execution-context.js';
import type { Period } from '../understanding/period.js';
import type { CostMetric } from '../understanding/plan.js';

/** Cost Explorer has one endpoint, in us-east-1. */
export const costRegion = 'us-east-1';

/** One cost answer in the making: where to ask, which metric, what filter, and the answer the calls are recorded on. */
export interface CostRun {
  context: ExecutionContext;
  answer: Answer;
  metric: CostMetric;
  filter: Expression | undefined;
}

/** GetCostAndUsage for a period with the run's metric and filter, recorded on the answer. */
export async function costAndUsage(run: CostRun, period: Period, shape: Pick<GetCostAndUsageCommandInput, 'Granularity' | 'GroupBy'>): Promise<ResultByTime[]> {
  run.context.onProgress?.({ kind: 'cost', operation: 'GetCostAndUsage' });
  const input: GetCostAndUsageCommandInput = { TimePeriod: toInput(period), Metrics: [run.metric], ...shape, ...(run.filter ? { Filter: run.filter } : {}) };
  const call = await run.context.costs.getCostAndUsage(input, run.context.signal);
  record(run.answer, 'GetCostAndUsage', call);
  flagEstimated(run.answer, call.value);
  return call.value;
}

/** Cost Explorer marks figures of a month not yet closed `Estimated: true`; the answer says which. */
function flagEstimated(answer: Answer, results: ResultByTime[]): void {
  const estimated = results.filter((result) => result.Estimated);
  const [first, last] = [estimated[0], estimated[estimated.length - 1]];
  // Stryker disable next-line LogicalOperator: equivalent, the first and the last estimated result are both there or both missing.
  if (!first || !last) return;
  // Stryker disable next-line StringLiteral: equivalent, Cost Explorer sends every result's period with both dates (botocore ce/2017-10-25: DateInterval requires Start and End).
  const span = describePeriod({ start: first.TimePeriod?.Start ?? '', end: last.TimePeriod?.End ?? '' });
  const note = `Figures for ${span} are estimated (Cost Explorer marks them Estimated until the month's bill is final).`;
  if (!answer.warnings.includes(note)) answer.warnings.push(note);
}

/** A result's label: its day, its month ("2026-10"), or the days it covers when the month is partial ("2026-11-01 to 2026-11-22"). */
export function pointLabel(result: ResultByTime, granularity: 'DAILY' | 'MONTHLY'): string {
  // Stryker disable next-line StringLiteral: equivalent, Cost Explorer sends every result's period with both dates (botocore ce/2017-10-25: DateInterval requires Start and End).
  const start = result.TimePeriod?.Start ?? '';
  // Stryker disable next-line StringLiteral: equivalent, Cost Explorer sends every result's period with both dates (botocore ce/2017-10-25: DateInterval requires Start and End).
  const end = result.TimePeriod?.End ?? '';
  if (granularity === 'DAILY') return start;
  const whole = start.endsWith('-01') && end.endsWith('-01');
  return whole ? start.slice(0, 7) : describePeriod({ start, end });
}

export function record(answer: Answer, operation: string, call: CostCall<unknown>): void {
  answer.calls.push({ service: 'ce', operation, region: costRegion, pages: call.pages, fromCache: Boolean(call.cachedAt) });
  if (call.cachedAt && !answer.warnings.some((w) => w.startsWith('Cost figures from the cache'))) {
    answer.warnings.push(`Cost figures from the cache, stored ${call.cachedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC (--no-cache asks Cost Explorer again).`);
  }
}

export function buildFilter(services: string[] | undefined, regions: string[] | undefined): Expression | undefined {
  const parts: Expression[] = [];
  if (services) parts.push({ Dimensions: { Key: 'SERVICE', Values: services } });
  if (regions) parts.push({ Dimensions: { Key: 'REGION', Values: regions } });
  // Stryker disable next-line EqualityOperator: equivalent, a single part is returned by the branch before.
  return parts.length === 1 ? parts[0] : parts.length > 1 ? { And: parts } : undefined;
}

export function toInput(period: Period) {
  return { Start: period.start, End: period.end };
}

export function amountOf(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

export function unitOf(results: ResultByTime[], metric: CostMetric): string {
  for (const result of results) {
    const unit = result.Total?.[metric]?.Unit ?? result.Groups?.[0]?.Metrics?.[metric]?.Unit;
    if (unit) return unit;
  }
  return 'USD';
}

/** A result's total: its Total, or the sum of its groups when it was grouped. */
export function resultAmount(result: ResultByTime, metric: CostMetric): number {
  if ((result.Groups?.length ?? 0) === 0) return amountOf(result.Total?.[metric]?.Amount);
  return (result.Groups ?? []).reduce((acc, group) => acc + amountOf(group.Metrics?.[metric]?.Amount), 0);
}

export function sumTotals(results: ResultByTime[], metric: CostMetric): { amount: number; unit: string } {
  return { amount: results.reduce((acc, r) => acc + resultAmount(r, metric), 0), unit: unitOf(results, metric) };
}

/** Sums each group over all periods, largest first. */
export function sumGroups(results: ResultByTime[], metric: CostMetric): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const result of results) {
    for (const group of result.Groups ?? []) {
      const key = (group.Keys ?? []).join(' / ') || '(none)';
      sums.set(key, (sums.get(key) ?? 0) + amountOf(group.Metrics?.[metric]?.Amount));
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

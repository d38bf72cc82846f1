import type { Expression, GetCostAndUsageCommandInput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { CostCall } from '../aws/cost-explorer.js';
import { DeadlineError } from '../aws/fanout.js';
import { emptyAnswer, type Answer } from './answer.js';
import { regionFailure } from './aws-failure.js';
import type { ExecutionContext } from './execution-context.js';
import { describePeriod, formatMoney, formatPercent } from './format.js';
import { iso, startOfDay, type Period } from '../understanding/period.js';
import type { Plan } from '../understanding/plan.js';

const metric = 'UnblendedCost';
const costRegion = 'us-east-1';

export async function answerCosts(plan: Plan, userContext: ExecutionContext): Promise<Answer> {
  const answer = emptyAnswer('');
  // Cost Explorer is one call at a time: the deadline simply cancels it, and the answer says so.
  const signals = [userContext.signal, userContext.deadline].filter((s): s is AbortSignal => s !== undefined);
  const context = { ...userContext, ...(signals.length > 0 ? { signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] } : {}) };
  try {
    const services = plan.service ? await confirmServices(plan, context, answer) : undefined;
    if (services && services.length === 0) {
      answer.summary = `No ${plan.serviceName} spend ${plan.periodLabel} (${describePeriod(plan.period!)}): Cost Explorer lists no matching service in that period.`;
      return answer;
    }
    const filter = buildFilter(services, plan.regions === 'all' ? undefined : plan.regions);
    switch (plan.intent) {
      case 'forecast':
        return await forecast(plan, context, answer, filter);
      case 'cost-compare':
        return await compare(plan, context, answer, filter);
      case 'cost-by-service':
      case 'cost-by-region':
        return await breakdown(plan, context, answer, filter);
      case 'cost-trend':
        return await trend(plan, context, answer, filter);
      default:
        return await total(plan, context, answer, filter);
    }
  } catch (error) {
    if (userContext.signal?.aborted) throw error;
    answer.failures.push(regionFailure(costRegion, userContext.deadline?.aborted ? new DeadlineError('Cost Explorer did not answer before the deadline') : error));
    answer.outcome = 'failed';
    answer.summary = `Cost Explorer could not answer: ${answer.failures[0]!.message}`;
    return answer;
  }
}

async function total(plan: Plan, context: ExecutionContext, answer: Answer, filter: Expression | undefined): Promise<Answer> {
  const results = await costAndUsage(context, answer, { TimePeriod: toInput(plan.period!), Granularity: 'MONTHLY', Metrics: [metric], ...(filter ? { Filter: filter } : {}) });
  const { amount, unit } = sumTotals(results);
  answer.totals = [{ label: 'Total', amount, unit }];
  answer.summary = `You ${spentVerb(plan.period!, context.now)} ${formatMoney(amount, unit)}${onWhat(plan)} ${plan.periodLabel} (${describePeriod(plan.period!)}).`;
  if (results.length > 1) {
    const points = results.map((r) => ({ label: r.TimePeriod!.Start!.slice(0, 7), value: amountOf(r.Total?.[metric]?.Amount) }));
    answer.chart = { kind: 'series', unit, points };
    answer.table = { columns: ['Month', 'Cost'], rows: points.map((p) => [p.label, formatMoney(p.value, unit)]) };
  }
  return answer;
}

async function breakdown(plan: Plan, context: ExecutionContext, answer: Answer, filter: Expression | undefined): Promise<Answer> {
  const key = plan.groupBy!;
  const results = await costAndUsage(context, answer, {
    TimePeriod: toInput(plan.period!),
    Granularity: 'MONTHLY',
    Metrics: [metric],
    GroupBy: [{ Type: 'DIMENSION', Key: key }],
    ...(filter ? { Filter: filter } : {}),
  });
  const groups = sumGroups(results);
  const unit = unitOf(results);
  const sum = groups.reduce((acc, [, value]) => acc + value, 0);
  const shown = groups.slice(0, Math.min(plan.limit ?? Number.POSITIVE_INFINITY, context.settings.tableRows));
  const noun = key === 'SERVICE' ? 'service' : 'region';
  answer.totals = [{ label: 'Total', amount: sum, unit }];
  answer.table = {
    columns: [key === 'SERVICE' ? 'Service' : 'Region', 'Cost', 'Share'],
    rows: shown.map(([label, value]) => [label, formatMoney(value, unit), sum > 0 ? formatPercent(value / sum) : '']),
    ...(shown.length < groups.length ? { note: `showing ${shown.length} of ${groups.length} ${noun}s` } : {}),
  };
  answer.chart = { kind: 'breakdown', unit, points: shown.map(([label, value]) => ({ label, value })) };
  const top = groups[0];
  answer.summary = top
    ? `You ${spentVerb(plan.period!, context.now)} ${formatMoney(sum, unit)}${onWhat(plan)} ${plan.periodLabel} (${describePeriod(plan.period!)}); the most went to ${top[0]} (${formatMoney(top[1], unit)}).`
    : `No costs${onWhat(plan)} ${plan.periodLabel} (${describePeriod(plan.period!)}).`;
  return answer;
}

async function trend(plan: Plan, context: ExecutionContext, answer: Answer, filter: Expression | undefined): Promise<Answer> {
  const granularity = plan.granularity ?? 'DAILY';
  const results = await costAndUsage(context, answer, { TimePeriod: toInput(plan.period!), Granularity: granularity, Metrics: [metric], ...(filter ? { Filter: filter } : {}) });
  const unit = unitOf(results);
  const points = results.map((r) => ({ label: granularity === 'MONTHLY' ? r.TimePeriod!.Start!.slice(0, 7) : r.TimePeriod!.Start!, value: amountOf(r.Total?.[metric]?.Amount) }));
  const sum = points.reduce((acc, p) => acc + p.value, 0);
  const peak = points.reduce<(typeof points)[number] | undefined>((best, p) => (!best || p.value > best.value ? p : best), undefined);
  answer.chart = { kind: 'series', unit, points };
  answer.table = { columns: [granularity === 'MONTHLY' ? 'Month' : 'Day', 'Cost'], rows: points.map((p) => [p.label, formatMoney(p.value, unit)]) };
  answer.totals = [{ label: 'Total', amount: sum, unit }];
  const per = granularity === 'MONTHLY' ? 'month' : 'day';
  answer.summary = points.length
    ? `${granularity === 'MONTHLY' ? 'Monthly' : 'Daily'} cost${onWhat(plan)} over ${plan.periodLabel}: ${formatMoney(sum, unit)} in total, ${formatMoney(sum / points.length, unit)} per ${per} on average; highest ${peak!.label} (${formatMoney(peak!.value, unit)}).`
    : `No costs${onWhat(plan)} ${plan.periodLabel}.`;
  return answer;
}

async function forecast(plan: Plan, context: ExecutionContext, answer: Answer, filter: Expression | undefined): Promise<Answer> {
  context.onProgress?.({ kind: 'cost', operation: 'GetCostForecast' });
  const call = await context.costs.getCostForecast(
    { TimePeriod: toInput(plan.period!), Metric: 'UNBLENDED_COST', Granularity: plan.granularity ?? 'MONTHLY', PredictionIntervalLevel: 80, ...(filter ? { Filter: filter } : {}) },
    context.signal,
  );
  record(answer, 'GetCostForecast', call);
  const unit = call.value.Total?.Unit ?? 'USD';
  const amount = amountOf(call.value.Total?.Amount);
  const intervals = call.value.ForecastResultsByTime ?? [];
  const low = intervals.reduce((acc, r) => acc + amountOf(r.PredictionIntervalLowerBound), 0);
  const high = intervals.reduce((acc, r) => acc + amountOf(r.PredictionIntervalUpperBound), 0);
  answer.totals = [{ label: 'Forecast', amount, unit }];
  if (intervals.length > 1) answer.chart = { kind: 'series', unit, points: intervals.map((r) => ({ label: r.TimePeriod?.Start ?? '', value: amountOf(r.MeanValue) })) };
  answer.summary = `Forecast${onWhat(plan)} for ${plan.periodLabel} (${describePeriod(plan.period!)}): ${formatMoney(amount, unit)}${high > 0 ? ` (80% likely between ${formatMoney(low, unit)} and ${formatMoney(high, unit)})` : ''}.`;

  const today = startOfDay(context.now);
  const monthStart = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));
  if (plan.period!.start === iso(today) && monthStart < iso(today)) {
    // For "the rest of this month", add what was spent so far to give the month's projected total.
    const spent = sumTotals(await costAndUsage(context, answer, { TimePeriod: { Start: monthStart, End: iso(today) }, Granularity: 'MONTHLY', Metrics: [metric], ...(filter ? { Filter: filter } : {}) }));
    answer.totals.unshift({ label: 'Spent so far this month', amount: spent.amount, unit });
    answer.totals.push({ label: 'Projected month total', amount: spent.amount + amount, unit });
    answer.summary += ` With ${formatMoney(spent.amount, unit)} spent so far, the month should end near ${formatMoney(spent.amount + amount, unit)}.`;
  }
  return answer;
}

async function compare(plan: Plan, context: ExecutionContext, answer: Answer, filter: Expression | undefined): Promise<Answer> {
  const request = (period: Period): GetCostAndUsageCommandInput => ({
    TimePeriod: toInput(period),
    Granularity: 'MONTHLY',
    Metrics: [metric],
    GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ...(filter ? { Filter: filter } : {}),
  });
  const [first, second] = [await costAndUsage(context, answer, request(plan.period!)), await costAndUsage(context, answer, request(plan.comparePeriod!))];
  const unit = unitOf(first);
  const a = new Map(sumGroups(first));
  const b = new Map(sumGroups(second));
  const totalA = [...a.values()].reduce((x, y) => x + y, 0);
  const totalB = [...b.values()].reduce((x, y) => x + y, 0);
  const services = [...new Set([...a.keys(), ...b.keys()])]
    .map((service) => ({ service, a: a.get(service) ?? 0, b: b.get(service) ?? 0 }))
    .sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b));
  const [labelA, labelB] = [plan.periodLabel!, plan.comparePeriodLabel!];
  const rows = services.slice(0, context.settings.tableRows);
  answer.table = {
    columns: ['Service', labelA, labelB, 'Change'],
    rows: rows.map((row) => [row.service, formatMoney(row.a, unit), formatMoney(row.b, unit), signedMoney(row.a - row.b, unit)]),
    ...(rows.length < services.length ? { note: `showing the ${rows.length} biggest changes of ${services.length} services` } : {}),
  };
  answer.totals = [
    { label: labelA, amount: totalA, unit },
    { label: labelB, amount: totalB, unit },
  ];
  answer.chart = { kind: 'breakdown', unit, points: [{ label: labelA, value: totalA }, { label: labelB, value: totalB }] };
  const change = totalB === 0 ? '' : ` (${totalA >= totalB ? 'up' : 'down'} ${formatPercent(Math.abs(totalA - totalB) / totalB)})`;
  const mover = services[0];
  answer.summary = `${capitalize(labelA)}${onWhat(plan)}: ${formatMoney(totalA, unit)} vs ${formatMoney(totalB, unit)} ${labelB}${change}.${mover && mover.a !== mover.b ? ` Biggest change: ${mover.service} (${signedMoney(mover.a - mover.b, unit)}).` : ''}`;
  if (plan.period!.end > iso(startOfDay(context.now))) answer.warnings.push(`${capitalize(labelA)} is not over yet, so it is compared to date.`);
  return answer;
}

/** Confirms the planner's SERVICE values against GetDimensionValues for the period. */
async function confirmServices(plan: Plan, context: ExecutionContext, answer: Answer): Promise<string[]> {
  const period = plan.period!;
  context.onProgress?.({ kind: 'cost', operation: 'GetDimensionValues' });
  const call = await context.costs.getDimensionValues({ TimePeriod: toInput(period), Dimension: 'SERVICE', Context: 'COST_AND_USAGE' }, context.signal);
  record(answer, 'GetDimensionValues', call);
  const known = call.value.map((v) => v.Value ?? '');
  const exact = plan.service!.filter((value) => known.includes(value));
  if (exact.length > 0) return exact;
  const loose = known.filter((value) => plan.service!.some((wanted) => value.toLowerCase().includes(wanted.toLowerCase()) || wanted.toLowerCase().includes(value.toLowerCase())));
  if (loose.length > 0) answer.warnings.push(`Matched ${plan.serviceName} to ${loose.join(', ')}.`);
  return loose;
}

async function costAndUsage(context: ExecutionContext, answer: Answer, input: GetCostAndUsageCommandInput): Promise<ResultByTime[]> {
  context.onProgress?.({ kind: 'cost', operation: 'GetCostAndUsage' });
  const call = await context.costs.getCostAndUsage(input, context.signal);
  record(answer, 'GetCostAndUsage', call);
  return call.value;
}

function record(answer: Answer, operation: string, call: CostCall<unknown>): void {
  answer.calls.push({ service: 'ce', operation, region: costRegion, pages: call.pages, fromCache: Boolean(call.cachedAt) });
  if (call.cachedAt && !answer.warnings.some((w) => w.startsWith('Cost figures from the cache'))) {
    answer.warnings.push(`Cost figures from the cache, stored ${call.cachedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC (--no-cache asks Cost Explorer again).`);
  }
}

function buildFilter(services: string[] | undefined, regions: string[] | undefined): Expression | undefined {
  const parts: Expression[] = [];
  if (services) parts.push({ Dimensions: { Key: 'SERVICE', Values: services } });
  if (regions) parts.push({ Dimensions: { Key: 'REGION', Values: regions } });
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { And: parts };
}

function toInput(period: Period) {
  return { Start: period.start, End: period.end };
}

function amountOf(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

function unitOf(results: ResultByTime[]): string {
  for (const result of results) {
    const unit = result.Total?.[metric]?.Unit ?? result.Groups?.[0]?.Metrics?.[metric]?.Unit;
    if (unit) return unit;
  }
  return 'USD';
}

function sumTotals(results: ResultByTime[]): { amount: number; unit: string } {
  const grouped = results.some((r) => (r.Groups?.length ?? 0) > 0);
  const amount = grouped
    ? sumGroups(results).reduce((acc, [, value]) => acc + value, 0)
    : results.reduce((acc, r) => acc + amountOf(r.Total?.[metric]?.Amount), 0);
  return { amount, unit: unitOf(results) };
}

/** Sums each group over all periods, largest first. */
function sumGroups(results: ResultByTime[]): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const result of results) {
    for (const group of result.Groups ?? []) {
      const key = (group.Keys ?? []).join(' / ') || '(none)';
      sums.set(key, (sums.get(key) ?? 0) + amountOf(group.Metrics?.[metric]?.Amount));
    }
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

function spentVerb(period: Period, now: Date): string {
  return period.end > iso(startOfDay(now)) ? 'have spent' : 'spent';
}

function onWhat(plan: Plan): string {
  const service = plan.serviceName ? ` on ${plan.serviceName.length <= 4 ? plan.serviceName.toUpperCase() : plan.serviceName}` : '';
  const regions = plan.regions === 'all' ? '' : ` in ${plan.regions.join(', ')}`;
  return service + regions;
}

function signedMoney(amount: number, unit: string): string {
  return `${amount > 0 ? '+' : ''}${formatMoney(amount, unit)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

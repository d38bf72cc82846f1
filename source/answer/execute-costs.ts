import { DeadlineError } from '../aws/fanout.js';
import { emptyAnswer, type Answer } from './answer.js';
import { regionFailure } from './aws-failure.js';
import { answerComparison } from './cost-compare.js';
import { answerForecast } from './cost-forecast.js';
import { buildFilter, costAndUsage, costRegion, pointLabel, record, sumGroups, sumTotals, toInput, unitOf, amountOf, type CostRun } from './cost-calls.js';
import type { ExecutionContext } from './execution-context.js';
import { describePeriod, formatMoney, formatPercent, periodPhrase, plural, pointPhrase } from './format.js';
import { weekStart } from '../understanding/calendar.js';
import { iso, startOfDay, type Period } from '../understanding/period.js';
import { regionScopeLabel, rowsCap, type AnyCostPlan, type CostMetric, type CostPlan, type CostService, type CostThreshold } from '../understanding/plan.js';

export async function answerCosts(plan: AnyCostPlan, userContext: ExecutionContext): Promise<Answer> {
  // Stryker disable next-line StringLiteral: equivalent, every path below sets the summary before it returns.
  const answer = emptyAnswer('');
  // Cost Explorer is one call at a time: the deadline simply cancels it, and the answer says so.
  const signals = [userContext.signal, userContext.deadline].filter((s): s is AbortSignal => s !== undefined);
  const context = { ...userContext, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] };
  try {
    const services = plan.service ? await confirmServices(plan, plan.service, context, answer) : undefined;
    if (services?.length === 0) {
      answer.summary = `No ${plan.service ? serviceNames(plan.service) : ''} spend ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)}): Cost Explorer lists no matching service in that period.`;
      return answer;
    }
    const run: CostRun = { context, answer, metric: plan.metric, filter: buildFilter(services, plan.regions === 'all' ? undefined : Array.isArray(plan.regions) ? plan.regions : plan.regions.codes) };
    // The answer names the services Cost Explorer confirmed, which a loose match may have changed.
    const named: AnyCostPlan = plan.service && services ? { ...plan, service: { ...plan.service, values: services } } : plan;
    switch (named.family) {
      case 'forecast':
        return await answerForecast(named, run);
      case 'compare':
        return await answerComparison(named, run);
      case 'costs':
        return await (named.intent === 'cost-by-service' || named.intent === 'cost-by-region' ? breakdown(named, run) : named.intent === 'cost-trend' ? trend(named, run) : total(named, run));
    }
  } catch (error) {
    if (userContext.signal?.aborted) throw error;
    // Stryker disable next-line StringLiteral: equivalent, regionFailure words a DeadlineError by its name, not its message.
    const failure = regionFailure(costRegion, userContext.deadline?.aborted ? new DeadlineError('Cost Explorer did not answer before the deadline') : error);
    answer.failures.push(failure);
    answer.outcome = 'failed';
    answer.summary = `Cost Explorer could not answer: ${failure.message}`;
    return answer;
  }
}

async function total(plan: CostPlan, run: CostRun): Promise<Answer> {
  const { answer } = run;
  const results = await costAndUsage(run, plan.period, { Granularity: 'MONTHLY' });
  const { amount, unit } = sumTotals(results, run.metric);
  answer.totals = [{ label: 'Total', amount, unit }];
  const side = plan.intent === 'cost-total' && plan.threshold ? ` That is ${meets(amount, plan.threshold) ? '' : 'not '}${thresholdLabel(plan.threshold, unit)}.` : '';
  answer.summary = `You ${spentVerb(plan.period, run.context.now)} ${formatMoney(amount, unit)}${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)}).${side}`;
  if (results.length > 1) {
    const points = results.map((r) => ({ label: pointLabel(r, 'MONTHLY'), value: amountOf(r.Total?.[run.metric]?.Amount) }));
    answer.chart = { kind: 'series', unit, points };
    answer.table = { columns: ['Month', 'Cost'], rows: points.map((p) => [p.label, formatMoney(p.value, unit)]) };
  }
  return answer;
}

async function breakdown(plan: Extract<CostPlan, { groupBy: string }>, run: CostRun): Promise<Answer> {
  const { answer, context } = run;
  const key = plan.groupBy;
  const results = await costAndUsage(run, plan.period, { Granularity: 'MONTHLY', GroupBy: [{ Type: 'DIMENSION', Key: key }] });
  const groups = sumGroups(results, run.metric);
  const unit = unitOf(results, run.metric);
  const sum = groups.reduce((acc, [, value]) => acc + value, 0);
  const ranked = plan.order === 'ascending' ? [...groups].reverse() : groups;
  const { threshold } = plan;
  const kept = threshold ? ranked.filter(([, value]) => meets(value, threshold)) : ranked;
  const shown = kept.slice(0, rowsCap(plan, context.settings.tableRows));
  const noun = key === 'SERVICE' ? 'service' : 'region';
  answer.totals = [{ label: 'Total', amount: sum, unit }];
  answer.table = {
    columns: [key === 'SERVICE' ? 'Service' : 'Region', 'Cost', 'Share'],
    rows: shown.map(([label, value]) => [label, formatMoney(value, unit), sum > 0 ? formatPercent(value / sum) : '']),
    optional: ['Share'],
    ...(shown.length < kept.length ? { note: `showing ${shown.length} of ${kept.length} ${noun}s`, total: kept.length } : {}),
    ...(plan.allRows ? { all: true as const } : {}),
  };
  answer.chart = { kind: 'breakdown', unit, points: shown.map(([label, value]) => ({ label, value })) };
  const spent = `You ${spentVerb(plan.period, context.now)} ${formatMoney(sum, unit)}${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)})`;
  const [first] = ranked;
  if (!first) answer.summary = `No costs${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)}).`;
  else if (threshold) answer.summary = `${spent}; ${thresholdCount(kept, groups.length, noun, threshold, unit)}.`;
  else answer.summary = `${spent}; the ${plan.order === 'ascending' ? 'least' : 'most'} went to ${first[0]} (${formatMoney(first[1], unit)}).`;
  return answer;
}

/** Whether an amount is on the asked side of a threshold. */
function meets(amount: number, threshold: CostThreshold): boolean {
  switch (threshold.op) {
    case 'above':
      return amount > threshold.amount;
    case 'at-least':
      return amount >= threshold.amount;
    case 'below':
      return amount < threshold.amount;
    case 'at-most':
      return amount <= threshold.amount;
  }
}

const thresholdWords: Record<CostThreshold['op'], string> = { above: 'more than', 'at-least': 'at least', below: 'less than', 'at-most': 'at most' };

/** "more than $100.00", as the question set it. */
export function thresholdLabel(threshold: CostThreshold, unit: string): string {
  return `${thresholdWords[threshold.op]} ${formatMoney(threshold.amount, unit)}`;
}

/** "3 of 12 services cost more than $100.00, together $840.00", or "no service cost more than $100.00". */
function thresholdCount(kept: Array<[string, number]>, of: number, noun: string, threshold: CostThreshold, unit: string): string {
  const label = thresholdLabel(threshold, unit);
  if (kept.length === 0) return `no ${noun} cost ${label}`;
  const together = kept.reduce((acc, [, value]) => acc + value, 0);
  return `${kept.length} of ${of} ${noun}s cost ${label}${kept.length > 1 ? `, together ${formatMoney(together, unit)}` : ''}`;
}

async function trend(plan: Extract<CostPlan, { intent: 'cost-trend' }>, run: CostRun): Promise<Answer> {
  const { answer } = run;
  const granularity = plan.granularity;
  const results = await costAndUsage(run, plan.period, { Granularity: granularity });
  const unit = unitOf(results, run.metric);
  const points = results.map((r) => ({ label: pointLabel(r, granularity), value: amountOf(r.Total?.[run.metric]?.Amount) }));
  if (plan.bucket === 'week') return weeklyTrend(plan, answer, sumWeeks(points, iso(startOfDay(run.context.now))), unit);
  const sum = points.reduce((acc, p) => acc + p.value, 0);
  const peak = points.reduce<(typeof points)[number] | undefined>((best, p) => (!best || p.value > best.value ? p : best), undefined);
  answer.chart = { kind: 'series', unit, points };
  answer.table = { columns: [granularity === 'MONTHLY' ? 'Month' : 'Day', 'Cost'], rows: points.map((p) => [p.label, formatMoney(p.value, unit)]) };
  answer.totals = [{ label: 'Total', amount: sum, unit }];
  const per = granularity === 'MONTHLY' ? 'month' : 'day';
  answer.summary = peak
    ? `${granularity === 'MONTHLY' ? 'Monthly' : 'Daily'} cost${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)}): ${formatMoney(sum, unit)} in total, ${formatMoney(sum / points.length, unit)} per ${per} on average; highest ${pointPhrase(peak.label)} (${formatMoney(peak.value, unit)}).`
    : `No costs${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)}).`;
  return answer;
}

interface Week {
  /** The week's first day inside the period, and its last. */
  first: string;
  last: string;
  days: number;
  value: number;
  /** The week holds today, whose spend is still coming in. */
  current: boolean;
}

/**
 * Cost Explorer's granularities are DAILY, MONTHLY and HOURLY (botocore ce/2017-10-25), so a weekly
 * series is its daily one summed into Monday-start weeks. A week the period cuts is partial: its
 * label says how many of its 7 days it holds, and the average and the peak are over whole weeks.
 */
export function sumWeeks(daily: Array<{ label: string; value: number }>, today: string): Week[] {
  const weeks = new Map<string, Week>();
  for (const { label: day, value } of daily) {
    const monday = iso(weekStart(new Date(`${day}T00:00:00Z`)));
    const week = weeks.get(monday) ?? { first: day, last: day, days: 0, value: 0, current: false };
    weeks.set(monday, { first: week.first, last: day, days: week.days + 1, value: week.value + value, current: week.current || day === today });
  }
  return [...weeks.values()];
}

const whole = (week: Week) => week.days === 7 && !week.current;

function weekLabel(week: Week): string {
  const days = week.first === week.last ? week.first : `${week.first} to ${week.last}`;
  return week.current ? `${days} (so far)` : week.days === 7 ? days : `${days} (${plural(week.days, 'day')})`;
}

function weeklyTrend(plan: CostPlan, answer: Answer, weeks: Week[], unit: string): Answer {
  const points = weeks.map((week) => ({ label: weekLabel(week), value: week.value }));
  const sum = weeks.reduce((acc, week) => acc + week.value, 0);
  answer.chart = { kind: 'series', unit, points };
  answer.table = { columns: ['Week', 'Cost'], rows: points.map((p) => [p.label, formatMoney(p.value, unit)]) };
  answer.totals = [{ label: 'Total', amount: sum, unit }];
  const where = `${onWhat(plan)} ${periodPhrase(plan.periodLabel)} (${costPeriod(plan)})`;
  const full = weeks.filter(whole);
  const cut = weeks.filter((week) => !whole(week));
  const peak = full.reduce<Week | undefined>((best, week) => (!best || week.value > best.value ? week : best), undefined);
  const partNote = cut.map((week) => (week.current ? 'this week, still under way' : `the ${week === weeks[0] ? 'first' : 'last'} week (${plural(week.days, 'day')})`)).join(' and ');
  if (weeks.length === 0) answer.summary = `No costs${where}.`;
  else if (full.length < 2) answer.summary = `Weekly cost${where}: ${formatMoney(sum, unit)} in total over ${plural(weeks.length, 'week')}${cut.length > 0 ? ` (partial: ${partNote})` : ''}.`;
  else {
    const average = formatMoney(full.reduce((acc, week) => acc + week.value, 0) / full.length, unit);
    answer.summary = `Weekly cost${where}: ${formatMoney(sum, unit)} in total, ${average} per week on average over the ${plural(full.length, 'whole week')}; highest in the week of ${peak!.first} (${formatMoney(peak!.value, unit)}).${partNote ? ` Not counted in the average: ${partNote}.` : ''}`;
  }
  return answer;
}

/**
 * Confirms the planner's SERVICE values against GetDimensionValues. The values are looked up over
 * past spend (a forecast's period lies ahead, where no service has a value yet).
 */
async function confirmServices(plan: AnyCostPlan, service: CostService, context: ExecutionContext, answer: Answer): Promise<string[]> {
  const wanted = service.values;
  context.onProgress?.({ kind: 'cost', operation: 'GetDimensionValues' });
  const call = await context.costs.getDimensionValues({ TimePeriod: toInput(lookupPeriod(plan, context.now)), Dimension: 'SERVICE', Context: 'COST_AND_USAGE' }, context.signal);
  record(answer, 'GetDimensionValues', call);
  // An entry without a Value (botocore does not require one) names no service; as '' it would match every name loosely.
  const known = call.value.map((v) => v.Value).filter((value): value is string => Boolean(value));
  const exact = wanted.filter((value) => known.includes(value));
  if (exact.length > 0) return exact;
  const loose = known.filter((value) => wanted.some((w) => value.toLowerCase().includes(w.toLowerCase()) || w.toLowerCase().includes(value.toLowerCase())));
  if (loose.length > 0) answer.warnings.push(`Matched ${service.name} to ${loose.join(', ')}.`);
  return loose;
}

/** Where service names are looked up: the question's period, both periods of a comparison, or the last 3 months for a forecast. */
function lookupPeriod(plan: AnyCostPlan, now: Date): Period {
  if (plan.family === 'compare') return { start: plan.period.start, end: plan.comparePeriod.end };
  if (plan.family !== 'forecast') return plan.period;
  const today = startOfDay(now);
  return { start: iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, 1))), end: iso(new Date(today.getTime() + 86_400_000)) };
}

export function spentVerb(period: Period, now: Date): string {
  return period.end > iso(startOfDay(now)) ? 'have spent' : 'spent';
}

const metricNames: Record<CostMetric, string> = { UnblendedCost: 'unblended cost', AmortizedCost: 'amortized cost', NetUnblendedCost: 'net unblended cost', NetAmortizedCost: 'net amortized cost', BlendedCost: 'blended cost' };

/** "2026-10-01 to 2026-10-31; unblended cost": the dates, unless the label already is them ("on 2026-11-16"), and the metric. */
export function costPeriod(plan: AnyCostPlan): string {
  const dates = describePeriod(plan.period);
  return dates === plan.periodLabel ? metricNames[plan.metric] : `${dates}; ${metricNames[plan.metric]}`;
}

export function metricName(metric: CostMetric): string {
  return metricNames[metric];
}

/** " on AWS Lambda in eu-west-1": the services by Cost Explorer's own names (never the words as typed), and the regions. */
export function onWhat(plan: AnyCostPlan): string {
  const service = plan.service ? ` on ${serviceNames(plan.service)}` : '';
  const regions = plan.regions === 'all' ? '' : ` ${regionScopeLabel(plan.regions)}`;
  return service + regions;
}

function serviceNames(service: CostService): string {
  return service.values.join(' and ');
}

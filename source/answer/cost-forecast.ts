import type { GetCostForecastCommandInput } from '@aws-sdk/client-cost-explorer';
import type { Answer } from './answer.js';
import { amountOf, costAndUsage, record, sumTotals, toInput, type CostRun } from './cost-calls.js';
import { costPeriod, onWhat } from './execute-costs.js';
import { formatMoney } from './format.js';
import { iso, startOfDay } from '../understanding/period.js';
import type { CostMetric, ForecastPlan } from '../understanding/plan.js';

/** GetCostForecast names the metrics in SCREAMING_SNAKE_CASE (botocore ce/2017-10-25, `Metric`). */
const forecastMetric: Record<CostMetric, NonNullable<GetCostForecastCommandInput['Metric']>> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
};

export async function answerForecast(plan: ForecastPlan, run: CostRun): Promise<Answer> {
  const { answer, context } = run;
  context.onProgress?.({ kind: 'cost', operation: 'GetCostForecast' });
  const call = await context.costs.getCostForecast(
    { TimePeriod: toInput(plan.period), Metric: forecastMetric[plan.metric], Granularity: plan.granularity, PredictionIntervalLevel: 80, ...(run.filter ? { Filter: run.filter } : {}) },
    context.signal,
  );
  record(answer, 'GetCostForecast', call);
  const unit = call.value.Total?.Unit ?? 'USD';
  const amount = amountOf(call.value.Total?.Amount);
  const intervals = call.value.ForecastResultsByTime ?? [];
  const low = intervals.reduce((acc, r) => acc + amountOf(r.PredictionIntervalLowerBound), 0);
  const high = intervals.reduce((acc, r) => acc + amountOf(r.PredictionIntervalUpperBound), 0);
  answer.totals = [{ label: 'Forecast', amount, unit }];
  // Stryker disable next-line StringLiteral: equivalent, Cost Explorer sends every forecast period with both dates (botocore ce/2017-10-25: DateInterval requires Start and End).
  if (intervals.length > 1) answer.chart = { kind: 'series', unit, points: intervals.map((r) => ({ label: r.TimePeriod?.Start ?? '', value: amountOf(r.MeanValue) })) };
  answer.summary = `Forecast${onWhat(plan)} for ${plan.periodLabel} (${costPeriod(plan)}): ${formatMoney(amount, unit)}${high > 0 ? ` (80% likely between ${formatMoney(low, unit)} and ${formatMoney(high, unit)})` : ''}.`;

  const today = startOfDay(context.now);
  const monthStart = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));
  const monthEnd = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)));
  if (plan.period.start === iso(today) && plan.period.end === monthEnd && monthStart < iso(today)) {
    // The rest of this month: what was spent so far plus the forecast is the month's projected total.
    const spent = sumTotals(await costAndUsage(run, { start: monthStart, end: iso(today) }, { Granularity: 'MONTHLY' }), run.metric);
    answer.totals.unshift({ label: 'Spent so far this month', amount: spent.amount, unit });
    answer.totals.push({ label: 'Projected month total', amount: spent.amount + amount, unit });
    answer.summary += ` With ${formatMoney(spent.amount, unit)} spent so far, the month should end near ${formatMoney(spent.amount + amount, unit)}.`;
  }
  return answer;
}

import type { Answer } from './answer.js';
import { costAndUsage, sumGroups, unitOf, type CostRun } from './cost-calls.js';
import { metricName, onWhat } from './execute-costs.js';
import { describePeriod, formatMoney, formatPercent, periodPhrase } from './format.js';
import { iso, startOfDay } from '../understanding/period.js';
import { rowsCap, type ComparePlan } from '../understanding/plan.js';
import { capitalize } from '../understanding/replies.js';

/** Two periods service by service (or region by region), in date order: the change is from the earlier to the later. */
export async function answerComparison(plan: ComparePlan, run: CostRun): Promise<Answer> {
  const { answer, context } = run;
  const [key, noun] = plan.groupBy === 'REGION' ? (['REGION', 'region'] as const) : (['SERVICE', 'service'] as const);
  const shape = { Granularity: 'MONTHLY' as const, GroupBy: [{ Type: 'DIMENSION' as const, Key: key }] };
  const earlierResults = await costAndUsage(run, plan.period, shape);
  const laterResults = await costAndUsage(run, plan.comparePeriod, shape);
  const unit = unitOf(earlierResults, run.metric);
  const earlier = new Map(sumGroups(earlierResults, run.metric));
  const later = new Map(sumGroups(laterResults, run.metric));
  const sum = (values: Map<string, number>) => [...values.values()].reduce((x, y) => x + y, 0);
  const [totalEarlier, totalLater] = [sum(earlier), sum(later)];
  // A group is a service, or a region when the plan groups by region.
  const everyGroup = [...new Set([...earlier.keys(), ...later.keys()])].map((group) => ({ group, before: earlier.get(group) ?? 0, after: later.get(group) ?? 0 }));
  const growth = plan.order === 'growth';
  // Growth ranks the increases only; otherwise the biggest moves either way come first.
  const groups = growth
    ? everyGroup.filter((row) => row.after > row.before).sort((x, y) => y.after - y.before - (x.after - x.before))
    : everyGroup.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
  const [labelEarlier, labelLater] = [plan.periodLabel, plan.comparePeriodLabel];
  const rows = groups.slice(0, rowsCap(plan, context.settings.tableRows));
  const ranked = growth ? 'biggest increases' : 'biggest changes';
  answer.table = {
    columns: [capitalize(noun), labelEarlier, labelLater, 'Change'],
    rows: rows.map((row) => [row.group, formatMoney(row.before, unit), formatMoney(row.after, unit), signedMoney(row.after - row.before, unit)]),
    ...(rows.length < groups.length ? { note: `showing the ${rows.length} ${ranked} of ${groups.length} ${noun}s`, total: groups.length } : {}),
    ...(plan.allRows ? { all: true as const } : {}),
  };
  answer.totals = [
    { label: labelEarlier, amount: totalEarlier, unit },
    { label: labelLater, amount: totalLater, unit },
  ];
  answer.chart = { kind: 'breakdown', unit, points: [{ label: labelEarlier, value: totalEarlier }, { label: labelLater, value: totalLater }] };
  const change = ` (${totalEarlier === 0 ? '' : `${totalLater >= totalEarlier ? 'up' : 'down'} ${formatPercent(Math.abs(totalLater - totalEarlier) / totalEarlier)}; `}${metricName(plan.metric)})`;
  const mover = groups[0];
  const movers = growth
    ? rows.length > 0
      ? ` Grew most: ${rows.map((row) => `${row.group} (${signedMoney(row.after - row.before, unit)})`).join(', ')}.`
      : ` No ${noun} grew.`
    : mover && mover.after !== mover.before
      ? ` Biggest change: ${mover.group} (${signedMoney(mover.after - mover.before, unit)}).`
      : '';
  answer.summary = `${capitalize(labelLater)}${onWhat(plan)}: ${formatMoney(totalLater, unit)}, against ${formatMoney(totalEarlier, unit)} ${periodPhrase(labelEarlier)}${change}.${movers}`;
  if (plan.comparePeriod.end > iso(startOfDay(context.now))) {
    const sameDays = plan.comparePeriod.end.slice(8) !== '01' && plan.period.end.slice(8) !== '01';
    answer.warnings.push(`${capitalize(labelLater)} is not over yet, so it is compared ${sameDays ? `with the same number of days (${describePeriod(plan.period)})` : 'to date'}.`);
  }
  return answer;
}

function signedMoney(amount: number, unit: string): string {
  return `${amount > 0 ? '+' : ''}${formatMoney(amount, unit)}`;
}

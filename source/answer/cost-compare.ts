import type { Answer } from './answer.js';
import { costAndUsage, sumGroups, unitOf, type CostRun } from './cost-calls.js';
import { onWhat } from './execute-costs.js';
import { formatMoney, formatPercent } from './format.js';
import { iso, startOfDay } from '../understanding/period.js';
import type { ComparePlan } from '../understanding/plan.js';
import { capitalize } from '../understanding/replies.js';

/** Two periods service by service, in date order: the change is from the earlier to the later. */
export async function answerComparison(plan: ComparePlan, run: CostRun): Promise<Answer> {
  const { answer, context } = run;
  const shape = { Granularity: 'MONTHLY' as const, GroupBy: [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }] };
  const earlierResults = await costAndUsage(run, plan.period, shape);
  const laterResults = await costAndUsage(run, plan.comparePeriod, shape);
  const unit = unitOf(earlierResults, run.metric);
  const earlier = new Map(sumGroups(earlierResults, run.metric));
  const later = new Map(sumGroups(laterResults, run.metric));
  const sum = (values: Map<string, number>) => [...values.values()].reduce((x, y) => x + y, 0);
  const [totalEarlier, totalLater] = [sum(earlier), sum(later)];
  const services = [...new Set([...earlier.keys(), ...later.keys()])]
    .map((service) => ({ service, before: earlier.get(service) ?? 0, after: later.get(service) ?? 0 }))
    .sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
  const [labelEarlier, labelLater] = [plan.periodLabel, plan.comparePeriodLabel];
  const rows = services.slice(0, context.settings.tableRows);
  answer.table = {
    columns: ['Service', labelEarlier, labelLater, 'Change'],
    rows: rows.map((row) => [row.service, formatMoney(row.before, unit), formatMoney(row.after, unit), signedMoney(row.after - row.before, unit)]),
    ...(rows.length < services.length ? { note: `showing the ${rows.length} biggest changes of ${services.length} services` } : {}),
  };
  answer.totals = [
    { label: labelEarlier, amount: totalEarlier, unit },
    { label: labelLater, amount: totalLater, unit },
  ];
  answer.chart = { kind: 'breakdown', unit, points: [{ label: labelEarlier, value: totalEarlier }, { label: labelLater, value: totalLater }] };
  const change = totalEarlier === 0 ? '' : ` (${totalLater >= totalEarlier ? 'up' : 'down'} ${formatPercent(Math.abs(totalLater - totalEarlier) / totalEarlier)})`;
  const mover = services[0];
  answer.summary = `${capitalize(labelLater)}${onWhat(plan)}: ${formatMoney(totalLater, unit)}, against ${formatMoney(totalEarlier, unit)} ${labelEarlier}${change}.${mover && mover.after !== mover.before ? ` Biggest change: ${mover.service} (${signedMoney(mover.after - mover.before, unit)}).` : ''}`;
  if (plan.comparePeriod.end > iso(startOfDay(context.now))) answer.warnings.push(`${capitalize(labelLater)} is not over yet, so it is compared to date.`);
  return answer;
}

function signedMoney(amount: number, unit: string): string {
  return `${amount > 0 ? '+' : ''}${formatMoney(amount, unit)}`;
}

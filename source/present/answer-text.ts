import type { Answer } from '../answer/answer.js';
import { formatMoney } from '../answer/format.js';
import { barLines, fitTable, sparkline } from './layout.js';
import { safeText } from './terminal-text.js';

/** The plain-text form of an answer for `qchat ask`: summary, table, chart, totals, failures, notes. */
export function renderAnswerText(answer: Answer, width: number): string {
  const lines: string[] = [safeText(answer.summary)];
  if (answer.analysis) lines.push('', safeText(answer.analysis, { keepNewlines: true }));
  if (answer.steps && answer.steps.length > 0) lines.push('', ...answer.steps.map((step, i) => `${i + 1}. ${safeText(step)}`));
  if (answer.table && answer.table.rows.length > 0) {
    lines.push('', ...fitTable(answer.table.columns, answer.table.rows, width));
    if (answer.table.note) lines.push(`(${safeText(answer.table.note)})`);
  }
  const chart = answer.chart;
  if (chart && chart.points.length > 1 && !(answer.table && chart.kind === 'series' && chart.points.length > 40)) {
    const format = (value: number) => (chart.unit === 'resources' ? String(value) : formatMoney(value, chart.unit));
    lines.push('');
    if (chart.kind === 'series' && chart.points.length > 40) lines.push(`${safeText(chart.points[0]!.label)} ${sparkline(chart.points.map((p) => p.value))} ${safeText(chart.points.at(-1)!.label)}`);
    else lines.push(...barLines(chart.points, format, width));
  }
  if (answer.totals && answer.totals.length > 0 && !(answer.totals.length === 1 && answer.table === undefined)) {
    lines.push('', ...answer.totals.map((total) => safeText(`${total.label}: ${formatMoney(total.amount, total.unit)}`)));
  }
  if (answer.failures.length > 0) {
    lines.push('', 'Failed:', ...answer.failures.map((failure) => `  ${safeText(`${failure.region}: ${failure.message} (${failure.code})`)}`));
  }
  for (const warning of answer.warnings) lines.push(`Note: ${safeText(warning)}`);
  if (answer.calls.length > 0) lines.push('', `Calls: ${summarizeCalls(answer)}`);
  return `${lines.join('\n')}\n`;
}

/** "cloudcontrol ListResources in 17 regions (34 pages), account ListRegions" */
export function summarizeCalls(answer: Answer): string {
  const groups = new Map<string, { regions: Set<string>; pages: number; cached: number; count: number }>();
  for (const call of answer.calls) {
    const key = `${call.service} ${call.operation}`;
    const group = groups.get(key) ?? { regions: new Set<string>(), pages: 0, cached: 0, count: 0 };
    group.regions.add(call.region);
    group.pages += call.pages;
    group.count++;
    if (call.fromCache) group.cached++;
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, group]) => {
      const where = group.regions.size > 1 ? ` in ${group.regions.size} regions` : '';
      const pages = group.pages > group.count ? ` (${group.pages} pages)` : '';
      const cached = group.cached === group.count ? ' (from cache)' : group.cached > 0 ? ` (${group.cached} from cache)` : '';
      const times = group.regions.size === 1 && group.count > 1 ? ` ×${group.count}` : '';
      return `${key}${where}${times}${pages}${cached}`;
    })
    .join(', ');
}

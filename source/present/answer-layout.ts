import type { Answer, Chart } from '../answer/answer.js';
import { formatMoney } from '../answer/format.js';
import { commandSpans } from './commands-in-text.js';
import { barLines, fitPropertyList, fitTable, sparklineRow } from './layout.js';
import { wrapLine, type Line, type SpanStyle, type Span } from './spans.js';
import { safeText } from './terminal-text.js';

export type SectionKind = 'summary' | 'analysis' | 'steps' | 'table' | 'chart' | 'totals' | 'failures' | 'notes' | 'calls';

export interface Section {
  kind: SectionKind;
  lines: Line[];
}

export interface LayoutOptions {
  /** Terminal cells per line. */
  width: number;
  /** Most rows shown of any table (the `tableRows` setting). */
  tableRows: number;
  /** Appended to the calls line, e.g. where the full list is ("/calls lists each"). */
  callsHint?: string;
  /** Appended to "showing 50 of 151", how to get every row ("`--all` for every row"). */
  moreRows?: string;
  /** Wraps text to the width (tables and charts are always fitted); off for a pipe, which has no width. */
  wrap: boolean;
}

/** A series longer than this is drawn as one sparkline instead of a bar per point. */
const barsUpTo = 40;

/**
 * One layout of an answer for both front ends: `qchat ask` joins the sections as text, the chat
 * maps each span's style to Ink (see spans.ts for the styles). Every string is made safe to draw.
 */
export function layoutAnswer(answer: Answer, options: LayoutOptions): Section[] {
  const sections: Section[] = [];
  const add = (kind: SectionKind, lines: Line[]) => {
    if (lines.length === 0) return;
    const fitted = kind === 'table' || kind === 'chart';
    sections.push({ kind, lines: fitted || !options.wrap ? lines : lines.flatMap((line) => wrapLine(line, options.width)) });
  };
  add('summary', [[span(answer.summary, 'heading')]]);
  if (answer.analysis) add('analysis', answer.analysis.split('\n').map((line) => commandSpans(safeText(line))));
  add('steps', (answer.steps ?? []).map((step, i) => stepLine(`${i + 1}. ${step}`)));
  const { table, chart } = shownViews(answer);
  if (table) add('table', tableLines(answer, options));
  if (chart && answer.chart) add('chart', chartLines(answer.chart, options.width).map((line) => [{ text: line, style: 'chart' }]));
  if (answer.totals && answer.totals.length > 0 && (answer.table || answer.totals.length > 1)) {
    add('totals', answer.totals.map((total) => [span(`${total.label}: `), span(formatMoney(total.amount, total.unit), 'amount')]));
  }
  if (answer.failures.length > 0) {
    add('failures', [[span('Failed:', 'error')], ...answer.failures.map((failure) => commandSpans(safeText(`  ${failure.region}: ${failure.message} (${failure.code})`), 'error'))]);
  }
  add('notes', answer.warnings.map((warning) => commandSpans(safeText(`Note: ${warning}`), 'warning')));
  if (answer.calls.length > 0) add('calls', [[span(`Calls: ${summarizeCalls(answer)}${options.callsHint ? ` ${options.callsHint}` : ''}`, 'muted')]]);
  return sections;
}

/**
 * The answer's table and chart show the same numbers: only the view it chose, or both when the
 * question asked. A view asked for that the answer does not have gives way to the one it has.
 */
function shownViews(answer: Answer): { table: boolean; chart: boolean } {
  const hasTable = (answer.table?.rows.length ?? 0) > 0;
  const hasChart = (answer.chart?.points.length ?? 0) >= 2;
  const view = answer.view ?? 'both';
  return {
    table: hasTable && (view !== 'chart' || !hasChart),
    chart: hasChart && (view !== 'table' || !hasTable),
  };
}

/** How a diagnosis step introduces the command that does it ("… Run: aws iam …", diagnose/templates.ts). */
const commandMarker = ' Run: ';

/** A step's command is code: copied whole, never broken. */
function stepLine(step: string): Line {
  const at = step.indexOf(commandMarker);
  if (at === -1) return [span(step)];
  const end = at + commandMarker.length;
  return [span(step.slice(0, end)), span(step.slice(end), 'code')];
}

/**
 * The table fitted to the width, at most `tableRows` rows, with its note (or one saying rows were
 * left out) and one naming the columns a narrow terminal left out.
 */
function tableLines(answer: Answer, options: LayoutOptions): Line[] {
  const table = answer.table;
  if (!table || table.rows.length === 0) return [];
  const rows = table.all ? table.rows : table.rows.slice(0, options.tableRows);
  const { lines, dropped } =
    table.layout === 'properties' && table.columns.length === 2 ? { lines: fitPropertyList([table.columns[0]!, table.columns[1]!], rows, options.width), dropped: [] } : fitTable(table.columns, rows, options.width, table.optional);
  const [header, rule, ...body] = lines;
  const cut = rows.length < table.rows.length;
  const more = (cut || (table.total ?? 0) > rows.length) && options.moreRows ? ` — ${options.moreRows}` : '';
  const shown = cut ? `showing ${rows.length} of ${table.total ?? table.rows.length} rows` : table.note;
  const notes = [
    shown === undefined ? undefined : `${shown}${more}`,
    dropped.length > 0 ? `${listed(dropped)} left out to fit ${options.width} columns` : undefined,
  ].filter((note) => note !== undefined);
  return [
    [{ text: header!, style: 'heading' }],
    [{ text: rule!, style: 'muted' }],
    ...body.map((line): Line => [{ text: line, style: 'plain' }]),
    ...notes.flatMap((note) => (options.wrap ? wrapLine([span(`(${note})`, 'muted')], options.width) : [[span(`(${note})`, 'muted')]])),
  ];
}

/** "State", "State and Region", "Size, State and Region". */
function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A breakdown or a short series as bars; a long series as one sparkline between its first and last label. */
function chartLines(chart: Chart, width: number): string[] {
  if (chart.points.length < 2) return [];
  if (chart.kind === 'series' && chart.points.length > barsUpTo) return [sparklineRow(chart.points, width)];
  return barLines(chart.points, (value) => (chart.unit === 'resources' ? String(value) : formatMoney(value, chart.unit)), width);
}

function span(text: string, style: SpanStyle = 'plain'): Span {
  return { text: safeText(text), style };
}

/** The sections as plain text: one blank line between sections, a newline at the end. */
export function sectionsText(sections: Section[]): string {
  return `${sections.map((section) => section.lines.map((line) => line.map((s) => s.text).join('')).join('\n')).join('\n\n')}\n`;
}

/** "cloudcontrol ListResources in 17 regions (34 pages), account ListRegions" */
export function summarizeCalls(answer: Pick<Answer, 'calls'>): string {
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
      // Calls beyond one per region (the GetResource reads of a filter) are counted.
      const times = group.count > group.regions.size ? ` ×${group.count}` : '';
      return `${key}${where}${times}${pages}${cached}`;
    })
    .join(', ');
}

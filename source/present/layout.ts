import { breakCells, cellWidth, padEndCells, padStartCells, safeText, truncate } from './terminal-text.js';

export interface FittedTable {
  /** The header, a rule under it, then one line per row. */
  lines: string[];
  /** The optional columns left out to fit the width, in the table's order. */
  dropped: string[];
}

/**
 * Plain-text layout of answer tables and charts, fitted to a width. Shared by the headless
 * writer and the Ink components so both show the same thing.
 *
 * A table too wide for the width first leaves out its `optional` columns, the least telling
 * first (the table declares them; identifiers and names never are), and only then narrows what
 * is left, so an ID is cut only when it cannot fit even alone with the columns that must stay.
 */
export function fitTable(columns: string[], rows: string[][], width: number, optional: string[] = []): FittedTable {
  const cells = [columns, ...rows].map((row) => columns.map((_, i) => safeText(row[i] ?? '')));
  const natural = columns.map((_, i) => Math.max(...cells.map((row) => cellWidth(row[i]!))));
  const kept = columns.map((_, i) => i);
  const needed = () => kept.reduce((sum, i) => sum + natural[i]!, 0) + 2 * (kept.length - 1);
  for (const name of optional) {
    if (needed() <= width) break;
    const at = kept.indexOf(columns.indexOf(name));
    if (at !== -1 && kept.length > 1) kept.splice(at, 1);
  }
  const widths = shrink(kept.map((i) => natural[i]!), width - 2 * (kept.length - 1));
  const numeric = kept.map((i) => rows.length > 0 && rows.every((row) => /^[-+$]?[\d,.]+(?:%| \w+)?$|^$/.test(row[i] ?? '')));
  const line = (row: string[]) =>
    kept
      .map((column, k) => {
        const fitted = truncate(row[column]!, widths[k]!);
        return numeric[k] ? padStartCells(fitted, widths[k]!) : padEndCells(fitted, widths[k]!);
      })
      .join('  ')
      .trimEnd();
  return {
    lines: [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)],
    dropped: columns.filter((_, i) => !kept.includes(i)),
  };
}

/**
 * A resource's properties as a list fitted to the width: nothing is cut. The name column takes at
 * most 40% of the width; a longer name stands on its own line with its value under it, and a long
 * value continues on the lines below, under the value column.
 */
export function fitPropertyList(columns: [string, string], rows: string[][], width: number): string[] {
  const names = rows.map((row) => safeText(row[0] ?? ''));
  const values = rows.map((row) => safeText(row[1] ?? ''));
  const nameWidth = Math.max(1, Math.min(Math.max(cellWidth(columns[0]), ...names.map(cellWidth)), Math.floor(width * 0.4)));
  const valueWidth = Math.max(1, width - nameWidth - 2);
  const indent = ' '.repeat(nameWidth + 2);
  const body = names.flatMap((name, i) => {
    const [first = '', ...more] = breakCells(values[i]!, valueWidth);
    const head = cellWidth(name) <= nameWidth ? [`${padEndCells(name, nameWidth)}  ${first}`.trimEnd()] : [...breakCells(name, width), `${indent}${first}`.trimEnd()];
    return [...head, ...more.map((part) => indent + part)];
  });
  return [`${padEndCells(truncate(columns[0], nameWidth), nameWidth)}  ${truncate(columns[1], valueWidth)}`, `${'─'.repeat(nameWidth)}  ${'─'.repeat(Math.min(valueWidth, Math.max(cellWidth(columns[1]), ...values.map(cellWidth))))}`, ...body];
}

/** Other columns narrow down to this many cells before the first one (the row's identifier or label) narrows at all. */
const firstColumnLast = 10;

/**
 * Narrows the widest column first until the row fits, sparing the first column (what names the
 * row) until the others are down to `firstColumnLast` cells; no column goes below 3 cells.
 */
function shrink(widths: number[], available: number): number[] {
  const result = [...widths];
  let total = result.reduce((a, b) => a + b, 0);
  while (total > available) {
    const others = result.map((w, i) => (i > 0 && w > firstColumnLast ? w : 0));
    const candidates = Math.max(...others) > 0 ? others : result;
    const widest = candidates.indexOf(Math.max(...candidates));
    if (result[widest]! <= 3) break;
    result[widest]!--;
    total--;
  }
  return result;
}

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** One horizontal bar per point: label, bar scaled to the largest value, formatted value. */
export function barLines(points: Array<{ label: string; value: number }>, format: (value: number) => string, width: number): string[] {
  if (points.length === 0) return [];
  const labels = points.map((p) => safeText(p.label));
  const values = points.map((p) => safeText(format(p.value)));
  const labelWidth = Math.min(Math.max(...labels.map(cellWidth)), Math.max(8, Math.floor(width * 0.35)));
  const valueWidth = Math.max(...values.map(cellWidth));
  const barWidth = Math.max(4, Math.min(40, width - labelWidth - valueWidth - 4));
  const max = Math.max(...points.map((p) => p.value), 0);
  return points.map((point, i) => {
    const eighthsTotal = max > 0 ? Math.round((Math.max(point.value, 0) / max) * barWidth * 8) : 0;
    const bar = '█'.repeat(Math.floor(eighthsTotal / 8)) + eighths[eighthsTotal % 8];
    return `${padEndCells(truncate(labels[i]!, labelWidth), labelWidth)}  ${padEndCells(bar, barWidth)}  ${padStartCells(values[i]!, valueWidth)}`;
  });
}

const sparks = '▁▂▃▄▅▆▇█';

function sparkline(values: number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => sparks[max === min ? 3 : Math.round(((v - min) / (max - min)) * (sparks.length - 1))]).join('');
}

/**
 * "2026-09-24 ▁▂▅█▃ 2026-11-22": a series as one sparkline between its first and last label, fitted
 * to the width; when there are more points than cells, neighbouring points are averaged.
 */
export function sparklineRow(points: Array<{ label: string; value: number }>, width: number): string {
  const first = safeText(points[0]!.label);
  const last = safeText(points.at(-1)!.label);
  const cells = Math.max(8, width - cellWidth(first) - cellWidth(last) - 2);
  const values = points.map((p) => p.value);
  const buckets = Math.min(values.length, cells);
  const averaged = Array.from({ length: buckets }, (_, i) => {
    const slice = values.slice(Math.floor((i * values.length) / buckets), Math.floor(((i + 1) * values.length) / buckets));
    return slice.reduce((a, b) => a + b, 0) / slice.length;
  });
  return `${first} ${sparkline(averaged)} ${last}`;
}

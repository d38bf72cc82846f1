import type { AnswerView } from '../understanding/view-words.js';

/**
 * The structured answer both front ends render (text, JSON, Ink) and history stores as it is.
 */
export interface Answer {
  /**
   * answered; partial: some regions failed; failed: every region (or Cost Explorer) failed;
   * unapplied: a filter could not be applied within the limits asked (describeLimit), so no
   * figure is claimed: not an AWS failure.
   */
  outcome: 'answered' | 'partial' | 'failed' | 'unapplied';
  /** One sentence that answers the question. */
  summary: string;
  /** A diagnosis: the plain-language root cause. */
  analysis?: string;
  /** A diagnosis: ordered, concrete steps to resolve it. */
  steps?: string[];
  table?: AnswerTable;
  totals?: Money[];
  chart?: Chart;
  /**
   * Which of `table` and `chart` to show when the answer has both: the one the question asked for,
   * else the one its shape calls for (answerView). Absent in answers stored before answers chose: both.
   */
  view?: AnswerView;
  /** Every AWS API call made for this answer. */
  calls: ApiCall[];
  /** Regions (or services) that failed; the rest of the answer stands. */
  failures: RegionFailure[];
  warnings: string[];
}

export interface AnswerTable {
  columns: string[];
  rows: string[][];
  /** e.g. "showing 50 of 312" */
  note?: string;
  /** How many rows there are, when `rows` holds only the first of them. */
  total?: number;
  /** Every row, as the question asked ("show all", --all): front ends show them all. */
  all?: true;
  /**
   * Columns a narrow terminal may leave out, the least telling first (the layout names the ones it
   * left out); every other column, identifiers and names above all, is always shown.
   */
  optional?: string[];
  /** properties: a describe answer's name/value list, laid out so nothing is cut (values wrap). */
  layout?: 'properties';
}

export interface Money {
  label: string;
  amount: number;
  unit: string;
}

export interface Chart {
  /** `breakdown`: horizontal bars per label; `series`: values over time. */
  kind: 'breakdown' | 'series';
  unit: string;
  points: Array<{ label: string; value: number }>;
}

export interface ApiCall {
  service: string;
  operation: string;
  region: string;
  pages: number;
  fromCache: boolean;
}

export interface RegionFailure {
  region: string;
  code: string;
  message: string;
}

export function emptyAnswer(summary: string): Answer {
  return { outcome: 'answered', summary, calls: [], failures: [], warnings: [] };
}

/** One entry per GetResource call made in a region: it has no pages, each read is a call of its own. */
export function getResourceCalls(region: string, count: number): ApiCall[] {
  return Array.from({ length: count }, () => ({ service: 'cloudcontrol', operation: 'GetResource', region, pages: 1, fromCache: false }));
}

/**
 * One view of the numbers unless the question asked for another or both: a series over time is a
 * chart (its bars carry every value, a long one is a sparkline), a breakdown a table (with shares).
 */
export function answerView(answer: Pick<Answer, 'table' | 'chart'>, asked: AnswerView | undefined): AnswerView | undefined {
  if (asked) return asked;
  if (!answer.table || !answer.chart) return undefined;
  return answer.chart.kind === 'series' ? 'chart' : 'table';
}

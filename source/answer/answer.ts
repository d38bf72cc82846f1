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

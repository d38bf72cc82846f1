import * as chrono from 'chrono-node';
import { addDays, addMonths, dayMs, monthNames, monthStart, quarterStart, utc, weekStart, yearStart } from './calendar.js';
import { spokenPeriods } from './period-phrases.js';

/** A Cost Explorer time period: ISO dates (YYYY-MM-DD), start inclusive, end exclusive. */
export interface Period {
  start: string;
  end: string;
}

export interface PeriodMention {
  /** The whole period the question names ("this month" is all of it); the planner fits it to history or to a forecast. */
  period: Period;
  /** How the question named it, for summaries ("last month", "2026-03-01 to 2026-04-15"). */
  label: string;
  /** Where it was found, so the planner can ignore those words when it looks for other things. */
  span: [number, number];
  /** True when the period lies (partly) after today: only forecasts may ask for that part. */
  future: boolean;
}

export interface PeriodOptions {
  /**
   * Which occurrence a date without a year means: the latest one that has started ("in March",
   * for questions about spend) or the next one that has not ended ("forecast for March").
   */
  prefer?: 'past' | 'future';
}

export const iso = (date: Date): string => date.toISOString().slice(0, 10);

export function startOfDay(now: Date): Date {
  return utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** The exclusive end of a question about spend so far: tomorrow, so today's estimated spend counts. */
export function historyEnd(now: Date): Date {
  return addDays(startOfDay(now), 1);
}

/** Cost Explorer keeps the current month and the 12 before it. */
export function costLookbackStart(now: Date): Date {
  return utc(now.getUTCFullYear(), now.getUTCMonth() - 12);
}

/** The furthest a forecast may reach: 12 months from today. */
export function forecastHorizon(now: Date): Date {
  return addMonths(startOfDay(now), 12);
}

interface Found {
  start: Date;
  end: Date;
  label: string;
}

type Resolve = (match: RegExpExecArray, today: Date) => Found | undefined;

const numberWords: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const countPattern = `(\\d{1,3}|${Object.keys(numberWords).join('|')})`;
/** The unit in the singular, as the group; its plural `s` outside it. */
const unitPattern = '(day|week|month|quarter|year)s?';

/** A period of `count` whole units before the current one: days before today, calendar weeks/months/quarters/years before this one. */
function unitsBefore(today: Date, count: number, unit: string): Found {
  const label = `last ${count} ${unit}${count === 1 ? '' : 's'}`;
  if (unit === 'day') return { start: addDays(today, -count), end: today, label };
  if (unit === 'week') return { start: addDays(today, -7 * count), end: today, label: `last ${count * 7} days` };
  if (unit === 'month') return { start: monthStart(today, -count), end: monthStart(today), label };
  if (unit === 'quarter') return { start: quarterStart(today, -count), end: quarterStart(today), label };
  return { start: yearStart(today, -count), end: yearStart(today), label };
}

/** A period of `count` units from today on. */
function unitsAhead(today: Date, count: number, unit: string): Found {
  const label = `the next ${count} ${unit}${count === 1 ? '' : 's'}`;
  const monthsPer: Record<string, number> = { month: 1, quarter: 3, year: 12 };
  const months = monthsPer[unit];
  const end = months ? addMonths(today, count * months) : addDays(today, count * (unit === 'week' ? 7 : 1));
  return { start: today, end, label };
}

/** Phrases relative to today, each the whole period it names. When several match, the longest wins. */
const relativePeriods: Array<[RegExp, Resolve]> = [
  [/\b(?:year to date|ytd|so far this year)\b/i, (_m, t) => ({ start: yearStart(t), end: addDays(t, 1), label: 'year to date' })],
  [/\b(?:month to date|mtd|so far this month)\b/i, (_m, t) => ({ start: monthStart(t), end: addDays(t, 1), label: 'month to date' })],
  [/\b(?:this|current) year\b/i, (_m, t) => ({ start: yearStart(t), end: yearStart(t, 1), label: 'this year' })],
  [/\b(?:last|previous|past|prior) year\b/i, (_m, t) => ({ start: yearStart(t, -1), end: yearStart(t), label: 'last year' })],
  [/\bnext year\b/i, (_m, t) => ({ start: yearStart(t, 1), end: yearStart(t, 2), label: 'next year' })],
  [/\b(?:rest|remainder|end) of (?:the|this) year\b/i, (_m, t) => ({ start: t, end: yearStart(t, 1), label: 'the rest of this year' })],
  [/\b(?:this|current) quarter\b/i, (_m, t) => ({ start: quarterStart(t), end: quarterStart(t, 1), label: 'this quarter' })],
  [/\b(?:last|previous|past|prior) quarter\b/i, (_m, t) => ({ start: quarterStart(t, -1), end: quarterStart(t), label: 'last quarter' })],
  [/\bnext quarter\b/i, (_m, t) => ({ start: quarterStart(t, 1), end: quarterStart(t, 2), label: 'next quarter' })],
  [/\b(?:this|current) month\b/i, (_m, t) => ({ start: monthStart(t), end: monthStart(t, 1), label: 'this month' })],
  [/\b(?:last|previous|past|prior) month\b/i, (_m, t) => ({ start: monthStart(t, -1), end: monthStart(t), label: 'last month' })],
  [/\b(?:the )?month before last\b/i, (_m, t) => ({ start: monthStart(t, -2), end: monthStart(t, -1), label: 'the month before last' })],
  [/\bnext month\b/i, (_m, t) => ({ start: monthStart(t, 1), end: monthStart(t, 2), label: 'next month' })],
  [/\b(?:rest|remainder|end) of (?:the|this) month\b/i, (_m, t) => ({ start: t, end: monthStart(t, 1), label: 'the rest of this month' })],
  [/\b(?:this|current) week\b/i, (_m, t) => ({ start: weekStart(t), end: weekStart(t, 1), label: 'this week' })],
  [/\b(?:last|previous|past|prior) week\b/i, (_m, t) => ({ start: weekStart(t, -1), end: weekStart(t), label: 'last week' })],
  [/\bnext week\b/i, (_m, t) => ({ start: weekStart(t, 1), end: weekStart(t, 2), label: 'next week' })],
  [new RegExp(`\\b(?:the )?(?:last|past|previous|prior) ${countPattern} ${unitPattern}\\b`, 'i'), (m, t) => unitsBefore(t, wordNumber(m[1]!), m[2]!.toLowerCase())],
  [new RegExp(`\\b(?:the )?(?:next|coming|following) ${countPattern} ${unitPattern}\\b`, 'i'), (m, t) => unitsAhead(t, wordNumber(m[1]!), m[2]!.toLowerCase())],
  [/\b(?:yesterday|(?:the )?(?:last|past|previous) day)\b/i, (_m, t) => ({ start: addDays(t, -1), end: t, label: 'yesterday' })],
  [/\btoday\b/i, (_m, t) => ({ start: t, end: addDays(t, 1), label: 'today' })],
  [/\b(?:the )?(?:start|beginning) of (?:the |this )?(year|quarter|month|week)\b/i, (m, t) => {
    const unit = m[1]!.toLowerCase();
    const start = unit === 'year' ? yearStart(t) : unit === 'quarter' ? quarterStart(t) : unit === 'month' ? monthStart(t) : weekStart(t);
    return { start, end: addDays(start, 1), label: `the start of the ${unit}` };
  }],
  [/\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b(?! (?:of|quarter))/i, (m, t) => {
    const start = utc(t.getUTCFullYear(), t.getUTCMonth() - (Number(m[1]) > t.getUTCDate() ? 1 : 0), Number(m[1]));
    return start.getUTCDate() === Number(m[1]) ? { start, end: addDays(start, 1), label: iso(start) } : undefined;
  }],
  [/\btomorrow\b/i, (_m, t) => ({ start: addDays(t, 1), end: addDays(t, 2), label: 'tomorrow' })],
  ...spokenPeriods,
];

// ---------- Calendar dates: 2026-03-01, 2026-10, March, 1 March 2026, Q1, the first quarter of 2026, 2024 ----------

const monthNamePattern = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ordinal = '(?:st|nd|rd|th)?';
const yearPattern = '((?:19|20)\\d{2})';
/** One calendar date, month, quarter or year. Each alternative has its own groups (see `pointOf`). */
const calendarPoint = new RegExp(
  [
    /* 1-3  ISO day     */ '(\\d{4})-(\\d{1,2})-(\\d{1,2})',
    /* 4-5  ISO month   */ '(\\d{4})-(\\d{1,2})(?![-\\d])',
    /* 6-9  named month */ `(?:(\\d{1,2})${ordinal}\\s+(?:of\\s+)?)?(${monthNamePattern})\\.?(?:\\s+(\\d{1,2})${ordinal}(?![\\d:]))?(?:,?\\s+(?:of\\s+)?${yearPattern})?`,
    /* 10-11 Qn year    */ `q([1-4])(?:\\s+(?:of\\s+)?${yearPattern})?`,
    /* 12-13 year Qn    */ `${yearPattern}\\s+q([1-4])`,
    /* 14-15 nth quarter */ `(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter(?:\\s+(?:of\\s+)?${yearPattern})?`,
    /* 16   year        */ yearPattern,
  ]
    .map((alternative) => `(?<![\\w./:-])${alternative}(?![\\w/:-]|\\.\\w)`)
    .join('|'),
  'gi',
);
/** "may" is a month only where a date is expected, not in "may I see": after these words, or with nothing after it ("march vs may"). */
const datePreposition = /(?:\b(?:in|of|since|from|between|for|during|until|till|to|through|thru|and|vs\.?|versus|than|after|before|with)\s+|[-–—]\s*)$/i;

/** Stands in for a year the question did not give until `anchor` picks one; a leap year, so "February 29" reads. */
const placeholderYear = 2000;
const nothingAfter = /^\W*$/;

interface Point {
  start: Date;
  end: Date;
  /** Whether the question gave the year; without one, the year is inferred. */
  yearGiven: boolean;
  precision: 'day' | 'month' | 'quarter' | 'year';
  index: number;
  length: number;
}

function pointOf(m: RegExpExecArray, text: string): Point | undefined {
  const n = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const at = { index: m.index, length: m[0].length };
  if (m[1]) return dayPoint(n(1)!, n(2)! - 1, n(3)!, true, at);
  if (m[4]) return monthPoint(n(4)!, n(5)! - 1, true, at);
  if (m[7]) {
    const month = monthNames.findIndex((name) => name.startsWith(m[7]!.toLowerCase()));
    const day = n(6) ?? n(8);
    const bareMay = m[7].toLowerCase() === 'may' && day === undefined && !m[9];
    if (bareMay && !datePreposition.test(text.slice(0, m.index)) && !nothingAfter.test(text.slice(m.index + m[0].length))) return undefined;
    const year = n(9) ?? placeholderYear;
    return day === undefined ? monthPoint(year, month, Boolean(m[9]), at) : dayPoint(year, month, day, Boolean(m[9]), at);
  }
  const quarter = n(10) ?? n(13) ?? (m[14] ? ['first', 'second', 'third', 'fourth'].indexOf(ordinalWord(m[14])) + 1 : undefined);
  if (quarter !== undefined) {
    const year = n(11) ?? n(12) ?? n(15);
    const start = utc(year ?? placeholderYear, (quarter - 1) * 3);
    return { start, end: utc(start.getUTCFullYear(), start.getUTCMonth() + 3), yearGiven: year !== undefined, precision: 'quarter', ...at };
  }
  const year = n(16)!;
  return { start: utc(year, 0), end: utc(year + 1, 0), yearGiven: true, precision: 'year', ...at };
}

function ordinalWord(word: string): string {
  const digits: Record<string, string> = { '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth' };
  return digits[word.toLowerCase()] ?? word.toLowerCase();
}

function dayPoint(year: number, month: number, day: number, yearGiven: boolean, at: { index: number; length: number }): Point | undefined {
  const start = utc(year, month, day);
  if (month < 0 || month > 11 || start.getUTCDate() !== day) return undefined; // 2026-02-30, 2026-13-01
  return { start, end: addDays(start, 1), yearGiven, precision: 'day', ...at };
}

function monthPoint(year: number, month: number, yearGiven: boolean, at: { index: number; length: number }): Point | undefined {
  if (month < 0 || month > 11) return undefined;
  return { start: utc(year, month), end: utc(year, month + 1), yearGiven, precision: 'month', ...at };
}

/** Moves a point to another year, keeping its month and day (29 February becomes 1 March in a common year). */
function inYear(point: Point, year: number): Point {
  const shift = (date: Date) => utc(year + (date.getUTCFullYear() - point.start.getUTCFullYear()), date.getUTCMonth(), date.getUTCDate());
  const start = shift(point.start);
  // Stryker disable next-line BooleanLiteral: equivalent, nothing reads yearGiven once a point has its year (a range reads its ends' before anchoring them)
  return { ...point, start, end: point.precision === 'day' ? addDays(start, 1) : shift(point.end), yearGiven: true };
}

/** Gives a point without a year the year the question most likely means. */
function anchor(point: Point, today: Date, prefer: 'past' | 'future'): Point {
  if (point.yearGiven) return point;
  const thisYear = inYear(point, today.getUTCFullYear());
  if (prefer === 'past') return thisYear.start > today ? inYear(point, today.getUTCFullYear() - 1) : thisYear;
  return thisYear.end <= today ? inYear(point, today.getUTCFullYear() + 1) : thisYear;
}

/** The first occurrence of `point` that starts on or after `from` (the second date of "from November to March"). */
function anchorAfter(point: Point, from: Date): Point {
  if (point.yearGiven) return point;
  const sameYear = inYear(point, from.getUTCFullYear());
  return sameYear.start < from ? inYear(point, from.getUTCFullYear() + 1) : sameYear;
}

/**
 * The last occurrence of `point`, given without its year, that starts no later than `until` and does not
 * run past it (the first date of "from March to 2026-05-01"; "from Q1 to January 2026" starts in Q1 2025).
 */
function anchorBefore(point: Point, until: Point): Point {
  const sameYear = inYear(point, until.start.getUTCFullYear());
  return sameYear.start > until.start || sameYear.end > until.end ? inYear(point, until.start.getUTCFullYear() - 1) : sameYear;
}

/**
 * Years for both ends of a range: a year given on one end carries to the other; otherwise the end
 * is the latest that has started (for a forecast, the next that has not ended) and the start the last before it.
 */
function anchorRange(first: Point, second: Point, today: Date, prefer: 'past' | 'future'): [Point, Point] {
  if (first.yearGiven) return [first, anchorAfter(second, first.start)];
  const end = anchor(second, today, prefer);
  return [anchorBefore(first, end), end];
}

/** "to", "through the end of": the words between the two ends of a range. */
const rangeJoiner = /^\s*(?:to|until|till|through|thru|-|–|—)\s*(?:the\s+)?(?:end\s+of\s+)?$/i;
const betweenOpener = /\bbetween\s+(?:the\s+)?$/i;
const betweenJoiner = /^\s*and\s*(?:the\s+)?$/i;
const openStart = /\b(?:since|from|starting(?: from| on| in)?|beginning(?: of| in)?)\s+(?:the\s+)?$/i;

/** Calendar dates in the question: ranges ("between X and Y", "X to Y") and single dates. */
function calendarPeriods(question: string, today: Date, prefer: 'past' | 'future'): Candidate[] {
  const points = [...question.matchAll(calendarPoint)].flatMap((m) => pointOf(m, question) ?? []);
  return points.map((first, i) => {
    const second = points[i + 1];
    // Stryker disable next-line StringLiteral: equivalent, without a second point the joiner is not read
    const joiner = second ? question.slice(first.index + first.length, second.index) : '';
    const isRange = second && (rangeJoiner.test(joiner) || (betweenJoiner.test(joiner) && betweenOpener.test(question.slice(0, first.index))));
    if (!second || !isRange) {
      const point = anchor(first, today, prefer);
      return { start: point.start, end: point.end, label: pointLabel(point), index: first.index, length: first.length };
    }
    const ends = anchorRange(first, second, today, prefer);
    const [from, to] = ends[0].start <= ends[1].start ? ends : [ends[1], ends[0]];
    return { start: from.start, end: to.end, label: `${pointLabel(from)} to ${pointLabel(to)}`, index: first.index, length: second.index + second.length - first.index, closed: true };
  });
}

function pointLabel(point: Point): string {
  const year = point.start.getUTCFullYear();
  if (point.precision === 'day') return iso(point.start);
  if (point.precision === 'month') return `${capitalize(monthNames[point.start.getUTCMonth()]!)} ${year}`;
  if (point.precision === 'quarter') return `Q${Math.floor(point.start.getUTCMonth() / 3) + 1} ${year}`;
  return String(year);
}

interface Candidate extends Found {
  index: number;
  length: number;
  /** A range with both ends named, which "since"/"from" before it does not open. */
  closed?: boolean;
}

/**
 * Finds the time period a question names, relative to `now` (UTC): the whole period as named
 * ("this month" runs to the end of the month), start inclusive, end exclusive. Relative phrases and
 * calendar dates are read by rules (the longest match wins); other date phrases ("last monday",
 * "3/15/2026") by chrono-node. "since X" runs from X to today.
 */
export function findPeriod(question: string, now: Date, options: PeriodOptions = {}): PeriodMention | undefined {
  const today = startOfDay(now);
  const prefer = options.prefer ?? 'past';
  const candidates: Candidate[] = [];
  for (const [pattern, resolve] of relativePeriods) {
    const match = pattern.exec(question);
    const found = match ? resolve(match, today) : undefined;
    if (match && found) candidates.push({ ...found, index: match.index, length: match[0].length });
  }
  candidates.push(...calendarPeriods(question, today, prefer));
  candidates.sort((a, b) => b.length - a.length || a.index - b.index);
  for (const candidate of candidates.length > 0 ? candidates : [chronoPeriod(question, now, today)]) {
    const found = candidate && mention(opened(candidate, question, today), today);
    if (found) return found;
  }
  return undefined;
}

/** "since June", "from last month": the period runs from its start to today. */
function opened(candidate: Candidate, question: string, today: Date): Candidate {
  const opensAt = !candidate.closed && openStart.test(question.slice(0, candidate.index)) && candidate.start < addDays(today, 1);
  return opensAt ? { ...candidate, end: addDays(today, 1), label: `since ${candidate.label}` } : candidate;
}

/** What chrono-node may read that the rules above do not: numeric dates, weekdays, "2 weeks ago". */
const chronoHint = /\d|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\bago\b/i;

/** A year-first date whose middle number is a day, not a month, at either end: chrono-node reads 2026-13-01 as 2026-01-13 (year, day, month). */
const notYearMonthDay = /\d{4}[-/.](?:1[3-9]|[23]\d)[-/.]/;

/** Other date phrases, through chrono-node: one day or a range of days. */
function chronoPeriod(question: string, now: Date, today: Date): Candidate | undefined {
  if (!chronoHint.test(question)) return undefined;
  const results = chrono
    .parse(question, { instant: now, timezone: 'UTC' })
    .filter((r) => !notYearMonthDay.test(r.text) && (r.start.isCertain('day') || r.start.isCertain('month') || r.start.isCertain('weekday')));
  const first = results[0];
  if (!first) return undefined;
  const dayOf = (component: chrono.ParsedComponents): Date | undefined => {
    const date = utc(component.get('year') ?? today.getUTCFullYear(), (component.get('month') ?? 1) - 1, component.get('day') ?? 1);
    // A weekday is chrono's own ("last monday", "next friday"), not moved a year back as a date without
    // its year is; a bare one is the nearest, which may lie ahead ("wednesday" on Sunday 2026-11-22 is
    // the 25th), and a question about it means the one before.
    if (component.isCertain('weekday') && !component.isCertain('day')) return date > today && !/\b(?:next|this)\b/i.test(first.text) ? addDays(date, -7) : date;
    if (!component.isCertain('year') && date > today) date.setUTCFullYear(date.getUTCFullYear() - 1);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };
  const start = dayOf(first.start);
  const last = first.end ? dayOf(first.end) : start;
  if (!start || !last) return undefined;
  // A month chrono is sure of without a day ("in 3/2026") is that month, not its 1st.
  if (!first.end && !first.start.isCertain('day') && !first.start.isCertain('weekday')) {
    const monthEnd = utc(start.getUTCFullYear(), start.getUTCMonth() + 1);
    return { start, end: monthEnd, label: rangeLabel(start, monthEnd), index: first.index, length: first.text.length };
  }
  const end = addDays(last >= start ? last : start, 1);
  const label = end.getTime() - start.getTime() === dayMs ? iso(start) : `${iso(start)} to ${iso(addDays(end, -1))}`;
  // A range chrono read names both ends ("from 3/1/2026 to 3/5/2026"): its "from" does not open it to today.
  return { start, end, label, index: first.index, length: first.text.length, closed: Boolean(first.end) };
}

/** A mention, or nothing for dates that do not print as YYYY-MM-DD (the rules reach no further back than the year 1000). */
function mention(found: Candidate, today: Date): PeriodMention | undefined {
  const usable = (date: Date) => Number.isFinite(date.getTime()) && date.getUTCFullYear() >= 1000 && date.getUTCFullYear() <= 9999;
  if (!usable(found.start) || !usable(found.end) || found.start >= found.end) return undefined;
  return {
    period: { start: iso(found.start), end: iso(found.end) },
    label: found.label,
    span: [found.index, found.index + found.length],
    future: found.end > addDays(today, 1),
  };
}

/** The period of the same length just before `period`: whole calendar months stay whole months. */
export function precedingPeriod(period: Period): { period: Period; label: string } {
  const start = new Date(`${period.start}T00:00:00Z`);
  const end = new Date(`${period.end}T00:00:00Z`);
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  const wholeMonths = start.getUTCDate() === 1 && end.getUTCDate() === 1 && months > 0;
  const before = wholeMonths ? { start: monthStart(start, -months), end: start } : { start: addDays(start, -(end.getTime() - start.getTime()) / dayMs), end: start };
  return { period: { start: iso(before.start), end: iso(before.end) }, label: rangeLabel(before.start, before.end) };
}

/** "October 2026", "Q3 2026", "2025", "2026-11-03", or "2026-10-01 to 2026-10-14". */
export function rangeLabel(start: Date, end: Date): string {
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  const wholeMonths = start.getUTCDate() === 1 && end.getUTCDate() === 1;
  if (wholeMonths && months === 1) return `${capitalize(monthNames[start.getUTCMonth()]!)} ${start.getUTCFullYear()}`;
  if (wholeMonths && months === 3 && start.getUTCMonth() % 3 === 0) return `Q${start.getUTCMonth() / 3 + 1} ${start.getUTCFullYear()}`;
  if (wholeMonths && months === 12 && start.getUTCMonth() === 0) return String(start.getUTCFullYear());
  if (end.getTime() - start.getTime() === dayMs) return iso(start);
  return `${iso(start)} to ${iso(addDays(end, -1))}`;
}

function wordNumber(text: string): number {
  return numberWords[text.toLowerCase()] ?? Number(text);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

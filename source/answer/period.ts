import * as chrono from 'chrono-node';

/** A Cost Explorer time period: ISO dates (YYYY-MM-DD), start inclusive, end exclusive. */
export interface Period {
  start: string;
  end: string;
}

export interface PeriodMention {
  period: Period;
  /** How the question named it, for summaries ("last month", "2026-03-01 to 2026-04-15"). */
  label: string;
  /** Where it was found, so the planner can ignore those words when it looks for other things. */
  span: [number, number];
  /** True when the period lies (partly) after today: only forecasts may ask for it. */
  future: boolean;
}

const day = 86_400_000;
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const iso = (date: Date): string => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, date = 1): Date => new Date(Date.UTC(year, month, date));
const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * day);

export function startOfDay(now: Date): Date {
  return utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** Cost Explorer keeps the current month and the 12 before it. */
export function costLookbackStart(now: Date): Date {
  return utc(now.getUTCFullYear(), now.getUTCMonth() - 12);
}

type Rule = (match: RegExpExecArray, today: Date) => { start: Date; end: Date; label?: string } | undefined;

/**
 * Relative phrases with fixed meanings, tried in order. Explicit dates and month names go
 * through chrono-node below.
 */
const rules: Array<[RegExp, Rule]> = [
  [/\b(?:year to date|ytd|this year|so far this year)\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear(), 0), end: addDays(t, 1), label: 'year to date' })],
  [/\b(?:last|previous|past) year\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear() - 1, 0), end: utc(t.getUTCFullYear(), 0), label: 'last year' })],
  [/\b(?:this month|month to date|mtd|so far this month|current month)\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear(), t.getUTCMonth()), end: addDays(t, 1), label: 'this month' })],
  [/\b(?:last|previous|past|prior) month\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear(), t.getUTCMonth() - 1), end: utc(t.getUTCFullYear(), t.getUTCMonth()), label: 'last month' })],
  [/\bnext month\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear(), t.getUTCMonth() + 1), end: utc(t.getUTCFullYear(), t.getUTCMonth() + 2), label: 'next month' })],
  [/\b(?:rest of|end of) (?:the|this) month\b/i, (_m, t) => ({ start: t, end: utc(t.getUTCFullYear(), t.getUTCMonth() + 1), label: 'the rest of this month' })],
  [
    /\b(?:last|past|previous|the last|the past) (\d{1,3}|two|three|four|five|six|seven|ten|twelve|fourteen|thirty|ninety) (days?|weeks?|months?)\b/i,
    (m, t) => {
      const n = wordNumber(m[1]!);
      const unit = m[2]!.toLowerCase();
      if (unit.startsWith('month')) return { start: utc(t.getUTCFullYear(), t.getUTCMonth() - n), end: utc(t.getUTCFullYear(), t.getUTCMonth()), label: `last ${n} months` };
      const days = unit.startsWith('week') ? n * 7 : n;
      return { start: addDays(t, -days), end: t, label: `last ${days} days` };
    },
  ],
  [/\b(?:last|past) (day|week)\b/i, (m, t) => (m[1] === 'day' ? { start: addDays(t, -1), end: t, label: 'yesterday' } : undefined)],
  [/\byesterday\b/i, (_m, t) => ({ start: addDays(t, -1), end: t, label: 'yesterday' })],
  [/\btoday\b/i, (_m, t) => ({ start: t, end: addDays(t, 1), label: 'today' })],
  [/\bthis week\b/i, (_m, t) => ({ start: addDays(t, -((t.getUTCDay() + 6) % 7)), end: addDays(t, 1), label: 'this week' })],
  [/\b(?:last|previous|past) week\b/i, (_m, t) => {
    const monday = addDays(t, -((t.getUTCDay() + 6) % 7));
    return { start: addDays(monday, -7), end: monday, label: 'last week' };
  }],
  [/\b(?:last|previous) quarter\b/i, (_m, t) => {
    const q = Math.floor(t.getUTCMonth() / 3);
    return { start: utc(t.getUTCFullYear(), (q - 1) * 3), end: utc(t.getUTCFullYear(), q * 3), label: 'last quarter' };
  }],
  [/\bthis quarter\b/i, (_m, t) => ({ start: utc(t.getUTCFullYear(), Math.floor(t.getUTCMonth() / 3) * 3), end: addDays(t, 1), label: 'this quarter' })],
  [/\b(?:q([1-4])|(first|second|third|fourth) quarter)(?:\s+(?:of\s+)?(\d{4}))?\b/i, (m, t) => {
    const q = m[1] ? Number(m[1]) - 1 : ['first', 'second', 'third', 'fourth'].indexOf(m[2]!.toLowerCase());
    let year = m[3] ? Number(m[3]) : t.getUTCFullYear();
    if (!m[3] && utc(year, q * 3) > t) year -= 1;
    const start = utc(year, q * 3);
    const end = utc(year, q * 3 + 3);
    return { start, end: end > t ? addDays(t, 1) : end, label: `Q${q + 1} ${year}` };
  }],
];

/** Finds the time period a question names, relative to `now` (UTC). */
export function findPeriod(question: string, now: Date): PeriodMention | undefined {
  const today = startOfDay(now);
  for (const [pattern, rule] of rules) {
    const match = pattern.exec(question);
    if (!match) continue;
    const found = rule(match, today);
    if (found) return mention(found.start, found.end, found.label ?? match[0], [match.index, match.index + match[0].length], today);
  }
  return chronoPeriod(question, now, today);
}

function chronoPeriod(question: string, now: Date, today: Date): PeriodMention | undefined {
  const results = chrono.parse(question, { instant: now, timezone: 'UTC' }).filter((r) => !/^\d{1,2}$/.test(r.text.trim()));
  const first = results[0];
  if (!first) return undefined;
  const since = /\b(?:since|from|after|starting)\s+$/i.test(question.slice(0, first.index));
  const second = results[1];
  const between = second && /\b(?:and|to|until|through|thru|-)\s*$/i.test(question.slice(first.index + first.text.length, second.index));
  const startOf = (component: chrono.ParsedComponents) => {
    let date = utc(component.get('year')!, component.get('month')! - 1, component.isCertain('day') ? component.get('day')! : 1);
    if (!component.isCertain('year') && date > today) date = utc(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate());
    return date;
  };
  /** The day after the last day a component names: a whole month when no day was given. */
  const endAfter = (component: chrono.ParsedComponents) => {
    const start = startOf(component);
    return component.isCertain('day') ? addDays(start, 1) : utc(start.getUTCFullYear(), start.getUTCMonth() + 1);
  };
  const spanEnd = (r: chrono.ParsedResult) => r.index + r.text.length;
  if (first.end) {
    return mention(startOf(first.start), endAfter(first.end), `${first.text}`, [first.index, spanEnd(first)], today);
  }
  if (between) {
    return mention(startOf(first.start), endAfter(second.start), `${iso(startOf(first.start))} to ${iso(addDays(endAfter(second.start), -1))}`, [first.index, spanEnd(second)], today);
  }
  if (since) {
    const start = startOf(first.start);
    return mention(start, addDays(today, 1), `since ${iso(start)}`, [first.index, spanEnd(first)], today);
  }
  const start = startOf(first.start);
  const label = first.start.isCertain('day') ? iso(start) : `${capitalize(months[start.getUTCMonth()]!)} ${start.getUTCFullYear()}`;
  return mention(start, endAfter(first.start), label, [first.index, spanEnd(first)], today);
}

function mention(start: Date, end: Date, label: string, span: [number, number], today: Date): PeriodMention {
  const future = end.getTime() > addDays(today, 1).getTime();
  // A period that runs past today is cut at today for historical questions; forecasts use it as named.
  return { period: { start: iso(start), end: iso(end) }, label, span, future };
}

function wordNumber(text: string): number {
  const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, twelve: 12, fourteen: 14, thirty: 30, ninety: 90 };
  return words[text.toLowerCase()] ?? Number(text);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

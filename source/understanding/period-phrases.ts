// Periods as people say them, beyond "last month": quarter to date, halves of a year or a month,
// full weeks, "the week of Nov 2", "3 months back", "the same days last month". Weeks start on
// Monday (ISO 8601). Each rule gives the whole period it names; the planner fits it to history.
import { addDays, monthNames, monthStart, quarterStart, utc, weekStart, yearStart } from './calendar.js';

interface Spoken {
  start: Date;
  end: Date;
  label: string;
}

type Rule = [RegExp, (match: RegExpExecArray, today: Date) => Spoken | undefined];

const iso = (date: Date) => date.toISOString().slice(0, 10);
const counts: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const count = `(\\d{1,2}|${Object.keys(counts).join('|')})`;
const toNumber = (text: string) => counts[text.toLowerCase()] ?? Number(text);
const month = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const year = '(?:\\s+(?:of\\s+)?((?:19|20)\\d{2}))?';
const monthIndex = (name: string) => monthNames.findIndex((full) => full.startsWith(name.toLowerCase().slice(0, 3)));
const capitalized = (index: number) => `${(monthNames[index] ?? '').charAt(0).toUpperCase()}${(monthNames[index] ?? '').slice(1)}`;
const ordinals: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3 };

/** A named month in the latest year it has started by today, or the year given. */
function monthOf(name: string, givenYear: string | undefined, today: Date): Date {
  const index = monthIndex(name);
  if (givenYear) return utc(Number(givenYear), index);
  const thisYear = utc(today.getUTCFullYear(), index);
  return thisYear > today ? utc(today.getUTCFullYear() - 1, index) : thisYear;
}

/** The first half of a year runs January to June; without a year, this year's (or last year's, before it starts). */
function half(which: 0 | 1, givenYear: string | undefined, today: Date): Spoken {
  const y = givenYear ? Number(givenYear) : today.getUTCFullYear() - (which === 1 && today.getUTCMonth() < 6 ? 1 : 0);
  return { start: utc(y, which * 6), end: utc(y, which * 6 + 6), label: `H${which + 1} ${y}` };
}

export const spokenPeriods: Rule[] = [
  [/\b(?:quarter to date|qtd|so far this quarter)\b/i, (_m, t) => ({ start: quarterStart(t), end: addDays(t, 1), label: 'quarter to date' })],
  [/\b(?:this week so far|week to date|wtd|so far this week)\b/i, (_m, t) => ({ start: weekStart(t), end: addDays(t, 1), label: 'this week so far' })],
  [new RegExp(`\\bh([12])${year}\\b`, 'i'), (m, t) => half(m[1] === '1' ? 0 : 1, m[2], t)],
  [new RegExp(`\\b(first|second) half of (?:the year|(?:19|20)\\d{2})\\b|\\b(first|second) half${year}(?! of)\\b`, 'i'), (m, t) => {
    const y = /\d{4}/.exec(m[0])?.[0];
    return half((m[1] ?? m[2] ?? '').toLowerCase() === 'first' ? 0 : 1, y, t);
  }],
  [new RegExp(`\\b(?:the )?(first|second) half of ${month}${year}\\b`, 'i'), (m, t) => {
    const start = monthOf(m[2] ?? '', m[3], t);
    const middle = addDays(start, 15);
    const end = monthStart(start, 1);
    const first = (m[1] ?? '').toLowerCase() === 'first';
    return { start: first ? start : middle, end: first ? middle : end, label: `the ${first ? 'first' : 'second'} half of ${capitalized(start.getUTCMonth())} ${start.getUTCFullYear()}` };
  }],
  [new RegExp(`\\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|last) week of ${month}${year}\\b`, 'i'), (m, t) => {
    const start = monthOf(m[2] ?? '', m[3], t);
    const which = (m[1] ?? '').toLowerCase();
    const from = which === 'last' ? addDays(monthStart(start, 1), -7) : addDays(start, 7 * (ordinals[which] ?? 0));
    return { start: from, end: addDays(from, 7), label: `${iso(from)} to ${iso(addDays(from, 6))}` };
  }],
  [new RegExp(`\\b(?:the )?week (of|starting|beginning|from) (?:the )?(?:${month}\\.? (\\d{1,2})|(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${month})(?:st|nd|rd|th)?${year}\\b`, 'i'), (m, t) => {
    const name = m[2] ?? m[5] ?? '';
    const day = Number(m[3] ?? m[4]);
    const first = monthOf(name, m[6], t);
    const date = utc(first.getUTCFullYear(), first.getUTCMonth(), day);
    if (date.getUTCDate() !== day) return undefined;
    const start = (m[1] ?? '').toLowerCase() === 'of' ? weekStart(date) : date;
    return { start, end: addDays(start, 7), label: `the week of ${iso(start)}` };
  }],
  [new RegExp(`\\b(?:the )?(?:last|past|previous|prior) ${count} (?:full|whole|complete|calendar) (weeks?|months?)\\b`, 'i'), (m, t) => {
    const n = toNumber(m[1] ?? '');
    const weeks = /^week/i.test(m[2] ?? '');
    return weeks
      ? { start: weekStart(t, -n), end: weekStart(t), label: `the last ${n} full week${n === 1 ? '' : 's'}` }
      : { start: monthStart(t, -n), end: monthStart(t), label: `the last ${n} full month${n === 1 ? '' : 's'}` };
  }],
  [/\b(?:the )?(?:last|previous) (?:full|whole|complete) (week|month)\b/i, (m, t) =>
    /week/i.test(m[1] ?? '') ? { start: weekStart(t, -1), end: weekStart(t), label: 'last week' } : { start: monthStart(t, -1), end: monthStart(t), label: 'last month' }],
  [new RegExp(`\\b${count} months? (?:back|ago)\\b`, 'i'), (m, t) => {
    const start = monthStart(t, -toNumber(m[1] ?? ''));
    return { start, end: monthStart(start, 1), label: `${capitalized(start.getUTCMonth())} ${start.getUTCFullYear()}` };
  }],
  [/\b(?:the )?same (?:days|period|dates) (?:of |in |as )?last month\b/i, (_m, t) => {
    const start = monthStart(t, -1);
    const end = addDays(start, t.getUTCDate());
    const capped = end > monthStart(t) ? monthStart(t) : end;
    return { start, end: capped, label: `the same days of last month` };
  }],
  [/\bbetween the (\d{1,2})(?:st|nd|rd|th)? and the (\d{1,2})(?:st|nd|rd|th)?\b/i, (m, t) => {
    const [from, to] = [Number(m[1]), Number(m[2])].sort((a, b) => a - b) as [number, number];
    const base = from > t.getUTCDate() ? monthStart(t, -1) : monthStart(t);
    const start = utc(base.getUTCFullYear(), base.getUTCMonth(), from);
    const last = utc(base.getUTCFullYear(), base.getUTCMonth(), to);
    if (start.getUTCDate() !== from || last.getUTCDate() !== to) return undefined;
    return { start, end: addDays(last, 1), label: `${iso(start)} to ${iso(last)}` };
  }],
];

/** Holidays and fiscal calendars vary by country and company: qchat asks for dates rather than guess. */
const holiday = /\b(black friday|cyber monday|christmas(?: eve| day)?|xmas|thanksgiving|new year'?s(?: day| eve)?|easter|prime day|labou?r day|memorial day|boxing day|halloween|diwali|(?:chinese|lunar) new year|independence day|valentine'?s day)\b/i;
const fiscal = /\b(fiscal(?: year| quarter| q[1-4])?|fy ?(?:\d{2}|\d{4})|fy)\b/i;

const monthWord = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
/** Dates written with a day that no month has, or that their month lacks: "2026-02-30", "April 31", "31st of June 2026". */
const numericDate = /(?<![\w-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\w-])/;
const monthThenDay = new RegExp(String.raw`\b${monthWord}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'i');
const dayThenMonth = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${monthWord}(?:,?\s+(\d{4}))?\b`, 'i');

/** The date words of the question that name no day of the calendar, if any. */
function impossibleDate(text: string, now: Date): { words: string; why: string } | undefined {
  // Without a year, a date is this year's (as the period reader takes it): "29 February" in 2026 is none.
  const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const check = (words: string, month: number, day: number, year: number | undefined) => {
    if (month < 0 || month > 11) return { words, why: 'there is no such month' };
    const days = daysIn(month, year ?? now.getUTCFullYear());
    if (day >= 1 && day <= days) return undefined;
    return { words, why: `${capitalized(month)} has ${days} days in ${year ?? now.getUTCFullYear()}` };
  };
  const numeric = numericDate.exec(text);
  if (numeric) {
    const found = check(numeric[0], Number(numeric[2]) - 1, Number(numeric[3]), Number(numeric[1]));
    if (found) return found;
  }
  for (const [pattern, order] of [[monthThenDay, 'month-day'], [dayThenMonth, 'day-month']] as const) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [monthText, dayText] = order === 'month-day' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const found = check(m[0].trim(), monthIndex(monthText), Number(dayText), m[3] ? Number(m[3]) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** A period qchat will not guess: the words, and the question's reply. */
export function unreadablePeriod(text: string, now: Date): { words: string; message: string; suggestions: string[] } | undefined {
  // The examples are dates around today, so each one is a question qchat answers.
  const today = utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [first, weekAgo, yesterday] = [iso(monthStart(today)), iso(addDays(today, -7)), iso(addDays(today, -1))];
  const day = holiday.exec(text)?.[1];
  if (day) {
    return { words: day, message: `I don't know which date "${day}" means for you (holidays differ by country and year). Name the dates, e.g. "since ${yesterday}" or "between ${weekAgo} and ${yesterday}".`, suggestions: [`what did I spend since ${first}`, 'daily cost trend for the last 30 days'] };
  }
  const impossible = impossibleDate(text, now);
  if (impossible) {
    return { words: impossible.words, message: `"${impossible.words}" is not a date (${impossible.why}), so I haven't asked AWS anything. Name a day that exists, e.g. "since ${first}" or "on ${yesterday}".`, suggestions: ['what did I spend last month', `what did I spend since ${first}`] };
  }
  const year = fiscal.exec(text)?.[1];
  if (year) {
    const [from, to] = [monthStart(today, -6), monthStart(today, -1)].map((month) => `${capitalized(month.getUTCMonth())} ${month.getUTCFullYear()}`);
    return { words: year, message: `I don't know your fiscal calendar ("${year}"): Cost Explorer reports calendar months. Name the months, e.g. "from ${from} to ${to}".`, suggestions: ['what did I spend year to date', 'what did I spend last quarter'] };
  }
  return undefined;
}

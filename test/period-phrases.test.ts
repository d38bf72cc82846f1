// Periods as people say them, with now = 2026-11-22 (a Sunday): weeks start on Monday, a period
// still running is answered to date (end 2026-11-23, exclusive), holidays and fiscal years get a
// clarifying reply instead of a guess.
import { describe, expect, it } from 'vitest';
import { planQuestion } from '../source/understanding/planner.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

describe('spoken periods', () => {
  const expected: Record<string, [string, string, string]> = {
    'cost QTD': ['2026-10-01', '2026-11-23', 'quarter to date'],
    'spend quarter to date': ['2026-10-01', '2026-11-23', 'quarter to date'],
    'spend H1': ['2026-01-01', '2026-07-01', 'H1 2026'],
    'spend the first half of the year': ['2026-01-01', '2026-07-01', 'H1 2026'],
    'spend H2': ['2026-07-01', '2026-11-23', 'H2 2026'],
    'cost first half of October': ['2026-10-01', '2026-10-16', 'the first half of October 2026'],
    'spend the second half of october': ['2026-10-16', '2026-11-01', 'the second half of October 2026'],
    'cost the first week of October': ['2026-10-01', '2026-10-08', '2026-10-01 to 2026-10-07'],
    'spend the week of Nov 2': ['2026-11-02', '2026-11-09', 'the week of 2026-11-02'],
    'spend the week of Nov 4': ['2026-11-02', '2026-11-09', 'the week of 2026-11-02'],
    'spend last 3 full weeks': ['2026-10-26', '2026-11-16', 'the last 3 full weeks'],
    'spend last week': ['2026-11-09', '2026-11-16', 'last week'],
    'spend this week so far': ['2026-11-16', '2026-11-23', 'this week so far'],
    'cost 3 months back': ['2026-08-01', '2026-09-01', 'August 2026'],
    'what did I spend two months ago': ['2026-09-01', '2026-10-01', 'September 2026'],
    'spend last full month': ['2026-10-01', '2026-11-01', 'last month'],
    'cost same days last month': ['2026-10-01', '2026-10-23', 'the same days of last month'],
    'spend between the 1st and the 15th': ['2026-11-01', '2026-11-16', '2026-11-01 to 2026-11-15'],
    'cost Q1': ['2026-01-01', '2026-04-01', 'Q1 2026'],
    'cost Q3 2026': ['2026-07-01', '2026-10-01', 'Q3 2026'],
    'spend year to date': ['2026-01-01', '2026-11-23', 'year to date'],
  };
  it.each(Object.entries(expected))('%s', (question, [start, end, periodLabel]) => {
    expect(planQuestion(question, context)).toMatchObject({ kind: 'plan', plan: { period: { start, end }, periodLabel } });
  });
});

describe('periods qchat will not guess', () => {
  it.each(['since Cyber Monday', 'what did I spend over Black Friday', 'cost at Christmas', 'cost in fiscal year 2026', 'spend FY26', 'spend this fiscal quarter', 'cost since thanksgiving'])('%s asks for dates', (question) => {
    const result = planQuestion(question, context);
    expect(result).toMatchObject({ kind: 'reply', reason: 'clarify' });
    if (result.kind === 'reply') expect(result.message).toMatch(/^I don't know (which date|your fiscal calendar)/);
  });

  it('gives example dates around today, each one a question it answers', () => {
    const later = { now: new Date('2027-03-10T10:00:00Z'), region: 'us-east-1' };
    expect(planQuestion('since Cyber Monday', later)).toMatchObject({ message: expect.stringContaining('e.g. "since 2027-03-09" or "between 2027-03-03 and 2027-03-09"'), suggestions: ['what did I spend since 2027-03-01', 'daily cost trend for the last 30 days'] });
    expect(planQuestion('spend this fiscal year', later)).toMatchObject({ message: expect.stringContaining('e.g. "from September 2026 to February 2027"') });
    for (const example of ['since 2027-03-09', 'between 2027-03-03 and 2027-03-09', 'from September 2026 to February 2027']) expect(planQuestion(`what did I spend ${example}`, later).kind, example).toBe('plan');
  });
});

describe('dates that are not days of the calendar', () => {
  it.each([
    ['what did I spend on 2026-02-30', '2026-02-30', 'February has 28 days in 2026'],
    ['what did I spend on 2026-13-01', '2026-13-01', 'there is no such month'],
    ['cost since 2026/04/31', '2026/04/31', 'April has 30 days in 2026'],
    ['what did I spend on February 30', 'February 30', 'February has 28 days in 2026'],
    ['what did I spend on 29 February', '29 February', 'February has 28 days in 2026'],
    ['what did I spend on 29 feb 2026', '29 feb 2026', 'February has 28 days in 2026'],
    ['spend on the 31st of june', '31st of june', 'June has 30 days in 2026'],
    ['lambda cost on Sept 31', 'Sept 31', 'September has 30 days in 2026'],
  ])('%s gets a reply naming them, not this month', (question, words, why) => {
    expect(planQuestion(question, context)).toMatchObject({ kind: 'reply', reason: 'clarify', message: `"${words}" is not a date (${why}), so I haven't asked AWS anything. Name a day that exists, e.g. "since 2026-11-01" or "on 2026-11-21".` });
  });

  it.each([
    ['what did I spend on 2026-02-28', '2026-02-28'],
    ['what did I spend on april 30', '2026-04-30'],
    ['what did I spend on 31 October', '2026-10-31'],
  ])('%s is a day that exists', (question, start) => {
    expect(planQuestion(question, context)).toMatchObject({ kind: 'plan', plan: { family: 'costs', period: { start } } });
  });
});

// Period boundaries, row by row: the day, week, month, quarter and year edges where an off-by-one
// changes the answer (issue 17). Each row gives the question, "now" (UTC) and the period expected,
// worked out by hand from the calendar (end dates exclusive, as Cost Explorer's).
import { describe, expect, it } from 'vitest';
import { costLookbackStart, findPeriod, forecastHorizon, historyEnd, iso, precedingPeriod, rangeLabel } from '../source/understanding/period.js';
import { planQuestion } from '../source/understanding/planner.js';

const at = (day: string) => new Date(`${day}T10:00:00Z`);

describe('findPeriod at the edges', () => {
  it.each([
    // "on the Nth": today's number is this month; a later number is last month's.
    ['on the 22nd', '2026-11-22', '2026-11-22', '2026-11-23', '2026-11-22'],
    ['on the 21st', '2026-11-22', '2026-11-21', '2026-11-22', '2026-11-21'],
    ['on the 23rd', '2026-11-22', '2026-10-23', '2026-10-24', '2026-10-23'],
    ['on the 1st', '2026-11-01', '2026-11-01', '2026-11-02', '2026-11-01'],
    ['on the 31st', '2026-11-22', '2026-10-31', '2026-11-01', '2026-10-31'],
    ['on the 31st', '2027-01-05', '2026-12-31', '2027-01-01', '2026-12-31'],
    ['on the 30th', '2026-12-05', '2026-11-30', '2026-12-01', '2026-11-30'],
    // Days.
    ['today', '2026-11-22', '2026-11-22', '2026-11-23', 'today'],
    ['yesterday', '2027-01-01', '2026-12-31', '2027-01-01', 'yesterday'],
    ['the previous day', '2026-11-22', '2026-11-21', '2026-11-22', 'yesterday'],
    ['previous day', '2026-11-22', '2026-11-21', '2026-11-22', 'yesterday'],
    ['tomorrow', '2026-12-31', '2027-01-01', '2027-01-02', 'tomorrow'],
    ['the last 7 days', '2026-11-22', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['the last 2 weeks', '2026-11-22', '2026-11-08', '2026-11-22', 'last 14 days'],
    ['the next 10 days', '2026-11-22', '2026-11-22', '2026-12-02', 'the next 10 days'],
    ['last 7 days', '2026-11-22', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['next 10 days', '2026-11-22', '2026-11-22', '2026-12-02', 'the next 10 days'],
    // Weeks start on Monday; 2026-11-22 is a Sunday, 2026-11-23 a Monday.
    ['this week', '2026-11-22', '2026-11-16', '2026-11-23', 'this week'],
    ['this week', '2026-11-23', '2026-11-23', '2026-11-30', 'this week'],
    ['last week', '2026-11-23', '2026-11-16', '2026-11-23', 'last week'],
    ['next week', '2026-11-22', '2026-11-23', '2026-11-30', 'next week'],
    // Months.
    ['last month', '2026-01-15', '2025-12-01', '2026-01-01', 'last month'],
    ['this month', '2026-12-31', '2026-12-01', '2027-01-01', 'this month'],
    ['next month', '2026-12-31', '2027-01-01', '2027-02-01', 'next month'],
    ['the month before last', '2026-02-10', '2025-12-01', '2026-01-01', 'the month before last'],
    ['month before last', '2026-11-22', '2026-09-01', '2026-10-01', 'the month before last'],
    ['mtd', '2026-11-22', '2026-11-01', '2026-11-23', 'month to date'],
    ['month to date', '2026-11-01', '2026-11-01', '2026-11-02', 'month to date'],
    ['the rest of this month', '2026-11-30', '2026-11-30', '2026-12-01', 'the rest of this month'],
    ['the last 3 months', '2026-01-10', '2025-10-01', '2026-01-01', 'last 3 months'],
    ['the past six months', '2026-11-22', '2026-05-01', '2026-11-01', 'last 6 months'],
    ['the next 1 month', '2026-01-31', '2026-01-31', '2026-02-28', 'the next 1 month'],
    ['the next 3 months', '2026-01-31', '2026-01-31', '2026-04-30', 'the next 3 months'],
    // One unit is singular; weeks count as days; quarters and years ahead are 3 and 12 months; capitals read.
    ['the last 1 month', '2026-11-22', '2026-10-01', '2026-11-01', 'last 1 month'],
    ['in the last one week', '2026-11-22', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['the LAST 7 DAYS', '2026-11-22', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['the next 2 weeks', '2026-11-22', '2026-11-22', '2026-12-06', 'the next 2 weeks'],
    ['the next 2 quarters', '2026-11-22', '2026-11-22', '2027-05-22', 'the next 2 quarters'],
    ['the next 1 year', '2026-11-22', '2026-11-22', '2027-11-22', 'the next 1 year'],
    // Quarters and years.
    ['this quarter', '2026-03-31', '2026-01-01', '2026-04-01', 'this quarter'],
    ['last quarter', '2026-04-01', '2026-01-01', '2026-04-01', 'last quarter'],
    ['last quarter', '2026-02-01', '2025-10-01', '2026-01-01', 'last quarter'],
    ['next quarter', '2026-12-01', '2027-01-01', '2027-04-01', 'next quarter'],
    ['the last 2 quarters', '2026-05-01', '2025-10-01', '2026-04-01', 'last 2 quarters'],
    ['the last 2 years', '2026-11-22', '2024-01-01', '2026-01-01', 'last 2 years'],
    ['year to date', '2026-11-22', '2026-01-01', '2026-11-23', 'year to date'],
    ['so far this year', '2026-11-22', '2026-01-01', '2026-11-23', 'year to date'],
    ['this year', '2026-11-22', '2026-01-01', '2027-01-01', 'this year'],
    ['next year', '2026-11-22', '2027-01-01', '2028-01-01', 'next year'],
    ['last year', '2026-01-01', '2025-01-01', '2026-01-01', 'last year'],
    ['the rest of this year', '2026-12-31', '2026-12-31', '2027-01-01', 'the rest of this year'],
    ['the start of the month', '2026-11-22', '2026-11-01', '2026-11-02', 'the start of the month'],
    ['the beginning of the week', '2026-11-22', '2026-11-16', '2026-11-17', 'the start of the week'],
    ['the start of the year', '2026-11-22', '2026-01-01', '2026-01-02', 'the start of the year'],
    ['the beginning of this quarter', '2026-11-22', '2026-10-01', '2026-10-02', 'the start of the quarter'],
    ['start of month', '2026-11-22', '2026-11-01', '2026-11-02', 'the start of the month'],
    // A month without a year: the latest that has started (on its first day it has).
    ['in March', '2026-03-01', '2026-03-01', '2026-04-01', 'March 2026'],
    ['in March', '2026-02-28', '2025-03-01', '2025-04-01', 'March 2025'],
    ['in December', '2026-11-22', '2025-12-01', '2026-01-01', 'December 2025'],
    ['on February 29', '2026-11-22', '2026-03-01', '2026-03-02', '2026-03-01'],
    ['since June', '2026-11-22', '2026-06-01', '2026-11-23', 'since June 2026'],
    ['from October to December', '2026-11-22', '2025-10-01', '2026-01-01', 'October 2025 to December 2025'],
    ['between 2026-03-01 and 2026-03-15', '2026-11-22', '2026-03-01', '2026-03-16', '2026-03-01 to 2026-03-15'],
    // Calendar dates in each form the rules read; a range's year carries from the end that has one.
    ['in 2026-10', '2026-11-22', '2026-10-01', '2026-11-01', 'October 2026'],
    ['on 2026-3-5', '2026-11-22', '2026-03-05', '2026-03-06', '2026-03-05'],
    ['2026 q3', '2026-11-22', '2026-07-01', '2026-10-01', 'Q3 2026'],
    ['q4 of 2025', '2026-11-22', '2025-10-01', '2026-01-01', 'Q4 2025'],
    ['the third quarter of 2025', '2026-11-22', '2025-07-01', '2025-10-01', 'Q3 2025'],
    ['the 2nd quarter', '2026-11-22', '2026-04-01', '2026-07-01', 'Q2 2026'],
    ['in 2025', '2026-11-22', '2025-01-01', '2026-01-01', '2025'],
    ['in 1999', '2026-11-22', '1999-01-01', '2000-01-01', '1999'],
    ['1st of March 2026', '2026-11-22', '2026-03-01', '2026-03-02', '2026-03-01'],
    ['the 5 of march', '2026-11-22', '2026-03-05', '2026-03-06', '2026-03-05'],
    ['March 5th, 2026', '2026-11-22', '2026-03-05', '2026-03-06', '2026-03-05'],
    ['Sept. 2026', '2026-11-22', '2026-09-01', '2026-10-01', 'September 2026'],
    ['in may', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['from November to February', '2026-11-22', '2025-11-01', '2026-03-01', 'November 2025 to February 2026'],
    ['from 2026-03-01 to may', '2026-11-22', '2026-03-01', '2026-06-01', '2026-03-01 to May 2026'],
    ['from march to 2026-05-15', '2026-11-22', '2026-03-01', '2026-05-16', 'March 2026 to 2026-05-15'],
    ['from 2026-05-01 to 2026-03-01', '2026-11-22', '2026-03-01', '2026-05-02', '2026-03-01 to 2026-05-01'],
    ['between march 3 and 2026-04-01', '2026-11-22', '2026-03-03', '2026-04-02', '2026-03-03 to 2026-04-01'],
    // "may" after a dash is the end of a range, as after "to" (it was left out: "march - may" was March).
    ['march - may', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['march–may', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    // Read by chrono-node. A bare weekday is the last one (chrono's nearest may lie ahead: Wednesday
    // from Sunday the 22nd is the 25th, which was read as 2025-11-25); "next" keeps chrono's.
    ['on wednesday', '2026-11-22', '2026-11-18', '2026-11-19', '2026-11-18'],
    ['on friday', '2026-11-22', '2026-11-20', '2026-11-21', '2026-11-20'],
    ['on sunday', '2026-11-22', '2026-11-22', '2026-11-23', '2026-11-22'],
    ['next wednesday', '2026-11-22', '2026-11-25', '2026-11-26', '2026-11-25'],
    ['a week ago', '2026-11-22', '2026-11-15', '2026-11-16', '2026-11-15'],
    ['on 12/25', '2026-11-22', '2025-12-25', '2025-12-26', '2025-12-25'],
    ['on 11/22', '2026-11-22', '2026-11-22', '2026-11-23', '2026-11-22'],
    // A range with both ends is closed: its "from" does not run it to today (it ran to 2026-11-23).
    ['from 3/1/2026 to 3/5/2026', '2026-11-22', '2026-03-01', '2026-03-06', '2026-03-01 to 2026-03-05'],
    ['from 3/1/2026', '2026-11-22', '2026-03-01', '2026-11-23', 'since 2026-03-01'],
    ['on 3/15', '2026-11-22', '2026-03-15', '2026-03-16', '2026-03-15'],
    ['on 2026/12/01', '2026-11-22', '2026-12-01', '2026-12-02', '2026-12-01'],
    ['on 2026/3/09', '2026-11-22', '2026-03-09', '2026-03-10', '2026-03-09'],
    ['on 2026/03/09', '2026-11-22', '2026-03-09', '2026-03-10', '2026-03-09'],
    ['on 3/15/2026', '2026-11-22', '2026-03-15', '2026-03-16', '2026-03-15'],
    ['on 2026.10.2', '2026-11-22', '2026-10-02', '2026-10-03', '2026-10-02'],
    ['on tue', '2026-11-22', '2026-11-17', '2026-11-18', '2026-11-17'],
    ['on wed', '2026-11-22', '2026-11-18', '2026-11-19', '2026-11-18'],
    ['on thu', '2026-11-22', '2026-11-19', '2026-11-20', '2026-11-19'],
    ['on sat', '2026-11-22', '2026-11-21', '2026-11-22', '2026-11-21'],
    ['on monday', '2026-11-22', '2026-11-16', '2026-11-17', '2026-11-16'],
    ['this wednesday', '2026-11-22', '2026-11-25', '2026-11-26', '2026-11-25'],
    ['2 days ago', '2026-11-22', '2026-11-20', '2026-11-21', '2026-11-20'],
    // A month chrono-node reads without a day is the whole month (it was read as the month's 1st).
    ['in 3/2026', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    ['in 2/2027', '2026-11-22', '2027-02-01', '2027-03-01', 'February 2027'],
    ['since 3/2026', '2026-11-22', '2026-03-01', '2026-11-23', 'since March 2026'],
    ['from 3/1 to 3/5', '2026-11-22', '2026-03-01', '2026-03-06', '2026-03-01 to 2026-03-05'],
    // The years a period may have: those that print as YYYY-MM-DD, 1000 to 9999.
    ['on 1/1/1000', '2026-11-22', '1000-01-01', '1000-01-02', '1000-01-01'],
    ['on 1/1/9999', '2026-11-22', '9999-01-01', '9999-01-02', '9999-01-01'],
    // "since" opens only a period that has begun by tomorrow; of two phrases as long, the first wins;
    // a phrase that names no days gives way to the next.
    ['since tomorrow', '2026-11-22', '2026-11-23', '2026-11-24', 'tomorrow'],
    ['last month or next month', '2026-11-22', '2026-10-01', '2026-11-01', 'last month'],
    ['next month or last month', '2026-11-22', '2026-12-01', '2027-01-01', 'next month'],
    ['the next 0 days or last month', '2026-11-22', '2026-10-01', '2026-11-01', 'last month'],
    // Each way of saying a relative period, so a word dropped from a rule shows.
    ['ytd', '2026-11-22', '2026-01-01', '2026-11-23', 'year to date'],
    ['so far this month', '2026-11-22', '2026-11-01', '2026-11-23', 'month to date'],
    ['the current year', '2026-11-22', '2026-01-01', '2027-01-01', 'this year'],
    ['the previous year', '2026-11-22', '2025-01-01', '2026-01-01', 'last year'],
    ['the past year', '2026-11-22', '2025-01-01', '2026-01-01', 'last year'],
    ['the prior year', '2026-11-22', '2025-01-01', '2026-01-01', 'last year'],
    ['the remainder of the year', '2026-11-22', '2026-11-22', '2027-01-01', 'the rest of this year'],
    ['the end of this year', '2026-11-22', '2026-11-22', '2027-01-01', 'the rest of this year'],
    ['the current quarter', '2026-11-22', '2026-10-01', '2027-01-01', 'this quarter'],
    ['the previous quarter', '2026-11-22', '2026-07-01', '2026-10-01', 'last quarter'],
    ['the past quarter', '2026-11-22', '2026-07-01', '2026-10-01', 'last quarter'],
    ['the prior quarter', '2026-11-22', '2026-07-01', '2026-10-01', 'last quarter'],
    ['the current month', '2026-11-22', '2026-11-01', '2026-12-01', 'this month'],
    ['the previous month', '2026-03-31', '2026-02-01', '2026-03-01', 'last month'],
    ['the past month', '2026-11-22', '2026-10-01', '2026-11-01', 'last month'],
    ['the prior month', '2026-11-22', '2026-10-01', '2026-11-01', 'last month'],
    ['the remainder of this month', '2026-11-22', '2026-11-22', '2026-12-01', 'the rest of this month'],
    ['the end of the month', '2028-02-28', '2028-02-28', '2028-03-01', 'the rest of this month'],
    ['the current week', '2026-11-22', '2026-11-16', '2026-11-23', 'this week'],
    ['the previous week', '2026-11-22', '2026-11-09', '2026-11-16', 'last week'],
    ['the past week', '2026-11-22', '2026-11-09', '2026-11-16', 'last week'],
    ['the prior week', '2026-11-22', '2026-11-09', '2026-11-16', 'last week'],
    ['last week', '2027-01-01', '2026-12-21', '2026-12-28', 'last week'],
    ['the past day', '2026-11-22', '2026-11-21', '2026-11-22', 'yesterday'],
    ['the last day', '2026-03-01', '2026-02-28', '2026-03-01', 'yesterday'],
    ['the coming 3 months', '2026-11-22', '2026-11-22', '2027-02-22', 'the next 3 months'],
    ['the following 2 weeks', '2026-11-22', '2026-11-22', '2026-12-06', 'the next 2 weeks'],
    ['the prior 2 months', '2026-11-22', '2026-09-01', '2026-11-01', 'last 2 months'],
    ['the previous 3 quarters', '2026-11-22', '2026-01-01', '2026-10-01', 'last 3 quarters'],
    // One of each unit is singular, three digits read, number words and capitals too.
    ['the last 1 day', '2026-11-22', '2026-11-21', '2026-11-22', 'last 1 day'],
    ['the past 1 week', '2026-11-22', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['the last 1 quarter', '2026-11-22', '2026-07-01', '2026-10-01', 'last 1 quarter'],
    ['the last 1 year', '2026-11-22', '2025-01-01', '2026-01-01', 'last 1 year'],
    ['the next 1 quarter', '2026-11-30', '2026-11-30', '2027-02-28', 'the next 1 quarter'],
    ['the next 1 day', '2026-11-22', '2026-11-22', '2026-11-23', 'the next 1 day'],
    ['the last 120 days', '2026-11-22', '2026-07-25', '2026-11-22', 'last 120 days'],
    ['the last thirty days', '2026-11-22', '2026-10-23', '2026-11-22', 'last 30 days'],
    ['the Past Six Months', '2026-11-22', '2026-05-01', '2026-11-01', 'last 6 months'],
    ['the Next 2 Weeks', '2026-11-22', '2026-11-22', '2026-12-06', 'the next 2 weeks'],
    ['the next 3 Months', '2026-11-22', '2026-11-22', '2027-02-22', 'the next 3 months'],
    ['the last 12 months', '2026-01-01', '2025-01-01', '2026-01-01', 'last 12 months'],
    // Leap years: the 29th of February exists in 2028, not in 2027; a month's end rolls to March.
    ['the last 2 months', '2028-03-31', '2028-01-01', '2028-03-01', 'last 2 months'],
    ['the next 1 month', '2028-01-31', '2028-01-31', '2028-02-29', 'the next 1 month'],
    ['the next 1 year', '2028-02-29', '2028-02-29', '2029-02-28', 'the next 1 year'],
    ['the last 7 days', '2028-03-01', '2028-02-23', '2028-03-01', 'last 7 days'],
    ['on the 29th', '2028-03-05', '2028-02-29', '2028-03-01', '2028-02-29'],
    ['on February 29', '2028-11-22', '2028-02-29', '2028-03-01', '2028-02-29'],
    ['in February', '2028-11-22', '2028-02-01', '2028-03-01', 'February 2028'],
    ['this month', '2028-02-15', '2028-02-01', '2028-03-01', 'this month'],
    // "the Nth of <month>" is that month's day, not this month's Nth; "the Nth quarter" is a quarter.
    ['on the 5th of March 2026', '2026-11-22', '2026-03-05', '2026-03-06', '2026-03-05'],
    ['the 3rd quarter of 2025', '2026-11-22', '2025-07-01', '2025-10-01', 'Q3 2025'],
    ['on the 1st', '2026-01-01', '2026-01-01', '2026-01-02', '2026-01-01'],
    ['on the 2nd', '2026-01-01', '2025-12-02', '2025-12-03', '2025-12-02'],
    ['what did I spend the 23rd', '2026-11-22', '2026-10-23', '2026-10-24', '2026-10-23'],
    // Calendar dates at the ends of the year: January and December are months 0 and 11.
    ['on 2026-01-05', '2026-11-22', '2026-01-05', '2026-01-06', '2026-01-05'],
    ['on 2026-12-05', '2026-11-22', '2026-12-05', '2026-12-06', '2026-12-05'],
    ['in 2026-01', '2026-11-22', '2026-01-01', '2026-02-01', 'January 2026'],
    ['in 2026-12', '2026-11-22', '2026-12-01', '2027-01-01', 'December 2026'],
    ['in January', '2026-11-22', '2026-01-01', '2026-02-01', 'January 2026'],
    ['in January', '2026-01-01', '2026-01-01', '2026-02-01', 'January 2026'],
    ['in December', '2026-12-31', '2026-12-01', '2027-01-01', 'December 2026'],
    // A year given before the quarter, or a quarter named in words, is that year's, not this year's.
    ['2025 q3', '2026-11-22', '2025-07-01', '2025-10-01', 'Q3 2025'],
    ['the Third Quarter of 2025', '2026-11-22', '2025-07-01', '2025-10-01', 'Q3 2025'],
    ['COST FOR THE 2ND QUARTER OF 2025', '2026-11-22', '2025-04-01', '2025-07-01', 'Q2 2025'],
    ['Q1', '2026-03-31', '2026-01-01', '2026-04-01', 'Q1 2026'],
    ['the fourth quarter', '2026-11-22', '2026-10-01', '2027-01-01', 'Q4 2026'],
    // "may" is a month when a day or a year comes with it, whatever its case, and a verb otherwise.
    ['what did I spend May 5', '2026-11-22', '2026-05-05', '2026-05-06', '2026-05-05'],
    ['May 2026 spend', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['cost for MAY', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['cost in  may by service', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['cost in may by service', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['march - may by service', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['march–may by service', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['May', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['spend may?', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    ['Q1 vs may spend', '2026-11-22', '2026-05-01', '2026-06-01', 'May 2026'],
    // A quarter in words or ordinals, with its year (without one, quarter 0 would pass for last year's Q4).
    ['the first quarter of 2026', '2026-11-22', '2026-01-01', '2026-04-01', 'Q1 2026'],
    ['the 1st quarter of 2026', '2026-11-22', '2026-01-01', '2026-04-01', 'Q1 2026'],
    ['the fourth quarter of 2025', '2026-11-22', '2025-10-01', '2026-01-01', 'Q4 2025'],
    ['the 4th quarter of 2025', '2026-11-22', '2025-10-01', '2026-01-01', 'Q4 2025'],
    // Ranges: the first end's year carries forward, a later one's back, to the first occurrence that fits.
    ['between 2024-11-01 and 2026-02-01', '2026-11-22', '2024-11-01', '2026-02-02', '2024-11-01 to 2026-02-01'],
    ['from 2026-03-01 through march', '2026-11-22', '2026-03-01', '2026-04-01', '2026-03-01 to March 2026'],
    ['from march 1 to 2026-03-01', '2026-11-22', '2026-03-01', '2026-03-02', '2026-03-01 to 2026-03-01'],
    ['from q1 to january 2026', '2026-11-22', '2025-01-01', '2026-02-01', 'Q1 2025 to January 2026'],
    ['from march to the end of may', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['from November to 2026-02-15', '2026-11-22', '2025-11-01', '2026-02-16', 'November 2025 to 2026-02-15'],
    ['from 2025-11-15 until february', '2026-11-22', '2025-11-15', '2026-03-01', '2025-11-15 to February 2026'],
    ['march till may', '2026-11-22', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['Q1 thru Q2 2025', '2026-11-22', '2025-01-01', '2025-07-01', 'Q1 2025 to Q2 2025'],
    ['between the 1st of March and the 5th of March', '2026-11-22', '2026-03-01', '2026-03-06', '2026-03-01 to 2026-03-05'],
    ['from december to january', '2026-11-22', '2025-12-01', '2026-02-01', 'December 2025 to January 2026'],
    ['from 2024-11-01 to february', '2026-11-22', '2024-11-01', '2025-03-01', '2024-11-01 to February 2025'],
    ['from march to the 5th of may', '2026-11-22', '2026-03-01', '2026-05-06', 'March 2026 to 2026-05-05'],
    ['from march to the  5th of may', '2026-11-22', '2026-03-01', '2026-05-06', 'March 2026 to 2026-05-05'],
    ['between  the  1st of march  and  the  5th of march', '2026-11-22', '2026-03-01', '2026-03-06', '2026-03-01 to 2026-03-05'],
    // Not ranges: the words between two dates are more than a joiner, or "between" is not right before the first.
    ['march compared to may', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    ['march totals versus may', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    ["the difference between march's bill and may's", '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    ['cost between us-east-1 and eu-west-1 in march and may', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    // "and" makes a range only after "between": otherwise the question names two periods, the first read.
    ['cost in march and april', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
    // "since", "starting" and "beginning" open a date to today.
    ['starting in March', '2026-11-22', '2026-03-01', '2026-11-23', 'since March 2026'],
    ['starting from 2026-10-15', '2026-11-22', '2026-10-15', '2026-11-23', 'since 2026-10-15'],
    ['starting on the 1st of November', '2026-11-22', '2026-11-01', '2026-11-23', 'since 2026-11-01'],
    ['beginning in june', '2026-11-22', '2026-06-01', '2026-11-23', 'since June 2026'],
    ['beginning of Q3', '2026-11-22', '2026-07-01', '2026-11-23', 'since Q3 2026'],
    ['since  June', '2026-11-22', '2026-06-01', '2026-11-23', 'since June 2026'],
    ['since the  1st of June', '2026-11-22', '2026-06-01', '2026-11-23', 'since 2026-06-01'],
    ['starting June', '2026-11-22', '2026-06-01', '2026-11-23', 'since June 2026'],
    ['beginning June 1', '2026-11-22', '2026-06-01', '2026-11-23', 'since 2026-06-01'],
    // "from" that is not right before the date does not open it ("cost from EC2").
    ['cost from EC2 in March', '2026-11-22', '2026-03-01', '2026-04-01', 'March 2026'],
  ])('%s on %s is %s to %s (%s)', (question, today, start, end, label) => {
    expect(findPeriod(question, at(today))).toMatchObject({ period: { start, end }, label });
  });

  it.each([
    // Forecasts look forward: a month that has ended means next year's.
    ['March', '2026-03-31', '2026-03-01', '2026-04-01'],
    ['March', '2026-04-01', '2027-03-01', '2027-04-01'],
    ['Q1', '2026-04-01', '2027-01-01', '2027-04-01'],
    ['Q4', '2026-11-22', '2026-10-01', '2027-01-01'],
    ['march to may', '2026-11-22', '2027-03-01', '2027-06-01'],
    ['november to february', '2026-11-22', '2026-11-01', '2027-03-01'],
    ['2026-12-01 to march', '2026-11-22', '2026-12-01', '2027-04-01'],
    // A range is the next that has not ended, as a month is: October to December is this year's on 22 November.
    ['october to december', '2026-11-22', '2026-10-01', '2027-01-01'],
    ['march to 2028-05-01', '2026-11-22', '2028-03-01', '2028-05-02'],
    ['january 5', '2026-11-22', '2027-01-05', '2027-01-06'],
  ])('for a forecast, %s on %s is %s to %s', (question, today, start, end) => {
    expect(findPeriod(`forecast for ${question}`, at(today), { prefer: 'future' })).toMatchObject({ period: { start, end } });
  });

  it('reads a day of May without a word before it (chrono-node would not look ahead for a forecast)', () => {
    expect(findPeriod('forecast May 5 by service', at('2026-11-22'), { prefer: 'future' })).toMatchObject({ period: { start: '2027-05-05', end: '2027-05-06' } });
  });

  it('marks a period future only when it reaches past today, and spans the words it read', () => {
    expect(findPeriod('cost today', at('2026-11-22'))).toMatchObject({ future: false, span: [5, 10] });
    expect(findPeriod('cost tomorrow', at('2026-11-22'))).toMatchObject({ future: true, span: [5, 13] });
    expect(findPeriod('cost this month', at('2026-11-22'))).toMatchObject({ future: true });
    expect(findPeriod('cost last month', at('2026-11-22'))).toMatchObject({ future: false });
    expect(findPeriod('what did I spend on the 22nd', at('2026-11-22'))).toMatchObject({ span: [17, 28] });
    // A range spans both its ends and the word between them.
    expect(findPeriod('cost from march to may', at('2026-11-22'))).toMatchObject({ span: [10, 22] });
    expect(findPeriod('cost between 2026-03-01 and 2026-03-15', at('2026-11-22'))).toMatchObject({ span: [13, 38] });
  });

  it('finds nothing where no period is named, or the day does not exist in that month', () => {
    expect(findPeriod('how many buckets', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('2026-02-30', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('2026-13', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('2026-00', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('on 2026-00-10', at('2026-11-22'))).toBeUndefined();
    // Written year first, the middle number is the month: chrono-node read 2026-13-01 as 2026-01-13.
    for (const text of ['on 2026-13-01', 'on 2026/13/01', 'on 2026-19-01', 'on 2026.25.1', 'on 2026-31-01', 'from 2026-13-01 to 2026-14-01', 'from 3/1/2026 to 2026-13-01']) expect(findPeriod(text, at('2026-11-22')), text).toBeUndefined();
    expect(findPeriod('on the 29th', at('2027-03-05'))).toBeUndefined();
    // A year inside a name, a version or a number is not a year.
    for (const text of ['bucket i-2026', 'logs.2026', '2026.5', 'version 2026/2']) expect(findPeriod(text, at('2026-11-22')), text).toBeUndefined();
    // "the Nth" after today's date is last month's, which may not have one.
    expect(findPeriod('on the 31st', at('2026-12-05'))).toBeUndefined();
    expect(findPeriod('on the 30th', at('2026-03-05'))).toBeUndefined();
    // No days at all, a moment rather than a period, a time of day.
    expect(findPeriod('the last 0 days', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('instances running now', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('cost at 5pm', at('2026-11-22'))).toBeUndefined();
    // "may" without a date around it is a verb, and chrono-node is not asked.
    expect(findPeriod('may I see my buckets', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('May I see my buckets', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('list buckets in us-east-1 that may be public', at('2026-11-22'))).toBeUndefined();
    // Years that do not print as YYYY-MM-DD, at either end.
    expect(findPeriod('on 1/1/0500', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('on 15.3.0999', at('2026-11-22'))).toBeUndefined();
    expect(findPeriod('on 12/31/9999 to 1/2/10000', at('2026-11-22'))).toBeUndefined();
  });

  it("reads chrono-node's dates in UTC whatever the machine's time zone", () => {
    // At 10:00 UTC it is already the 23rd in Kiritimati (UTC+14): read there, "a week ago" was the 16th.
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(findPeriod('a week ago', at('2026-11-22'))).toMatchObject({ period: { start: '2026-11-15', end: '2026-11-16' } });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('the bounds Cost Explorer sets, from the current time', () => {
  const moment = (text: string) => new Date(text);
  it.each([
    // Spend so far ends tomorrow (exclusive), whatever the hour today.
    ['2026-11-22T00:00:00Z', '2026-11-23', '2025-11-01', '2027-11-22'],
    ['2026-12-31T23:59:59.999Z', '2027-01-01', '2025-12-01', '2027-12-31'],
    // History keeps the current month and the 12 before it; a forecast reaches 12 months, to the month's last day when shorter.
    ['2026-01-15T10:00:00Z', '2026-01-16', '2025-01-01', '2027-01-15'],
    ['2028-02-29T10:00:00Z', '2028-03-01', '2027-02-01', '2029-02-28'],
  ])('at %s: history ends %s, goes back to %s, forecasts reach %s', (now, end, lookback, horizon) => {
    expect(iso(historyEnd(moment(now)))).toBe(end);
    expect(iso(costLookbackStart(moment(now)))).toBe(lookback);
    expect(iso(forecastHorizon(moment(now)))).toBe(horizon);
  });
});

describe('the period before a period, and its label', () => {
  it.each([
    ['2026-10-01', '2026-11-01', '2026-09-01', '2026-10-01', 'September 2026'],
    ['2026-01-01', '2026-04-01', '2025-10-01', '2026-01-01', 'Q4 2025'],
    ['2026-01-01', '2027-01-01', '2025-01-01', '2026-01-01', '2025'],
    ['2026-11-16', '2026-11-23', '2026-11-09', '2026-11-16', '2026-11-09 to 2026-11-15'],
    ['2026-11-22', '2026-11-23', '2026-11-21', '2026-11-22', '2026-11-21'],
    ['2026-11-01', '2026-11-23', '2026-10-10', '2026-11-01', '2026-10-10 to 2026-10-31'],
    // Whole months only when both ends are firsts of a month: otherwise as many days.
    ['2026-10-15', '2026-11-15', '2026-09-14', '2026-10-15', '2026-09-14 to 2026-10-14'],
    ['2026-10-01', '2026-10-15', '2026-09-17', '2026-10-01', '2026-09-17 to 2026-09-30'],
    ['2026-10-15', '2026-12-01', '2026-08-29', '2026-10-15', '2026-08-29 to 2026-10-14'],
    ['2026-10-01', '2026-11-15', '2026-08-17', '2026-10-01', '2026-08-17 to 2026-09-30'],
  ])('before %s to %s comes %s to %s (%s)', (start, end, beforeStart, beforeEnd, label) => {
    expect(precedingPeriod({ start, end })).toEqual({ period: { start: beforeStart, end: beforeEnd }, label });
  });

  it.each([
    ['2026-01-01', '2026-01-15', '2026-01-01 to 2026-01-14'],
    ['2026-01-01', '2026-03-01', '2026-01-01 to 2026-02-28'],
    ['2026-01-15', '2027-01-15', '2026-01-15 to 2027-01-14'],
    ['2026-03-01', '2027-03-01', '2026-03-01 to 2027-02-28'],
    ['2026-02-01', '2026-03-15', '2026-02-01 to 2026-03-14'],
  ])('names %s to %s as days (%s): not a month, a quarter or a year', (start, end, label) => {
    expect(rangeLabel(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`))).toBe(label);
  });

  it('names two months as a range, not as a month or a quarter', () => {
    expect(rangeLabel(new Date('2026-02-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'))).toBe('2026-02-01 to 2026-03-31');
    expect(rangeLabel(new Date('2026-02-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'))).toBe('2026-02-01 to 2026-04-30');
  });
});

describe('comparisons that name May', () => {
  // Each side of "A vs B" is read alone: "may" on its own there is the month (it compared February with March).
  const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
  it.each([
    ['compare march vs may', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'],
    ['compare may vs march', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'],
    ['cost of may vs june', '2026-05-01', '2026-06-01', '2026-06-01', '2026-07-01'],
  ])('"%s" compares %s to %s with %s to %s', (question, start, end, compareStart, compareEnd) => {
    expect(planQuestion(question, context)).toMatchObject({ kind: 'plan', plan: { intent: 'cost-compare', period: { start, end }, comparePeriod: { start: compareStart, end: compareEnd } } });
  });
});

describe('questions that ask for a forecast without the word', () => {
  const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
  it.each([
    ['cost for the rest of this month', '2026-11-22', '2026-12-01'],
    ['what will my bill be for the rest of the month', '2026-11-22', '2026-12-01'],
    ['spend for the rest of this year', '2026-11-22', '2027-01-01'],
    ['how much will I spend next month', '2026-12-01', '2027-01-01'],
  ])('"%s" plans a forecast from %s to %s', (question, start, end) => {
    const result = planQuestion(question, context);
    expect(result.kind === 'plan' ? result.plan : result).toMatchObject({ intent: 'forecast', period: { start, end } });
  });
});

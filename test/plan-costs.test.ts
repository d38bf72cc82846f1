// The cost planner (plan-costs.ts), row by row: the wordings that pick a cost intent, a ranking's
// limit, a metric, a granularity, the periods of a comparison, a follow-up's new period, and the
// replies (with their suggestions) for periods Cost Explorer cannot answer. now = 2026-11-22T10:00Z
// (a Sunday) in us-east-1: history runs from 2025-11-01 to 2026-11-23 (exclusive), forecasts to 2027-11-22.
import { describe, expect, it } from 'vitest';
import { period, plan, replyTo } from './helpers/plans.js';

const thisMonth = period('2026-11-01', '2026-11-23');
const lastMonth = period('2026-10-01', '2026-11-01');
const restOfMonth = period('2026-11-22', '2026-12-01');
const ec2 = { name: 'ec2', values: ['Amazon Elastic Compute Cloud - Compute'] };

describe('forecast words without a future period', () => {
  it.each<[string, string, unknown]>([
    ['cost projection for ec2', 'the rest of this month', ec2],
    ['what is the cost projection for this month', 'this month', null],
    ['predict my aws bill', 'the rest of this month', null],
    ['predict my bill for this month', 'this month', null],
  ])('%s', (question, periodLabel, service) => {
    expect(plan(question)).toEqual({ family: 'forecast', intent: 'forecast', period: restOfMonth, periodLabel, regions: 'all', service, metric: 'UnblendedCost', granularity: 'DAILY' });
  });
});

describe('comparisons', () => {
  const compare = (fields: Record<string, unknown>) => ({ family: 'compare', intent: 'cost-compare', regions: 'all', service: null, metric: 'UnblendedCost', order: 'change', limit: null, ...fields });
  const septemberVsOctober = { period: period('2026-09-01', '2026-10-01'), periodLabel: 'September 2026', comparePeriod: lastMonth, comparePeriodLabel: 'last month' };

  it.each<[string, Record<string, unknown>]>([
    // "compare to" (not "compared to") still splits the two sides: the month before is the one before last month.
    ['how did last month compare to the month before', septemberVsOctober],
    ['last month compare to the month before', septemberVsOctober],
    // Periods that start the same day stay in the order asked.
    ['november vs this month', { period: thisMonth, periodLabel: 'November 2026', comparePeriod: thisMonth, comparePeriodLabel: 'this month' }],
    ['this month vs november', { period: thisMonth, periodLabel: 'this month', comparePeriod: thisMonth, comparePeriodLabel: 'November 2026' }],
    // An earlier period already as long as this month so far is not cut to "the same days".
    ['this month vs october 1 to october 22', { period: period('2026-10-01', '2026-10-23'), periodLabel: '2026-10-01 to 2026-10-22', comparePeriod: thisMonth, comparePeriodLabel: 'this month' }],
    ['this month vs 1-22 october', { period: period('2026-10-01', '2026-10-23'), periodLabel: 'the same days of October 2026', comparePeriod: thisMonth, comparePeriodLabel: 'this month so far' }],
  ])('%s', (question, fields) => {
    expect(plan(question)).toEqual(compare(fields));
  });

  it.each<[string, number]>([
    ['biggest increase in cost last month', 5],
    ['biggest jump in spend last month', 5],
    ['biggest riser in cost last month', 5],
    ['biggest risers in cost last month', 5],
    ['top risers in cost last month', 5],
    ['top 10 risers in cost last month', 10],
    ['top 5 risers in cost last month', 5],
    ['top ten growers by cost last month', 10],
  ])('growth: %s', (question, limit) => {
    expect(plan(question)).toEqual(compare({ ...septemberVsOctober, order: 'growth', limit }));
  });

  it('names the periods to compare when the question has none', () => {
    expect(replyTo('compare my costs')).toEqual({
      kind: 'reply',
      reason: 'clarify',
      message: 'Name the two periods to compare, for example "this month vs last month" or "March vs April".',
      suggestions: ['this month vs last month', 'last month compared to the month before', 'Q2 vs Q3'],
    });
  });
});

describe('rankings by service', () => {
  it.each<[string, number | null]>([
    ['top 10 services last month', 10],
    ['top 10 services by cost last month', 10],
    ['top 3 highest-spend services last month', 3],
    ['top 3 highest-cost services last month', 3],
    ['top 3 most-expensive services last month', 3],
    ['what was my top service last month', 1],
    ['top service by cost last month', 1],
    ['what was my biggest cost last month', 1],
    ['biggest cost last month', 1],
    ['largest expense on my bill last month', 1],
    ['cost breakdown for last month', null],
    ['service cost the most last month', null],
  ])('%s', (question, limit) => {
    expect(plan(question)).toEqual({ family: 'costs', intent: 'cost-by-service', period: lastMonth, periodLabel: 'last month', regions: 'all', service: null, metric: 'UnblendedCost', granularity: 'MONTHLY', groupBy: 'SERVICE', limit });
  });

  it('which aws service costs the most groups by service', () => {
    expect(plan('which aws service costs the most last month')).toMatchObject({ intent: 'cost-by-service', groupBy: 'SERVICE', period: lastMonth });
  });
});

describe('rankings by region', () => {
  it.each<[string, typeof thisMonth, string, number | null]>([
    ['top regions by spend last month', lastMonth, 'last month', 5],
    ['top regions by cost', thisMonth, 'this month', 5],
    ['top 10 regions by cost', thisMonth, 'this month', 10],
    ['top three regions by cost', thisMonth, 'this month', 3],
    ['region breakdown of spend last month', lastMonth, 'last month', null],
    ['region breakdown of my costs', thisMonth, 'this month', null],
  ])('%s', (question, costPeriod, periodLabel, limit) => {
    expect(plan(question)).toEqual({ family: 'costs', intent: 'cost-by-region', period: costPeriod, periodLabel, regions: 'all', service: null, metric: 'UnblendedCost', granularity: 'MONTHLY', groupBy: 'REGION', limit });
  });
});

describe('trends and granularity', () => {
  it.each<[string, typeof thisMonth, string, 'DAILY' | 'MONTHLY']>([
    ['how did my spend change this year', period('2026-01-01', '2026-11-23'), 'this year', 'MONTHLY'],
    ['show the change in my bill over the last 3 months', period('2026-08-01', '2026-11-01'), 'last 3 months', 'MONTHLY'],
    ['how did my costs change', period('2026-10-23', '2026-11-22'), 'last 30 days', 'DAILY'],
    // "daily" asks for days even over more than 62 of them.
    ['daily costs for the last 3 months', period('2026-08-01', '2026-11-01'), 'last 3 months', 'DAILY'],
    ['daily cost trend for this quarter', period('2026-10-01', '2026-11-23'), 'this quarter', 'DAILY'],
  ])('%s', (question, costPeriod, periodLabel, granularity) => {
    expect(plan(question)).toEqual({ family: 'costs', intent: 'cost-trend', period: costPeriod, periodLabel, regions: 'all', service: null, metric: 'UnblendedCost', granularity });
  });

  it('a daily forecast over three months', () => {
    expect(plan('daily forecast for the next 3 months')).toMatchObject({ intent: 'forecast', period: period('2026-11-22', '2027-02-22'), granularity: 'DAILY' });
  });
});

describe('metrics', () => {
  it.each(['net - amortized cost last month', 'net -amortized cost last month'])('%s', (question) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-total', period: lastMonth, metric: 'NetAmortizedCost' });
  });
});

describe('a follow-up names a new period', () => {
  it('a comparison compares the new period with the one before it', () => {
    expect(plan('what about october', plan('this month vs last month'))).toMatchObject({
      intent: 'cost-compare',
      period: period('2026-09-01', '2026-10-01'),
      periodLabel: 'September 2026',
      comparePeriod: lastMonth,
      comparePeriodLabel: 'October 2026',
    });
  });

  it('a forecast forecasts the new period', () => {
    expect(plan('what about next quarter', plan('forecast for next month'))).toMatchObject({ intent: 'forecast', period: period('2027-01-01', '2027-04-01'), periodLabel: 'next quarter' });
  });

  it.each<[string, typeof thisMonth, string]>([
    ['what about september', period('2026-09-01', '2026-10-01'), 'September 2026'],
    ['and in october', lastMonth, 'October 2026'],
  ])('spend so far reads the new period as history: %s', (question, costPeriod, periodLabel) => {
    expect(plan(question, plan('what did I spend last month'))).toMatchObject({ intent: 'cost-total', period: costPeriod, periodLabel });
  });
});

describe('periods Cost Explorer cannot answer', () => {
  it.each<[string, string, string[]]>([
    ['what did I spend in october 2025', 'Cost Explorer keeps 13 months of cost history, from 2025-11-01; October 2025 starts 2025-10-01.', ['what did I spend since 2025-11-01', 'what did I spend last month', 'cost trend for the last 12 months']],
    ['what did I spend next month', 'Next month has not happened yet (it starts 2026-12-01), so there is no spend to report. Ask for a forecast instead, e.g. "forecast for next month".', ['forecast for next month', 'forecast for the rest of this month']],
    ['forecast for last month', 'A forecast looks ahead, but last month is already over. Ask what you spent instead, e.g. "what did I spend last month".', ['what did I spend last month', 'forecast for the rest of this month', 'forecast for next month']],
    ['forecast for 2028', 'Cost Explorer forecasts reach 12 months ahead, to 2027-11-22; 2028 runs to 2029-01-01.', ['forecast for the next 12 months', 'forecast for next month', 'forecast for next quarter']],
  ])('%s', (question, message, suggestions) => {
    expect(replyTo(question)).toEqual({ kind: 'reply', reason: 'out-of-range', message, suggestions });
  });
});

import { describe, expect, it } from 'vitest';
import { periodPhrase, plural } from '../source/answer/format.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

// The words of answers: one formatter for counts and periods, checked phrase by phrase and, for
// whole summaries over the sandbox, by a named snapshot a reviewer reads as prose.
describe('the phrases answers are made of', () => {
  it.each([
    ['March 2026', 'in March 2026'],
    ['Q3 2026', 'in Q3 2026'],
    ['H1 2026', 'in H1 2026'],
    ['2026', 'in 2026'],
    ['the first half of October 2026', 'in the first half of October 2026'],
    ['the week of 2026-11-02', 'in the week of 2026-11-02'],
    ['last 7 days', 'over the last 7 days'],
    ['last 3 months', 'over the last 3 months'],
    ['the last 3 full weeks', 'over the last 3 full weeks'],
    ['the same days of last month', 'over the same days of last month'],
    ['2026-10-05', 'on 2026-10-05'],
    ['2026-10-01 to 2026-10-15', 'from 2026-10-01 to 2026-10-15'],
    ['last month', 'last month'],
    ['this week so far', 'this week so far'],
    ['year to date', 'year to date'],
    ['yesterday', 'yesterday'],
    ['since 2026-11-01', 'since 2026-11-01'],
    ['the month before last', 'the month before last'],
  ])('%s reads "%s"', (label, phrase) => {
    expect(periodPhrase(label)).toBe(phrase);
  });

  it('counts in the singular for one and with thousands separators', () => {
    expect([plural(1, 'region'), plural(2, 'region'), plural(1234, 'call'), plural(0, 'resource')]).toEqual(['1 region', '2 regions', '1,234 calls', '0 resources']);
  });
});

describe('answer summaries over the sandbox', () => {
  it('read as English, question by question', async () => {
    const session = await sandboxSession();
    const questions = [
      'how many lambda functions in Osaka',
      'how many lambda functions in eu-west-1 and eu-west-2',
      'how many vpcs in Europe',
      'list stopped instances in Japan',
      'how many gp2 volumes in us-east-1',
      'what did I spend in March',
      'what did I spend over the last 7 days',
      'what did I spend last month',
      'what did I spend on the 5th',
      'daily cost for the last 7 days',
      'monthly cost over the last 3 months',
      'cost by region last month',
      'what did I spend year to date',
    ];
    const summaries: string[] = [];
    for (const question of questions) summaries.push(`${question} → ${(await askAnswer(session, question)).answer.summary}`);
    expect(summaries.join('\n')).toMatchSnapshot('grammar-summaries');
  }, 120_000);
});

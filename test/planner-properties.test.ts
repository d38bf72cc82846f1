// Properties of the question planner that hold for any input: it never throws, always answers
// with a plan or a reply, and every plan it gives is one AWS can be asked (periods inside Cost
// Explorer's range, regions that exist). Inputs are random text (control characters, lone
// surrogates and huge strings included) and random questions built from the words people use.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costLookbackStart, findPeriod, forecastHorizon, historyEnd, iso, startOfDay, type Period } from '../source/understanding/period.js';
import type { Plan, PlanResult } from '../source/understanding/plan.js';
import { planQuestion } from '../source/understanding/planner.js';
import { findRegions } from '../source/understanding/regions.js';
import { shippedConfigPath } from '../source/config/package-root.js';

const regionCodes = new Set((JSON.parse(readFileSync(shippedConfigPath('regions.json'), 'utf8')) as { regions: Array<{ code: string }> }).regions.map((r) => r.code));

// ---------- Inputs ----------

/** Any UTF-16 code units: control characters and unpaired surrogates included. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }), codeUnits);

const words = {
  asks: ['how many', 'count', 'list', 'show me', 'describe', 'details of', 'what did I spend', 'how much did', 'cost', 'spend', 'bill', 'forecast', 'what will I spend', 'compare', 'vs', 'versus', 'top 5', 'top', 'which service', 'by service', 'by region', 'daily', 'monthly', 'trend', 'help', 'hwo mnay', 'waht', 'spned', 'lsit', 'forcast'],
  nouns: ['lambda functions', 'lambdas', 'buckets', 'bucket', 'ec2 instances', 'instance', 'vpcs', 'security groups', 'node groups', 'nodegroup', 'clusters', 'tables', 'lamda fns', 'widgets', 'AWS::S3::Bucket', 'AWS::Foo::Bar', 'services', 'regions', 'EC2', 's3', 'rds', 'nat gateways', 'hosts', 'fargate profiles'],
  regions: ['in eu-west-1', 'in us-east-1', 'in eu-west-9', 'in Frankfurt', 'in N. Virginia', 'in ireland', 'in Tokyo', 'in all regions', 'everywhere', 'across regions', 'per region', 'in frankfrt', 'in us-gov-west-1', 'in Sao Paulo'],
  periods: ['last month', 'this month', 'in March', 'in may', 'last 7 days', 'yesterday', 'today', 'tomorrow', 'Q1', 'Q4 2025', 'since June', 'year to date', 'this year', 'last year', 'next month', 'next year', 'the next 3 months', 'the rest of this month', 'between 2026-03-01 and 2026-04-15', 'from november to february', 'in 2024', 'in 2026-10', 'in 2027', 'October 2025', 'the month before', 'last 13 months', 'on 3/15/2026', 'last monday', 'between 2026-05-01 and 2026-03-01', 'since 2099-01-01', 'in 1969'],
  extras: ['tagged env=prod', 'named orders-api', 'called "logs"', 'running', 'stopped', 'my-bucket-123456', 'i-0123456789abcdef0', 'in cluster prod', 'arn:aws:lambda:eu-west-1:123456789012:function:x', 'please', '?', '!!', '', 'and', 'the', 'of'],
};
const phrase = fc.oneof(...Object.values(words).map((list) => fc.constantFrom(...list)), fc.string({ maxLength: 8 }));
/** A question put together from the words people use, in any order, with any case. */
const question = fc
  .tuple(fc.array(phrase, { minLength: 1, maxLength: 8 }), fc.constantFrom<'as-is' | 'lower' | 'upper'>('as-is', 'lower', 'upper'))
  .map(([parts, casing]) => {
    const text = parts.join(' ');
    return casing === 'lower' ? text.toLowerCase() : casing === 'upper' ? text.toUpperCase() : text;
  });
/** Any day from 2001 to 2090, any time of day. */
const now = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2090, 11, 31) }).map((ms) => new Date(ms));
const region = fc.constantFrom(...regionCodes);

// ---------- Checks ----------

const isoDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && iso(new Date(`${text}T00:00:00Z`)) === text;

function checkResultShape(result: PlanResult): void {
  expect(['plan', 'reply']).toContain(result.kind);
  if (result.kind === 'reply') {
    expect(['unsupported', 'clarify', 'out-of-range']).toContain(result.reason);
    expect(result.message.length).toBeGreaterThan(0);
    expect(result.suggestions.every((s) => typeof s === 'string')).toBe(true);
    return;
  }
  expect(['resources', 'costs', 'compare', 'forecast', 'help']).toContain(result.plan.family);
}

/** A period Cost Explorer accepts for the plan's intent: history inside the lookback up to today, forecasts from today to the horizon. */
function checkPeriod(p: Period, plan: Plan, at: Date): void {
  expect(isoDate(p.start), p.start).toBe(true);
  expect(isoDate(p.end), p.end).toBe(true);
  expect(p.start < p.end, `${p.start} < ${p.end}`).toBe(true);
  if (plan.intent === 'forecast') {
    expect(p.start >= iso(startOfDay(at))).toBe(true);
    expect(p.end <= iso(forecastHorizon(at))).toBe(true);
  } else {
    expect(p.start >= iso(costLookbackStart(at)), `${p.start} is inside the lookback`).toBe(true);
    expect(p.end <= iso(historyEnd(at)), `${p.end} is not after tomorrow`).toBe(true);
  }
}

function checkPlan(result: PlanResult, at: Date, home: string): void {
  checkResultShape(result);
  if (result.kind !== 'plan') return;
  const { plan } = result;
  if (plan.family === 'help') return;
  if (plan.regions !== 'all') {
    const codes = Array.isArray(plan.regions) ? plan.regions : plan.regions.codes;
    if (Array.isArray(plan.regions)) expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(regionCodes.has(code), code).toBe(true);
  }
  if (plan.family === 'resources') {
    expect(plan.resourceType).toMatch(/^AWS::\w+::\w+$/);
    if (plan.intent === 'describe') expect(plan.identifier).toBeTruthy();
    else if (plan.limit !== null) expect(plan.limit).toBeGreaterThan(0);
    return;
  }
  checkPeriod(plan.period, plan, at);
  if (plan.family === 'compare') {
    checkPeriod(plan.comparePeriod, plan, at);
    expect(plan.period.start <= plan.comparePeriod.start, 'compared in date order').toBe(true);
  }
  if ((plan.intent === 'cost-by-service' || plan.intent === 'cost-by-region') && plan.limit !== null) expect(plan.limit).toBeGreaterThan(0);
  expect(home).toBeTruthy();
}

describe('planQuestion on any input', () => {
  it('never throws and answers random text with a plan or a reply', () => {
    fc.assert(
      fc.property(anyText, now, region, (text, at, home) => {
        checkPlan(planQuestion(text, { now: at, region: home }), at, home);
      }),
      { numRuns: 150 },
    );
  });

  it('gives only plans AWS can be asked for questions made of the words people use', () => {
    fc.assert(
      fc.property(question, now, region, (text, at, home) => {
        checkPlan(planQuestion(text, { now: at, region: home }), at, home);
      }),
      { numRuns: 150 },
    );
  });

  it('answers huge and control-character-laden questions with a reply', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 200_000 }), fc.constantFrom('a', ' x', '\u0000', '\uD800', 'how many lambdas ', '🙂'), (length, unit) => {
        const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        const result = planQuestion(text, { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' });
        checkResultShape(result);
        if (text.trim().replace(/[\u0000\uD800]/g, '').length > 2000) expect(result).toMatchObject({ kind: 'reply', reason: 'unsupported' });
      }),
      { numRuns: 20 },
    );
  });

  it('does not care about the case of the words or the spaces between them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words.asks, ...words.nouns, ...words.regions, ...words.periods), { minLength: 1, maxLength: 5 }), (parts) => {
        const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
        const gist = (result: PlanResult) =>
          result.kind === 'reply'
            ? result.reason
            : {
                intent: result.plan.intent,
                type: 'resourceType' in result.plan ? result.plan.resourceType.toLowerCase() : undefined,
                regions: 'regions' in result.plan ? result.plan.regions : undefined,
                period: 'period' in result.plan ? result.plan.period : undefined,
                compare: result.plan.family === 'compare' ? result.plan.comparePeriod : undefined,
              };
        const text = parts.join(' ');
        expect(gist(planQuestion(text.toLowerCase(), context))).toEqual(gist(planQuestion(text, context)));
        expect(gist(planQuestion(`  ${parts.join('   ')}\t`, context))).toEqual(gist(planQuestion(text, context)));
      }),
      { numRuns: 40 },
    );
  });
});

describe('findPeriod', () => {
  it('never gives a period that ends before it starts, on any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, question), now, fc.constantFrom<'past' | 'future'>('past', 'future'), (text, at, prefer) => {
        const found = findPeriod(text, at, { prefer });
        if (!found) return;
        expect(isoDate(found.period.start) && isoDate(found.period.end)).toBe(true);
        expect(found.period.start < found.period.end).toBe(true);
        expect(found.span[0]).toBeLessThanOrEqual(found.span[1]);
        expect(found.label.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('reads any two ISO dates as a range, either way round, end exclusive', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => iso(new Date(ms)));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const found = findPeriod(`between ${a} and ${b}`, new Date('2026-11-22T10:00:00Z'));
        const [first, last] = a <= b ? [a, b] : [b, a];
        const dayAfter = iso(new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000));
        expect(found?.period).toEqual({ start: first, end: dayAfter });
      }),
      { numRuns: 200 },
    );
  });
});

describe('findRegions', () => {
  const regionish = fc.oneof(
    fc.tuple(fc.constantFrom('us', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx', 'cn', 'xx'), fc.constantFrom('east', 'west', 'north', 'south', 'central', 'northeast', 'southeast', 'up'), fc.integer({ min: 0, max: 20 })).map(([a, b, n]) => `${a}-${b}-${n}`),
    fc.constantFrom(...words.regions, 'Frankfurt', 'frankfrt', 'Virginia', 'N Virginia', 'Iceland', 'Paris', 'parts', 'São Paulo', 'logs-eu-west-1-archive', 'eu-west-1a'),
    fc.string({ maxLength: 12 }),
  );

  it('only ever names region codes that exist', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.array(regionish, { maxLength: 6 }).map((parts) => parts.join(' '))), (text) => {
        const found = findRegions(text);
        if (found.kind === 'named') {
          expect(found.codes.length).toBeGreaterThan(0);
          for (const code of found.codes) expect(regionCodes.has(code), code).toBe(true);
        }
        if (found.kind === 'unknown') for (const code of found.codes) expect(regionCodes.has(code), code).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

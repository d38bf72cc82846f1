// Every word of a cost question accounted for: the words the planner cannot apply are named in the
// plan and the answer; money thresholds filter and check; "cheapest" ranks from the bottom; spend per
// individual resource gets an honest reply instead of the service's total. Checked through the
// planner and through the sandbox's Cost Explorer, summed day by day with the SDK.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { planQuestion } from '../source/understanding/planner.js';
import { findThreshold } from '../source/understanding/cost-words.js';
import { corpus } from './corpus/questions.js';
import { runQchat } from './helpers/cli.js';
import { dailyByGroup } from './helpers/cost-sums.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const planOf = (question: string) => {
  const result = planQuestion(question, context);
  if (result.kind !== 'plan') throw new Error(`no plan for "${question}": ${result.message}`);
  return result.plan as unknown as Record<string, unknown>;
};

describe('words a cost question uses', () => {
  it.each([
    ['t3 spend last month', ['t3']],
    ['what did prod cost last month', ['prod']],
    ['spot instance costs this month', ['spot']],
    ['cost for account 123456789012 last month', ['123456789012']],
    ['what did the payments app cost last month', ['payments', 'app']],
  ])('%s names %j as ignored', (question, ignored) => {
    expect(planOf(question).ignored).toEqual(ignored);
  });

  it.each([
    'what did I spend last month',
    'what did my lambda functions cost last month',
    'ec2 instances cost in Frankfurt this month',
    'top 5 services by cost in the first half of October',
    'amortized cost by region in Europe last month',
    'how much did we spend in all regions except the EU this quarter',
    'what will I spend next month',
    "yesterday's cost",
    "EC2's spend last month",
    'last month’s bill',
  ])('%s uses every word', (question) => {
    expect(planOf(question).ignored).toBeUndefined();
  });

  it('leaves no word ignored in a corpus cost question unless the corpus expects it', () => {
    const unexpected = corpus
      .filter((entry) => 'plan' in entry.expected && !('ignored' in entry.expected.plan))
      .map((entry) => ({ question: entry.question, result: planQuestion(entry.question, context) }))
      .filter(({ result }) => result.kind === 'plan' && result.plan.family !== 'resources' && 'ignored' in result.plan && result.plan.ignored !== undefined)
      .map(({ question, result }) => `${question} → ${JSON.stringify(result.kind === 'plan' && 'ignored' in result.plan ? result.plan.ignored : [])}`);
    expect(unexpected).toEqual([]);
  });
});

describe('money thresholds', () => {
  it.each([
    ['services that cost more than $100 last month', { op: 'above', amount: 100 }],
    ['regions over 1,000 dollars this month', { op: 'above', amount: 1000 }],
    ['services under $5 last month', { op: 'below', amount: 5 }],
    ['services costing at least $2k in October', { op: 'at-least', amount: 2000 }],
    ['services at most $12.50 last month', { op: 'at-most', amount: 12.5 }],
  ])('%s reads %j', (question, threshold) => {
    expect(findThreshold(question)).toMatchObject(threshold);
  });

  it.each(['services with more than 100 resources', 'over 5 regions', 'top 10 services'])('%s is no money threshold', (question) => {
    expect(findThreshold(question)).toBeUndefined();
  });

  it.each([
    ['which services cost more than $100 last month', { intent: 'cost-by-service', threshold: { op: 'above', amount: 100 }, limit: null }],
    ['regions that spent under $50 this month', { intent: 'cost-by-region', threshold: { op: 'below', amount: 50 } }],
    ['did I spend more than $40,000 last month', { intent: 'cost-total', threshold: { op: 'above', amount: 40000 } }],
  ])('%s plans %j', (question, expected) => {
    expect(planOf(question)).toMatchObject(expected);
  });

  it('names a threshold it cannot apply', () => {
    expect(planOf('forecast over $500 for next month').ignored).toEqual(['over $500']);
  });
});

describe('the cheapest first', () => {
  it.each([
    ['cheapest services last month', 'cost-by-service', null],
    ['which region costs the least this month', 'cost-by-region', 1],
    ['the 3 least expensive services in October', 'cost-by-service', 3],
  ])('%s ranks ascending', (question, intent, limit) => {
    expect(planOf(question)).toMatchObject({ intent, order: 'ascending', limit });
  });

  it('keeps the most expensive first when nothing asks otherwise', () => {
    expect(planOf('top 5 services last month').order).toBeUndefined();
  });
});

describe('spend per resource', () => {
  it.each(['the priciest lambda functions last month', 'cost per instance this month', 'which bucket costs the most', 'dynamodb tables by cost', 'top 5 most expensive ec2 instances'])('%s gets an unsupported reply', (question) => {
    const result = planQuestion(question, context);
    expect(result).toMatchObject({ kind: 'reply', reason: 'unsupported' });
    expect(result.kind === 'reply' && result.message).toMatch(/per service.*resource-level data/);
  });

  it('offers the service total and the list', () => {
    const result = planQuestion('the priciest lambda functions last month', context);
    expect(result.kind === 'reply' && result.suggestions).toEqual(['what did I spend on Lambda last month', 'list lambda functions']);
  });

  it.each(['what did my lambda functions cost last month', 'lambda function costs this month', 'the most expensive service last month'])('%s is still a plan', (question) => {
    expect(planQuestion(question, context).kind).toBe('plan');
  });
});

const money = (cell: string) => Number(cell.replace(/[$,]/g, ''));

describe('against the sandbox', () => {
  let session: ChatSession;
  let october: Map<string, number>;
  beforeAll(async () => {
    session = await sandboxSession();
    october = await dailyByGroup(session, '2026-10-01', '2026-11-01', 'SERVICE');
  });

  it('keeps exactly the services above a threshold, and says how many and how much', async () => {
    const { answer } = await askAnswer(session, 'which services cost more than $100 last month');
    const above = [...october.entries()].filter(([, amount]) => amount > 100).sort((a, b) => b[1] - a[1]);
    expect(answer.table?.rows.map((row) => row[0])).toEqual(above.map(([service]) => service));
    for (const [i, row] of (answer.table?.rows ?? []).entries()) expect(money(row[1]!)).toBeCloseTo(above[i]![1], 2);
    const together = above.reduce((sum, [, amount]) => sum + amount, 0);
    expect(answer.summary).toContain(`; ${above.length} of ${october.size} services cost more than $100.00, together $${together.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}.`);
  });

  it('says so when no service passes', async () => {
    const { answer } = await askAnswer(session, 'which services cost more than $1,000,000 last month');
    expect(answer.table?.rows ?? []).toEqual([]);
    expect(answer.summary).toContain('no service cost more than $1,000,000.00');
  });

  it('checks a total against a threshold', async () => {
    const total = [...october.values()].reduce((x, y) => x + y, 0);
    const { answer } = await askAnswer(session, 'did I spend more than $40,000 last month');
    expect(answer.summary).toMatch(total > 40000 ? /That is more than \$40,000\.00\.$/ : /That is not more than \$40,000\.00\.$/);
  });

  it('lists the cheapest services first', async () => {
    const { answer } = await askAnswer(session, 'the 3 cheapest services last month');
    const cheapest = [...october.entries()].sort((a, b) => a[1] - b[1]).slice(0, 3);
    expect(answer.table?.rows.map((row) => row[0])).toEqual(cheapest.map(([service]) => service));
    expect(answer.summary).toContain(`the least went to ${cheapest[0]![0]}`);
  });

  it('names the ignored word in text and JSON, and the figure covers every service', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 't3 spend last month']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { plan: { ignored: string[] }; answer: { warnings: string[]; totals: Array<{ amount: number }> } };
    expect(output.plan.ignored).toEqual(['t3']);
    expect(output.answer.warnings).toContain('Ignored: "t3" — cost figures cannot be narrowed by that, so they cover every service.');
    expect(output.answer.totals[0]!.amount).toBeCloseTo([...october.values()].reduce((x, y) => x + y, 0), 2);
    const text = await runQchat(['ask', '--sandbox', 't3 spend last month']);
    expect(text.stdout).toContain('Ignored: "t3"');
  });

  it('answers spend per resource with exit 2 and no AWS call', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'the priciest lambda functions last month']);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout) as { reply?: { reason: string }; answer?: unknown };
    expect(output).toMatchObject({ reply: { reason: 'unsupported' } });
    expect(output.answer).toBeUndefined();
  });
});

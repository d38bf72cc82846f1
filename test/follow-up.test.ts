// A conversation keeps the last plan: a follow-up that names only a period, a region, a filter,
// a grouping or a limit changes the previous question, and the answer says what changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { Conversation, type ChatReply } from '../source/chat/conversation.js';
import type { ChatSession } from '../source/chat/session.js';
import { planQuestion } from '../source/understanding/planner.js';
import type { Plan } from '../source/understanding/plan.js';
import { renderAnswerText } from '../source/present/answer-text.js';
import { sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

function planned(question: string, previous?: Plan) {
  const result = planQuestion(question, { ...context, previous });
  if (result.kind !== 'plan') throw new Error(`"${question}" gave a reply: ${result.message}`);
  return result;
}

describe('follow-ups change the previous plan', () => {
  const lastMonthSpend = planned('what did I spend on EC2 last month').plan;
  const instances = planned('list ec2 instances').plan;

  it.each<[string, Plan, Record<string, unknown>, string]>([
    ['what about this month?', lastMonthSpend, { intent: 'cost-total', period: { start: '2026-11-01' }, service: { name: 'EC2' } }, 'this month'],
    ['and in eu-west-1?', lastMonthSpend, { intent: 'cost-total', regions: ['eu-west-1'], period: { start: '2026-10-01' } }, 'in eu-west-1'],
    ['by region', lastMonthSpend, { intent: 'cost-by-region', groupBy: 'REGION' }, 'by region'],
    ['only the stopped ones', instances, { intent: 'list', resourceType: 'AWS::EC2::Instance', filters: { properties: [{ property: 'State.Name', value: 'stopped' }] } }, 'only stopped'],
    ['and in Frankfurt', instances, { regions: ['eu-central-1'] }, 'in eu-central-1'],
    ['what about all regions', instances, { regions: 'all' }, 'in all regions'],
    ['just the first 3', instances, { limit: 3 }, 'top 3'],
    ['show all', { ...instances, limit: 3 } as Plan, { limit: null }, 'every row'],
  ])('%s', (question, previous, expected, changed) => {
    const result = planned(question, previous);
    expect(result.plan).toMatchObject(expected);
    expect(result.followUp).toBe(changed);
  });

  describe('a cost question narrowed or widened by service', () => {
    const weekly = planned('weekly cost trend').plan;
    const lambda = { values: ['AWS Lambda'] };
    it.each<[string, Plan, Record<string, unknown>, string]>([
      ['only EC2', weekly, { intent: 'cost-trend', bucket: 'week', service: { values: ['Amazon Elastic Compute Cloud - Compute'] } }, 'only Amazon Elastic Compute Cloud - Compute'],
      ['what about Lambda last month?', weekly, { bucket: 'week', service: lambda, period: { start: '2026-10-01', end: '2026-11-01' } }, 'last month, only AWS Lambda'],
      ['just s3 and dynamodb', weekly, { service: { values: ['Amazon Simple Storage Service', 'Amazon DynamoDB'] } }, 'only Amazon Simple Storage Service and Amazon DynamoDB'],
      ['and for lambda instead?', planned('this month vs last month').plan, { family: 'compare', service: lambda }, 'only AWS Lambda'],
      ['for all services', lastMonthSpend, { service: null, period: { start: '2026-10-01' } }, 'every service'],
    ])('%s', (question, previous, expected, changed) => {
      const result = planned(question, previous);
      expect(result.plan).toMatchObject(expected);
      expect(result.followUp).toBe(changed);
    });

    it('groups a weekly series by service as a breakdown, not a series', () => {
      const result = planned('by service', weekly);
      expect(result.plan).toMatchObject({ intent: 'cost-by-service' });
      expect('bucket' in result.plan).toBe(false);
    });

    it.each(['list lambda functions', 'how many ec2 instances'])('%s after a cost question is a new question', (question) => {
      const result = planned(question, weekly);
      expect(result.plan.family).toBe('resources');
      expect(result.followUp).toBeUndefined();
    });

    it('reads "only EC2" alone, with no cost question before it, as the instances', () => {
      expect(planned('only EC2', instances).plan).toMatchObject({ family: 'resources', resourceType: 'AWS::EC2::Instance' });
    });
  });

  it('keeps a comparison a comparison over the new period', () => {
    const result = planned('what about last month', planned('this month vs last month').plan);
    expect(result.plan).toMatchObject({ family: 'compare', period: { start: '2026-09-01' }, comparePeriod: { start: '2026-10-01', end: '2026-11-01' } });
  });

  it('answers a complete question as itself, not as a follow-up', () => {
    const result = planned('how many lambda functions in eu-west-1', lastMonthSpend);
    expect(result.plan).toMatchObject({ intent: 'count', resourceType: 'AWS::Lambda::Function' });
    expect(result.followUp).toBeUndefined();
  });

  it('says so when a period does not fit a resource question', () => {
    expect(planQuestion('what about last month', { ...context, previous: instances })).toMatchObject({ kind: 'reply', reason: 'clarify' });
  });

  it('never takes a request to change something, or a question it cannot answer, as a follow-up', () => {
    expect(planQuestion('terminate the stopped ones', { ...context, previous: instances })).toMatchObject({ kind: 'reply', reason: 'read-only' });
    expect(planQuestion('why did it go up last month', { ...context, previous: lastMonthSpend })).toMatchObject({ kind: 'reply', reason: 'unsupported' });
  });

  it('without a previous question, a fragment gets the usual reply', () => {
    expect(planQuestion('what about last month?', context)).toMatchObject({ kind: 'reply' });
  });
});

describe('three-turn conversations in the chat engine, against the sandbox', () => {
  let session: ChatSession;
  beforeAll(async () => {
    session = await sandboxSession();
  });

  const text = (reply: ChatReply) => (reply.kind === 'answer' ? renderAnswerText(reply.answer, { width: 100, tableRows: 5, wrap: true }) : 'text' in reply ? reply.text : reply.kind);

  it('costs: a question, a new period, a new grouping', async () => {
    const chat = new Conversation(session);
    const turns = [];
    for (const question of ['what did I spend on EC2 last month', 'what about this month?', 'by region']) turns.push(`> ${question}\n${text(await chat.submit(question))}`);
    expect(turns[1]).toMatch(/^> what about this month\?\nSame question, this month: You have spent \$[\d,.]+ on Amazon Elastic Compute Cloud - Compute\sthis\smonth/);
    expect(turns.join('\n')).toMatchSnapshot('costs-three-turns');
  });

  it('costs: a weekly series, one service, another period', async () => {
    const chat = new Conversation(session);
    const replies = [];
    for (const question of ['weekly cost trend', 'only EC2', 'what about last month?']) replies.push(await chat.submit(question));
    const said = (reply: ChatReply) => text(reply).replace(/\s+/g, ' ');
    expect(said(replies[1]!)).toMatch(/^Same question, only Amazon Elastic Compute Cloud - Compute: Weekly cost on Amazon Elastic Compute Cloud - Compute over the last 8 weeks/);
    expect(said(replies[2]!)).toMatch(/^Same question, last month: Weekly cost on Amazon Elastic Compute Cloud - Compute last month \(2026-10-01 to 2026-10-31/);
    const [series, filtered] = replies.map((reply) => (reply.kind === 'answer' ? reply.answer.totals![0]!.amount : NaN));
    expect(filtered).toBeLessThan(series!);
  });

  it('resources: a listing, a filter, another region', async () => {
    const chat = new Conversation(session);
    const turns = [];
    for (const question of ['list ec2 instances', 'only the stopped ones', 'and in us-west-2?']) turns.push(`> ${question}\n${text(await chat.submit(question))}`);
    expect(turns[1]).toContain('Same question, only stopped: Found');
    expect(turns[2]).toContain('Same question, in us-west-2: ');
    expect(turns.join('\n')).toMatchSnapshot('resources-three-turns');
  });
});

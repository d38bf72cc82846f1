// What qchat does not do, said before anything is called: it only reads, and it does not explain,
// price or recommend. Each reply names questions it can answer, and those questions plan.
import { describe, expect, it } from 'vitest';
import { planQuestion } from '../source/understanding/planner.js';
import { runQchat } from './helpers/cli.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

function replyTo(question: string) {
  const result = planQuestion(question, context);
  if (result.kind !== 'reply') throw new Error(`"${question}" gave a ${result.plan.intent} plan, not a reply`);
  return result;
}

describe('requests to change the account', () => {
  /** Each request, the verb the reply names, and the first question it offers (none when the request names no resource type). */
  const requests: Record<string, { verb: string; nearest?: string }> = {
    'terminate my idle instances': { verb: 'terminate', nearest: 'list ec2 instances' },
    'please stop my ec2 instances in all regions': { verb: 'stop', nearest: 'list ec2 instances in all regions' },
    'can you delete the old buckets': { verb: 'delete', nearest: 'list s3 buckets' },
    'tag my lambda functions with team=payments': { verb: 'tag', nearest: 'list lambda functions' },
    'how do I resize my rds databases': { verb: 'resize', nearest: 'list rds instances' },
    'create a new vpc': { verb: 'create', nearest: 'list ec2 vpcs' },
    'start the stopped instances': { verb: 'start', nearest: 'list ec2 instances' },
    'buy a savings plan': { verb: 'buy' },
    'reboot i-0abc12345678def90': { verb: 'reboot' },
    'scale up my dynamodb tables': { verb: 'scale up', nearest: 'list dynamodb tables' },
  };

  it.each(Object.entries(requests))('%s: says qchat only reads', (question, { verb, nearest }) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('read-only');
    expect(answer.message).toContain(`qchat only reads your AWS account, so it cannot ${verb} anything.`);
    if (nearest) expect(answer.suggestions[0]).toBe(nearest);
    for (const suggestion of answer.suggestions) expect(planQuestion(suggestion, context).kind, suggestion).toBe('plan');
  });

  it.each(['stopped instances', 'list running instances', 'snapshots in us-east-1', 'tag keys on my buckets', 'how many started builds'])('%s is a question, not a request', (question) => {
    const result = planQuestion(question, context);
    expect(result.kind === 'reply' ? result.reason : 'plan').not.toBe('read-only');
  });
});

describe('analytical questions it cannot answer', () => {
  it.each<[string, RegExp]>([
    ['why did my bill go up', /^I can't tell why costs changed/],
    ['why is my AWS bill so high this month', /^I can't tell why costs changed/],
    ['any cost anomalies last week', /^I don't detect cost anomalies/],
    ['cost per team last month', /^I can't split costs by team/],
    ['spend by project', /^I can't split costs by team/],
    ['what does an m7g.large cost per hour in Ohio', /^I don't look up AWS prices/],
    ['how much does an m5.large cost', /^I don't look up AWS prices/],
    ['savings plans recommendations', /^I don't read Savings Plans/],
    ['rightsizing recommendations for ec2', /^I don't make rightsizing/],
    ['how can I reduce my bill', /^I don't make rightsizing/],
  ])('%s: says what it can show instead', (question, message) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('unsupported');
    expect(answer.message).toMatch(message);
    for (const suggestion of answer.suggestions) expect(planQuestion(suggestion, context).kind, suggestion).toBe('plan');
  });

  it('offers "what grew most", which it answers', () => {
    expect(replyTo('why did my bill go up').suggestions[0]).toBe('which services grew most this month vs last month');
    expect(planQuestion('which services grew most this month vs last month', context)).toMatchObject({ kind: 'plan', plan: { family: 'compare', order: 'growth' } });
  });

  it('answers "what is my biggest cost" with the one top service', () => {
    expect(planQuestion('what is my biggest cost', context)).toMatchObject({ kind: 'plan', plan: { intent: 'cost-by-service', limit: 1 } });
  });
});

describe('qchat ask', () => {
  it('exits 2 with a read-only reply and no plan', async () => {
    const result = await runQchat(['ask', 'terminate my idle instances', '--sandbox', '--json']);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.stdout);
    expect(output.plan).toBeNull();
    expect(output.reply).toMatchObject({ reason: 'read-only', suggestions: ['list ec2 instances', 'how many ec2 instances'] });
  });
});

describe('every word accounted for', () => {
  it('names a qualifier it cannot read instead of dropping it', () => {
    expect(planQuestion('list my idle instances', context)).toMatchObject({ kind: 'plan', plan: { intent: 'list', ignored: ['idle'] } });
    expect(planQuestion('list running instances', context)).toMatchObject({ kind: 'plan', plan: { ignored: [], filters: { properties: [{ property: 'State.Name', value: 'running' }] } } });
    expect(planQuestion('list running buckets', context)).toMatchObject({ kind: 'plan', plan: { ignored: ['running'], filters: { properties: [] } } });
  });

  it('never takes a misspelt noun for a resource name', () => {
    expect(planQuestion('cloudfront distros', context)).toMatchObject({ kind: 'reply', reason: 'clarify', message: expect.stringMatching(/^I don't know what "distros" means here\. Did you mean "distributions"/) });
    expect(planQuestion('describe bucket logs', context)).toMatchObject({ kind: 'plan', plan: { intent: 'describe', identifier: 'logs' } });
  });
});

// The planner's own steps, row by row (issue 17, from the mutants planner.test.ts left alive): what
// normalising takes out or turns into a space, the length limit at its edge, help only when the whole
// question asks for it, cost words inside names, resource verbs before a service and a period, region
// codes AWS does not have, and a follow-up changing the previous plan.
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../source/understanding/plan.js';
import { costWords, examplePhrasings, maxQuestionLength, onlyHelp, planQuestion } from '../source/understanding/planner.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const planned = (question: string): PlanResult => planQuestion(question, context);

describe('normalising a question', () => {
  it.each([
    ['a zero-width joiner, taken out', 'how many lamb\u200dda functions'],
    ['a right-to-left override, taken out', 'how many lamb\u202eda functions'],
    ['a byte-order mark, taken out', 'how many lamb\ufeffda functions'],
    ['a direction isolate, taken out', 'how many lamb\u2066da functions'],
    ['a zero-width space, a space', 'how many\u200blambda functions'],
    ['a line separator, a space', 'how many\u2028lambda functions'],
    ['a C1 control, a space', 'how many\u0085lambda functions'],
    ['DEL, a space', 'how many\u007flambda functions'],
    ['a lone high surrogate, a space', 'how many\ud800lambda functions'],
    ['a lone low surrogate, a space', 'how many\udc00lambda functions'],
  ])('reads a question with %s', (_what, question) => {
    expect(planned(question)).toMatchObject({ kind: 'plan', plan: { intent: 'count', resourceType: 'AWS::Lambda::Function' } });
  });

  it('takes a joiner out of a word rather than putting anything in its place, and collapses runs of spaces', () => {
    expect(planned('list buc\u200dkets')).toMatchObject({ kind: 'plan', plan: { intent: 'list', resourceType: 'AWS::S3::Bucket' } });
    expect(planned('how   many lambda functions')).toMatchObject({ kind: 'plan', plan: { intent: 'count', resourceType: 'AWS::Lambda::Function' } });
  });

  it('keeps a surrogate pair, which is one character', () => {
    expect(planned('how many lambda functions \ud83d\ude42')).toMatchObject({ kind: 'plan', plan: { intent: 'count' } });
    // Inside a name the pair is read as it was typed: neither half is a lone surrogate.
    expect(planned('functions whose name contains a\ud83d\ude42b')).toMatchObject({ kind: 'plan', plan: { filters: { name: { match: 'contains', value: 'a\ud83d\ude42b' } } } });
  });

  it.each(['', 'as a table', ' as a chart '])('asks for a question when nothing is left but view words (%j)', (question) => {
    expect(planned(question)).toEqual({ kind: 'reply', reason: 'unsupported', message: 'Ask a question about your AWS resources or costs.', suggestions: examplePhrasings.slice(0, 4) });
  });
});

describe('the length limit', () => {
  const ofLength = (length: number) => `how many lambda functions ${'x'.repeat(length - 'how many lambda functions '.length)}`;

  it('reads a question of exactly the limit', () => {
    expect(ofLength(maxQuestionLength)).toHaveLength(2000);
    expect(planned(ofLength(maxQuestionLength))).toMatchObject({ kind: 'plan', plan: { intent: 'count' } });
  });

  it('refuses one character more, saying both lengths', () => {
    expect(planned(ofLength(maxQuestionLength + 1))).toMatchObject({ kind: 'reply', reason: 'unsupported', message: expect.stringMatching(/^That question is 2,001 characters long; questions are limited to 2,000\./), suggestions: examplePhrasings.slice(0, 4) });
  });
});

describe('help', () => {
  it.each(['help!', 'usage.', 'examples', 'what can i do', '??'])('"%s" alone is help', (question) => {
    expect(planned(question)).toMatchObject({ kind: 'plan', plan: { intent: 'help' } });
  });

  it('does not read a word that starts with a help word as help', () => {
    expect(planned('helpful')).toMatchObject({ kind: 'reply', reason: 'unsupported' });
  });

  it.each<[string, boolean]>([
    ['help', true],
    ['/help', true],
    ['?', true],
    ['??!', true],
    ['example', true],
    ['examples.', true],
    ['usage', true],
    ['help me', false],
    ['list examples', false],
  ])('the help pattern takes %j as help alone: %s', (text, alone) => {
    expect(onlyHelp.test(text)).toBe(alone);
  });

  it.each(['list buckets usage', 'usage of my buckets'])('"%s" is a question with a help word in it, not help', (question) => {
    expect(planned(question)).toMatchObject({ kind: 'plan', plan: { intent: 'list', resourceType: 'AWS::S3::Bucket' } });
  });
});

describe('what qchat does not do', () => {
  it.each([
    ['delete my buckets', 'read-only'],
    ['stop my ec2 instances in frankfurt', 'read-only'],
    ['any spikes in my bill', 'unsupported'],
  ])('"%s" gets a %s reply, not a plan', (question, reason) => {
    expect(planned(question)).toMatchObject({ kind: 'reply', reason });
  });
});

describe('periods it will not guess', () => {
  it.each([
    ['cost at Christmas', /^I don't know which date/],
    ['spend FY26', /^I don't know your fiscal calendar/],
  ])('"%s" asks for dates instead of planning', (question, message) => {
    expect(planned(question)).toMatchObject({ kind: 'reply', reason: 'clarify', message: expect.stringMatching(message), suggestions: expect.arrayContaining([expect.any(String)]) });
  });
});

describe('cost or resources', () => {
  it.each<[string, string, string]>([
    ['describe bucket my-bill', 'describe', 'a cost word inside a name'],
    ['how much storage do my buckets use', 'list', '"how much" storage'],
    ['compare instances', 'list', 'a comparison without a period'],
    ['list ec2 instances last month', 'list', 'a list verb before a service and a period'],
    ['how many ec2 instances last month', 'count', 'a count verb before them'],
    ['describe ec2 last month', 'describe', 'a describe verb before them'],
  ])('"%s" is a resource question (%s, %s)', (question, intent) => {
    expect(planned(question)).toMatchObject({ kind: 'plan', plan: { family: 'resources', intent } });
  });

  it.each<[string, boolean]>([
    ['a charge', true],
    ['charges', true],
    ['charged', true],
    ['dollar', true],
    ['how much', true],
    ['how much storage', false],
    ['recharge', false],
    ['surcharges', false],
  ])('the cost words find one in %j: %s', (text, found) => {
    expect(costWords.test(text)).toBe(found);
  });

  it.each([
    ['dollar total this month', 'cost-total'],
    ['what is the charge', 'cost-total'],
    ['how much did ec2 cost', 'cost-total'],
    ['compare ec2 last month', 'cost-compare'],
    ['ec2 last month', 'cost-total'],
  ])('"%s" is a cost question (%s)', (question, intent) => {
    expect(planned(question)).toMatchObject({ kind: 'plan', plan: { intent } });
  });
});

describe('the session region as a default', () => {
  // Only a resource list or count that names no region says it used the session's region (the answer notes the other regions).
  it.each<[string, boolean]>([
    ['list vpcs', true],
    ['how many lambda functions', true],
    ['list vpcs in eu-west-1', false],
    ['list vpcs everywhere', false],
    ['describe bucket logs-archive', false],
    ['help me please', false],
    ['what did I spend last month', false],
  ])('%s: %s', (question, defaulted) => {
    const result = planned(question);
    if (result.kind !== 'plan') throw new Error(`"${question}" gave a reply`);
    expect('defaultRegion' in result.plan && result.plan.defaultRegion === true).toBe(defaulted);
  });
});

describe('region codes AWS does not have', () => {
  it('says so without a guess when no region is near', () => {
    expect(planned('list vpcs in mx-central-9')).toEqual({ kind: 'reply', reason: 'clarify', message: 'mx-central-9 is not an AWS region.', suggestions: [] });
  });

  it('names every unknown code and suggests the question with the first one replaced, whatever its case', () => {
    expect(planned('cost in EU-WEST-9 and eu-west-8')).toEqual({
      kind: 'reply',
      reason: 'clarify',
      message: 'eu-west-9, eu-west-8 are not AWS regions. Did you mean eu-west-1 or eu-west-2?',
      suggestions: ['cost in eu-west-1 and eu-west-8', 'cost in eu-west-2 and eu-west-8'],
    });
  });
});

describe('follow-ups', () => {
  // The previous plan is made inside each test, not while the file is collected: code run outside a
  // test is "static" to Stryker, and its mutants then ran every test of the module.
  const followUp = (question: string) => {
    const previous = planned('what did I spend last month');
    if (previous.kind !== 'plan') throw new Error('the previous question must plan');
    return planQuestion(question, { ...context, previous: previous.plan });
  };

  it('changes the previous plan, and says what changed', () => {
    expect(followUp('what about this month?')).toMatchObject({ kind: 'plan', plan: { intent: 'cost-total', period: { start: '2026-11-01', end: '2026-11-23' } }, followUp: 'this month' });
    expect(followUp('and in eu-west-1')).toMatchObject({ kind: 'plan', plan: { period: { start: '2026-10-01' }, regions: ['eu-west-1'] }, followUp: 'in eu-west-1' });
  });

  it('never reads a request to change something, or a question it cannot answer, as a follow-up', () => {
    const instances = planned('list ec2 instances');
    if (instances.kind !== 'plan') throw new Error('the previous question must plan');
    // Alone, "only the stopped ones" and "in eu-west-1" would change the previous plan.
    expect(planQuestion('terminate the stopped ones', { ...context, previous: instances.plan })).toMatchObject({ kind: 'reply', reason: 'read-only' });
    expect(followUp('any spikes in eu-west-1')).toMatchObject({ kind: 'reply', reason: 'unsupported', message: expect.stringMatching(/^I don't detect cost anomalies/) });
  });

  it("gives a follow-up's own reply when the changed plan cannot be answered", () => {
    expect(followUp('what about 2024?')).toMatchObject({ kind: 'reply', reason: 'out-of-range' });
  });

  it('plans a question complete on its own afresh, and one that is no follow-up as it would alone', () => {
    const fresh = followUp('how many buckets');
    expect(fresh).toEqual(planned('how many buckets'));
    expect(fresh).not.toHaveProperty('followUp');
    expect(followUp('asdfgh')).toEqual(planned('asdfgh'));
    // A complete question that a follow-up would also read ("this month") is still planned afresh.
    expect(followUp('what did I spend this month')).toEqual(planned('what did I spend this month'));
  });
});

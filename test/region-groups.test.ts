// Regions by area and by exclusion, resolved against the account's enabled regions (the sandbox
// has 17) and shown in the answer.
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { planQuestion } from '../source/understanding/planner.js';
import { askAnswer, fixtureCount, sandboxSession } from './helpers/session.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };

function groupOf(question: string) {
  const result = planQuestion(question, context);
  if (result.kind !== 'plan' || !('regions' in result.plan) || Array.isArray(result.plan.regions) || result.plan.regions === 'all') throw new Error(`"${question}" is not planned for a region group`);
  return result.plan.regions;
}

describe('region groups in questions', () => {
  const groups: Record<string, { group: string; has: string[]; hasNot: string[] }> = {
    'functions in Europe': { group: 'Europe', has: ['eu-west-1', 'eu-central-1', 'eu-south-2'], hasNot: ['us-east-1'] },
    'lambdas in Asia Pacific': { group: 'Asia Pacific', has: ['ap-south-1', 'ap-northeast-1'], hasNot: ['eu-west-1'] },
    'instances in the US': { group: 'the US', has: ['us-east-1', 'us-west-2'], hasNot: ['ca-central-1'] },
    'buckets in North America': { group: 'North America', has: ['us-east-2', 'ca-central-1'], hasNot: ['sa-east-1'] },
    'cost in APAC last month': { group: 'Asia Pacific', has: ['ap-southeast-2'], hasNot: ['us-east-1'] },
    'lambdas in all regions except the EU': { group: 'all regions except Europe', has: ['us-east-1', 'ap-south-1'], hasNot: ['eu-west-1', 'eu-central-1'] },
    'functions outside us-east-1': { group: 'all regions except us-east-1', has: ['us-east-2', 'eu-west-1'], hasNot: ['us-east-1'] },
    'instances in APAC except Mumbai': { group: 'Asia Pacific except ap-south-1', has: ['ap-northeast-1'], hasNot: ['ap-south-1', 'us-east-1'] },
    // A country with two regions is both, not the first one's alias: Tokyo and Osaka, Mumbai and Hyderabad, Sydney and Melbourne, Central and Calgary.
    'lambdas in Japan': { group: 'Japan', has: ['ap-northeast-1', 'ap-northeast-3'], hasNot: ['ap-northeast-2'] },
    'cost in India last month': { group: 'India', has: ['ap-south-1', 'ap-south-2'], hasNot: ['ap-southeast-1'] },
    'buckets in Australia': { group: 'Australia', has: ['ap-southeast-2', 'ap-southeast-4'], hasNot: ['ap-southeast-1'] },
    'vpcs in Canada': { group: 'Canada', has: ['ca-central-1', 'ca-west-1'], hasNot: ['us-east-1'] },
  };
  it.each(Object.entries(groups))('%s', (question, { group, has, hasNot }) => {
    const regions = groupOf(question);
    expect(regions.group).toBe(group);
    expect(regions.codes).toEqual(expect.arrayContaining(has));
    for (const code of hasNot) expect(regions.codes).not.toContain(code);
  });

  it('keeps region names and other words that look like areas as they are', () => {
    // "US East" names us-east-1; "without tags" and "show us" say nothing about regions.
    for (const question of ['list vpcs in US East', 'buckets without tags', 'show us the lambdas']) expect(planQuestion(question, context), question).toMatchObject({ kind: 'plan', plan: { regions: ['us-east-1'] } });
  });
});

describe('answers for a group, against the sandbox', () => {
  // One sandbox for both questions, opened by the first.
  let opened: Promise<ChatSession> | undefined;
  const ask = async (question: string) => askAnswer(await (opened ??= sandboxSession()), question);

  it('asks only the enabled regions of the group, and says which', async () => {
    const { answer } = await ask('how many lambda functions in Europe');
    const listed = answer.calls.filter((call) => call.operation === 'ListResources').map((call) => call.region).sort();
    expect(listed).toEqual(['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3']);
    expect(answer.warnings).toContain('Europe: the enabled regions eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3.');
    const expected = listed.reduce((sum, region) => sum + fixtureCount('AWS::Lambda::Function', region), 0);
    expect(answer.summary).toBe(`You have ${expected} Lambda functions in Europe (5 regions).`);
  });

  it('takes the excluded region away', async () => {
    const { answer } = await ask('how many lambda functions outside us-east-1');
    const listed = answer.calls.filter((call) => call.operation === 'ListResources').map((call) => call.region);
    expect(listed).toHaveLength(16);
    expect(listed).not.toContain('us-east-1');
  });
});

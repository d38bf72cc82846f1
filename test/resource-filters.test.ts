import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { answerJson } from '../source/headless/ask.js';
import { accountJson } from '../source/headless/open-session.js';
import { renderAnswerText } from '../source/present/answer-text.js';
import { applyFilters } from '../source/answer/resource-match.js';
import { planQuestion } from '../source/understanding/planner.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

// Property, name, tag and parent filters through the real path: planner → plan → SDK clients over
// HTTP to the sandbox → answer → text and JSON. Each expected count is worked out here from the
// sandbox's fixture file, not from qchat's code, and must hold whether ListResources returns
// identifiers only (then GetResource or the Tagging API fetches what the filter needs) or models.
interface Fixture {
  typeName: string;
  region: string;
  identifier: string;
  properties: Record<string, unknown>;
}
const fixture = (JSON.parse(readFileSync('config/sandbox/resources.json', 'utf8')) as { resources: Fixture[] }).resources;
const tags = (r: Fixture) => new Map(((r.properties.Tags ?? []) as Array<{ Key: string; Value: string }>).map((t) => [t.Key, t.Value]));
const count = (typeName: string, keep: (r: Fixture) => boolean, region?: string) => fixture.filter((r) => r.typeName === typeName && (region === undefined || r.region === region) && keep(r)).length;

const cases: Array<[string, number, string]> = [
  ['how many ec2 instances are stopped in all regions', count('AWS::EC2::Instance', (r) => (r.properties.State as { Name: string }).Name === 'stopped'), 'EC2 instances in state stopped across 17 regions'],
  ['how many t3 instances in all regions', count('AWS::EC2::Instance', (r) => String(r.properties.InstanceType).startsWith('t3.')), 'EC2 instances of type t3.* across 17 regions'],
  ['how many lambda functions running python in us-east-1', count('AWS::Lambda::Function', (r) => String(r.properties.Runtime).startsWith('python'), 'us-east-1'), 'Lambda functions on Python in us-east-1'],
  ['how many stopped databases in all regions', count('AWS::RDS::DBInstance', (r) => r.properties.DBInstanceStatus === 'stopped'), 'RDS DB instances in state stopped across 17 regions'],
  ['how many postgres databases in all regions', count('AWS::RDS::DBInstance', (r) => String(r.properties.Engine).includes('postgres')), 'RDS DB instances on PostgreSQL across 17 regions'],
  ['how many ebs volumes larger than 100 GB in all regions', count('AWS::EC2::Volume', (r) => Number(r.properties.Size) > 100), 'EC2 volumes with size over 100 GiB across 17 regions'],
  ['how many gp2 volumes in all regions', count('AWS::EC2::Volume', (r) => r.properties.VolumeType === 'gp2'), 'EC2 volumes of type gp2 across 17 regions'],
  ['how many services in the prod-services cluster in all regions', count('AWS::ECS::Service', (r) => String(r.properties.Cluster).endsWith('/prod-services')), 'ECS services in cluster prod-services across 17 regions'],
  ['how many buckets with logs in the name', count('AWS::S3::Bucket', (r) => r.identifier.includes('logs')), 'S3 buckets named like "logs" in the account'],
  ['how many lambda functions starting with checkout in us-east-1', count('AWS::Lambda::Function', (r) => r.identifier.startsWith('checkout'), 'us-east-1'), 'Lambda functions with names starting "checkout" in us-east-1'],
  ['how many lambda functions with tag value prod in us-east-1', count('AWS::Lambda::Function', (r) => [...tags(r).values()].includes('prod'), 'us-east-1'), 'Lambda functions with a tag value prod in us-east-1'],
  ['how many lambda functions tagged prod in us-east-1', count('AWS::Lambda::Function', (r) => tags(r).has('prod') || [...tags(r).values()].includes('prod'), 'us-east-1'), 'Lambda functions tagged prod (a tag key or value) in us-east-1'],
  ['how many lambda functions tagged team in us-east-1', count('AWS::Lambda::Function', (r) => tags(r).has('team') || [...tags(r).values()].includes('team'), 'us-east-1'), 'Lambda functions tagged team (a tag key or value) in us-east-1'],
  ['how many lambda functions with tag key team in us-east-1', count('AWS::Lambda::Function', (r) => tags(r).has('team'), 'us-east-1'), 'Lambda functions tagged team in us-east-1'],
  ['how many running t3 instances tagged env=prod in all regions', count('AWS::EC2::Instance', (r) => (r.properties.State as { Name: string }).Name === 'running' && String(r.properties.InstanceType).startsWith('t3.') && tags(r).get('env') === 'prod'), 'EC2 instances in state running, of type t3.*, tagged env=prod across 17 regions'],
];

describe.each(['identifiers', 'full'] as const)('filters on the resource model against the sandbox, listProperties %s', (listProperties) => {
  let session: ChatSession;
  beforeAll(async () => {
    session = await sandboxSession({ sandboxListProperties: listProperties, describeLimit: 200 });
  });

  it.each(cases)('%s', async (question, expected, phrase) => {
    expect(expected, 'the fixture has some and not all of them').toBeGreaterThan(0);
    const { answer } = await askAnswer(session, question);
    expect(answer.outcome).toBe('answered');
    expect(answer.summary).toBe(`You have ${expected} ${phrase}.`);
    expect(answer.warnings.filter((w) => /not applied|Ignored/.test(w))).toEqual([]);
  }, 60_000);

  it('reads with GetResource only what the listing lacks: the ECS cluster is part of the identifier', async () => {
    const { answer } = await askAnswer(session, 'how many services in the prod-services cluster in us-east-1');
    expect(answer.calls.map((call) => call.operation)).toEqual(['ListResources']);
  });

  it('lists with the filtered rows in text and JSON', async () => {
    const { plan, answer } = await askAnswer(session, 'list stopped t3 instances in all regions');
    const expected = fixture.filter((r) => r.typeName === 'AWS::EC2::Instance' && (r.properties.State as { Name: string }).Name === 'stopped' && String(r.properties.InstanceType).startsWith('t3.'));
    const text = renderAnswerText(answer, { width: 120, tableRows: 50, wrap: false });
    expect(text).toContain(`Found ${expected.length} EC2 instances in state stopped, of type t3.* across 17 regions.`);
    for (const r of expected) expect(text).toContain(r.identifier);
    const json = JSON.parse(JSON.stringify(answerJson('list stopped t3 instances in all regions', accountJson(session), plan, answer))) as { plan: { filters: unknown }; answer: { table: { columns: string[]; rows: string[][] } } };
    expect(json.plan.filters).toMatchObject({ properties: [{ property: 'State.Name', op: 'is', value: 'stopped' }, { property: 'InstanceType', op: 'prefix', value: 't3.' }] });
    const state = json.answer.table.columns.indexOf('State');
    expect(json.answer.table.rows.map((row) => row[state])).toEqual(expected.map(() => 'stopped'));
  }, 60_000);
});

describe('a tag or a region with no resource type', () => {
  it.each([
    ['resources tagged env=prod', 'tagged env=prod'],
    ['what is tagged production', 'tagged production'],
    ['list everything tagged team=payments in eu-west-1', 'tagged team=payments in eu-west-1'],
    ["what's running in eu-west-1", 'in eu-west-1'],
    ['anything in Japan?', 'in Japan'],
  ])('%s asks which type, keeping %s', (question, scope) => {
    const result = planQuestion(question, { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' });
    expect(result).toMatchObject({ kind: 'reply', reason: 'clarify', message: `I list one resource type at a time: which resources ${scope}? For example "ec2 instances ${scope}" or "lambda functions ${scope}".` });
    for (const suggestion of result.kind === 'reply' ? result.suggestions : []) expect(planQuestion(suggestion, { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' }).kind, suggestion).toBe('plan');
  });

  it('keeps a question about something else a question about something else', () => {
    expect(planQuestion('what is the capital of France', { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' })).toMatchObject({ kind: 'reply', reason: 'unsupported' });
  });
});

describe('a filter the type cannot take is named, never applied in silence', () => {
  it('names "running" as ignored for buckets and claims no filter', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, 'how many running buckets');
    expect(answer.summary).toMatch(/^You have \d+ S3 buckets in the account\.$/);
    expect(answer.warnings.some((w) => w.startsWith('Ignored: "running"'))).toBe(true);
  });

  it.each([
    ['how many cloudwatch alarms in alarm state in us-east-1', 'AWS::CloudWatch::Alarm', 'CloudWatch alarms', 'in alarm state'],
    ['how many unattached volumes in us-east-1', 'AWS::EC2::Volume', 'EC2 volumes', 'unattached'],
    ['how many instances by instance type in us-east-1', 'AWS::EC2::Instance', 'EC2 instances', 'by instance type'],
    ['how many lambda functions are the newest in us-east-1', 'AWS::Lambda::Function', 'Lambda functions', 'newest'],
  ])('names a state, grouping or order it cannot apply as ignored: %s', async (question, typeName, label, word) => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, question);
    expect(answer.summary).toBe(`You have ${count(typeName, () => true, 'us-east-1')} ${label} in us-east-1.`);
    expect(answer.warnings.some((w) => w.startsWith(`Ignored: "${word}"`))).toBe(true);
  });

  it('says when none of the resources has the property, and leaves it out of the headline', () => {
    // Models that lack the property a filter reads (an older sandbox world had no DBInstanceStatus): nothing is claimed.
    const models = fixture.filter((r) => r.typeName === 'AWS::RDS::DBInstance').map(({ identifier, region, properties }) => {
      const { DBInstanceStatus: _status, ...rest } = properties;
      return { identifier, region, properties: rest };
    });
    const stopped = { property: 'DBInstanceStatus', op: 'is' as const, value: 'stopped', label: 'in state stopped' };
    const result = applyFilters(models, { tags: [], name: null, properties: [stopped] }, 'AWS::RDS::DBInstance');
    expect(result.kept).toHaveLength(models.length);
    expect(result.applied).toEqual([]);
    expect(result.warnings).toEqual(['None of these AWS::RDS::DBInstance resources has DBInstanceStatus, so "in state stopped" was not applied.']);
  });
});

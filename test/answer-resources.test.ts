import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../source/understanding/plan.js';
import type { ChatSession } from '../source/chat/session.js';
import { askAnswer, fixtureCount, sandboxSession } from './helpers/session.js';

// The sandbox's ListResources returns identifiers only (as many real list handlers do) or whole
// models; every answer must be the same either way, with rate limits on.
describe.each(['identifiers', 'full'] as const)('resource questions against the sandbox over real HTTP, listProperties %s', (listProperties) => {
  let session: ChatSession;
  beforeAll(async () => {
    session = await sandboxSession({ sandboxListProperties: listProperties });
  });

  it('counts Lambda functions in every enabled region, one ListResources fan-out', async () => {
    const { answer: a } = await askAnswer(session, 'how many lambda functions do I have in all regions');
    expect(a.outcome).toBe('answered');
    expect(a.summary).toBe(`You have ${fixtureCount('AWS::Lambda::Function')} Lambda functions across 17 regions.`);
    expect(a.calls.filter((c) => c.operation === 'ListResources')).toHaveLength(17);
    expect(a.calls.find((c) => c.operation === 'ListRegions')).toBeTruthy();
    expect(a.chart?.points.reduce((sum, p) => sum + p.value, 0)).toBe(fixtureCount('AWS::Lambda::Function'));
  });

  it('reads every page the server chooses', async () => {
    const { answer: a } = await askAnswer(session, 'how many log groups in us-east-1');
    const expected = fixtureCount('AWS::Logs::LogGroup', 'us-east-1');
    expect(expected).toBeGreaterThan(40);
    expect(a.summary).toContain(`You have ${expected} log groups in us-east-1`);
    expect(a.calls[0]).toMatchObject({ operation: 'ListResources', pages: Math.ceil(expected / 20) });
  });

  it('caps a listing at the table size and says how many there are', async () => {
    const capped = await sandboxSession({ tableRows: 5, sandboxListProperties: listProperties });
    const { answer: a } = await askAnswer(capped, 'list log groups in us-east-1');
    expect(a.table?.rows).toHaveLength(5);
    expect(a.table?.note).toBe(`showing 5 of ${fixtureCount('AWS::Logs::LogGroup', 'us-east-1')}`);
  });

  it('filters by tag, name and state', async () => {
    const { answer: running } = await askAnswer(session, 'list running ec2 instances in us-east-1');
    expect(running.table!.rows.every((row) => row.includes('running'))).toBe(true);
    const { answer: tagged } = await askAnswer(session, 'list lambda functions in us-east-1 tagged env=prod');
    expect(tagged.table!.rows.length).toBeGreaterThan(0);
    const { answer: named } = await askAnswer(session, 'list lambda functions named renderer in us-east-1');
    expect(named.table!.rows.map((row) => row[0])).toContain('invoice-renderer-prod');
  });

  it('lists a parent-required type with the parent named in the question', async () => {
    const { plan, answer: a } = await askAnswer(session, 'list node groups in cluster prod');
    expect(plan).toMatchObject({ resourceModel: { ClusterName: 'prod' } });
    expect(a.outcome).toBe('answered');
    expect(a.table!.rows.map((row) => row[0]).sort()).toEqual(['prod/general', 'prod/spot-batch', 'prod/system']);
  });

  it('asks for the parent when the question does not name it, and calls nothing', async () => {
    const result = await session.ask('list eks node groups');
    expect(result.kind).toBe('reply');
    if (result.kind === 'reply') expect(result.result.message).toMatch(/cluster/i);
  });

  it('reports a type Cloud Control cannot list as a failure, not a crash', async () => {
    const plan = session.plan('list lambda functions');
    if (plan.kind !== 'plan' || plan.plan.family !== 'resources') throw new Error('expected a resource plan');
    const unsupported: Plan = { ...plan.plan, resourceType: 'AWS::ApiGateway::Account' };
    const a = await session.answer(unsupported);
    expect(a.outcome).toBe('failed');
    expect(a.failures[0]).toMatchObject({ region: 'us-east-1', code: 'UnsupportedActionException' });
  });

  it('lists S3 buckets once for all regions: a global type is deduplicated', async () => {
    const { answer: a } = await askAnswer(session, 'how many s3 buckets do I have in every region');
    expect(a.summary).toBe(`You have ${fixtureCount('AWS::S3::Bucket')} S3 buckets in the account.`);
    expect(a.calls.filter((c) => c.operation === 'ListResources')).toHaveLength(1);
  });

  it('describes one resource with GetResource', async () => {
    const { plan, answer: a } = await askAnswer(session, 'describe bucket my-bucket-123456 in us-west-2');
    expect(plan.intent).toBe('describe');
    expect(a.summary).toBe('S3 bucket my-bucket-123456 (AWS::S3::Bucket) in us-west-2.');
    expect(a.table!.rows.find((row) => row[0] === 'BucketName')?.[1]).toBe('my-bucket-123456');
    expect(a.calls).toEqual([{ service: 'cloudcontrol', operation: 'GetResource', region: 'us-west-2', pages: 1, fromCache: false }]);
  });

  it('says plainly when a described resource does not exist', async () => {
    const { answer: a } = await askAnswer(session, 'describe bucket no-such-bucket-here in us-west-2');
    expect(a.summary).toBe('No AWS::S3::Bucket "no-such-bucket-here" in us-west-2.');
  });
});

describe('the same answers whatever the listing returns', () => {
  const questions = [
    'how many s3 buckets tagged env=prod',
    'list stopped ec2 instances in us-east-1',
    'list running ec2 instances in all regions',
    'how many lambda functions in us-east-1 tagged env=prod',
    'list lambda functions in us-east-1 tagged env=prod',
    'list log groups in us-east-1',
    // A log group's listing carries RetentionInDays and Arn (as the Cloud Control guide shows), not its tags.
    'how many log groups tagged env=prod in us-east-1',
    'list lambda functions named renderer in us-east-1',
    'how many sqs queues tagged team=payments in all regions',
    'list node groups in cluster prod',
  ];

  it('answers each question identically in identifiers and full mode, applying every filter', async () => {
    const [bare, full] = await Promise.all([sandboxSession({ sandboxListProperties: 'identifiers' }), sandboxSession({ sandboxListProperties: 'full' })]);
    for (const question of questions) {
      const [a, b] = [(await askAnswer(bare, question)).answer, (await askAnswer(full, question)).answer];
      const shown = (answer: typeof a) => ({ outcome: answer.outcome, summary: answer.summary, table: answer.table, chart: answer.chart, warnings: answer.warnings, failures: answer.failures });
      expect(shown(a), question).toEqual(shown(b));
      expect(a.outcome, question).toBe('answered');
    }
    const { answer: tagged } = await askAnswer(bare, 'how many s3 buckets tagged env=prod');
    expect(tagged.summary).toMatch(/^You have [1-9]\d* S3 buckets tagged env=prod in the account\.$/);
    const { answer: stopped } = await askAnswer(bare, 'list stopped ec2 instances in us-east-1');
    expect(stopped.table!.rows.length).toBeGreaterThan(0);
    expect(stopped.table!.rows.every((row) => row.includes('stopped'))).toBe(true);
    expect(stopped.calls.some((call) => call.operation === 'GetResource')).toBe(true);
    const { answer: lambdas } = await askAnswer(bare, 'how many lambda functions in us-east-1 tagged env=prod');
    expect(lambdas.calls.map((call) => call.operation)).toEqual(['ListResources', 'GetResources']);
  }, 120_000);

  it('past describeLimit, says how many calls a filter would take instead of claiming it', async () => {
    const session = await sandboxSession({ describeLimit: 5 });
    const { answer: a } = await askAnswer(session, 'list stopped ec2 instances in all regions');
    expect(a.summary).toMatch(/^Could not apply the filter in state stopped to EC2 instances\. To apply "in state stopped", qchat would read each of the \d+ EC2 instances with GetResource: \d+ calls, about \d+ s at 10 per second per region/);
    expect(a.summary).toContain('ask with --details (qchat ask) or raise describeLimit');
    // Nothing failed at AWS: the filter was left unapplied, which `ask` tells by exit 2, not 6.
    expect(a.outcome).toBe('unapplied');
    expect(a.failures).toEqual([]);
    expect(a.table).toBeUndefined();
    expect(a.calls.some((call) => call.operation === 'GetResource')).toBe(false);
    // --details makes the reads.
    const detailed = await session.ask('list stopped ec2 instances in us-east-1', { crossRegionConsent: true, details: true });
    if (detailed.kind !== 'answer') throw new Error(detailed.kind);
    expect(detailed.answer.summary).toMatch(/^Found \d+ EC2 instances in state stopped in us-east-1\.$/);
  });
});

describe('fan-out under faults', () => {
  it('answers with the healthy regions and names a down and a denying region', async () => {
    const session = await sandboxSession({ sandboxFaults: 'down=ap-south-1,deny=eu-west-3,seed=3' });
    const { answer: a } = await askAnswer(session, 'how many lambda functions do I have in all regions');
    expect(a.outcome).toBe('partial');
    expect(a.failures.map((f) => [f.region, f.code]).sort()).toEqual([
      ['ap-south-1', 'ServiceUnavailableException'],
      ['eu-west-3', 'AccessDeniedException'],
    ]);
    const expected = fixtureCount('AWS::Lambda::Function') - fixtureCount('AWS::Lambda::Function', 'ap-south-1') - fixtureCount('AWS::Lambda::Function', 'eu-west-3');
    expect(a.summary).toBe(`You have ${expected} Lambda functions across 15 regions. 2 regions could not be asked: ap-south-1, eu-west-3.`);
  });

  it('rides out 20% throttling with the SDK retries', async () => {
    const session = await sandboxSession({ sandboxFaults: 'throttle=0.2,seed=11', maxAttempts: 5 });
    const { answer: a } = await askAnswer(session, 'how many lambda functions do I have in all regions');
    expect(a.failures).toEqual([]);
    expect(a.summary).toContain(`${fixtureCount('AWS::Lambda::Function')} Lambda functions`);
  });

  it('fails as a whole only when every region fails', async () => {
    const session = await sandboxSession({ sandboxFaults: 'deny=eu-west-3' });
    const { answer: a } = await askAnswer(session, 'list lambda functions in eu-west-3');
    expect(a.outcome).toBe('failed');
    expect(a.failures).toHaveLength(1);
  });
});

describe('the question deadline', () => {
  it('gives up on regions that have not answered by questionTimeout, and says so', async () => {
    const session = await sandboxSession({ sandboxFaults: 'latency=4s', questionTimeout: 1 });
    const started = Date.now();
    const { answer: a } = await askAnswer(session, 'how many lambda functions in us-east-1 and eu-west-1');
    expect(Date.now() - started).toBeLessThan(3500);
    expect(a.outcome).toBe('failed');
    expect(a.failures.map((f) => f.code)).toEqual(['DeadlineError', 'DeadlineError']);
    expect(a.failures[0]!.message).toBe("no answer from us-east-1 before the question's deadline (setting questionTimeout)");
  });

  it('ends a Cost Explorer question at the deadline too', async () => {
    const session = await sandboxSession({ sandboxFaults: 'latency=4s', questionTimeout: 1 });
    const { answer: a } = await askAnswer(session, 'what did I spend last month');
    expect(a.outcome).toBe('failed');
    expect(a.failures[0]!.code).toBe('DeadlineError');
  });
});

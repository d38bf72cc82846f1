import { describe, expect, it } from 'vitest';
import { runQchat } from './helpers/cli.js';
import { fixtureCount } from './helpers/session.js';

describe('qchat ask', () => {
  it('answers in text: how many lambda functions do I have in all regions', async () => {
    const result = await runQchat(['ask', 'how many lambda functions do I have in all regions', '--sandbox']);
    expect(result.stderr).toBe('qchat: Using the built-in sandbox account as alice.\n');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`You have ${fixtureCount('AWS::Lambda::Function')} Lambda functions across 17 regions.`);
    expect(result.stdout).toContain('Calls: account ListRegions, cloudcontrol ListResources in 17 regions');
  });

  it('answers in JSON with the documented shape', async () => {
    const result = await runQchat(['ask', 'what did I spend on EC2 last month', '--json', '--sandbox']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['question', 'account', 'plan', 'answer', 'calls', 'failures']);
    expect(output.account).toEqual({ kind: 'sandbox', user: 'alice', accountId: '111122223333', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(output.plan).toMatchObject({ intent: 'cost-total', regions: 'all', period: { start: '2026-10-01', end: '2026-11-01' }, service: { values: ['Amazon Elastic Compute Cloud - Compute'] } });
    expect(Object.keys(output.answer)).toEqual(expect.arrayContaining(['outcome', 'summary', 'totals', 'warnings']));
    expect(output.calls).toEqual([
      { service: 'ce', operation: 'GetDimensionValues', region: 'us-east-1', pages: 1, fromCache: false },
      { service: 'ce', operation: 'GetCostAndUsage', region: 'us-east-1', pages: 1, fromCache: false },
    ]);
    expect(output.failures).toEqual([]);
  });

  it('explains the plan without calling any AWS API', async () => {
    // Port 9 (discard) refuses connections: any AWS call would fail.
    const result = await runQchat(['ask', '--explain', '--json', 'node groups in cluster prod', '--endpoint-url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchSnapshot('explain-json-nodegroups');
  });

  it('reads the question from stdin', async () => {
    const result = await runQchat(['ask', '--sandbox', '--json'], {}, 'how many s3 buckets do I have\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).question).toBe('how many s3 buckets do I have');
  });

  it('applies --all-regions as consent to ask every region', async () => {
    const result = await runQchat(['ask', 'how many ec2 instances', '--all-regions', '--sandbox', '--json']);
    expect(JSON.parse(result.stdout).plan.regions).toBe('all');
  });

  it('exits 2 with suggestions for a question it cannot map', async () => {
    const result = await runQchat(['ask', 'tell me a joke', '--sandbox']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^qchat: Using the built-in sandbox account as alice\.\nI couldn't tell which .*\nTry: "/);
    const json = await runQchat(['ask', 'tell me a joke', '--sandbox', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ plan: null, reply: { reason: 'unsupported' } });
  });

  it('exits 2 without a question', async () => {
    const result = await runQchat(['ask', '--sandbox']);
    expect(result).toMatchObject({ code: 2, stderr: 'qchat: ask needs a question, as arguments or on stdin\n' });
  });

  it('exits 0 with the failed regions named when some regions fail', async () => {
    const result = await runQchat(['ask', 'how many lambda functions in all regions', '--sandbox', '--json'], { QCHAT_SANDBOX_FAULTS: 'down=ap-south-1' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).failures).toEqual([{ region: 'ap-south-1', code: 'ServiceUnavailableException', message: 'ap-south-1 is unavailable right now' }]);
  });

  it('exits 6 when every region asked fails', async () => {
    const result = await runQchat(['ask', 'list lambda functions in eu-west-3', '--sandbox'], { QCHAT_SANDBOX_FAULTS: 'deny=eu-west-3' });
    expect(result.code).toBe(6);
    expect(result.stdout).toContain('Failed:\n  eu-west-3: access denied in eu-west-3');
  });
});

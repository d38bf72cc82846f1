import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { CostExplorerClient, GetDimensionValuesCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { FaultInjector, FaultSpecError, parseFaultSpec } from '../source/sandbox/faults.js';
import { startSandbox } from '../source/sandbox/server.js';
import { fixedNow, sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const list = (TypeName = 'AWS::Lambda::Function') => new ListResourcesCommand({ TypeName });
const types = ['AWS::Lambda::Function', 'AWS::EC2::Instance', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table'];
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return `${e.name}:${e.$metadata?.httpStatusCode}`;
  }
}

describe('sandbox faults: throttling', () => {
  const sandbox = useSandbox({ faults: parseFaultSpec('throttle=1') });

  it('throttles Cloud Control (ThrottlingException 429) and Cost Explorer (LimitExceededException 400), but not the Account API', async () => {
    const cc = new CloudControlClient(sandboxClientConfig(sandbox.current));
    await expect(cc.send(list())).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    const ce = new CostExplorerClient(sandboxClientConfig(sandbox.current));
    await expect(ce.send(new GetDimensionValuesCommand({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Dimension: 'SERVICE' }))).rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
    const account = new AccountClient(sandboxClientConfig(sandbox.current));
    expect((await account.send(new ListRegionsCommand({}))).Regions!.length).toBeGreaterThan(0);
  });
});

describe('sandbox faults: server errors', () => {
  const sandbox = useSandbox({ faults: parseFaultSpec('error5xx=1') });

  it('answers with a 500', async () => {
    const cc = new CloudControlClient(sandboxClientConfig(sandbox.current));
    await expect(cc.send(list())).rejects.toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
  });
});

describe('sandbox faults: regions that are down or denied', () => {
  const sandbox = useSandbox({ faults: parseFaultSpec('down=ap-south-1,deny=eu-west-3') });
  const cc = (region: string) => new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', region));

  it('fails only the down region, with 503', async () => {
    await expect(cc('ap-south-1').send(list())).rejects.toMatchObject({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
    expect(await outcome(cc('us-east-1').send(list()))).toBe('ok');
  });

  it('denies only the denied region, with AccessDeniedException', async () => {
    const error = await cc('eu-west-3').send(list()).catch((e: unknown) => e as { name: string; message: string });
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect((error as { message: string }).message).toMatch(/cloudcontrolapi:ListResources in region eu-west-3/);
    expect(await outcome(cc('ap-northeast-1').send(list()))).toBe('ok');
  });

  it('leaves global services alone: Cost Explorer is not regional', async () => {
    const ce = new CostExplorerClient(sandboxClientConfig(sandbox.current, 'alice', 'eu-west-3'));
    expect(await outcome(ce.send(new GetDimensionValuesCommand({ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Dimension: 'REGION' })))).toBe('ok');
  });
});

describe('sandbox faults: latency', () => {
  const sandbox = useSandbox({ faults: parseFaultSpec('latency=60ms') });

  it('delays every answer by at least the configured latency', async () => {
    const cc = new CloudControlClient(sandboxClientConfig(sandbox.current));
    const started = performance.now();
    await cc.send(list());
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('sandbox faults: latency by region', () => {
  const sandbox = useSandbox({ faults: parseFaultSpec('latency=1ms+eu-west-3:80ms') });

  it('reads a default and regions with their own, in any order', () => {
    expect(parseFaultSpec('latency=ap-southeast-2:250ms+20ms+eu-west-1:0.1s')).toMatchObject({ latencyMs: 20, regionLatencyMs: { 'ap-southeast-2': 250, 'eu-west-1': 100 } });
    expect(parseFaultSpec('latency=ap-southeast-2:250ms')).toMatchObject({ latencyMs: 0, regionLatencyMs: { 'ap-southeast-2': 250 } });
    expect(new FaultInjector(parseFaultSpec('latency=5ms+eu-west-3:80ms')).latencyFor('eu-west-3')).toBe(80);
    expect(new FaultInjector(parseFaultSpec('latency=5ms+eu-west-3:80ms')).latencyFor('eu-west-1')).toBe(5);
    for (const bad of ['latency=Mars:5ms', 'latency=eu-west-3:', 'latency=20ms+', 'latency=eu-west-3:fast']) expect(() => parseFaultSpec(bad), bad).toThrow(FaultSpecError);
  });

  it("answers a named region after its own latency, the others after the default's", async () => {
    const far = new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', 'eu-west-3'));
    const started = performance.now();
    await far.send(list());
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });
});

describe('sandbox faults: determinism and retries', () => {
  /** The outcome of the same sequence of calls against a fresh sandbox with `spec`. */
  async function run(spec: string, maxAttempts: number): Promise<string[]> {
    const sandbox = await startSandbox({ clock: () => fixedNow, faults: parseFaultSpec(spec) });
    try {
      const results: string[] = [];
      for (const region of regions) {
        const cc = new CloudControlClient({ ...sandboxClientConfig(sandbox, 'alice', region), maxAttempts });
        results.push(...(await Promise.all(types.map((type) => outcome(cc.send(list(type)))))));
      }
      return results;
    } finally {
      await sandbox.close();
    }
  }

  it('makes the same decisions under the same seed, and different ones under another', async () => {
    const first = await run('throttle=0.3,error5xx=0.1,seed=7', 1);
    expect(await run('throttle=0.3,error5xx=0.1,seed=7', 1)).toEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('ThrottlingException:429');
    expect(await run('throttle=0.3,error5xx=0.1,seed=8', 1)).not.toEqual(first);

    const a = new FaultInjector(parseFaultSpec('throttle=0.5,seed=3'));
    const b = new FaultInjector(parseFaultSpec('throttle=0.5,seed=3'));
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i % 10}`);
    expect(keys.map((k) => a.decide(k).kind)).toEqual(keys.map((k) => b.decide(k).kind));
  });

  it('answers most calls under a 20% throttle rate once the SDK retries (3 attempts)', async () => {
    const single = await run('throttle=0.2,seed=11', 1);
    const retried = await run('throttle=0.2,seed=11', 3);
    const answered = (outcomes: string[]) => outcomes.filter((o) => o === 'ok').length;
    expect(answered(single)).toBeLessThan(single.length);
    expect(answered(retried)).toBeGreaterThanOrEqual(Math.ceil(retried.length * 0.8));
  });

  it('names the bad part of a malformed fault spec', () => {
    expect(() => parseFaultSpec('latency=50ms,throttle=2')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec('latency=50ms,throttle=2')).toThrow(/throttle=2/);
    expect(() => parseFaultSpec('down=Mars')).toThrow(/down=Mars/);
    expect(() => parseFaultSpec('jitter=5')).toThrow(/jitter/);
  });
});

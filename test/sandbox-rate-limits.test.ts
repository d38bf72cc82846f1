import { CloudControlClient, GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { CostExplorerClient, GetDimensionValuesCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { cloudControlRate, costExplorerRate, RateLimiter } from '../source/sandbox/rate-limits.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

describe('the sandbox rate limits (on by default)', () => {
  // The buckets' clock stands still, so no token comes back during a burst however slowly the
  // machine sends it: exactly the burst is admitted (a real clock made this depend on load).
  const sandbox = useSandbox({ rateClock: () => 0 });

  it('throttles a burst of Cloud Control reads past the bucket with ThrottlingException, per region', async () => {
    const east = new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', 'us-east-1'));
    const west = new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', 'eu-west-1'));
    const read = (client: CloudControlClient) => client.send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'my-bucket-123456' })).then(() => 'ok', (error: Error) => error.name);
    const burst = await Promise.all(Array.from({ length: cloudControlRate.burst + 10 }, () => read(east)));
    expect(burst.filter((r) => r === 'ok').length).toBe(cloudControlRate.burst);
    expect(burst.filter((r) => r === 'ThrottlingException').length).toBe(10);
    expect(new Set(burst)).toEqual(new Set(['ok', 'ThrottlingException']));
    // Another region has its own bucket.
    expect(await read(west)).toBe('ok');
  });

  it('throttles Cost Explorer per account with LimitExceededException', async () => {
    const ce = new CostExplorerClient(sandboxClientConfig(sandbox.current, 'alice', 'us-east-1'));
    const ask = () => ce.send(new GetDimensionValuesCommand({ Dimension: 'SERVICE', TimePeriod: { Start: '2026-11-01', End: '2026-11-20' } })).then(() => 'ok', (error: Error) => error.name);
    const burst = await Promise.all(Array.from({ length: costExplorerRate.burst + 5 }, ask));
    expect(burst.filter((r) => r === 'ok').length).toBe(costExplorerRate.burst);
    expect(burst.filter((r) => r === 'LimitExceededException').length).toBe(5);
  });
});

describe('the rate limiter', () => {
  it('refills at its rate up to the burst, per account and region', () => {
    let now = 0;
    const limiter = new RateLimiter(true, () => now);
    const limit = { perSecond: 2, burst: 3, scope: 'region' as const };
    expect([1, 2, 3, 4].map(() => limiter.admit('svc', limit, 'a', 'r1'))).toEqual([true, true, true, false]);
    expect(limiter.admit('svc', limit, 'a', 'r2')).toBe(true);
    expect(limiter.admit('svc', limit, 'b', 'r1')).toBe(true);
    now = 499;
    expect(limiter.admit('svc', limit, 'a', 'r1')).toBe(false);
    now = 500;
    expect(limiter.admit('svc', limit, 'a', 'r1')).toBe(true);
    now = 60_000;
    expect([1, 2, 3, 4].map(() => limiter.admit('svc', limit, 'a', 'r1'))).toEqual([true, true, true, false]);
  });

  it('admits everything when off', () => {
    const limiter = new RateLimiter(false, () => 0);
    expect(Array.from({ length: 100 }, () => limiter.admit('svc', { perSecond: 1, burst: 1, scope: 'account' }, 'a', 'r')).every(Boolean)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { expectClean } from './helpers/expect-clean.js';
import { startHostileProxy, type HostileProxy } from './helpers/hostile-proxy.js';
import { runHostile } from './helpers/run.js';

// Issue 16, item 11: whatever an endpoint sends, qchat reads a bounded number of bytes. The proxy
// answers ListResources with a body that never ends and counts what it managed to write; qchat
// must cut the reply off (closing the socket) near the cap, name the call, and still answer.
// Rate limits off: one attempt per call and no pacing, so a throttle would fail the run for a reason
// that is not this file's.
const sandbox = useSandbox({ rateLimits: false });
let proxy: HostileProxy;
beforeAll(async () => {
  proxy = await startHostileProxy(sandbox.current.url);
});
afterAll(async () => {
  await proxy.close();
});

const MB = 1024 * 1024;
const endless = { operations: ['CloudApiService.ListResources'], rewrite: () => ({ kind: 'endless' as const }) };
const env = { QCHAT_MAX_ATTEMPTS: '1', QCHAT_REGION_REQUESTS_PER_SECOND: '1000' };
const run = (question: string) => runHostile(['ask', question, '--endpoint-url', proxy.url, '--sandbox-user', 'alice'], env);

describe('replies without end', () => {
  it('one region: the reply is cut off at the per-reply cap and the call is named', async () => {
    proxy.use(endless);
    const result = await run('list lambda functions in us-east-1');
    expectClean(result, { codes: [6] });
    expect(result.stdout).toMatch(/cloudcontrol ListResources sent a reply qchat cannot use: the reply is larger than 16 MB/);
    // The socket's buffers let a few MB more through before the close reaches the proxy.
    expect(proxy.endlessBytes).toBeGreaterThan(16 * MB);
    expect(proxy.endlessBytes).toBeLessThan(24 * MB);
  }, 30_000);

  it('all regions: the replies of one question share one budget, so 17 endless replies stop near 64 MB in all', async () => {
    proxy.use(endless);
    const result = await run('how many lambda functions do I have in all regions');
    expectClean(result, { codes: [6] });
    expect(result.stdout).toMatch(/the question's replies passed 64 MB in all/);
    expect(proxy.endlessBytes).toBeGreaterThan(64 * MB);
    // What the proxy wrote includes the kernel's loopback socket buffers (a few MB per socket, not
    // qchat's memory) on top of the budget; reading each reply to its own cap would be 17 × 16 MB.
    expect(proxy.endlessBytes).toBeLessThan(170 * MB);
  }, 60_000);
});

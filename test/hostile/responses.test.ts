import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { responseCases } from './corpus/responses.js';
import { expectClean } from './helpers/expect-clean.js';
import { startHostileProxy, type HostileProxy } from './helpers/hostile-proxy.js';
import { runHostile } from './helpers/run.js';

// The sandbox's own rate limits are off: the cases are about replies, and 70 questions in a row
// at qchat's unpaced test speed would otherwise meet its throttling instead of the hostile reply.
const sandbox = useSandbox({ rateLimits: false });
let proxy: HostileProxy;
beforeAll(async () => {
  proxy = await startHostileProxy(sandbox.current.url);
});
afterAll(async () => {
  await proxy.close();
});

// One attempt per call and no pause between pages: the cases are about replies, not retries.
const env = { QCHAT_MAX_ATTEMPTS: '1', QCHAT_REGION_REQUESTS_PER_SECOND: '1000' };

describe('hostile replies from the endpoint', () => {
  for (const c of responseCases) {
    it(
      c.name,
      async () => {
        proxy.use(c.rule());
        const started = Date.now();
        const result = await runHostile([...c.command, '--endpoint-url', proxy.url, '--sandbox-user', 'alice'], { ...env, ...c.env });
        const took = Date.now() - started;
        expect(proxy.rewritten.length, 'the hostile reply was never asked for').toBeGreaterThan(0);
        expectClean(result, { codes: c.codes });
        if (c.says) expect(result.stdout + result.stderr).toMatch(c.says);
        if (c.within) expect(took).toBeLessThan(c.within);
      },
      (c.within ?? 10_000) + 2_000,
    );
  }
});

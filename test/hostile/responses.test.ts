import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { responseCases } from './corpus/responses.js';
import { expectClean } from './helpers/expect-clean.js';
import { startHostileProxy, type HostileProxy } from './helpers/hostile-proxy.js';
import { runHostile } from './helpers/run.js';

// The sandbox's rate limits are on, as AWS's are: 70 questions in a row from 70 sessions (each with
// a fresh bucket of its own) outrun the service's bucket now and then, and qchat rides that out as
// it would against AWS, with its pacing and the SDK's retries (the default three attempts).
const sandbox = useSandbox();
let proxy: HostileProxy;
beforeAll(async () => {
  proxy = await startHostileProxy(sandbox.current.url);
});
afterAll(async () => {
  await proxy.close();
});

// A retryable hostile reply (a 5xx, a reset) is retried and fails the same way on the last attempt.
const env = {};

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
      // A case that lists answers with its rows read whole (GetResource at the region's pace): a few seconds.
      (c.within ?? 30_000) + 2_000,
    );
  }
});

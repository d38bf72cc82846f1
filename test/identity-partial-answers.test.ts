import { describe, expect, it } from 'vitest';
import { runQchat } from './helpers/cli.js';
import { useSandbox } from './helpers/sandbox.js';
import { startHostileProxy } from './hostile/helpers/hostile-proxy.js';

const sandbox = useSandbox();

// Identity when a source answers only in part: the rest still works, and what is missing says why.
describe('ListAvailableProfiles on both Amazon Q Developer regions', () => {
  it('a region whose endpoint fails is named, and the other still counts: grace stays Pro through her us-east-1 profile', async () => {
    // The sandbox behind a proxy whose eu-central-1 Q endpoint fails (the replies that would list eu-central-1 profiles).
    const proxy = await startHostileProxy(sandbox.current.url);
    proxy.use({
      operations: ['AmazonCodeWhispererService.ListAvailableProfiles'],
      rewrite: (reply) =>
        JSON.stringify(reply.json).includes(':eu-central-1:')
          ? { kind: 'reply', status: 500, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: 'InternalServerException', message: 'internal failure' }) }
          : { kind: 'reply', status: reply.status, headers: reply.headers, body: reply.body },
    });
    try {
      const result = await runQchat(['whoami', '--json', '--sandbox-user', 'grace', '--endpoint-url', proxy.url]);
      expect(result.code).toBe(0);
      expect(proxy.rewritten.length).toBeGreaterThan(0);
      const view = JSON.parse(result.stdout);
      expect(view).toMatchObject({ tier: 'pro', subscription: { name: 'example-corp-pro', region: 'us-east-1' } });
      expect(view.profiles.map((p: { region: string }) => p.region)).toEqual(['us-east-1']);
      expect(view.notes).toContain('Amazon Q Developer in eu-central-1 could not be asked for profiles (InternalServerException); the other region still counts.');
    } finally {
      await proxy.close();
    }
  });
});

describe('an access-portal user whose account may not call sso:ListInstances', () => {
  it('carol: the identity store is unknown and says why, so her user ID cannot be looked up: no history, and the note says which call was missing', async () => {
    const proxy = await startHostileProxy(sandbox.current.url);
    proxy.use({
      operations: ['SWBExternalService.ListInstances'],
      rewrite: () => ({ kind: 'reply', status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: 'AccessDeniedException', Message: 'User is not authorized to perform: sso:ListInstances' }) }),
    });
    try {
      const result = await runQchat(['whoami', '--json', '--sandbox-user', 'carol', '--endpoint-url', proxy.url]);
      expect(result.code).toBe(0);
      const view = JSON.parse(result.stdout);
      expect(view).toMatchObject({ userName: 'carol', userId: '', identityStoreArn: '', identityStoreNote: 'unknown: sso:ListInstances in us-east-1 was denied (AccessDeniedException)' });
      expect(view.notes).toContain(
        "qchat could not learn your identity store user ID (Amazon Q Developer gave no user info, and the identity store to look carol up in is unknown: sso:ListInstances in us-east-1 was denied (AccessDeniedException)), so history cannot be kept for an unidentified user: this run's turns stay in memory only.",
      );
    } finally {
      await proxy.close();
    }
  });
});

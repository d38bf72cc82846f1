import { describe, expect, it } from 'vitest';
import { runQchat } from './helpers/cli.js';
import { useSandbox } from './helpers/sandbox.js';
import { startScriptedProxy } from './helpers/scripted-proxy.js';

const sandbox = useSandbox();

describe('ListAvailableProfiles over several pages', () => {
  it('follows nextToken to the last page: grace’s us-east-1 profile, on the second page, still makes her Pro', async () => {
    // The fixture lists at most one profile per region, so the proxy splits us-east-1's listing: an empty first page with a nextToken, then the sandbox's own page.
    const bodies: string[] = [];
    const proxy = await startScriptedProxy(sandbox.current.url, (request, forward) => {
      if (request.url !== '/q/us-east-1/' || request.headers['x-amz-target'] !== 'AmazonCodeWhispererService.ListAvailableProfiles') return forward();
      bodies.push(request.body);
      const { nextToken, ...input } = JSON.parse(request.body) as { nextToken?: string };
      if (nextToken === undefined) return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ profiles: [], nextToken: 'second-page' }) };
      return nextToken === 'second-page' ? forward(JSON.stringify(input)) : { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: 'ValidationException', message: 'bad token' }) };
    });
    try {
      const result = await runQchat(['whoami', '--json', '--sandbox-user', 'grace', '--endpoint-url', proxy.url]);
      expect(result.code).toBe(0);
      expect(bodies).toEqual(['{}', '{"nextToken":"second-page"}']);
      const view = JSON.parse(result.stdout);
      expect(view).toMatchObject({ tier: 'pro', subscription: { name: 'example-corp-pro', region: 'us-east-1' } });
      expect(view.profiles.map((p: { region: string }) => p.region).sort()).toEqual(['eu-central-1', 'us-east-1']);
    } finally {
      await proxy.close();
    }
  });
});

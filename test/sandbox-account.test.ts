import { AccountClient, ListRegionsCommand, paginateListRegions, type Region } from '@aws-sdk/client-account';
import { describe, expect, it } from 'vitest';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

describe('sandbox Account Management over restJson1', () => {
  const sandbox = useSandbox();
  const client = (user = 'alice') => new AccountClient(sandboxClientConfig(sandbox.current, user));

  async function allRegions(user: string, pageSize?: number): Promise<{ regions: Region[]; pages: number }> {
    const regions: Region[] = [];
    let pages = 0;
    for await (const page of paginateListRegions({ client: client(user), ...(pageSize ? { pageSize } : {}) }, {})) {
      regions.push(...page.Regions!);
      pages++;
    }
    return { regions, pages };
  }

  it('lists the 17 default regions as ENABLED_BY_DEFAULT and the opt-in regions as DISABLED', async () => {
    const { regions, pages } = await allRegions('alice');
    expect(pages).toBe(1);
    expect(regions.filter((r) => r.RegionOptStatus === 'ENABLED_BY_DEFAULT')).toHaveLength(17);
    expect(regions.filter((r) => r.RegionOptStatus === 'DISABLED').map((r) => r.RegionName)).toContain('ap-east-1');
    expect(regions.every((r) => r.RegionOptStatus === 'ENABLED_BY_DEFAULT' || r.RegionOptStatus === 'DISABLED')).toBe(true);
  });

  it("answers per caller account: heidi's account has Hong Kong enabled", async () => {
    const page = await client('heidi').send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED'] }));
    expect(page.Regions).toEqual([{ RegionName: 'ap-east-1', RegionOptStatus: 'ENABLED' }]);
    const enabled = await client('alice').send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] }));
    expect(enabled.Regions).toHaveLength(17);
  });

  it('pages with a smaller MaxResults to the same list', async () => {
    const whole = await allRegions('alice');
    const paged = await allRegions('alice', 10);
    expect(paged.pages).toBe(Math.ceil(whole.regions.length / 10));
    expect(paged.regions).toEqual(whole.regions);
  });

  it('refuses bad input with ValidationException and another account with AccessDeniedException', async () => {
    await expect(client().send(new ListRegionsCommand({ MaxResults: 51 }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(client().send(new ListRegionsCommand({ NextToken: 'forged' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client().send(new ListRegionsCommand({ RegionOptStatusContains: ['ON' as 'ENABLED'] }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client().send(new ListRegionsCommand({ AccountId: '333344445555' }))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect((await client().send(new ListRegionsCommand({ AccountId: '111122223333' }))).Regions!.length).toBeGreaterThan(17);
  });
});

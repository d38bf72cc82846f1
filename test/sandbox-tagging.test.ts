import { CloudControlClient, GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import {
  GetResourcesCommand,
  GetTagKeysCommand,
  GetTagValuesCommand,
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
  type GetResourcesCommandInput,
  type ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { resourceWorld, tagsOf } from '../source/sandbox/world/resources.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const fixtureAccount = '111122223333';

describe('sandbox Resource Groups Tagging API over awsJson1_1', () => {
  const sandbox = useSandbox({ rateLimits: false });
  const tagging = (region = 'us-east-1', user = 'alice') => new ResourceGroupsTaggingAPIClient(sandboxClientConfig(sandbox.current, user, region));

  async function all(input: GetResourcesCommandInput, region = 'us-east-1'): Promise<{ mappings: ResourceTagMapping[]; pages: number }> {
    const mappings: ResourceTagMapping[] = [];
    let pages = 0;
    for await (const page of paginateGetResources({ client: tagging(region) }, input)) {
      pages++;
      mappings.push(...page.ResourceTagMappingList!);
    }
    return { mappings, pages };
  }

  it('finds the Lambda functions tagged env=prod in a region, the same ones Cloud Control reads with that tag', async () => {
    const { mappings } = await all({ ResourceTypeFilters: ['lambda:function'], TagFilters: [{ Key: 'env', Values: ['prod'] }] });
    const functions = resourceWorld().list(fixtureAccount, 'AWS::Lambda::Function', 'us-east-1');
    const expected = Array.from({ length: functions.length }, (_, i) => functions.at(i)).filter((f) => tagsOf(f).get('env') === 'prod');
    expect(expected.length).toBeGreaterThan(0);
    expect(mappings.map((m) => m.ResourceARN).sort()).toEqual(expected.map((f) => `arn:aws:lambda:us-east-1:${fixtureAccount}:function:${f.identifier}`).sort());
    const cc = new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', 'us-east-1'));
    const first = mappings[0]!;
    const read = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: first.ResourceARN!.split(':').pop()! }))).ResourceDescription!.Properties!) as { Tags: unknown[] };
    expect(first.Tags).toEqual(read.Tags);
  });

  it('ORs the values of one filter, ANDs filters, and matches any value when a filter has none', async () => {
    const prodOrStaging = await all({ TagFilters: [{ Key: 'env', Values: ['prod', 'staging'] }] });
    const prod = await all({ TagFilters: [{ Key: 'env', Values: ['prod'] }] });
    const anyEnv = await all({ TagFilters: [{ Key: 'env' }] });
    expect(prodOrStaging.mappings.length).toBeGreaterThan(prod.mappings.length);
    expect(anyEnv.mappings.length).toBeGreaterThanOrEqual(prodOrStaging.mappings.length);
    const both = await all({ TagFilters: [{ Key: 'env', Values: ['prod'] }, { Key: 'team' }] });
    expect(both.mappings.every((m) => m.Tags!.some((t) => t.Key === 'env' && t.Value === 'prod') && m.Tags!.some((t) => t.Key === 'team'))).toBe(true);
    expect(both.mappings.length).toBeLessThanOrEqual(prod.mappings.length);
  });

  it('filters by service and resource type as the ARN spells them', async () => {
    const ec2 = await all({ ResourceTypeFilters: ['ec2:instance'] });
    expect(ec2.mappings.length).toBeGreaterThan(0);
    expect(ec2.mappings.every((m) => /^arn:aws:ec2:us-east-1:\d{12}:instance\/i-/.test(m.ResourceARN!))).toBe(true);
    const queues = await all({ ResourceTypeFilters: ['sqs'] });
    expect(queues.mappings.every((m) => m.ResourceARN!.startsWith('arn:aws:sqs:us-east-1:'))).toBe(true);
  });

  it('pages with ResourcesPerPage and an opaque PaginationToken, empty on the last page', async () => {
    const { mappings, pages } = await all({ ResourcesPerPage: 7 });
    expect(pages).toBe(Math.ceil(mappings.length / 7));
    const last = await tagging().send(new GetResourcesCommand({ ResourcesPerPage: 100, ResourceTypeFilters: ['kms:key'] }));
    expect(last.PaginationToken).toBe('');
    await expect(tagging().send(new GetResourcesCommand({ PaginationToken: 'garbage' }))).rejects.toMatchObject({ name: 'PaginationTokenExpiredException' });
    await expect(tagging().send(new GetResourcesCommand({ ResourcesPerPage: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('lists tag keys and the values of a key', async () => {
    const keys = await tagging().send(new GetTagKeysCommand({}));
    expect(keys.TagKeys).toEqual(expect.arrayContaining(['env', 'team']));
    const values = await tagging().send(new GetTagValuesCommand({ Key: 'env' }));
    expect(values.TagValues).toContain('prod');
    await expect(tagging().send(new GetTagValuesCommand({ Key: '' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('shows another account nothing', async () => {
    expect((await all({}, 'us-east-1')).mappings.length).toBeGreaterThan(0);
    const dave = await tagging('us-east-1', 'dave').send(new GetResourcesCommand({}));
    expect(dave.ResourceTagMappingList).toEqual([]);
  });
});

describe('the sandbox at scale 10', () => {
  const sandbox = useSandbox({ rateLimits: false, scale: 10 });

  it('lists ten times the fixture, each copy readable and tagged like its original', async () => {
    const cc = new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', 'us-east-1'));
    const base = resourceWorld().list(fixtureAccount, 'AWS::Lambda::Function', 'us-east-1');
    const scaled = resourceWorld().list(fixtureAccount, 'AWS::Lambda::Function', 'us-east-1', 10);
    expect(scaled.length).toBe(base.length * 10);
    const copy = scaled.at(base.length * 3);
    expect(copy.identifier).toBe(`${base.at(0).identifier}-c3`);
    const read = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: copy.identifier }))).ResourceDescription!.Properties!) as Record<string, unknown>;
    expect(read.FunctionName).toBe(copy.identifier);
    await expect(cc.send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: `${base.at(0).identifier}-c10` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const tagged = [];
    for await (const page of paginateGetResources({ client: new ResourceGroupsTaggingAPIClient(sandboxClientConfig(sandbox.current, 'alice', 'us-east-1')) }, { ResourceTypeFilters: ['lambda:function'] })) tagged.push(...page.ResourceTagMappingList!);
    const baseTagged = Array.from({ length: base.length }, (_, i) => base.at(i)).filter((f) => tagsOf(f).size > 0).length;
    expect(tagged.length).toBe(baseTagged * 10);
  });
});

import type { AwsClients } from './clients.js';
import type { TokenBucket } from './pacing.js';
import { PageTokens } from './page-tokens.js';
import { UnexpectedReplyError } from './unexpected-reply.js';

export interface TagLookup {
  region: string;
  /** `service[:resourceType]`, see taggingTypeFilter. */
  resourceType: string;
  /** Tag keys, each with the values any of which it may have (none: any value). */
  tagFilters: Array<{ key: string; values: string[] }>;
  signal?: AbortSignal;
  pacer?: TokenBucket;
}

export interface TaggedResources {
  /** ARN → its tags. */
  tags: Map<string, Map<string, string>>;
  pages: number;
}

/** The SDK module, asked of the module loader once per process (as in cloud-control.ts). */
let sdk: Promise<typeof import('@aws-sdk/client-resource-groups-tagging-api')> | undefined;
const taggingSdk = () => (sdk ??= import('@aws-sdk/client-resource-groups-tagging-api'));

/** Resource Groups Tagging API GetResources in one region, every page (the SDK's paginator, with the repeated-token guard). */
export async function taggedResources(clients: AwsClients, lookup: TagLookup): Promise<TaggedResources> {
  const [client, { paginateGetResources }] = await Promise.all([clients.get('tagging', lookup.region), taggingSdk()]);
  const tokens = new PageTokens('tagging GetResources');
  const tags = new Map<string, Map<string, string>>();
  let pages = 0;
  await lookup.pacer?.take(lookup.signal);
  const input = {
    ResourceTypeFilters: [lookup.resourceType],
    ...(lookup.tagFilters.length > 0 ? { TagFilters: lookup.tagFilters.map(({ key, values }) => ({ Key: key, ...(values.length > 0 ? { Values: values } : {}) })) } : {}),
  };
  for await (const page of paginateGetResources({ client }, input, lookup.signal ? { abortSignal: lookup.signal } : {})) {
    pages++;
    const mappings: unknown = page.ResourceTagMappingList ?? [];
    if (!Array.isArray(mappings)) throw new UnexpectedReplyError('tagging GetResources', 'ResourceTagMappingList is not a list');
    for (const mapping of mappings) {
      if (typeof mapping?.ResourceARN !== 'string') throw new UnexpectedReplyError('tagging GetResources', 'a mapping without a ResourceARN');
      tags.set(mapping.ResourceARN, new Map((mapping.Tags ?? []).map((tag: { Key?: unknown; Value?: unknown }) => [String(tag.Key), String(tag.Value ?? '')])));
    }
    if (tokens.next(page.PaginationToken) === undefined) break;
    await lookup.pacer?.take(lookup.signal);
  }
  return { tags, pages };
}

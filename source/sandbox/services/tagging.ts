import { AwsError } from '../protocol.js';
import { taggingRate } from '../rate-limits.js';
import type { SandboxContext, SandboxService } from '../service.js';
import { pageToken, readPageToken } from '../world/page-token.js';
import { arnOf, resourceWorld, tagsOf, type SandboxResource } from '../world/resources.js';
import { regionEnabled } from './account.js';

/**
 * The Resource Groups Tagging API over awsJson1_1 (`ResourceGroupsTaggingAPI_20170126.*`):
 * GetResources, GetTagKeys and GetTagValues over the tags of the same resources Cloud Control
 * serves, each in its home region. Semantics from the API reference: TagFilters are ANDed, the
 * Values of one filter ORed, a filter without Values matches any value of its key;
 * ResourceTypeFilters are `service[:resourceType]` as the ARN spells them (`ec2:instance`, `s3`);
 * ResourcesPerPage is at most 100, TagFilters at most 50; only resources that carry tags are
 * returned. Errors are the modelled InvalidParameterException, ThrottledException and
 * PaginationTokenExpiredException.
 */
const defaultResourcesPerPage = 50;
const keysPerPage = 100;

export function taggingService(context: SandboxContext): SandboxService {
  return {
    signingName: 'tagging',
    protocol: 'awsJson1_1',
    targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
    signed: true,
    throttled: true,
    throttleError: () => new AwsError('ThrottledException', 'Rate exceeded', 400),
    rateLimit: taggingRate,
    regional: true,
    operations: {
      GetResources: ({ request, caller }) => {
        const input = request.input;
        const accountId = caller!.accountId;
        checkRegion(accountId, request.region);
        const perPage = input.ResourcesPerPage ?? defaultResourcesPerPage;
        if (typeof perPage !== 'number' || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
          throw new AwsError('InvalidParameterException', 'ResourcesPerPage must be between 1 and 100.');
        }
        const tagFilters = readTagFilters(input.TagFilters);
        const typeFilters = readTypeFilters(input.ResourceTypeFilters);
        const fingerprint = `tagging:GetResources:${accountId}:${request.region}:${JSON.stringify([input.TagFilters, input.ResourceTypeFilters])}`;
        // The token holds the position in the region's resources, so each page reads on from there: no page rereads the world.
        const homed = resourceWorld().homedIn(accountId, request.region, context.scale);
        const mappings: Array<{ ResourceARN: string; Tags: Array<{ Key: string; Value: string }> }> = [];
        let index = readToken(input.PaginationToken, fingerprint);
        for (; index < homed.length && mappings.length < perPage; index++) {
          const found = taggedResource(homed.at(index), accountId);
          if (found && typeFilters(found.arn) && tagFilters(found.tags)) mappings.push({ ResourceARN: found.arn, Tags: [...found.tags].map(([Key, Value]) => ({ Key, Value })) });
        }
        const more = index < homed.length;
        return { ResourceTagMappingList: mappings, PaginationToken: more ? pageToken(fingerprint, index) : '' };
      },
      GetTagKeys: ({ request, caller }) => {
        checkRegion(caller!.accountId, request.region);
        const keys = new Set<string>();
        for (const { tags } of tagged(caller!.accountId, request.region)) for (const key of tags.keys()) keys.add(key);
        return page([...keys].sort(), request.input.PaginationToken, `tagging:GetTagKeys:${caller!.accountId}:${request.region}`, 'TagKeys');
      },
      GetTagValues: ({ request, caller }) => {
        checkRegion(caller!.accountId, request.region);
        const key = request.input.Key;
        if (typeof key !== 'string' || key.length < 1 || key.length > 128) throw new AwsError('InvalidParameterException', 'Key must be a string of 1 to 128 characters.');
        const values = new Set<string>();
        for (const { tags } of tagged(caller!.accountId, request.region)) if (tags.has(key)) values.add(tags.get(key)!);
        return page([...values].sort(), request.input.PaginationToken, `tagging:GetTagValues:${caller!.accountId}:${request.region}:${key}`, 'TagValues');
      },
    },
  };
}

function checkRegion(accountId: string, region: string): void {
  if (!regionEnabled(accountId, region)) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
}

/** A resource as the Tagging API sees it, when it carries tags. */
function taggedResource(resource: SandboxResource, accountId: string): { arn: string; tags: Map<string, string> } | undefined {
  const tags = tagsOf(resource);
  const arn = tags.size > 0 ? arnOf(resource, accountId) : undefined;
  return arn ? { arn, tags } : undefined;
}

/** The tagged fixture resources homed in `region` (copies carry their original's tags, so keys and values do not depend on scale). */
function* tagged(accountId: string, region: string): Generator<{ arn: string; tags: Map<string, string> }> {
  const homed = resourceWorld().homedIn(accountId, region);
  for (let index = 0; index < homed.length; index++) {
    const found = taggedResource(homed.at(index), accountId);
    if (found) yield found;
  }
}

function readTagFilters(raw: unknown): (tags: Map<string, string>) => boolean {
  if (raw === undefined) return () => true;
  if (!Array.isArray(raw) || raw.length > 50) throw new AwsError('InvalidParameterException', 'TagFilters must be a list of at most 50 filters.');
  const filters = raw.map((filter: { Key?: unknown; Values?: unknown }) => {
    if (typeof filter?.Key !== 'string' || filter.Key === '') throw new AwsError('InvalidParameterException', 'Each tag filter needs a Key.');
    const values = Array.isArray(filter.Values) ? filter.Values.map(String) : [];
    return { key: filter.Key, values };
  });
  return (tags) => filters.every(({ key, values }) => tags.has(key) && (values.length === 0 || values.includes(tags.get(key)!)));
}

/** `service` or `service:resourceType`, compared with the ARN's service and the resource part's leading type. */
function readTypeFilters(raw: unknown): (arn: string) => boolean {
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return () => true;
  if (!Array.isArray(raw) || !raw.every((f) => typeof f === 'string' && /^[a-z0-9-]+(:[A-Za-z0-9-]+)?$/.test(f))) {
    throw new AwsError('InvalidParameterException', 'ResourceTypeFilters must be strings such as ec2:instance or s3.');
  }
  return (arn) => {
    const { service, type } = arnResourceType(arn);
    return (raw as string[]).some((filter) => filter === service || filter === `${service}:${type}`);
  };
}

export function arnResourceType(arn: string): { service: string; type: string } {
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  const delimiter = resource.search(/[:/]/);
  return { service: parts[2] ?? '', type: delimiter > 0 ? resource.slice(0, delimiter) : '' };
}

function readToken(token: unknown, fingerprint: string): number {
  if (token === undefined || token === '') return 0;
  const offset = readPageToken(token, fingerprint);
  if (offset === undefined) throw new AwsError('PaginationTokenExpiredException', 'The pagination token is expired or not valid for this request.');
  return offset;
}

function page(all: string[], token: unknown, fingerprint: string, member: 'TagKeys' | 'TagValues') {
  const start = readToken(token, fingerprint);
  const end = start + keysPerPage;
  return { [member]: all.slice(start, end), PaginationToken: end < all.length ? pageToken(fingerprint, end) : '' };
}

import type { CloudResource } from '../aws/cloud-control.js';
import { fanOut } from '../aws/fanout.js';
import { regionPacers } from '../aws/pacing.js';
import { readWhole } from '../aws/read-whole.js';
import { ArnIndex, taggingTypeFilter } from '../aws/resource-arns.js';
import { taggedResources } from '../aws/tagging.js';
import { getResourceCalls, type Answer } from './answer.js';
import { regionFailure } from './aws-failure.js';
import type { ExecutionContext } from './execution-context.js';
import { plural } from './format.js';
import type { ListFilters } from '../understanding/plan.js';
import { filterLabels } from '../understanding/resource-filters.js';
import { needsRead } from './resource-match.js';
import { typeLabel } from './resource-view.js';

/**
 * What a listing lacks before its filters and columns can be applied. Cloud Control's list
 * handlers often return only the primary identifier, so:
 * - tags come from the Resource Groups Tagging API (GetResources with ResourceTypeFilters and
 *   TagFilters, one paginated call per region), whose ARNs are mapped back to identifiers;
 * - other properties (state, names) come from GetResource per resource, paced by the region's
 *   token bucket, a few at a time, cancellable, with progress, and only up to `describeLimit`
 *   resources: past that the answer says how many calls it would take instead of making them.
 */
export interface Detailed {
  resources: CloudResource[];
  /** Set when the describes a filter needs were over the limit: the filter was not applied. */
  notApplied?: string;
}

const describeConcurrency = 5;

/** Adds tags (Tagging API, or GetResource where it cannot serve the type) to identifier-only resources, when the question filters on tags. */
export async function withTags(resources: CloudResource[], typeName: string, global: boolean, filters: ListFilters, context: ExecutionContext, answer: Answer): Promise<Detailed> {
  const bare = resources.filter((resource) => resource.partial);
  if (filters.tags.length === 0 || bare.length === 0) return { resources };
  const resourceType = global ? undefined : taggingTypeFilter(typeName);
  // Global types (S3, IAM) are listed once but tagged per home region; reading them is as exact and bounded.
  if (!resourceType) return describe(resources, bare, typeName, 'filter on tags', context, answer);

  const pacers = regionPacers(context.clients, context.settings.regionRequestsPerSecond);
  const perRegion = new Map<string, number>();
  for (const resource of bare) perRegion.set(resource.region, (perRegion.get(resource.region) ?? 0) + 1);
  const regions = [...perRegion.keys()];
  // A value asked for under any key ("tag value prod", or "tagged prod" as key or value) has no
  // TagFilter: GetResources then returns every tagged resource, matched here.
  const tagFilters = filters.tags.flatMap((tag) => (tag.key === null || tag.orValue ? [] : [{ key: tag.key, values: tag.value === null ? [] : [tag.value] }]));
  const outcomes = await fanOut(regions, (region, signal) => taggedResources(context.clients, { region, resourceType, tagFilters, pacer: pacers.of(region), ...(signal ? { signal } : {}) }), {
    concurrency: context.settings.fanoutConcurrency,
    // The region with the most resources first: its GetResources pages are the longest chain.
    first: [...perRegion].reduce((most, entry) => (entry[1] > most[1] ? entry : most))[0],
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.deadline ? { deadline: context.deadline } : {}),
  });
  const failed = new Set<string>();
  const found = new Map<string, { index: ArnIndex; tags: Map<string, Map<string, string>> }>();
  for (const outcome of outcomes) {
    answer.calls.push({ service: 'resourcegroupstaggingapi', operation: 'GetResources', region: outcome.region, pages: outcome.value?.pages ?? 1, fromCache: false });
    if (!outcome.ok) {
      // Without the tags of a region its resources cannot be counted as tagged or not: the region failed.
      answer.failures.push(regionFailure(outcome.region, outcome.error));
      failed.add(outcome.region);
    } else {
      found.set(outcome.region, { index: new ArnIndex(outcome.value!.tags.keys()), tags: outcome.value!.tags });
    }
  }
  const tagged = resources.flatMap((resource) => {
    if (!resource.partial) return [resource];
    if (failed.has(resource.region)) return [];
    const region = found.get(resource.region)!;
    const arn = region.index.arnOf(resource.identifier);
    const tags = arn ? [...region.tags.get(arn)!].map(([Key, Value]) => ({ Key, Value })) : [];
    return [{ ...resource, properties: { ...resource.properties, Tags: tags } }];
  });
  return { resources: tagged };
}

/** Reads the identifier-only resources among `resources` whole, when a name or property filter needs what the listing lacks. */
export function withProperties(resources: CloudResource[], typeName: string, filters: ListFilters, context: ExecutionContext, answer: Answer): Promise<Detailed> {
  const bare = resources.filter((resource) => needsRead(resource, filters, typeName));
  if (bare.length === 0) return Promise.resolve({ resources });
  const labels = filterLabels({ tags: [], name: filters.name, properties: filters.properties }).map((label) => `"${label}"`);
  return describe(resources, bare, typeName, `apply ${labels.join(' and ')}`, context, answer);
}

/**
 * Reads the rows a table shows whole, so its columns are the same whatever the listing returned.
 * The first `tableRows` are bounded by the table size; rows past them (every row was asked for)
 * within describeLimit too, else they keep what the listing gave and the answer says so.
 */
export async function shownWhole(rows: CloudResource[], typeName: string, context: ExecutionContext, answer: Answer): Promise<CloudResource[]> {
  const bare = (list: CloudResource[]) => list.filter((resource) => resource.partial);
  const first = rows.slice(0, context.settings.tableRows);
  const rest = rows.slice(context.settings.tableRows);
  const shown = bare(first).length === 0 ? first : (await describe(first, bare(first), typeName, 'show their properties', context, answer, Number.POSITIVE_INFINITY)).resources;
  if (bare(rest).length === 0) return [...shown, ...rest];
  const more = await describe(rest, bare(rest), typeName, 'show every row whole', context, answer);
  if (more.notApplied) answer.warnings.push(`Rows past the first ${context.settings.tableRows} show only what the listing gave. ${more.notApplied} Ask with --details to make those calls.`);
  return [...shown, ...more.resources];
}

async function describe(
  resources: CloudResource[],
  bare: CloudResource[],
  typeName: string,
  why: string,
  context: ExecutionContext,
  answer: Answer,
  limit = context.details ? Number.POSITIVE_INFINITY : context.settings.describeLimit,
): Promise<Detailed> {
  const perSecond = context.settings.regionRequestsPerSecond;
  if (bare.length > limit) {
    const seconds = Math.ceil(bare.length / perSecond);
    const text = `To ${why}, qchat would read each of the ${bare.length.toLocaleString('en-US')} ${typeLabel(typeName, bare.length)} with GetResource: ${plural(bare.length, 'call')}, about ${seconds} s at ${perSecond} per second per region, more than the describeLimit setting (${context.settings.describeLimit}) allows.`;
    if (!(await context.confirmDetails?.({ calls: bare.length, text }))) return { resources, notApplied: text };
  }
  const read = new Map<CloudResource, CloudResource>();
  const perRegion = new Map<string, number>();
  const label = (done: number) => `describing ${done} of ${bare.length} ${typeLabel(typeName, bare.length)}`;
  context.onProgress?.({ kind: 'details', label: label(0) });
  const outcomes = await readWhole(context.clients, typeName, bare, {
    pacers: regionPacers(context.clients, perSecond),
    concurrency: describeConcurrency,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.deadline ? { deadline: context.deadline } : {}),
    onRead: (done) => context.onProgress?.({ kind: 'details', label: label(done) }),
  });
  let unreadable = 0;
  outcomes.forEach((outcome, index) => {
    const resource = bare[index]!;
    perRegion.set(resource.region, (perRegion.get(resource.region) ?? 0) + 1);
    if (outcome.ok && outcome.value!.properties) read.set(resource, { identifier: resource.identifier, region: resource.region, properties: outcome.value!.properties });
    else if (!(outcome.error instanceof Error && outcome.error.name === 'ResourceNotFoundException')) unreadable++;
  });
  for (const [region, count] of perRegion) answer.calls.push(...getResourceCalls(region, count));
  if (unreadable > 0) answer.warnings.push(`${plural(unreadable, 'resource')} could not be read with GetResource; left out.`);
  // A resource gone between the listing and the read is gone; one that could not be read is left out and said so.
  const asked = new Set(bare);
  return { resources: resources.flatMap((resource) => (!asked.has(resource) ? [resource] : read.has(resource) ? [read.get(resource)!] : [])) };
}


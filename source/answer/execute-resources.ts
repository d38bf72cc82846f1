import { getResource, listResources, type CloudResource } from '../aws/cloud-control.js';
import { fanOut } from '../aws/fanout.js';
import { longestListing, rememberPages } from '../aws/listing-lengths.js';
import { regionPacers } from '../aws/pacing.js';
import { regionCatalog } from '../aws/region-catalog.js';
import { emptyAnswer, type Answer, type RegionFailure } from './answer.js';
import { regionFailure } from './aws-failure.js';
import type { ExecutionContext } from './execution-context.js';
import { plural } from './format.js';
import { otherRegionsOffer } from './other-regions.js';
import { bucketRegionNeed, inOwnRegions, ownRegion } from './bucket-regions.js';
import { rowsCap, type RegionScope, type ResourceDescribePlan, type ResourceListPlan, type ResourcePlan } from '../understanding/plan.js';
import { shownWhole, withProperties, withTags } from './resource-details.js';
import { filterLabels } from '../understanding/resource-filters.js';
import { capitalize } from '../understanding/replies.js';
import { applyFilters } from './resource-match.js';
import { propertyRows, resourceTable, typeLabel } from './resource-view.js';

/** Types whose one listing covers every region: ask one region and say so. */
const globalTypePrefixes = ['AWS::S3::Bucket', 'AWS::IAM::', 'AWS::CloudFront::', 'AWS::Route53::', 'AWS::Organizations::', 'AWS::GlobalAccelerator::'];
export const isGlobalType = (typeName: string) => globalTypePrefixes.some((prefix) => typeName === prefix || (prefix.endsWith('::') && typeName.startsWith(prefix)));

export async function answerResources(plan: ResourcePlan, context: ExecutionContext): Promise<Answer> {
  const typeName = plan.resourceType;
  const answer = emptyAnswer('');
  const regions = await regionsFor(plan, context, answer);
  if (regions.length === 0) return { ...answer, outcome: 'failed', summary: 'No region to ask: none of the named regions is known.' };

  if (plan.intent === 'describe') return describe(plan, regions, context, answer);

  const global = isGlobalType(typeName);
  const asked = global ? [context.homeRegion] : regions;
  // Buckets asked for in some regions are kept by the region each lives in.
  const byOwnRegion = typeName === 'AWS::S3::Bucket' && plan.regions !== 'all' && !plan.defaultRegion;
  if (byOwnRegion) answer.warnings.push(`${typeName} is a global type: one listing covers every region, so the buckets kept are those whose own region (RegionalDomainName) was asked.`);
  else if (global && Array.isArray(plan.regions) && !(plan.regions.length === 1 && plan.regions[0] === context.homeRegion)) {
    answer.warnings.push(`${typeName} is a global type: one listing covers every region.`);
  }
  context.onProgress?.({ kind: 'regions', typeName, done: 0, total: asked.length });
  const pacers = regionPacers(context.clients, context.settings.regionRequestsPerSecond);
  const outcomes = await fanOut(
    asked,
    (region, signal) => listResources(context.clients, { typeName, resourceModel: plan.resourceModel, region, cap: context.settings.listCap, pacer: pacers.of(region), ...(signal ? { signal } : {}) }),
    // The longest page chain first, before the other regions' first requests take qchat's thread:
    // the region whose last listing of the type had the most pages, else the home region (where an
    // account keeps the most, as a guess).
    {
      ...fanOutLimits(context),
      first: longestListing(context.clients, typeName, asked, context.homeRegion),
      onRegionDone: (done, total) => context.onProgress?.({ kind: 'regions', typeName, done, total }),
    },
  );

  const seen = new Set<string>();
  const resources: CloudResource[] = [];
  let truncated = false;
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      answer.failures.push(regionFailure(outcome.region, outcome.error));
      continue;
    }
    answer.calls.push({ service: 'cloudcontrol', operation: 'ListResources', region: outcome.region, pages: outcome.value!.pages, fromCache: false });
    rememberPages(context.clients, typeName, outcome.region, outcome.value!.pages);
    truncated ||= outcome.value!.truncated;
    for (const resource of outcome.value!.resources) {
      const key = global ? resource.identifier : `${resource.identifier}@${resource.region}`;
      if (seen.has(key)) continue;
      seen.add(key);
      resources.push(resource);
    }
  }
  const unparsable = resources.filter((resource) => resource.properties === null).length;
  if (unparsable > 0) answer.warnings.push(`${plural(unparsable, 'resource')} came without readable properties; shown by identifier only.`);
  // Tags first (one Tagging API call per region), then whole reads only for what the tags kept.
  const tagged = await withTags(resources, typeName, global, plan.filters, context, answer);
  const byTags = applyFilters(tagged.resources, { ...plan.filters, name: null, properties: [] }, typeName).kept;
  const detailed = tagged.notApplied ? tagged : await withProperties(byTags, typeName, plan.filters, context, answer);
  if (detailed.notApplied) return unappliedFilter(answer, plan, typeName, detailed.notApplied);
  const filteredBy = applyFilters(detailed.resources, plan.filters, typeName);
  const { warnings, applied } = filteredBy;
  answer.warnings.push(...warnings);
  let kept = filteredBy.kept;
  if (byOwnRegion) {
    const located = await withProperties(kept, typeName, { tags: [], name: null, properties: [bucketRegionNeed] }, context, answer);
    if (located.notApplied) return unappliedFilter(answer, plan, typeName, located.notApplied);
    kept = inOwnRegions(located.resources, typeName).filter((resource) => regions.includes(resource.region));
  }
  if (truncated) answer.warnings.push(`Stopped reading at the cap of ${context.settings.listCap} resources per region (setting listCap); counts are at least these.`);

  const failedAll = asked.every((region) => answer.failures.some((failure) => failure.region === region));
  const answered = plural(asked.length - answer.failures.length, 'region');
  // A group names itself: "in Japan (2 regions)", "in all regions except us-east-1 (16 regions)".
  const group = !Array.isArray(plan.regions) && plan.regions !== 'all' ? plan.regions.group : undefined;
  const where = byOwnRegion
    ? regions.length === 1 ? `in ${regions[0]}` : group ? `in ${group} (${plural(regions.length, 'region')})` : `across ${plural(regions.length, 'region')}`
    : global ? 'in the account' : asked.length === 1 ? `in ${asked[0]}` : group ? `in ${group} (${answered})` : `across ${answered}`;
  // The headline names only the filters applied.
  const filtered = describeFilters({ ...plan, filters: { ...plan.filters, properties: applied } });
  if (failedAll) {
    answer.outcome = 'failed';
    answer.summary = `Could not list ${typeLabel(typeName, 2)}: every region asked failed.`;
    return answer;
  }
  const offer = plan.defaultRegion && !global && asked.length === 1 ? await otherRegionsOffer(asked[0]!, context, answer) : '';
  if (plan.intent === 'count') {
    answer.summary = `You have ${kept.length.toLocaleString('en-US')} ${typeLabel(typeName, kept.length)}${filtered} ${where}${offer}.`;
    if (!global && asked.length > 1 && kept.length > 0) {
      const counts = countByRegion(kept);
      answer.chart = { kind: 'breakdown', unit: 'resources', points: counts.map(([label, value]) => ({ label, value })) };
      answer.table = { columns: ['Region', 'Count'], rows: counts.map(([region, count]) => [region, count.toLocaleString('en-US')]), all: true };
    }
  } else {
    const limit = rowsCap(plan, context.settings.tableRows);
    answer.summary = kept.length === 0 ? `No ${typeLabel(typeName, 0)}${filtered} ${where}${offer}.` : `Found ${kept.length.toLocaleString('en-US')} ${typeLabel(typeName, kept.length)}${filtered} ${where}${offer}.`;
    if (kept.length > 0) {
      // Columns come from the rows shown, read whole where the listing gave only identifiers.
      const table = resourceTable(inOwnRegions(await shownWhole(kept.slice(0, limit), typeName, context, answer), typeName), limit, typeName);
      answer.table = { ...table, ...(kept.length > table.rows.length ? { note: `showing ${table.rows.length} of ${kept.length}`, total: kept.length } : {}), ...(plan.allRows ? { all: true as const } : {}) };
    }
  }
  if (answer.failures.length > 0) {
    answer.outcome = 'partial';
    answer.summary += ` ${plural(answer.failures.length, 'region')} could not be asked: ${answer.failures.map((f) => f.region).join(', ')}.`;
  }
  return answer;
}

/** A filter that needs more reads than allowed: say so, and claim no filtered figure. No AWS call failed, so the outcome is not `failed`. */
function unappliedFilter(answer: Answer, plan: ResourceListPlan, typeName: string, reason: string): Answer {
  answer.outcome = 'unapplied';
  answer.summary = `Could not apply the filter${describeFilters(plan)} to ${typeLabel(typeName, 2)}. ${reason} To make those calls, ask with --details (qchat ask) or raise describeLimit; or narrow the question to fewer regions.`;
  return answer;
}

async function describe(plan: ResourceDescribePlan, regions: string[], context: ExecutionContext, answer: Answer): Promise<Answer> {
  const typeName = plan.resourceType;
  // A global resource still has a home region (an S3 bucket's), so describe asks the regions named.
  const asked = regions;
  const outcomes = await fanOut(asked, (region, signal) => getResource(context.clients, { typeName, identifier: plan.identifier, region, signal }), fanOutLimits(context));
  const found = outcomes.find((outcome) => outcome.ok);
  const notFound: RegionFailure[] = [];
  for (const outcome of outcomes) {
    answer.calls.push({ service: 'cloudcontrol', operation: 'GetResource', region: outcome.region, pages: 1, fromCache: false });
    if (outcome.ok) continue;
    const failure = regionFailure(outcome.region, outcome.error);
    if (failure.code === 'ResourceNotFoundException') notFound.push(failure);
    else answer.failures.push(failure);
  }
  if (!found) {
    if (notFound.length === 0) answer.outcome = 'failed';
    answer.summary = notFound.length > 0 ? `No ${typeName} "${plan.identifier}" in ${asked.join(', ')}.` : `Could not read ${typeName} "${plan.identifier}".`;
    return answer;
  }
  const resource = found.value!;
  answer.summary = `${capitalize(typeLabel(typeName, 1))} ${resource.identifier} (${typeName}) in ${ownRegion(resource, typeName)}.`;
  answer.table = {
    columns: ['Property', 'Value'],
    rows: propertyRows(resource.properties ?? {}),
    layout: 'properties',
  };
  if (!resource.properties) answer.warnings.push('The resource came without readable properties.');
  return answer;
}

async function regionsFor(plan: { regions: RegionScope }, context: ExecutionContext, answer: Answer): Promise<string[]> {
  if (!Array.isArray(plan.regions)) {
    const enabled = await context.enabledRegions.get(context.signal);
    if (enabled.warning) answer.warnings.push(enabled.warning);
    answer.calls.push({ service: 'account', operation: 'ListRegions', region: 'us-east-1', pages: 1, fromCache: enabled.fromCache ?? false });
    if (plan.regions === 'all') return enabled.regions;
    // A group ("Europe", "all regions except us-east-1") is the enabled regions among its codes.
    const group = plan.regions;
    const asked = enabled.regions.filter((region) => group.codes.includes(region));
    answer.warnings.push(`${group.group}: ${asked.length === 0 ? 'no enabled region' : `the enabled regions ${asked.join(', ')}`}.`);
    return asked;
  }
  const known = new Set(regionCatalog().map((region) => region.code));
  for (const region of plan.regions.filter((r) => !known.has(r))) {
    answer.failures.push({ region, code: 'UnknownRegion', message: `${region} is not an AWS region qchat knows` });
  }
  return plan.regions.filter((region) => known.has(region));
}

function fanOutLimits(context: ExecutionContext) {
  return {
    concurrency: context.settings.fanoutConcurrency,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.deadline ? { deadline: context.deadline } : {}),
  };
}

function countByRegion(resources: CloudResource[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.region, (counts.get(resource.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function describeFilters(plan: ResourceListPlan): string {
  const parts = [...filterLabels(plan.filters), ...(plan.resourceModel ? Object.entries(plan.resourceModel).map(([key, value]) => `with ${key} ${value}`) : [])];
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
}

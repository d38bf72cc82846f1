import type { CloudResource } from '../aws/cloud-control.js';
import type { ListFilters, PropertyFilter } from '../understanding/plan.js';
import { nameInIdentifier, typeView } from '../understanding/resource-views.js';

/** The value at a dotted path of a resource model; through a list, the values of each element ("Volumes.VolumeId"). */
export function valueAt(properties: Record<string, unknown> | null, path: string): unknown {
  let value: unknown = properties ?? undefined;
  for (const key of path.split('.')) {
    if (Array.isArray(value)) value = value.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined)).filter((item) => item !== undefined);
    else if (value && typeof value === 'object') value = (value as Record<string, unknown>)[key];
    else return undefined;
  }
  return value;
}

export function tagsOf(resource: CloudResource): Map<string, string> {
  const tags = new Map<string, string>();
  const raw = resource.properties?.Tags ?? resource.properties?.TagList ?? resource.properties?.HostedZoneTags;
  if (Array.isArray(raw)) {
    for (const tag of raw) {
      if (tag && typeof tag === 'object' && 'Key' in tag) tags.set(String(tag.Key), String((tag as { Value?: unknown }).Value ?? ''));
    }
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) tags.set(key, String(value));
  }
  return tags;
}

/** The resource's own name: the type's name property (resource-views.ts), else its Name tag (the name EC2 types have); '' when it has none. */
export function nameOf(resource: CloudResource, typeName: string): string {
  const property = typeView(typeName).name;
  const value = property && property !== 'tag:Name' ? resource.properties?.[property] : undefined;
  return typeof value === 'string' && value !== '' ? value : (tagsOf(resource).get('Name') ?? '');
}

/** Whether the filters need properties a listing of identifiers did not give (GetResource reads them). */
export function needsRead(resource: CloudResource, filters: ListFilters, typeName: string): boolean {
  if (!resource.partial) return false;
  if (filters.name && !nameInIdentifier(typeName)) return true;
  return filters.properties.some((filter) => valueAt(resource.properties, filter.property) === undefined);
}

export interface Filtered {
  kept: CloudResource[];
  /** The property filters applied: one no resource has the property for is left out, and said so. */
  applied: PropertyFilter[];
  warnings: string[];
}

/** Applies a question's tag, name and property filters to resources read as far as the filters need. */
export function applyFilters(resources: CloudResource[], filters: ListFilters, typeName: string): Filtered {
  const warnings: string[] = [];
  const applied: PropertyFilter[] = [];
  let kept = resources;
  for (const tag of filters.tags) kept = kept.filter((resource) => hasTag(tagsOf(resource), tag.key, tag.value) || (tag.orValue === true && hasTag(tagsOf(resource), null, tag.key)));
  if (filters.name) {
    const { match, value } = filters.name;
    const needle = value.toLowerCase();
    const fits = (text: string) => (match === 'prefix' ? text.startsWith(needle) : match === 'suffix' ? text.endsWith(needle) : text.includes(needle));
    kept = kept.filter((resource) => fits(resource.identifier.toLowerCase()) || fits(nameOf(resource, typeName).toLowerCase()));
  }
  for (const filter of filters.properties) {
    const flag = filter.op === 'true' || filter.op === 'false';
    if (!flag && resources.length > 0 && resources.every((resource) => valueAt(resource.properties, filter.property) === undefined)) {
      warnings.push(`None of these ${typeName} resources has ${filter.property}, so "${filter.label}" was not applied.`);
      continue;
    }
    applied.push(filter);
    kept = kept.filter((resource) => matches(valueAt(resource.properties, filter.property), filter));
  }
  return { kept, applied, warnings };
}

function hasTag(tags: Map<string, string>, key: string | null, value: string | null): boolean {
  const wanted = value?.toLowerCase();
  if (key === null) return [...tags.values()].some((v) => v.toLowerCase() === wanted);
  const found = tags.get(key) ?? [...tags].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  return found !== undefined && (wanted === undefined || found.toLowerCase() === wanted);
}

/** Whether a property value fits a filter; a list fits when one of its elements does. */
export function matches(value: unknown, filter: PropertyFilter): boolean {
  if (Array.isArray(value)) return value.some((item) => matches(item, filter));
  if (filter.op === 'true' || filter.op === 'false') return (value === true || value === 'true') === (filter.op === 'true');
  if (value === undefined || value === null || typeof value === 'object') return false;
  const text = String(value).toLowerCase();
  const wanted = filter.value.toLowerCase();
  switch (filter.op) {
    case 'is':
      return text === wanted;
    case 'prefix':
      return text.startsWith(wanted);
    case 'contains':
      return text.includes(wanted);
    case 'named':
      return text === wanted || text.endsWith(`/${wanted}`) || text.endsWith(`:${wanted}`);
    default:
      return compare(Number(value), Number(filter.value), filter.op);
  }
}

function compare(value: number, limit: number, op: 'above' | 'below' | 'at-least' | 'at-most'): boolean {
  if (Number.isNaN(value)) return false;
  if (op === 'above') return value > limit;
  if (op === 'below') return value < limit;
  return op === 'at-least' ? value >= limit : value <= limit;
}

import type { CloudResource } from '../aws/cloud-control.js';
import type { ListFilters } from '../understanding/plan.js';

/** Properties worth a column when a type has them, most telling first. */
const interesting = [
  'State', 'Status', 'DBInstanceStatus', 'KeyState', 'InstanceType', 'DBInstanceClass', 'Engine', 'Runtime', 'MemorySize',
  'BillingMode', 'CidrBlock', 'VpcId', 'AvailabilityZone', 'Size', 'VolumeType', 'Version', 'LaunchType', 'MetricName',
  'RetentionInDays', 'KeySpec', 'FifoQueue', 'ScalingConfig',
];
const stateProperties = ['State', 'Status', 'DBInstanceStatus', 'KeyState', 'InstanceState'];

export function tagsOf(resource: CloudResource): Map<string, string> {
  const tags = new Map<string, string>();
  const raw = resource.properties?.Tags ?? resource.properties?.TagList;
  if (Array.isArray(raw)) {
    for (const tag of raw) {
      if (tag && typeof tag === 'object' && 'Key' in tag) tags.set(String(tag.Key), String((tag as { Value?: unknown }).Value ?? ''));
    }
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) tags.set(key, String(value));
  }
  return tags;
}

export function nameOf(resource: CloudResource): string {
  const tagged = tagsOf(resource).get('Name');
  if (tagged) return tagged;
  const properties = resource.properties ?? {};
  const key = Object.keys(properties).find((k) => /Name$/.test(k) && typeof properties[k] === 'string' && k !== 'KeyName');
  return key ? String(properties[key]) : '';
}

export function stateOf(resource: CloudResource): string | undefined {
  for (const key of stateProperties) {
    const value = resource.properties?.[key];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && 'Name' in value) return String((value as { Name: unknown }).Name);
  }
  return undefined;
}

/** Applies a question's tag, name and state filters; says when a filter cannot apply to the type. */
export function applyFilters(resources: CloudResource[], filters: ListFilters, typeName: string): { kept: CloudResource[]; warnings: string[] } {
  const warnings: string[] = [];
  let kept = resources;
  for (const tag of filters.tags) {
    kept = kept.filter((resource) => {
      const value = tagsOf(resource).get(tag.key) ?? [...tagsOf(resource)].find(([k]) => k.toLowerCase() === tag.key.toLowerCase())?.[1];
      return value !== undefined && (tag.value === null || value.toLowerCase() === tag.value.toLowerCase());
    });
  }
  if (filters.nameContains) {
    const needle = filters.nameContains.toLowerCase();
    kept = kept.filter((resource) => resource.identifier.toLowerCase().includes(needle) || nameOf(resource).toLowerCase().includes(needle));
  }
  if (filters.state) {
    if (resources.length > 0 && !resources.some((resource) => stateOf(resource) !== undefined)) {
      warnings.push(`${typeName} has no state to filter on; the "${filters.state}" filter was ignored.`);
    } else {
      kept = kept.filter((resource) => stateOf(resource)?.toLowerCase() === filters.state);
    }
  }
  return { kept, warnings };
}

/**
 * Columns for a listing: identifier, name, region, then up to two telling properties the type has.
 * A narrow terminal leaves out the properties first (the less telling one first), then the region
 * when every row has the same one; never the identifier or the name.
 */
export function resourceTable(resources: CloudResource[], rows: number): { columns: string[]; rows: string[][]; optional: string[] } {
  const extra = interesting.filter((key) => resources.some((resource) => display(resource.properties?.[key]) !== '')).slice(0, 2);
  const showName = resources.some((resource) => nameOf(resource) && nameOf(resource) !== resource.identifier);
  const columns = ['Identifier', ...(showName ? ['Name'] : []), 'Region', ...extra];
  const oneRegion = new Set(resources.map((resource) => resource.region)).size <= 1;
  return {
    columns,
    optional: [...extra].reverse().concat(oneRegion ? ['Region'] : []),
    rows: resources.slice(0, rows).map((resource) => [
      resource.identifier,
      ...(showName ? [nameOf(resource)] : []),
      resource.region,
      ...extra.map((key) => display(resource.properties?.[key])),
    ]),
  };
}

/** Flattens a property value for a table cell. */
export function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    if ('Name' in value) return String((value as { Name: unknown }).Name);
    return JSON.stringify(value);
  }
  return String(value);
}

const acronyms = new Set(['VPC', 'API', 'APIS', 'REST', 'DB', 'NAT', 'ACL', 'IP', 'SSL', 'TLS', 'DNS', 'ARN', 'ID']);

/** "AWS::Lambda::Function", 2 → "Lambda functions"; keeps acronyms ("EC2 VPCs", "RDS DB instances") and drops a repeated service ("Logs log groups" → "log groups"). */
export function typeLabel(typeName: string, count: number): string {
  const [, service = '', name = typeName] = typeName.split('::');
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' ');
  if (count !== 1) words.push(pluralWord(words.pop()!));
  const shown = words.map((word) => (acronyms.has(word.replace(/s$/, '').toUpperCase()) ? word.replace(/^(.*?)(s?)$/, (_m, stem: string, s: string) => stem.toUpperCase() + s) : /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()));
  const repeatsService = service.toLowerCase().startsWith(words[0]!.toLowerCase().replace(/s$/, ''));
  return repeatsService ? shown.join(' ') : `${service} ${shown.join(' ')}`;
}

function pluralWord(word: string): string {
  if (/^[A-Z0-9]+$/.test(word)) return `${word}s`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

import type { CloudResource } from '../aws/cloud-control.js';
import { typeView, type ViewColumn } from '../understanding/resource-views.js';
import { nameOf, valueAt } from './resource-match.js';

/** Properties worth a column when a type has no chosen columns, most telling first. */
const interesting = [
  'State', 'Status', 'DBInstanceStatus', 'KeyState', 'InstanceType', 'DBInstanceClass', 'Engine', 'Runtime', 'MemorySize',
  'BillingMode', 'CidrBlock', 'VpcId', 'AvailabilityZone', 'Size', 'VolumeType', 'Version', 'LaunchType', 'MetricName',
  'RetentionInDays', 'KeySpec', 'FifoQueue', 'ScalingConfig',
];

/**
 * Columns for a listing: identifier, the resource's own name, region, then the type's view columns
 * (resource-views.ts) that the rows have. A narrow terminal leaves out the view columns first (the
 * last one first), then the region when every row has the same one; never the identifier or the name.
 */
export function resourceTable(resources: CloudResource[], rows: number, typeName: string): { columns: string[]; rows: string[][]; optional: string[] } {
  const shown = resources.slice(0, rows);
  const chosen = typeView(typeName).columns;
  const columns = chosen.length > 0 ? chosen : fallbackColumns(shown);
  const extra = columns.filter((column) => shown.some((resource) => cell(resource, column) !== ''));
  const showName = shown.some((resource) => nameOf(resource, typeName) && nameOf(resource, typeName) !== resource.identifier);
  const oneRegion = new Set(shown.map((resource) => resource.region)).size <= 1;
  return {
    columns: ['Identifier', ...(showName ? ['Name'] : []), 'Region', ...extra.map((column) => column.title)],
    optional: extra.map((column) => column.title).reverse().concat(oneRegion ? ['Region'] : []),
    rows: shown.map((resource) => [resource.identifier, ...(showName ? [nameOf(resource, typeName)] : []), resource.region, ...extra.map((column) => cell(resource, column))]),
  };
}

/** For a type without chosen columns: up to two telling properties the rows have. */
function fallbackColumns(resources: CloudResource[]): ViewColumn[] {
  return interesting.filter((key) => resources.some((resource) => display(resource.properties?.[key]) !== '')).slice(0, 2).map((key) => ({ title: key, property: key }));
}

function cell(resource: CloudResource, column: ViewColumn): string {
  const value = valueAt(resource.properties, column.property);
  const text = display(value);
  if (column.format === 'arn-name') return text.split(/[/:]/).pop() ?? text;
  if (column.format === 'date' && /^\d{4}-\d{2}-\d{2}T/.test(text)) return text.slice(0, 10);
  return text;
}

/** Flattens a property value for a table cell: a list as its items, yes/no for flags. */
export function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(display).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    if ('Name' in value) return String((value as { Name: unknown }).Name);
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * A resource model as a readable property list: nested values flattened to dotted paths
 * ("VersioningConfiguration.Status"), list items numbered ("SecurityGroupIngress[1].CidrIp"),
 * lists of plain values and tags on one line ("env=prod, team=payments").
 */
export function propertyRows(properties: Record<string, unknown>): string[][] {
  const rows: string[][] = [];
  const walk = (path: string, value: unknown): void => {
    if (isTagList(value)) rows.push([path, value.map((tag) => `${String(tag.Key)}=${String(tag.Value ?? '')}`).join(', ')]);
    else if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) rows.push([path, value.map(display).join(', ')]);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(`${path}[${index + 1}]`, item));
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) rows.push([path, '']);
      for (const [key, inner] of entries) walk(path ? `${path}.${key}` : key, inner);
    } else rows.push([path, display(value)]);
  };
  walk('', properties);
  return rows;
}

function isTagList(value: unknown): value is Array<{ Key: unknown; Value?: unknown }> {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item && typeof item === 'object' && 'Key' in item && Object.keys(item).every((key) => key === 'Key' || key === 'Value'));
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

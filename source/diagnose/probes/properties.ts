import type { Properties } from '../interrogate.js';

/** A string at a property path, or undefined (Cloud Control properties are untyped JSON). */
export function text(properties: Properties, ...path: string[]): string | undefined {
  let value: unknown = properties;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function items(value: unknown): Properties[] {
  return Array.isArray(value) ? value.filter((item): item is Properties => typeof item === 'object' && item !== null) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** "env=prod, team=data" */
export function tagsOf(properties: Properties): string {
  return items(properties.Tags)
    .map((tag) => `${text(tag, 'Key')}=${text(tag, 'Value') ?? ''}`)
    .join(', ');
}

/** "i-0abc (search-node-01)": an ID with its Name tag when it has one. */
export function named(id: string, properties: Properties): string {
  const name = items(properties.Tags).find((tag) => tag.Key === 'Name');
  return name && typeof name.Value === 'string' ? `${id} (${name.Value})` : id;
}

/** The last segment of an ARN's resource: a role's or policy's name. */
export function lastSegment(arn: string): string {
  return arn.split(/[/:]/).at(-1) ?? arn;
}

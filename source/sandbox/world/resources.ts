import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../../config/package-root.js';
import { registryType } from './registry.js';

/**
 * The sandbox's resource world (config/sandbox/resources.json, written by
 * scripts/generate-sandbox-resources.ts): what Cloud Control lists and reads, what the Tagging API
 * finds and what the cost model bills. Only the fixture account owns resources; every other
 * account is empty. At `scale` k every fixture resource stands for k resources: copy c > 0 is made
 * on demand (its identifier and the properties naming it end in `-c<c>`), so a listing of 100,000
 * resources costs no more memory than one page of it.
 */
export interface SandboxResource {
  typeName: string;
  /** The home region; for global types (IAM, S3 listing, CloudFront, Route 53) where it is billed. */
  region: string;
  /** The Cloud Control identifier: the schema's primary identifier, `|`-joined when compound. */
  identifier: string;
  /** Schema property names and values, as Cloud Control returns them. */
  properties: Record<string, unknown>;
}

/** A listing read by index, so a scaled world is never materialised. */
export interface ResourceSequence {
  readonly length: number;
  at(index: number): SandboxResource;
}

interface WorldFile {
  accountId: string;
  /** Types listed and read the same from every region, as the real service does for them. */
  types: Record<string, { global?: boolean }>;
  resources: SandboxResource[];
}

const copyMark = /-c(\d+)$/;

export class ResourceWorld {
  readonly accountId: string;
  readonly resources: readonly SandboxResource[];
  private readonly globalTypes: ReadonlySet<string>;
  private readonly byScope = new Map<string, SandboxResource[]>();
  private readonly byIdentifier = new Map<string, SandboxResource>();
  private readonly byRegion = new Map<string, SandboxResource[]>();

  constructor(file: WorldFile) {
    this.accountId = file.accountId;
    this.globalTypes = new Set(Object.entries(file.types).flatMap(([type, info]) => (info.global ? [type] : [])));
    this.resources = file.resources;
    for (const resource of file.resources) {
      const scope = this.scopeKey(resource.typeName, resource.region);
      const list = this.byScope.get(scope) ?? [];
      list.push(resource);
      this.byScope.set(scope, list);
      this.byIdentifier.set(`${scope}\u0000${resource.identifier}`, resource);
    }
  }

  isGlobal(typeName: string): boolean {
    return this.globalTypes.has(typeName);
  }

  /** What `accountId` sees of `typeName` in `region` at `scale`, in a stable order. */
  list(accountId: string, typeName: string, region: string, scale = 1): ResourceSequence {
    const base = accountId === this.accountId ? (this.byScope.get(this.scopeKey(typeName, region)) ?? []) : [];
    return sequence(base, scale);
  }

  find(accountId: string, typeName: string, region: string, identifier: string, scale = 1): SandboxResource | undefined {
    if (accountId !== this.accountId) return undefined;
    const scope = this.scopeKey(typeName, region);
    const exact = this.byIdentifier.get(`${scope}\u0000${identifier}`);
    if (exact) return exact;
    const copy = Number(copyMark.exec(identifier)?.[1]);
    if (!(copy >= 1 && copy < scale)) return undefined;
    const base = this.byIdentifier.get(`${scope}\u0000${identifier.replace(copyMark, '')}`);
    return base ? copyOf(base, copy) : undefined;
  }

  /** Every resource of every type whose home region is `region`, at `scale`: what the Tagging API searches there. */
  homedIn(accountId: string, region: string, scale = 1): ResourceSequence {
    if (accountId !== this.accountId) return { length: 0, at: () => undefined as never };
    let base = this.byRegion.get(region);
    if (!base) {
      base = this.resources.filter((resource) => resource.region === region);
      this.byRegion.set(region, base);
    }
    return sequence(base, scale);
  }

  private scopeKey(typeName: string, region: string): string {
    return this.isGlobal(typeName) ? typeName : `${typeName}\u0000${region}`;
  }
}

/** Base resources then their copies 1, 2, … in the same order. */
function sequence(base: readonly SandboxResource[], scale: number): ResourceSequence {
  return { length: base.length * scale, at: (index) => copyOf(base[index % base.length]!, Math.floor(index / base.length)) };
}

/**
 * Copy `copy` of a fixture resource: its identifier, and every top-level string property that names
 * it (the identifier itself, or an ARN or URL ending in its last segment), gain `-c<copy>`.
 */
function copyOf(resource: SandboxResource, copy: number): SandboxResource {
  if (copy === 0) return resource;
  const suffix = `-c${copy}`;
  const parts = resource.identifier.split('|');
  const last = parts[parts.length - 1]!;
  const segment = last.split(/[/:]/).pop()!;
  const names = (value: string) => value === last || (value.endsWith(segment) && '/:'.includes(value.charAt(value.length - segment.length - 1)));
  const properties = Object.fromEntries(Object.entries(resource.properties).map(([key, value]) => [key, typeof value === 'string' && names(value) ? value + suffix : value]));
  return { ...resource, identifier: [...parts.slice(0, -1), last + suffix].join('|'), properties };
}

/**
 * The resource's ARN as the Tagging API reports it: the identifier when it is an ARN, else the
 * registry's ARN template filled from the properties (a variable no property names is the
 * identifier's last part), else the model's own Arn property.
 */
export function arnOf(resource: SandboxResource, accountId: string): string | undefined {
  const first = resource.identifier.split('|')[0]!;
  if (first.startsWith('arn:')) return first;
  const template = registryType(resource.typeName)?.arn;
  if (template) {
    const fixed: Record<string, string> = { Partition: 'aws', Region: resource.region, Account: accountId };
    const unresolved = [...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !(name in fixed) && typeof resource.properties[name] !== 'string');
    if (unresolved.length <= 1) {
      return template.replace(/\$\{(\w+)\}/g, (_m, name: string) => fixed[name] ?? (typeof resource.properties[name] === 'string' ? (resource.properties[name] as string) : resource.identifier.split('|').pop()!));
    }
  }
  const own = resource.properties.Arn ?? resource.properties.ARN;
  return typeof own === 'string' ? own : undefined;
}

/** The resource's tags as key → value, from `Tags` ([{Key, Value}] or a map) or a type's own tag property. */
export function tagsOf(resource: SandboxResource): Map<string, string> {
  const raw = resource.properties.Tags ?? resource.properties.HostedZoneTags ?? resource.properties.TagList;
  const tags = new Map<string, string>();
  if (Array.isArray(raw)) {
    for (const tag of raw as Array<{ Key?: unknown; Value?: unknown }>) if (typeof tag?.Key === 'string') tags.set(tag.Key, String(tag.Value ?? ''));
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) tags.set(key, String(value));
  }
  return tags;
}

let cached: ResourceWorld | undefined;

/** Loaded on first use, so starting the sandbox stays cheap. */
export function resourceWorld(): ResourceWorld {
  cached ??= new ResourceWorld(JSON.parse(readFileSync(shippedConfigPath('sandbox', 'resources.json'), 'utf8')) as WorldFile);
  return cached;
}

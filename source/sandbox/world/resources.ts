import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../../config/package-root.js';

/**
 * The sandbox's resource world (config/sandbox/resources.json, written by
 * scripts/generate-sandbox-resources.ts): what Cloud Control lists and reads, and what the cost
 * model bills. Only the fixture account owns resources; every other account is empty.
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

export interface ResourceTypeInfo {
  /** Listed and read the same from every region, as the real service does for these types. */
  global?: boolean;
  /** false for a type whose schema has no list handler. */
  listable?: boolean;
  /** ResourceModel properties the list handler requires (a child type's parent). */
  listRequires?: string[];
}

interface WorldFile {
  accountId: string;
  types: Record<string, ResourceTypeInfo>;
  resources: SandboxResource[];
}

export class ResourceWorld {
  readonly accountId: string;
  readonly types: ReadonlyMap<string, ResourceTypeInfo>;
  readonly resources: readonly SandboxResource[];
  private readonly byScope = new Map<string, SandboxResource[]>();
  private readonly byIdentifier = new Map<string, SandboxResource>();

  constructor(file: WorldFile) {
    this.accountId = file.accountId;
    this.types = new Map(Object.entries(file.types));
    this.resources = file.resources;
    for (const resource of file.resources) {
      const scope = this.scopeKey(resource.typeName, resource.region);
      const list = this.byScope.get(scope) ?? [];
      list.push(resource);
      this.byScope.set(scope, list);
      this.byIdentifier.set(`${scope}\u0000${resource.identifier}`, resource);
    }
  }

  typeInfo(typeName: string): ResourceTypeInfo | undefined {
    return this.types.get(typeName);
  }

  /** What `accountId` sees of `typeName` in `region`, in a stable order. */
  list(accountId: string, typeName: string, region: string): readonly SandboxResource[] {
    if (accountId !== this.accountId) return [];
    return this.byScope.get(this.scopeKey(typeName, region)) ?? [];
  }

  find(accountId: string, typeName: string, region: string, identifier: string): SandboxResource | undefined {
    if (accountId !== this.accountId) return undefined;
    return this.byIdentifier.get(`${this.scopeKey(typeName, region)}\u0000${identifier}`);
  }

  private scopeKey(typeName: string, region: string): string {
    return this.types.get(typeName)?.global ? typeName : `${typeName}\u0000${region}`;
  }
}

let cached: ResourceWorld | undefined;

/** Loaded on first use, so starting the sandbox stays cheap. */
export function resourceWorld(): ResourceWorld {
  cached ??= new ResourceWorld(JSON.parse(readFileSync(shippedConfigPath('sandbox', 'resources.json'), 'utf8')) as WorldFile);
  return cached;
}

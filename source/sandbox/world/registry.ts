import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../../config/package-root.js';

/**
 * What the sandbox knows of every resource type, as Cloud Control uses it: the primary identifier,
 * whether the type has a list handler and the ResourceModel properties a list requires
 * (config/resource-types.json: aws-service-spec and the catalog's hand-checked tables), and the
 * write-only properties and ARN template (config/resource-schemas.json; write-only properties are
 * known only where checked by hand, see scripts/generate-resource-schemas.ts). The sandbox knows
 * every type here; a type without fixture data simply has no resources.
 */
export interface RegistryType {
  typeName: string;
  primaryIdentifier: string[];
  /** false where the schema has no list handler: ListResources answers UnsupportedActionException. */
  list: boolean;
  listRequires: string[];
  /** What the list handler returns besides the primary identifier, where AWS documents it (config/list-handlers.json). */
  listProperties: string[];
  /** Paths below /properties ("Code/ZipFile", "Rules/*\/Prefix") GetResource never returns. */
  writeOnly: string[];
  /** `arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}`, where the registry has one. */
  arn?: string;
}

/** Cloud Control's TypeName pattern (botocore cloudcontrol 2021-09-30, shape TypeName), anchored as the service applies it. */
export const typeNamePattern = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

interface CatalogLine {
  type: string;
  primaryIdentifier: string[];
  list: boolean;
  listParents?: string[];
}

interface SchemaLine {
  type: string;
  writeOnly?: string[];
  arn?: string;
}

let loaded: Map<string, RegistryType> | undefined;

function registry(): Map<string, RegistryType> {
  if (loaded) return loaded;
  const read = <T>(file: string) => (JSON.parse(readFileSync(shippedConfigPath(file), 'utf8')) as { types: T[] }).types;
  const schemas = new Map(read<SchemaLine>('resource-schemas.json').map((line) => [line.type, line]));
  const listHandlers = (JSON.parse(readFileSync(shippedConfigPath('list-handlers.json'), 'utf8')) as { types: Record<string, string[]> }).types;
  loaded = new Map(
    read<CatalogLine>('resource-types.json').map((line) => {
      const schema = schemas.get(line.type);
      return [
        line.type,
        {
          typeName: line.type,
          primaryIdentifier: line.primaryIdentifier,
          list: line.list,
          listRequires: line.listParents ?? [],
          listProperties: (listHandlers[line.type] ?? []).filter((key) => !line.primaryIdentifier.includes(key)),
          writeOnly: schema?.writeOnly ?? [],
          ...(schema?.arn ? { arn: schema.arn } : {}),
        },
      ];
    }),
  );
  return loaded;
}

export function registryType(typeName: string): RegistryType | undefined {
  return registry().get(typeName);
}

/** The model without its write-only properties: paths may go through arrays with `*`. */
export function withoutWriteOnly(properties: Record<string, unknown>, writeOnly: readonly string[]): Record<string, unknown> {
  if (writeOnly.length === 0) return properties;
  const copy = structuredClone(properties);
  for (const path of writeOnly) remove(copy, path.split('/'));
  return copy;
}

function remove(value: unknown, path: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const children = head === '*' ? Object.keys(value) : [head];
  for (const key of children) {
    if (rest.length === 0) delete (value as Record<string, unknown>)[key];
    else remove((value as Record<string, unknown>)[key], rest);
  }
}

// Writes config/resource-types.json, the catalog the question planner resolves resource nouns
// against: every AWS:: CloudFormation type from the registry data that @aws-cdk/aws-service-spec
// ships, merged with the hand-written synonyms in config/resource-synonyms.json.
// Run after bumping the package or editing synonyms: npx tsx scripts/generate-resource-catalog.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { phraseKeys, type ResourceTypeEntry } from '../source/understanding/resource-catalog.js';

const sourcePackage = '@aws-cdk/aws-service-spec';
const configDir = new URL('../config/', import.meta.url);

// The package records no registry `handlers`, so list support and the ResourceModel that
// ListResources requires (`handlers.list.handlerSchema.required`) come from the registry schemas
// themselves, extracted into config/resource-schemas.json (scripts/generate-resource-schemas.ts).
// Types without a schema there are assumed listable unless noListHandler names them (types that are
// not Cloud Control types, checked by hand), with parents inferred from a composite primary
// identifier (see inferredParents).
const noListHandler = new Set([
  'AWS::Budgets::Budget',
  'AWS::CodeBuild::Project',
  'AWS::CodeCommit::Repository',
  'AWS::DirectoryService::MicrosoftAD',
  'AWS::DMS::ReplicationInstance',
  'AWS::DMS::ReplicationTask',
  'AWS::DocDB::DBCluster',
  'AWS::DocDB::DBInstance',
  'AWS::EMR::Cluster',
  'AWS::FSx::FileSystem',
  'AWS::Glue::Connection',
  'AWS::Glue::Table',
  'AWS::IAM::AccessKey',
  'AWS::IAM::Policy',
  'AWS::SageMaker::NotebookInstance',
  'AWS::ServiceDiscovery::PrivateDnsNamespace',
]);

/** The part of the registry data read here. */
interface SpecResource {
  cloudFormationType: string;
  cloudFormationTransform?: string;
  primaryIdentifier?: string[];
  properties: Record<string, { relationshipRefs?: Array<{ cloudFormationType: string }> }>;
}


function splitType(type: string): { service: string; name: string } {
  const [, service = '', name = ''] = type.split('::');
  return { service, name };
}

/** "DBInstance" → "db instance", "EC2Fleet" → "ec2 fleet". */
function humanName(name: string): string {
  return (name.match(/[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+/g) ?? [name]).join(' ').toLowerCase();
}

function plural(phrase: string): string {
  if (/[^aeiou]y$/.test(phrase)) return `${phrase.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(phrase)) return `${phrase}es`;
  return `${phrase}s`;
}

/** "ClusterName" → "Cluster": the noun a property names. */
function stemOf(property: string): string {
  return property.replace(/(Name|Id|ID|Arn|ARN|Identifier)$/, '') || property;
}

/** The type a parent property names: by relationship reference, else by name within the service ("ClusterName" → AWS::EKS::Cluster). */
function parentTypeOf(resource: SpecResource, property: string, typesByService: Map<string, string[]>): string | undefined {
  const self = resource.cloudFormationType;
  const siblings = (typesByService.get(splitType(self).service) ?? []).filter((t) => t !== self);
  // A parent lives in the same service; references elsewhere are targets (a scalable target's MSK cluster).
  const ref = resource.properties[property]?.relationshipRefs?.find((r) => siblings.includes(r.cloudFormationType));
  if (ref) return ref.cloudFormationType;
  const stem = stemOf(property).toLowerCase();
  const candidates = siblings.filter((t) => stem.endsWith(splitType(t).name.toLowerCase()));
  return candidates.sort((a, b) => splitType(b).name.length - splitType(a).name.length)[0];
}

/**
 * Parents guessed for unchecked types: components of a composite primary identifier that name
 * another type (ApiGateway::Stage's RestApiId), as long as one component is the resource's own.
 */
function inferredParents(resource: SpecResource, typesByService: Map<string, string[]>): string[] {
  const ids = resource.primaryIdentifier ?? [];
  if (ids.length < 2) return [];
  const ownName = splitType(resource.cloudFormationType).name.toLowerCase();
  const parents = ids.filter(
    (p) => resource.properties[p] !== undefined && !ownName.endsWith(stemOf(p).toLowerCase()) && parentTypeOf(resource, p, typesByService) !== undefined,
  );
  return parents.length < ids.length ? parents : [];
}

function readCuratedSynonyms(known: Set<string>): Map<string, string[]> {
  const raw = JSON.parse(readFileSync(new URL('resource-synonyms.json', configDir), 'utf8')) as Record<string, unknown>;
  const curated = new Map(Object.entries(raw).filter(([key]) => !key.startsWith('$')) as Array<[string, string[]]>);
  const unknown = [...curated.keys()].filter((type) => !known.has(type));
  if (unknown.length > 0) throw new Error(`resource-synonyms.json names types ${sourcePackage} does not know: ${unknown.join(', ')}`);
  return curated;
}

/** Names every type gets: "eks nodegroups", and for multi-word names "transit gateway route tables". */
function derivedSynonyms(type: string): string[] {
  const { service, name } = splitType(type);
  const human = humanName(name);
  const qualified = `${service.toLowerCase()} ${plural(human)}`;
  return human.includes(' ') ? [qualified, plural(human)] : [qualified];
}

/** Keeps a derived name only where no other type claims any spelling of it, so derived names never make a lookup ambiguous. */
function mergeSynonyms(types: string[], curated: Map<string, string[]>): Map<string, string[]> {
  const derived = new Map(types.map((type) => [type, derivedSynonyms(type)]));
  const owners = new Map<string, Set<string>>();
  for (const [type, phrases] of [...curated, ...derived]) {
    for (const key of phrases.flatMap(phraseKeys)) owners.set(key, (owners.get(key) ?? new Set()).add(type));
  }
  const merged = new Map<string, string[]>();
  for (const type of types) {
    const own = curated.get(type) ?? [];
    const extra = (derived.get(type) ?? []).filter(
      (phrase) => !own.includes(phrase) && phraseKeys(phrase).every((key) => [...(owners.get(key) ?? [])].every((owner) => owner === type)),
    );
    merged.set(type, [...own, ...extra]);
  }
  return merged;
}

interface RegistryHandlers {
  type: string;
  schema?: boolean;
  list?: boolean;
  listRequires?: string[];
}

/** List support and list parents from the registry schemas, for the types that have one. */
function readRegistryHandlers(): Map<string, RegistryHandlers> {
  const { types } = JSON.parse(readFileSync(new URL('resource-schemas.json', configDir), 'utf8')) as { types: RegistryHandlers[] };
  return new Map(types.filter((entry) => entry.schema).map((entry) => [entry.type, entry]));
}

function buildCatalog(resources: SpecResource[]): ResourceTypeEntry[] {
  const registry = readRegistryHandlers();
  const known = new Set(resources.map((r) => r.cloudFormationType));
  for (const type of noListHandler) {
    if (!known.has(type)) throw new Error(`override for ${type}, which ${sourcePackage} does not know`);
  }
  const typesByService = new Map<string, string[]>();
  for (const type of known) typesByService.set(splitType(type).service, [...(typesByService.get(splitType(type).service) ?? []), type]);
  const curated = readCuratedSynonyms(known);
  const synonyms = mergeSynonyms([...known].sort(), curated);

  return resources.map((resource) => {
    const type = resource.cloudFormationType;
    const { service, name } = splitType(type);
    const schema = registry.get(type);
    const checked = schema !== undefined || noListHandler.has(type);
    const list = schema ? schema.list === true : !noListHandler.has(type);
    const parents = !list ? [] : schema ? (schema.listRequires ?? []) : inferredParents(resource, typesByService);
    const parentTypes = Object.fromEntries(parents.flatMap((p) => {
      const parentType = parentTypeOf(resource, p, typesByService);
      return parentType ? [[p, parentType]] : [];
    }));
    return {
      type,
      service,
      name,
      primaryIdentifier: resource.primaryIdentifier ?? [],
      list,
      ...(parents.length > 0 ? { listParents: parents } : {}),
      ...(Object.keys(parentTypes).length > 0 ? { parentTypes } : {}),
      ...(checked ? { listChecked: true } : {}),
      ...(curated.has(type) ? { curated: true } : {}),
      synonyms: synonyms.get(type) ?? [],
    };
  });
}

const registry: SpecResource[] = loadAwsServiceSpecSync().all('resource');
const resources = registry
  // SAM transforms (AWS::Serverless::*) are macros, not resources Cloud Control can see.
  .filter((r) => r.cloudFormationType.startsWith('AWS::') && !r.cloudFormationTransform)
  .sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : 1));
const entries = buildCatalog(resources);
const version = (createRequire(import.meta.url)(`${sourcePackage}/package.json`) as { version: string }).version;
const comment = 'Generated by scripts/generate-resource-catalog.ts from the source package and config/resource-synonyms.json; do not edit by hand.';
const lines = entries.map((entry) => JSON.stringify(entry));
const body = `{\n"$comment": ${JSON.stringify(comment)},\n"source": "${sourcePackage}@${version}",\n"types": [\n${lines.join(',\n')}\n]}\n`;
writeFileSync(new URL('resource-types.json', configDir), body);
console.log(`resource-types.json: ${entries.length} types, ${entries.filter((e) => e.curated).length} curated, from ${sourcePackage}@${version}`);

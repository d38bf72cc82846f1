import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../config/package-root.js';
import type { AwsClients } from './clients.js';
import type { TokenBucket } from './pacing.js';
import { PageTokens } from './page-tokens.js';
import { UnexpectedReplyError } from './unexpected-reply.js';

export interface CloudResource {
  identifier: string;
  region: string;
  /** Parsed Properties, or null when the service sent something that is not a JSON object. */
  properties: Record<string, unknown> | null;
  /** Set when a listing gave no more than its list handler is known to return (see isListHandlerShaped): GetResource has the rest. */
  partial?: true;
}

export interface Listing {
  resources: CloudResource[];
  pages: number;
  /** True when listing stopped at the cap with pages left. */
  truncated: boolean;
}

export interface ListRequest {
  typeName: string;
  resourceModel: Record<string, string> | null;
  region: string;
  /** Stop after this many resources. */
  cap: number;
  signal?: AbortSignal;
  /** The region's request bucket: every page waits for a token. */
  pacer?: TokenBucket;
}

/**
 * The SDK module, asked of the module loader once per process. Every listing and every
 * GetResource asked again, a module-loader round trip each (through a loader thread when one is
 * registered, as under tsx): at scale 1 that was part of an all-regions count's fixed overhead.
 */
let sdk: Promise<typeof import('@aws-sdk/client-cloudcontrol')> | undefined;
const cloudControlSdk = () => (sdk ??= import('@aws-sdk/client-cloudcontrol'));

/**
 * Cloud Control ListResources through every page the server chooses, up to the cap. The next
 * page is asked for as soon as a page's NextToken is known, before its descriptions are read, so
 * reading a page overlaps the next one's round trip instead of adding to the chain of pages.
 */
export async function listResources(clients: AwsClients, request: ListRequest): Promise<Listing> {
  const [client, { ListResourcesCommand }] = await Promise.all([clients.get('cloudcontrol', request.region), cloudControlSdk()]);
  const options = request.signal ? { abortSignal: request.signal } : {};
  const input = { TypeName: request.typeName, ...(request.resourceModel ? { ResourceModel: JSON.stringify(request.resourceModel) } : {}) };
  const ask = async (nextToken: string | undefined) => {
    await request.pacer?.take(request.signal);
    return client.send(new ListResourcesCommand({ ...input, ...(nextToken ? { NextToken: nextToken } : {}) }), options);
  };
  const resources: CloudResource[] = [];
  const listed = documentedListProperties(request.typeName);
  const tokens = new PageTokens('cloudcontrol ListResources');
  let pages = 0;
  let more = true;
  let next: ReturnType<typeof ask> | undefined = ask(undefined);
  while (next) {
    const page = await next;
    next = undefined;
    pages++;
    const descriptions: unknown = page.ResourceDescriptions ?? [];
    if (!Array.isArray(descriptions)) throw new UnexpectedReplyError('cloudcontrol ListResources', 'ResourceDescriptions is not a list');
    // The guard sees each token before it is sent again.
    const token = tokens.next(page.NextToken);
    more = token !== undefined;
    if (more && resources.length + descriptions.length < request.cap) {
      next = ask(token);
      // Read below while it is on its way; a throw there leaves it to fail unheard, not unhandled.
      next.catch(() => undefined);
    }
    for (const description of descriptions) {
      const identifier = identifierOf(description, 'cloudcontrol ListResources');
      const properties = parseProperties(description.Properties);
      resources.push(isListHandlerShaped(identifier, properties, listed) ? { identifier, region: request.region, properties, partial: true } : { identifier, region: request.region, properties });
    }
  }
  return { resources: resources.slice(0, request.cap), pages, truncated: more || resources.length > request.cap };
}

export async function getResource(
  clients: AwsClients,
  request: { typeName: string; identifier: string; region: string; signal?: AbortSignal; pacer?: TokenBucket },
): Promise<CloudResource> {
  const [client, { GetResourceCommand }] = await Promise.all([clients.get('cloudcontrol', request.region), cloudControlSdk()]);
  await request.pacer?.take(request.signal);
  const reply = await client.send(new GetResourceCommand({ TypeName: request.typeName, Identifier: request.identifier }), request.signal ? { abortSignal: request.signal } : {});
  const description = reply.ResourceDescription;
  if (description === undefined) return { identifier: request.identifier, region: request.region, properties: null };
  return { identifier: identifierOf(description, 'cloudcontrol GetResource'), region: request.region, properties: parseProperties(description.Properties) };
}

/**
 * Whether a listed resource came with no more than its type's list handler is known to return:
 * every property is one of the identifier's `|`-joined parts (most list handlers return only the
 * primary identifier) or one AWS documents that handler to return (config/list-handlers.json: a
 * log group's RetentionInDays and Arn). Such a resource must be read with GetResource before a
 * filter or a column can use its other properties (tags, state, names).
 */
function isListHandlerShaped(identifier: string, properties: Record<string, unknown> | null, listed: readonly string[]): boolean {
  // Run for every listed resource: the documented list (`listed`) is looked up once per listing by the caller, the identifier split only when needed.
  let parts: string[] | undefined;
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (!listed.includes(key) && !(typeof value === 'string' && (parts ??= identifier.split('|')).includes(value))) return false;
  }
  return true;
}

let listHandlers: Record<string, string[]> | undefined;

/** The properties AWS documents a type's list handler to return beyond its identifier (none for most types). */
export function documentedListProperties(typeName: string): readonly string[] {
  listHandlers ??= (JSON.parse(readFileSync(shippedConfigPath('list-handlers.json'), 'utf8')) as { types: Record<string, string[]> }).types;
  return listHandlers[typeName] ?? [];
}

/** A resource description's Identifier, which Cloud Control always sends as a non-empty string. */
function identifierOf(description: unknown, operation: string): string {
  const identifier = (description as { Identifier?: unknown } | null)?.Identifier;
  if (typeof identifier !== 'string' || identifier === '') throw new UnexpectedReplyError(operation, 'a resource description without an Identifier');
  return identifier;
}

/**
 * Properties arrive as a JSON string; anything else becomes null rather than an exception. So does
 * JSON nested deeper than any resource model, which would overflow the stack of whatever recursed
 * into it later (a table cell's JSON.stringify, a tag's String()).
 */
export function parseProperties(raw: unknown): Record<string, unknown> | null {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    // Nesting past the depth takes two brackets a level: a shorter text cannot, and is not walked.
    const tooDeep = raw.length > 2 * maxPropertyDepth && nestedDeeperThan(value, maxPropertyDepth);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !tooDeep ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const maxPropertyDepth = 64;

/** Whether a parsed JSON value nests objects or arrays deeper than `limit` (walked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

import type { AwsClients } from './clients.js';
import type { Pacer } from './fanout.js';
import { PageTokens } from './page-tokens.js';
import { UnexpectedReplyError } from './unexpected-reply.js';

export interface CloudResource {
  identifier: string;
  region: string;
  /** Parsed Properties, or null when the service sent something that is not a JSON object. */
  properties: Record<string, unknown> | null;
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
  pacer?: Pacer;
}

/** Cloud Control ListResources through every page the server chooses, up to the cap. */
export async function listResources(clients: AwsClients, request: ListRequest): Promise<Listing> {
  const [client, { ListResourcesCommand }] = await Promise.all([clients.get('cloudcontrol', request.region), import('@aws-sdk/client-cloudcontrol')]);
  const resources: CloudResource[] = [];
  const tokens = new PageTokens('cloudcontrol ListResources');
  let nextToken: string | undefined;
  let pages = 0;
  do {
    await request.pacer?.wait(request.signal);
    const page = await client.send(
      new ListResourcesCommand({
        TypeName: request.typeName,
        ...(request.resourceModel ? { ResourceModel: JSON.stringify(request.resourceModel) } : {}),
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
      request.signal ? { abortSignal: request.signal } : {},
    );
    pages++;
    const descriptions: unknown = page.ResourceDescriptions ?? [];
    if (!Array.isArray(descriptions)) throw new UnexpectedReplyError('cloudcontrol ListResources', 'ResourceDescriptions is not a list');
    for (const description of descriptions) {
      resources.push({ identifier: identifierOf(description, 'cloudcontrol ListResources'), region: request.region, properties: parseProperties(description.Properties) });
    }
    nextToken = tokens.next(page.NextToken);
  } while (nextToken && resources.length < request.cap);
  return { resources: resources.slice(0, request.cap), pages, truncated: Boolean(nextToken) || resources.length > request.cap };
}

export async function getResource(
  clients: AwsClients,
  request: { typeName: string; identifier: string; region: string; signal?: AbortSignal },
): Promise<CloudResource> {
  const [client, { GetResourceCommand }] = await Promise.all([clients.get('cloudcontrol', request.region), import('@aws-sdk/client-cloudcontrol')]);
  const reply = await client.send(new GetResourceCommand({ TypeName: request.typeName, Identifier: request.identifier }), request.signal ? { abortSignal: request.signal } : {});
  const description = reply.ResourceDescription;
  if (description === undefined) return { identifier: request.identifier, region: request.region, properties: null };
  return { identifier: identifierOf(description, 'cloudcontrol GetResource'), region: request.region, properties: parseProperties(description.Properties) };
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
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !nestedDeeperThan(value, maxPropertyDepth) ? (value as Record<string, unknown>) : null;
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

import type { AwsClients } from './clients.js';
import type { Pacer } from './fanout.js';

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
    for (const description of page.ResourceDescriptions ?? []) {
      if (!description.Identifier) continue;
      resources.push({ identifier: description.Identifier, region: request.region, properties: parseProperties(description.Properties) });
    }
    nextToken = page.NextToken || undefined;
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
  return { identifier: description?.Identifier ?? request.identifier, region: request.region, properties: parseProperties(description?.Properties) };
}

/** Properties arrive as a JSON string; anything else becomes null rather than an exception. */
export function parseProperties(raw: string | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

import { QchatError } from '../errors.js';
import { recordOperation } from '../storage/operation-record.js';

/**
 * A small hand-written client for the Amazon Q Developer endpoints (no SDK package ships them).
 * Protocol, hosts and shapes as in AWS's open-source Q Developer CLI (github
 * aws/amazon-q-developer-cli: crates/amzn-codewhisperer-client and
 * crates/chat-cli/src/api_client/endpoints.rs): awsJson1_0, POST to the endpoint's root with
 * `X-Amz-Target: AmazonCodeWhispererService.<Operation>`, `Authorization: Bearer <SSO OIDC access
 * token>`; endpoints https://q.us-east-1.amazonaws.com and https://q.eu-central-1.amazonaws.com.
 * With an endpoint override (the sandbox, `--endpoint-url`) each region is `<endpoint>/q/<region>/`.
 */
export const qDeveloperRegions = ['us-east-1', 'eu-central-1'] as const;
export type QDeveloperRegion = (typeof qDeveloperRegions)[number];

/** The largest reply read from a Q endpoint; its replies are a few kilobytes. */
const maxReplyBytes = 1024 * 1024;

export class QDeveloperError extends QchatError {
  override name = 'QDeveloperError';

  constructor(
    readonly operation: string,
    readonly region: string,
    readonly errorType: string,
    message: string,
    readonly status: number,
  ) {
    super('Q_DEVELOPER_ERROR', `Amazon Q Developer ${operation} in ${region}: ${errorType}${message ? `: ${message}` : ''}`, { details: { region, operation } });
  }

  /** An expired, revoked or unscoped token: signing in again (or refreshing) is the remedy. */
  get isAuthFailure(): boolean {
    return this.errorType === 'AccessDeniedException' && /token/i.test(this.message);
  }
}

export function qDeveloperEndpoint(region: string, endpointOverride: string | undefined): string {
  return endpointOverride ? new URL(`q/${region}/`, endpointOverride.endsWith('/') ? endpointOverride : `${endpointOverride}/`).toString() : `https://q.${region}.amazonaws.com/`;
}

export interface QCall {
  region: string;
  endpointOverride: string | undefined;
  accessToken: string;
  signal?: AbortSignal;
}

/** Sends one operation; `query` members go in the URI too, as the generated client does for GetUsageLimits. */
export async function callQDeveloper(call: QCall, operation: string, input: Record<string, unknown>, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const url = new URL(qDeveloperEndpoint(call.region, call.endpointOverride));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const targetPrefix = 'AmazonCodeWhispererService';
  recordOperation({ side: 'sent', client: 'q-developer', operation, protocol: 'awsJson1_0', targetPrefix, method: 'POST', path: url.pathname, auth: 'bearer', host: call.endpointOverride ? 'override' : url.host });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${targetPrefix}.${operation}`,
        authorization: `Bearer ${call.accessToken}`,
        'user-agent': 'qchat',
      },
      body: JSON.stringify(input),
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    if (call.signal?.aborted) throw error;
    throw new QDeveloperError(operation, call.region, 'NetworkError', `could not reach ${url.origin} (${(error as Error).message})`, 0);
  }
  const text = await readCapped(response, operation, call.region);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new QDeveloperError(operation, call.region, 'UnexpectedReply', `HTTP ${response.status} with a body that is not JSON`, response.status);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new QDeveloperError(operation, call.region, 'UnexpectedReply', 'the reply is not a JSON object', response.status);
  const record = body as Record<string, unknown>;
  if (!response.ok) {
    const type = String(response.headers.get('x-amzn-errortype') ?? record.__type ?? `HTTP ${response.status}`).split(':')[0]!.split('#').at(-1)!;
    throw new QDeveloperError(operation, call.region, type, String(record.message ?? record.Message ?? ''), response.status);
  }
  return record;
}

async function readCapped(response: Response, operation: string, region: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxReplyBytes) {
      await reader.cancel();
      throw new QDeveloperError(operation, region, 'UnexpectedReply', `the reply is larger than ${maxReplyBytes} bytes`, response.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

import type { IncomingHttpHeaders } from 'node:http';

/**
 * Wire-level pieces shared by every sandbox service: the parsed request, the reply, and the
 * real AWS error shapes for each protocol family.
 */
export type Protocol = 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restJson1';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Region and signing name from the SigV4 credential scope; the sandbox default region when unsigned. */
  region: string;
  signingService: string | undefined;
  /** The access key ID from the SigV4 Authorization header: it selects the sandbox caller. */
  accessKeyId: string | undefined;
  protocol: Protocol;
  /** `Operation` for awsJson/awsQuery (from X-Amz-Target or Action); the route name for restJson. */
  operation: string;
  /** awsJson/restJson body parsed as JSON, awsQuery form fields as an object. */
  input: Record<string, unknown>;
}

export interface SandboxReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A modeled AWS error: thrown by handlers, turned into the protocol's error shape by the server. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** awsQuery's <Type>: Sender for client faults, Receiver for server faults. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

export function requestId(): string {
  return crypto.randomUUID();
}

export function jsonReply(protocol: Protocol, value: unknown, status = 200): SandboxReply {
  const contentType = protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : protocol === 'awsJson1_1' ? 'application/x-amz-json-1.1' : 'application/json';
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId() }, body: JSON.stringify(value) };
}

export function xmlReply(operation: string, namespace: string, resultXml: string): SandboxReply {
  const id = requestId();
  const body =
    `<${operation}Response xmlns="${namespace}">` +
    `<${operation}Result>${resultXml}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id }, body };
}

/** The protocol's error shape; an awsQuery ErrorResponse carries the service's namespace, as STS's does. */
export function errorReply(protocol: Protocol, error: AwsError, xmlNamespace?: string): SandboxReply {
  const id = requestId();
  if (protocol === 'awsQuery') {
    const body =
      `<ErrorResponse${xmlNamespace ? ` xmlns="${escapeXml(xmlNamespace)}"` : ''}><Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
    return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id }, body };
  }
  const contentType = protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : protocol === 'awsJson1_1' ? 'application/x-amz-json-1.1' : 'application/json';
  const body = protocol === 'restJson1' ? { message: error.message } : { __type: error.code, Message: error.message };
  return {
    status: error.status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': id, 'x-amzn-errortype': error.code },
    body: JSON.stringify(body),
  };
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const scopePattern = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Reads the access key, region and signing name from a SigV4 `Authorization` header. */
export function parseSigV4(authorization: string | undefined): { accessKeyId: string; region: string; service: string } | undefined {
  const match = authorization ? scopePattern.exec(authorization) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

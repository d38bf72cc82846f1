import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { AwsTarget } from './clients.js';

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape SignatureV4 expects, on node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

export interface SignedCall {
  /** SigV4 signing name, e.g. `signin`. */
  service: string;
  region: string;
  /** Used when the target has no endpoint override. */
  defaultEndpoint: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * POSTs a SigV4-signed request for an operation no SDK package ships, with the session's
 * credentials and endpoint override. Returns the status and parsed JSON body.
 */
export async function signedPost(target: AwsTarget, call: SignedCall): Promise<{ status: number; body: unknown; errorType: string | undefined }> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const credentials = typeof target.credentials === 'function' ? await target.credentials() : target.credentials;
  const url = new URL(target.endpoint ?? call.defaultEndpoint);
  const signer = new SignatureV4({ service: call.service, region: call.region, credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host, ...call.headers },
    body: call.body,
  });
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body: call.body, ...(call.signal ? { signal: call.signal } : {}) });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { message: text.slice(0, 200) };
  }
  const errorType =
    response.headers.get('x-amzn-errortype')?.split(':')[0] ?? (body as { __type?: string }).__type?.split('#').at(-1) ?? /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  return { status: response.status, body, errorType: response.ok ? undefined : errorType };
}

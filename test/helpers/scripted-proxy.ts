import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProxyReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends the request on to the sandbox (with another body, if given) and gives back its reply. */
export type Forward = (body?: string) => Promise<ProxyReply>;

export interface ScriptedProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A test-only HTTP proxy in front of the sandbox whose script decides each reply: the sandbox's own
 * (`forward()`), the sandbox's reply to a changed request, or one the script makes. For a service
 * behaviour the sandbox does not choose by itself (SSO OIDC's slow_down, a listing split over
 * pages), with every other call going through to the sandbox unchanged.
 */
export async function startScriptedProxy(upstreamUrl: string, script: (request: ProxyRequest, forward: Forward) => ProxyReply | Promise<ProxyReply>): Promise<ScriptedProxy> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      const request: ProxyRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
      const forward: Forward = async (body = request.body) => {
        const reply = await fetch(`${upstreamUrl}${request.url}`, { method: request.method, headers, ...(body ? { body } : {}) });
        // fetch has decoded the body, so its encoding and length no longer apply.
        return { status: reply.status, headers: Object.fromEntries([...reply.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length')), body: await reply.text() };
      };
      try {
        const reply = await script(request, forward);
        res.writeHead(reply.status, reply.headers).end(reply.body);
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`scripted proxy: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

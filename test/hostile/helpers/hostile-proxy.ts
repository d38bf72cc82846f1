import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the proxy saw it: the operation it names and its body. */
export interface ProxiedRequest {
  /** `CloudApiService.ListResources`, `AWSInsightsIndexService.GetCostAndUsage`, or `sts.GetCallerIdentity`. */
  operation: string;
  /** The region the request is signed for. */
  region: string;
  body: string;
}

/** The sandbox's real reply, for a rewrite to start from. */
export interface UpstreamReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** What the proxy sends instead. */
export type HostileAction =
  | { kind: 'reply'; status?: number; headers?: Record<string, string>; body: string | Buffer }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Send the headers and half of the body, then reset the connection. */
  | { kind: 'reset-mid-body'; body: string }
  /** Close the connection without any reply. */
  | { kind: 'drop' }
  /** A 200 whose JSON body never ends: filler is written, as fast as qchat reads, until it closes the connection. */
  | { kind: 'endless' };

export interface HostileRule {
  /** Operations the rule applies to (others pass through unchanged). */
  operations: string[];
  rewrite: (reply: UpstreamReply, request: ProxiedRequest) => HostileAction;
}

export interface HostileProxy {
  url: string;
  /** Sets the rule for the next requests; undefined passes everything through. */
  use(rule: HostileRule | undefined): void;
  /** Operations the rule rewrote since the last `use`. */
  readonly rewritten: string[];
  /** Body bytes written by `endless` replies since the last `use`. */
  readonly endlessBytes: number;
  close(): Promise<void>;
}

/**
 * A test-only HTTP proxy in front of the sandbox: every request goes to the sandbox, and the
 * replies of the operations a rule names are replaced by what the rule returns (broken JSON,
 * HTML error pages, endless pagination, a reply that never comes, a reset mid-body, …). The
 * identity calls pass through, so qchat reaches the question before meeting the hostile reply.
 */
export async function startHostileProxy(upstreamUrl: string): Promise<HostileProxy> {
  const upstream = new URL(upstreamUrl);
  let rule: HostileRule | undefined;
  const rewritten: string[] = [];
  const sockets = new Set<Socket>();
  const counter = { endlessBytes: 0 };

  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const operation = operationOf(req, body.toString('utf8'));
    const reply = await forward(upstream, req, body);
    if (!rule || !rule.operations.includes(operation)) return send(res, { kind: 'reply', status: reply.status, headers: reply.headers, body: reply.body }, counter);
    rewritten.push(operation);
    const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
    send(res, rule.rewrite(reply, { operation, region, body: body.toString('utf8') }), counter);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    use(next) {
      rule = next;
      rewritten.length = 0;
      counter.endlessBytes = 0;
    },
    rewritten,
    get endlessBytes() {
      return counter.endlessBytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target;
  const action = new URLSearchParams(body).get('Action');
  return action ? `sts.${action}` : `${req.method} ${req.url}`;
}

const filler = Buffer.from(`{"Identifier":"${'x'.repeat(1000)}"},`.repeat(64));

function send(res: ServerResponse, action: HostileAction, counter: { endlessBytes: number }): void {
  switch (action.kind) {
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.write('{"TypeName":"AWS::Lambda::Function","ResourceDescriptions":[');
      const pump = (): void => {
        while (!res.destroyed && !res.writableEnded) {
          counter.endlessBytes += filler.length;
          if (!res.write(filler)) return void res.once('drain', pump);
        }
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    case 'hang':
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    case 'reset-mid-body': {
      const bytes = Buffer.from(action.body);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.resetAndDestroy());
      return;
    }
    case 'reply': {
      const bytes = Buffer.isBuffer(action.body) ? action.body : Buffer.from(action.body);
      res.writeHead(action.status ?? 200, { ...(action.headers ?? {}), 'content-length': bytes.length });
      res.end(bytes);
    }
  }
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      async (reply) => {
        const text = (await readAll(reply)).toString('utf8');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(reply.headers)) {
          if (typeof value === 'string' && name !== 'content-length' && name !== 'connection' && name !== 'keep-alive') headers[name] = value;
        }
        resolve({ status: reply.statusCode ?? 500, headers, body: text, json: parseJson(text) });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

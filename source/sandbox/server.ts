import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import type { Clock } from '../config/clock.js';
import { recordOperation } from '../storage/operation-record.js';
import { callerByAccessKey } from './callers.js';
import { FaultInjector, noFaults, type FaultSpec } from './faults.js';
import { RateLimiter } from './rate-limits.js';
import { AwsError, errorReply, jsonReply, parseSigV4, xmlReply, type Protocol, type SandboxReply, type SandboxRequest } from './protocol.js';
import { RawReply, type ListProperties, type SandboxContext, type SandboxService } from './service.js';
import { createServices } from './services/index.js';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  faults?: FaultSpec;
  clock?: Clock;
  approve?: 'manual' | 'auto';
  approveDelayMs?: number;
  /** Region for unsigned calls (SSO OIDC) and the default of the world. */
  defaultRegion?: string;
  /** What ListResources returns (default `identifiers`, as strict as AWS's list handlers). */
  listProperties?: ListProperties;
  /** Multiplies the fixture's resources and costs (default 1). */
  scale?: number;
  /** Request-rate quotas per service (default on). */
  rateLimits?: boolean;
  /** The quotas' clock in milliseconds (default performance.now); a frozen one makes a burst's outcome exact in tests. */
  rateClock?: () => number;
  /** Called once per handled request; used by `sandbox serve --verbose` and tests. */
  onRequest?: (entry: { service: string; operation: string; region: string; status: number }) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The largest request body the sandbox reads; real AWS APIs reject far smaller ones too. */
const maxBodyBytes = 1024 * 1024;

/**
 * Starts the sandbox endpoint on 127.0.0.1 only. Every SDK client pointed at its URL talks the
 * real wire protocol of its service; the request's shape (X-Amz-Target, awsQuery Action, or a REST
 * route) picks the service.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let baseUrl = '';
  let port = 0;
  const context: SandboxContext = {
    clock: options.clock ?? (() => new Date()),
    faults: new FaultInjector(options.faults ?? noFaults),
    approve: options.approve ?? 'manual',
    approveDelayMs: options.approveDelayMs ?? 1500,
    baseUrl: () => baseUrl,
    listProperties: options.listProperties ?? 'identifiers',
    scale: options.scale ?? 1,
    rateLimiter: new RateLimiter(options.rateLimits ?? true, options.rateClock),
  };
  const services = createServices(context);
  const defaultRegion = options.defaultRegion ?? 'us-east-1';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, errorReply('awsJson1_1', new AwsError('InternalFailure', `sandbox failure: ${(error as Error).message}`, 500)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const body = await readBody(req);
    if (body === undefined) {
      send(res, errorReply('restJson1', new AwsError('SerializationException', 'Request body is too large', 413)));
      return;
    }
    if (!isLoopbackHost(header(req, 'host'), port)) {
      // Against DNS rebinding: a page on another origin that resolves its name to 127.0.0.1 sends its own Host.
      return send(res, { status: 421, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'The sandbox answers only requests addressed to 127.0.0.1 or localhost.\n' });
    }
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const signature = parseSigV4(header(req, 'authorization'));
    const target = header(req, 'x-amz-target');
    const contentType = header(req, 'content-type') ?? '';

    let service: SandboxService | undefined;
    let operation = '';
    let protocol: Protocol = 'restJson1';
    const form = contentType.startsWith('application/x-www-form-urlencoded');
    const route = target ? undefined : findRoute(req.method ?? 'GET', url.pathname);
    if (target) {
      const dot = target.lastIndexOf('.');
      const prefix = target.slice(0, dot);
      operation = target.slice(dot + 1);
      service = services.find((s) => s.targetPrefix === prefix);
      protocol = service?.protocol ?? (contentType.includes('1.0') ? 'awsJson1_0' : 'awsJson1_1');
      if (!service) return send(res, errorReply(protocol, new AwsError('UnknownOperationException', `Unknown service target ${prefix}`)));
    } else if (route) {
      ({ service, operation } = route);
      protocol = service.protocol;
    } else if (req.method === 'POST' && form) {
      protocol = 'awsQuery';
      operation = new URLSearchParams(body).get('Action') ?? '';
      service = services.find((s) => s.protocol === 'awsQuery' && s.signingName === signature?.service) ?? services.find((s) => s.protocol === 'awsQuery');
    } else {
      return send(res, errorReply('restJson1', new AwsError('UnknownOperationException', `No operation at ${req.method} ${url.pathname}`, 404)));
    }
    if (!service) return send(res, errorReply(protocol, new AwsError('UnknownOperationException', 'Unknown operation')));

    let input: Record<string, unknown> = {};
    try {
      input = form ? Object.fromEntries(new URLSearchParams(body)) : body.trim() ? parseObject(body) : {};
    } catch {
      return send(res, errorReply(protocol, new AwsError('SerializationException', 'Request body is not valid JSON')));
    }
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      region: signature?.region ?? defaultRegion,
      signingService: signature?.service,
      accessKeyId: signature?.accessKeyId,
      protocol,
      operation,
      input,
    };
    const reply = await dispatch(service, request);
    // The latency fault is the service's response time: the reply leaves that long after the request
    // arrived, the sandbox's own reading, paging and serialising inside it rather than added to it.
    const latency = service.throttled ? context.faults.latencyFor(request.region) : 0;
    const waited = performance.now() - arrived;
    if (latency > waited) await setTimeout(latency - waited);
    options.onRequest?.({ service: service.signingName, operation, region: request.region, status: reply.status });
    send(res, reply);
  }

  function findRoute(method: string, path: string): { service: SandboxService; operation: string } | undefined {
    for (const service of services) {
      const route = service.routes?.find((r) => r.method === method && matchPath(r.path, path));
      if (route) return { service, operation: route.operation };
    }
    return undefined;
  }

  async function dispatch(service: SandboxService, request: SandboxRequest): Promise<SandboxReply> {
    const { protocol, operation, region } = request;
    try {
      const handler = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
      if (!handler) {
        // awsQuery services (STS) answer an unknown Action with InvalidAction, as STS does.
        throw protocol === 'awsQuery'
          ? new AwsError('InvalidAction', `Could not find operation ${operation} for version 2011-06-15`, 400)
          : new AwsError('UnknownOperationException', `Operation ${operation} is not supported by this service`);
      }
      recordServed(service, request);
      const caller = request.accessKeyId ? callerByAccessKey(request.accessKeyId) : undefined;
      if (service.signed && !caller) {
        throw protocol === 'awsQuery'
          ? new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
          : new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
      }
      // A sandbox identity's denied actions (e.g. `organizations:*`); for the services identities are denied, the signing name is the IAM prefix.
      const action = `${service.signingName}:${operation}`;
      if (caller?.denies?.some((denied) => denied === action || denied === `${service.signingName}:*`)) {
        const message = `User: ${caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
        throw protocol === 'awsQuery' ? new AwsError('AccessDenied', message, 403) : new AwsError('AccessDeniedException', message, protocol === 'restJson1' ? 403 : 400);
      }
      const faults = context.faults;
      if (service.regional && faults.isDown(region)) {
        throw new AwsError('ServiceUnavailableException', `Service is unavailable in ${region}`, 503);
      }
      if (service.regional && faults.denies(region)) {
        throw new AwsError('AccessDeniedException', `User: ${caller?.arn ?? 'anonymous'} is not authorized to perform: ${service.signingName}:${operation} in region ${region} with an explicit deny in a service control policy`, 400);
      }
      if (service.rateLimit && !context.rateLimiter.admit(service.signingName, service.rateLimit, caller?.accountId ?? '', region)) {
        throw throttled(service);
      }
      if (service.throttled) {
        const decision = faults.decide(`${service.signingName}:${operation}:${region}:${request.accessKeyId ?? ''}:${request.body}`);
        if (decision.kind === 'throttle') throw throttled(service);
        if (decision.kind === 'error5xx') throw new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', 500);
      }
      const output = await handler({ request, caller, now: context.clock() });
      if (output instanceof RawReply) return output.reply;
      if (protocol === 'awsQuery') {
        return xmlReply(operation, service.xmlNamespace ?? '', String(output ?? ''));
      }
      return jsonReply(protocol, output ?? {});
    } catch (error) {
      if (error instanceof AwsError) return errorReply(protocol, error, service.xmlNamespace);
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the sandbox serves, for the grounding check of the test suite (storage/operation-record.ts): an operation it has a handler for. */
function recordServed(service: SandboxService, request: SandboxRequest): void {
  const route = service.routes?.find((r) => r.operation === request.operation && r.method === request.method);
  recordOperation({
    side: 'served',
    signingName: service.signingName,
    operation: request.operation,
    protocol: service.protocol,
    ...(service.targetPrefix ? { targetPrefix: service.targetPrefix } : {}),
    method: request.method,
    path: route?.path ?? request.path,
    auth: service.signed ? 'sigv4' : service.bearer ? 'bearer' : 'none',
  });
}

function throttled(service: SandboxService): AwsError {
  return service.throttleError?.() ?? new AwsError('ThrottlingException', 'Rate exceeded', 429);
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function matchPath(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

function parseObject(body: string): Record<string, unknown> {
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: SandboxReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

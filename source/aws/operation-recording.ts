import { recordOperation, recordingOperations, type OperationRecord } from '../storage/operation-record.js';

interface SignedRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

type Next = (args: { request?: unknown }) => Promise<unknown>;
interface RecordableClient {
  config: { serviceId?: string };
  middlewareStack: { add(middleware: (next: Next, context: { commandName?: string }) => Next, options: { step: 'deserialize'; name: string }): void };
}

/**
 * When the process records operations (storage/operation-record.ts), adds a middleware that writes
 * down each request the client sends as it goes on the wire: the deserialize step runs after
 * serialization and SigV4 signing, once per attempt, so the record holds the real target header,
 * route and signing name, not what qchat meant to send.
 */
export function recordSentOperations<C>(client: C, endpointOverridden: boolean): C {
  if (!recordingOperations()) return client;
  const { config, middlewareStack } = client as RecordableClient;
  middlewareStack.add(
    (next, context) => async (args) => {
      recordOperation(sentRecord(config.serviceId ?? '', (context.commandName ?? '').replace(/Command$/, ''), args.request as SignedRequest, endpointOverridden));
      return next(args);
    },
    { step: 'deserialize', name: 'qchatRecordOperation' },
  );
  return client;
}

function sentRecord(serviceId: string, operation: string, request: SignedRequest, endpointOverridden: boolean): OperationRecord {
  const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const target = header('x-amz-target');
  const contentType = header('content-type') ?? '';
  const query = contentType.startsWith('application/x-www-form-urlencoded') && typeof request.body === 'string' ? new URLSearchParams(request.body) : undefined;
  const signingName = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(header('authorization') ?? '')?.[1];
  const protocol: OperationRecord['protocol'] = target ? (contentType.includes('1.0') ? 'awsJson1_0' : 'awsJson1_1') : query?.has('Action') ? 'awsQuery' : 'restJson1';
  return {
    side: 'sent',
    client: 'sdk',
    serviceId,
    // The operation as the wire names it, where it does (the target header, the Action); a REST route names none.
    operation: target?.slice(target.lastIndexOf('.') + 1) ?? query?.get('Action') ?? operation,
    protocol,
    ...(target ? { targetPrefix: target.slice(0, target.lastIndexOf('.')) } : {}),
    method: request.method,
    path: request.path,
    auth: signingName ? 'sigv4' : 'none',
    ...(signingName ? { signingName } : {}),
    host: endpointOverridden ? 'override' : request.hostname,
  };
}

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The wire facts of one AWS operation qchat sent, or the sandbox served, written down when
 * QCHAT_RECORD_OPERATIONS names a directory. The test suite sets it (test/global-setup.ts), so
 * every operation the whole suite sends or serves — in test processes and in the dist/cli.js
 * children they spawn — is checked against the public service models when the run ends. Unset
 * (every real use), nothing is recorded and nothing is added to a client.
 */
export interface OperationRecord {
  side: 'sent' | 'served';
  /** sent: the client that sent it — an SDK client, or qchat's hand-written Amazon Q Developer client. */
  client?: 'sdk' | 'q-developer';
  /** sent by an SDK client: its serviceId, as the service model's metadata names the service ("STS", "Cost Explorer"). */
  serviceId?: string;
  /** served: the sandbox service's SigV4 signing name; sent with SigV4: the signing name of the request's credential scope. */
  signingName?: string;
  operation: string;
  protocol: 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restJson1';
  /** awsJson: the X-Amz-Target prefix. */
  targetPrefix?: string;
  method: string;
  /** The request path, without the query string (served restJson1: the route the sandbox matched). */
  path: string;
  /** sent: how the request authenticated; served: what the sandbox service requires (a known SigV4 key, or nothing it checks by signature). */
  auth: 'sigv4' | 'bearer' | 'none';
  /** sent: the host the request went to; `override` when an endpoint override (the sandbox, --endpoint-url) replaced AWS's. */
  host?: string;
}

export const recordingVariable = 'QCHAT_RECORD_OPERATIONS';

/** Whether this process records its operations. */
export function recordingOperations(): boolean {
  return Boolean(process.env[recordingVariable]);
}

const written = new Set<string>();

/** Appends the record to this process's own file in the directory, once per distinct record. */
export function recordOperation(record: OperationRecord): void {
  const dir = process.env[recordingVariable];
  if (!dir) return;
  const line = JSON.stringify(record);
  if (written.has(line)) return;
  written.add(line);
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${line}\n`);
}

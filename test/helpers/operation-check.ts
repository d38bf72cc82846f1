import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationRecord } from '../../source/storage/operation-record.js';
import { botocoreIndex, modelOf, type IndexedModel } from './botocore-index.js';
import { qDeveloperOperations, qDeveloperWire } from './q-developer-model.js';
import type { ServiceModel } from './service-models.js';

/**
 * The grounding rule checked on what really went over the wire: each operation qchat sent, and
 * each the sandbox served (source/storage/operation-record.ts), must be an operation of a public
 * model with the same protocol, target prefix or route, auth and signing name, and, off the
 * sandbox, host. AWS services are checked against botocore's models on this machine (the models
 * the AWS CLI uses, generated apart from the JavaScript SDK that sent the request); the Amazon Q
 * Developer endpoints against AWS's open-source Q Developer client (q-developer-model.ts).
 */

/**
 * IAM Identity Center's browser pages, which the sandbox serves beside the APIs: the device
 * verification page and the authorization endpoint the PKCE flow opens. Web pages, not operations
 * of any model.
 */
const pages = new Set(['ShowDeviceAuthorization', 'DecideDeviceAuthorization', 'ShowAuthorization', 'DecideAuthorization']);

/** botocore's name of each wire protocol, and the JSON version awsJson carries in its content type. */
const botocoreProtocol = { awsJson1_0: ['json', '1.0'], awsJson1_1: ['json', '1.1'], awsQuery: ['query'], restJson1: ['rest-json'] } as const;

export function readRecords(dir: string): OperationRecord[] {
  const lines = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line.trim());
  return [...new Set(lines)].map((line) => JSON.parse(line) as OperationRecord);
}

/** One line per record that no public model bears out; empty when every record is grounded. */
export function ungrounded(records: OperationRecord[]): string[] {
  return records.flatMap((record) => {
    const problems = problemsOf(record);
    return problems.length > 0 ? [`${labelOf(record)}: ${problems.join('; ')}`] : [];
  });
}

export function labelOf(record: OperationRecord): string {
  const service = record.serviceId ?? record.signingName ?? record.client;
  return `${record.side} ${service} ${record.operation} (${record.protocol}${record.targetPrefix ? ` ${record.targetPrefix}` : ''}, ${record.method} ${record.path}, ${record.auth}${record.host ? `, ${record.host}` : ''})`;
}

function problemsOf(record: OperationRecord): string[] {
  if (record.side === 'served' && record.protocol === 'restJson1' && pages.has(record.operation)) return [];
  if (record.client === 'q-developer' || record.targetPrefix === qDeveloperWire.targetPrefix) return qDeveloperProblems(record);
  const candidates = candidatesOf(record);
  if (candidates.length === 0) return [`no botocore model ${record.serviceId ? `has serviceId "${record.serviceId}"` : `serves ${record.targetPrefix ?? record.signingName} over ${record.protocol}`}`];
  // A record is grounded when one model bears out all of it; otherwise the closest model's complaints are the useful ones.
  const found = candidates.map((entry) => wireProblems(entry, modelOf(entry), record)).sort((a, b) => a.length - b.length);
  return found[0]!;
}

function candidatesOf(record: OperationRecord): IndexedModel[] {
  const index = botocoreIndex();
  if (record.serviceId) return index.filter((entry) => entry.metadata.serviceId === record.serviceId);
  if (record.targetPrefix) return index.filter((entry) => entry.metadata.targetPrefix === record.targetPrefix);
  return index.filter((entry) => signingNameOf(entry) === record.signingName && protocolsOf(entry).includes(botocoreProtocol[record.protocol][0]));
}

const signingNameOf = (entry: IndexedModel) => entry.metadata.signingName ?? entry.metadata.endpointPrefix;
const protocolsOf = (entry: IndexedModel): string[] => entry.metadata.protocols ?? [entry.metadata.protocol];

function wireProblems(entry: IndexedModel, model: ServiceModel, record: OperationRecord): string[] {
  const where = `botocore ${entry.dir} ${entry.version}`;
  const operation = model.operations[record.operation];
  if (!operation) return [`${record.operation} is not an operation of ${where}`];
  const found: string[] = [];
  const [protocol, jsonVersion] = botocoreProtocol[record.protocol];
  if (!protocolsOf(entry).includes(protocol)) found.push(`${where} speaks ${protocolsOf(entry).join('/')}, not ${protocol}`);
  if (protocol === 'json') {
    if (entry.metadata.jsonVersion !== jsonVersion) found.push(`${where} is JSON ${entry.metadata.jsonVersion}, not ${jsonVersion}`);
    if (entry.metadata.targetPrefix !== record.targetPrefix) found.push(`${where}'s target prefix is ${entry.metadata.targetPrefix}, not ${record.targetPrefix}`);
  }
  if (protocol === 'rest-json' && !routeMatches(operation.http, record)) found.push(`${where} routes ${record.operation} to ${operation.http?.method} ${operation.http?.requestUri}`);
  if (protocol !== 'rest-json' && record.method !== 'POST') found.push(`${protocol} is POST, not ${record.method}`);
  const unsigned = operation.authtype === 'none' || (operation.auth ?? []).includes('smithy.api#noAuth');
  if (record.auth === 'sigv4' && unsigned) found.push(`${where} sends ${record.operation} unsigned`);
  if (record.auth === 'sigv4' && record.signingName !== signingNameOf(entry)) found.push(`${where} signs as ${signingNameOf(entry)}, not ${record.signingName}`);
  if (record.auth === 'none' && !unsigned) found.push(`${where} requires a signature for ${record.operation}`);
  if (record.auth === 'bearer') found.push(`${where} takes no bearer token`);
  if (record.host && record.host !== 'override' && !hostMatches(entry, record.host)) found.push(`${record.host} is not an endpoint of ${entry.metadata.endpointPrefix}`);
  return found;
}

/** A REST route: the method, and the request URI's path with `{Label}` (one segment) and `{Label+}` (greedy) placeholders. */
function routeMatches(http: { method: string; requestUri: string } | undefined, record: OperationRecord): boolean {
  if (!http || http.method !== record.method) return false;
  const path = http.requestUri.split('?')[0]!;
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? (part.endsWith('+}') ? '.+' : '[^/]+') : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(record.path);
}

/** AWS's endpoint forms: `<prefix>.<region>.amazonaws.com` (and the China partition), or a global `<prefix>.amazonaws.com`. */
function hostMatches(entry: IndexedModel, host: string): boolean {
  return new RegExp(`^${entry.metadata.endpointPrefix.replace(/\./g, '\\.')}\\.([a-z0-9-]+\\.)?amazonaws\\.com(\\.cn)?$`).test(host.replace(/:443$/, ''));
}

function qDeveloperProblems(record: OperationRecord): string[] {
  const found: string[] = [];
  const where = 'the Amazon Q Developer client (amzn-codewhisperer-client)';
  if (!qDeveloperOperations.has(record.operation)) found.push(`${record.operation} is not an operation of ${where}`);
  if (record.protocol !== qDeveloperWire.protocol) found.push(`${where} speaks ${qDeveloperWire.protocol}, not ${record.protocol}`);
  if (record.targetPrefix !== qDeveloperWire.targetPrefix) found.push(`${where}'s target prefix is ${qDeveloperWire.targetPrefix}, not ${record.targetPrefix}`);
  if (record.method !== qDeveloperWire.method) found.push(`${where} sends POST, not ${record.method}`);
  if (record.auth !== qDeveloperWire.auth) found.push(`${where} authenticates with a bearer token, not ${record.auth}`);
  // Off the sandbox, the client's two hosts and their root; one local endpoint serves each region under /q/<region>/.
  // What qchat sends names one of the two regions; a request the sandbox got for another (a test of its refusal) it answers 404 itself.
  const real = record.host !== undefined && record.host !== 'override';
  const sandboxPath = record.side === 'sent' ? /^\/q\/(us-east-1|eu-central-1)\/?$/ : /^\/q\/[a-z0-9-]+\/?$/;
  if (real && !(qDeveloperWire.hosts as readonly string[]).includes(record.host!)) found.push(`${record.host} is not one of ${where}'s endpoints`);
  if (real ? record.path !== '/' : !sandboxPath.test(record.path)) found.push(`path ${record.path} is not an endpoint's root`);
  return found;
}

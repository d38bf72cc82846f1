import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * botocore's service models, read as they ship on this machine: the data directory comes from
 * `python3 -c "import botocore, os; print(os.path.dirname(botocore.__file__))"`, then
 * data/<service>/<version>/service-2.json.gz (or .json) is parsed here. Only `metadata`,
 * `operations` (input, output, errors, http, authtype, auth) and `shapes` (type, members, required, member, key, value,
 * enum, min, max, timestampFormat, exception, location, jsonName) are used.
 */
export interface Shape {
  type: string;
  members?: Record<string, { shape: string; location?: string; jsonName?: string; timestampFormat?: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  timestampFormat?: string;
  exception?: boolean;
}

/** The model's `metadata`: how the service is reached (protocol, target prefix, signing name, endpoint prefix). */
export interface ModelMetadata {
  protocol: string;
  protocols?: string[];
  serviceId: string;
  apiVersion: string;
  endpointPrefix: string;
  signingName?: string;
  targetPrefix?: string;
  jsonVersion?: string;
  xmlNamespace?: string;
}

export interface ServiceModel {
  metadata: ModelMetadata;
  operations: Record<
    string,
    { input?: { shape: string }; output?: { shape: string }; errors?: Array<{ shape: string }>; http?: { method: string; requestUri: string }; authtype?: string; auth?: string[] }
  >;
  shapes: Record<string, Shape>;
}

let dataDir: string | undefined;

/** botocore's data directory on this machine (Debian's awscli package, which .ci/run installs, brings python3-botocore). */
export function botocoreDataDir(): string {
  try {
    dataDir ??= join(execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(), 'data');
  } catch (error) {
    throw new Error(`botocore's service models are needed to check AWS operations, and python3 could not import botocore (apt-get install python3-botocore, or pip install botocore): ${(error as Error).message}`);
  }
  return dataDir;
}

export function serviceModel(service: string, version: string): ServiceModel {
  const base = join(botocoreDataDir(), service, version, 'service-2.json');
  let text: string;
  try {
    text = gunzipSync(readFileSync(`${base}.gz`)).toString('utf8');
  } catch {
    text = readFileSync(base, 'utf8');
  }
  return JSON.parse(text) as ServiceModel;
}

/**
 * Checks a decoded reply body against a shape: members the shape does not have, required members
 * missing, the JSON type of every value, enum values, string lengths, list and map contents, and
 * timestamps (epoch seconds in JSON protocols, ISO 8601 in XML, unless the shape says otherwise).
 * Returns one line per violation, with the path.
 */
export function violations(model: ServiceModel, shapeName: string, value: unknown, path = '$', wire: 'json' | 'xml' = 'json'): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${path}: the model has no shape ${shapeName}`];
  const found: string[] = [];
  const bad = (what: string) => found.push(`${path}: ${what} (shape ${shapeName})`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object (shape ${shapeName})`];
      const members = Object.entries(shape.members ?? {}).filter(([, member]) => !member.location || member.location === 'body');
      const byWireName = new Map(members.map(([name, member]) => [(wire === 'json' && member.jsonName) || name, { name, ...member }]));
      for (const [key, child] of Object.entries(value)) {
        const member = byWireName.get(key);
        if (!member) {
          bad(`member ${key} is not in the model`);
          continue;
        }
        found.push(...violations(model, member.shape, child, `${path}.${key}`, wire));
      }
      for (const required of shape.required ?? []) if (!(required in value) && byWireName.has(required)) bad(`required member ${required} is missing`);
      break;
    }
    case 'list':
      if (!Array.isArray(value)) return [`${path}: expected a list (shape ${shapeName})`];
      if (shape.min !== undefined && value.length < shape.min) bad(`${value.length} items, fewer than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) bad(`${value.length} items, more than ${shape.max}`);
      value.forEach((item, index) => found.push(...violations(model, shape.member!.shape, item, `${path}[${index}]`, wire)));
      break;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected a map (shape ${shapeName})`];
      for (const [key, child] of Object.entries(value)) {
        found.push(...violations(model, shape.key!.shape, key, `${path}{key}`, wire), ...violations(model, shape.value!.shape, child, `${path}.${key}`, wire));
      }
      break;
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string, got ${JSON.stringify(value)} (shape ${shapeName})`];
      if (shape.enum && !shape.enum.includes(value)) bad(`"${value}" is not one of ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min) bad(`length ${value.length} below ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) bad(`length ${value.length} above ${shape.max}`);
      break;
    case 'integer':
    case 'long':
      if (wire === 'xml' ? !/^-?\d+$/.test(String(value)) : !Number.isInteger(value)) bad(`expected a whole number, got ${JSON.stringify(value)}`);
      break;
    case 'double':
    case 'float':
      if (wire === 'xml' ? !Number.isFinite(Number(value)) : typeof value !== 'number') bad(`expected a number, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (wire === 'xml' ? !['true', 'false'].includes(String(value)) : typeof value !== 'boolean') bad(`expected a boolean, got ${JSON.stringify(value)}`);
      break;
    case 'timestamp': {
      const format = shape.timestampFormat ?? (wire === 'xml' ? 'iso8601' : 'unixTimestamp');
      const ok = format === 'unixTimestamp' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value);
      if (!ok) bad(`expected a ${format} timestamp, got ${JSON.stringify(value)}`);
      break;
    }
    case 'blob':
      if (typeof value !== 'string') bad('expected base64 text');
      break;
    default:
      bad(`unhandled shape type ${shape.type}`);
  }
  return found;
}

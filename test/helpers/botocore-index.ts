import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { botocoreDataDir, serviceModel, type ModelMetadata, type ServiceModel } from './service-models.js';

/**
 * Every service model botocore ships on this machine (each service's newest API version, as the
 * AWS CLI and the SDKs use it), found by its metadata: a recorded operation names a serviceId or a
 * target prefix or a signing name, not a botocore directory. Only each model's `metadata` object
 * is parsed for the index (a second, against ~5 s for parsing all ~400 models); a model's operations
 * and shapes are read when a record needs them.
 */
export interface IndexedModel {
  dir: string;
  version: string;
  metadata: ModelMetadata;
}

let index: IndexedModel[] | undefined;
const models = new Map<string, ServiceModel>();

export function botocoreIndex(): IndexedModel[] {
  if (index) return index;
  const dataDir = botocoreDataDir();
  index = [];
  for (const dir of readdirSync(dataDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    const version = readdirSync(join(dataDir, dir)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort().at(-1);
    if (!version) continue;
    const base = join(dataDir, dir, version, 'service-2.json');
    const text = existsSync(`${base}.gz`) ? gunzipSync(readFileSync(`${base}.gz`)).toString('utf8') : existsSync(base) ? readFileSync(base, 'utf8') : undefined;
    if (text === undefined) continue;
    index.push({ dir, version, metadata: JSON.parse(objectAfter(text, '"metadata":')) as ModelMetadata });
  }
  return index;
}

export function modelOf(entry: IndexedModel): ServiceModel {
  const key = `${entry.dir}/${entry.version}`;
  let model = models.get(key);
  if (!model) models.set(key, (model = serviceModel(entry.dir, entry.version)));
  return model;
}

/** The JSON object that follows `key` in `text`, found by matching braces outside strings. */
function objectAfter(text: string, key: string): string {
  const start = text.indexOf('{', text.indexOf(key) + key.length);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`no object after ${key}`);
}

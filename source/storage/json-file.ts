import type { z } from 'zod';
import { quoteValue } from '../config/json-text.js';
import { readFileCapped, type ReadOptions } from './read-file.js';
import { StorageError } from './storage-error.js';

export type LoadedJson<T> =
  | { state: 'missing' }
  | { state: 'ok'; value: T }
  /** Unreadable (a FIFO, a folder, too large), not JSON, or not the schema: `problem` says which. */
  | { state: 'unusable'; problem: string; error?: StorageError };

/**
 * The one JSON + zod loader for qchat's own files: read with `readFileCapped`'s checks, parsed
 * (a byte-order mark allowed), validated. It never throws for the file's content; the caller
 * decides whether an unusable file is moved aside, reported, or an error.
 */
export function loadJsonFile<S extends z.ZodType>(path: string, schema: S, options: ReadOptions & { what?: string } = {}): LoadedJson<z.infer<S>> {
  let bytes: Buffer | undefined;
  try {
    bytes = readFileCapped(path, options);
  } catch (error) {
    if (error instanceof StorageError) return { state: 'unusable', problem: error.problem, error };
    throw error;
  }
  if (bytes === undefined) return { state: 'missing' };
  return parseJson(bytes.toString('utf8'), schema, options.what);
}

/**
 * Parses and validates JSON text. The problem is "is not valid JSON", or "is not <what> (key.path:
 * message)" naming the first issue.
 */
export function parseJson<S extends z.ZodType>(text: string, schema: S, what = 'a file qchat wrote'): LoadedJson<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { state: 'unusable', problem: 'is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { state: 'ok', value: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path.map((key) => (typeof key === 'string' && /^\w+$/.test(key) ? key : quoteValue(String(key)))).join('.');
  return { state: 'unusable', problem: `is not ${what} (${at || 'top level'}: ${issue?.message ?? 'invalid'})` };
}

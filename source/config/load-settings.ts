import { z } from 'zod';
import { parseJsonText, quoteValue } from './json-text.js';
import { readSmallFile } from '../storage/read-file.js';
import type { StorageError } from '../storage/storage-error.js';
import { envNameFor, flagNameFor, nonSettingEnv, settingKeys, settingsSchema, type SettingKey, type Settings } from './settings.js';

/** A setting with a bad value: names where it came from, the key and what is allowed. */
export class SettingsError extends Error {
  constructor(
    readonly source: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${source}: ${key}: ${detail}`);
  }
}

export interface LoadedSettings {
  settings: Settings;
  warnings: string[];
}

export interface SettingsLayers {
  file?: string;
  env?: NodeJS.ProcessEnv;
  flags?: Partial<Record<SettingKey, unknown>>;
}

// Each layer is checked on its own without defaults, so a layer never fills in a value it did not set.
const partialSchema = z.object(
  Object.fromEntries(
    Object.entries(settingsSchema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
  ),
);

export function loadSettings({ file, env = process.env, flags = {} }: SettingsLayers): LoadedSettings {
  const warnings: string[] = [];
  const fromFile = file ? readSettingsFile(file, warnings) : {};
  const fromEnv = readEnv(env, warnings);
  const fromFlags = validateLayer(definedOnly(flags), 'command line', (key) => flagNameFor(key as SettingKey));
  const merged = { ...fromFile, ...fromEnv, ...fromFlags };
  // Each layer was validated on its own; this fills the defaults.
  return { settings: settingsSchema.parse(merged), warnings };
}

function readSettingsFile(file: string, warnings: string[]): Record<string, unknown> {
  let text: string | undefined;
  try {
    text = readSmallFile(file);
  } catch (error) {
    throw new SettingsError(file, '(file)', (error as StorageError).problem);
  }
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = parseJsonText(text);
  } catch (error) {
    throw new SettingsError(file, '(file)', `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsError(file, '(file)', 'must be a JSON object of settings');
  }
  const known: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if ((settingKeys as string[]).includes(key)) known[key] = value;
    else unknown.push(key);
  }
  if (unknown.length > 0) warnings.push(`${file}: ${unknownKeysText(unknown)} ignored (known: ${settingKeys.join(', ')})`);
  return validateLayer(known, file, (key) => key);
}

/** `unknown setting "regoin"`, or the first few of many in one line (a huge file gives no flood of warnings). */
function unknownKeysText(keys: string[]): string {
  const shown = keys.slice(0, 5).map((key) => quoteValue(key)).join(', ');
  if (keys.length === 1) return `unknown setting ${shown}`;
  return `unknown settings ${shown}${keys.length > 5 ? ` and ${(keys.length - 5).toLocaleString('en-US')} more` : ''}`;
}

function readEnv(env: NodeJS.ProcessEnv, warnings: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const names = new Map(settingKeys.map((key) => [envNameFor(key), key]));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('QCHAT_') || value === undefined || nonSettingEnv.has(name)) continue;
    const key = names.get(name);
    if (key) values[key] = value;
    else warnings.push(`environment: unknown variable ${name} ignored`);
  }
  return validateLayer(values, 'environment', (key) => envNameFor(key as SettingKey));
}

function validateLayer(
  values: Record<string, unknown>,
  source: string,
  label: (key: string) => string,
): Record<string, unknown> {
  const result = partialSchema.safeParse(values);
  if (result.success) return definedOnly(result.data);
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  throw new SettingsError(source, label(key), describeIssue(issue, values[key]));
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = quoteValue(value);
  if (issue.code === 'invalid_value') return `${shown} is not allowed; use one of ${issue.values.map(String).join(', ')}`;
  return `${shown} is not valid: ${issue.message}`;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

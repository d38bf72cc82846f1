import { z } from 'zod';
import { parseJsonText, quoteValue } from '../config/json-text.js';
import { readSmallFile } from '../storage/read-file.js';
import type { StorageError } from '../storage/storage-error.js';
import { shippedConfigPath } from '../config/package-root.js';
import { QchatError } from '../errors.js';
import { badTiersFileMessage } from './messages.js';

export const tierNames = ['free', 'pro'] as const;
export type TierName = (typeof tierNames)[number];

export const featureNames = [
  'diagnose',
  'history',
  'resourceQuestions',
  'costQuestions',
  'crossRegion',
] as const;
export type Feature = (typeof featureNames)[number];

// Objects are strict and every key is required, so an admin's typo ("requestPerMonth") is an
// error naming the key instead of a silently ignored setting.
const missingOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is missing' : `must be ${expected} (got ${quoteValue(issue.input)})`;

const object = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject(shape, { error: missingOr('an object') });
const flag = z.boolean({ error: missingOr('true or false') });
const count = (min: number) =>
  z
    .number({ error: missingOr('a number') })
    .int({ error: missingOr('a whole number') })
    .min(min, { error: missingOr(`${min} or more`) });

const tierEntitlementsSchema = object({
  features: object(Object.fromEntries(featureNames.map((name) => [name, flag])) as Record<Feature, typeof flag>),
  limits: object({
    requestsPerMonth: count(0),
    // A bucket of 0 would never hold a token; block a tier with requestsPerMonth 0 instead.
    requestsPerMinute: count(1),
  }),
});

export const tierPolicySchema = object({ free: tierEntitlementsSchema, pro: tierEntitlementsSchema });

export type TierPolicy = z.infer<typeof tierPolicySchema>;
export type TierEntitlements = TierPolicy[TierName];
export type TierLimits = TierEntitlements['limits'];

/**
 * The tier policy: the shipped `config/tiers.json`, or a complete replacement file at
 * `overridePath` (no merging, so the file an admin reads is the whole policy).
 */
export function loadTierPolicy(overridePath?: string): TierPolicy {
  const file = overridePath ?? shippedConfigPath('tiers.json');
  let text: string | undefined;
  try {
    text = readSmallFile(file);
  } catch (error) {
    throw badTiersFile(file, [(error as StorageError).problem]);
  }
  if (text === undefined) throw badTiersFile(file, ['cannot be read (ENOENT)']);
  return parseTierPolicy(text, file);
}

/** Parses policy text; `file` names the source in errors. */
export function parseTierPolicy(text: string, file: string): TierPolicy {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    throw badTiersFile(file, [`is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = tierPolicySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw badTiersFile(file, parsed.error.issues.flatMap(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    // A key that is not a plain name is quoted, so control characters in it show as escapes.
    return issue.keys.map((key) => `${at ? `${at}.` : ''}${/^\w+$/.test(key) ? key : quoteValue(key)}: is not a known key`);
  }
  return [`${at || '(top level)'}: ${issue.message}`];
}

function badTiersFile(file: string, problems: string[]): QchatError {
  return new QchatError('BAD_TIERS_FILE', badTiersFileMessage(file, problems));
}

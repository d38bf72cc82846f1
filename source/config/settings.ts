import { z } from 'zod';
import { settingDocs } from './setting-docs.js';

/**
 * Every qchat setting, its default and what it allows; what it does, its flag and its help are in
 * setting-docs.ts (typed complete against this schema). Layers, later wins: defaults < user
 * settings file < QCHAT_* environment < command-line flags.
 */
const bool = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
  if (['0', 'false', 'no', 'off'].includes(lowered)) return false;
  return value;
}, z.boolean());

/** Whole numbers, from JSON numbers or from digit-only strings (environment variables); nothing else is coerced. */
const int = (min: number, max: number) => {
  const error = `a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
};
const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL such as http://127.0.0.1:4566' });

export const settingsSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1').optional(),
  profile: z.string().min(1).optional(),
  endpointUrl: httpUrl.optional(),
  sandbox: bool.default(false),
  sandboxUser: z.string().min(1).optional(),
  sandboxFaults: z.string().default(''),
  sandboxApprove: z.enum(['manual', 'auto']).default('manual'),
  sandboxListProperties: z.enum(['identifiers', 'full']).default('identifiers'),
  sandboxScale: int(1, 1000).default(1),
  sandboxRateLimits: bool.default(true),
  color: bool.default(true),
  retryMode: z.enum(['standard', 'adaptive', 'legacy']).optional(),
  maxAttempts: int(1, 10).optional(),
  listCap: int(1, 100_000).default(1000),
  tableRows: int(1, 10_000).default(50),
  fanoutConcurrency: int(1, 64).default(20),
  regionRequestsPerSecond: int(1, 1000).default(10),
  describeLimit: int(0, 100_000).default(100),
  costCacheTtl: int(0, 7 * 86_400).default(3600),
  ssoStartUrl: httpUrl.optional(),
  ssoRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as us-east-1').optional(),
  subscription: z.string().optional(),
  tiersFile: z.string().optional(),
  historyMaxConversations: int(1, 10_000).default(100),
  historyMaxAgeDays: int(1, 3650).default(90),
  browser: bool.default(true),
  questionTimeout: int(1, 3600).default(60),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[];

/** A setting's default as people read it: its fixed default, or the meta's `defaultText`. */
export function defaultText(key: SettingKey): string | undefined {
  const field = settingsSchema.shape[key];
  if (field instanceof z.ZodDefault) {
    const value: unknown = field.def.defaultValue;
    return value === '' ? undefined : String(value);
  }
  return settingDocs[key].defaultText;
}

/** The flag that sets a setting, as typed (`--faults`), or `--<setting in kebab case>` for one without a flag. */
export function flagNameFor(key: SettingKey): string {
  return settingDocs[key].flag?.split(' ')[0] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `sandboxFaults` → `QCHAT_SANDBOX_FAULTS` */
export function envNameFor(key: SettingKey): string {
  return `QCHAT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Environment variables that start with QCHAT_ but are not settings. */
export const nonSettingEnv = new Set(['QCHAT_NOW', 'QCHAT_HOME', 'QCHAT_DEBUG', 'QCHAT_SANDBOX_APPROVE_DELAY_MS', 'QCHAT_REQUIRE_AWS_CLI', 'QCHAT_REQUIRE_TMUX', 'QCHAT_RECORD_OPERATIONS']);

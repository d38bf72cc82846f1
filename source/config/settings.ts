import { z } from 'zod';

/**
 * Every qchat setting, its default, what it allows and what it does. Layers, later wins:
 * defaults < user settings file < QCHAT_* environment < command-line flags.
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

/**
 * What a setting shows to people, kept on the schema so every surface is derived from one
 * declaration: `flag` makes it a command-line option (global, or only on `commands`), the
 * description is the flag's help and the README's "meaning", `defaultText` stands in for a
 * default that is not a fixed value. The environment variable is always QCHAT_<SETTING>.
 */
export interface SettingMeta {
  description: string;
  flag?: string;
  /** The commands that take the flag; none: every command (a global option). */
  commands?: string[];
  defaultText?: string;
}

const meta = <T extends z.ZodType>(schema: T, info: SettingMeta): T => schema.meta({ ...info });

export const settingsSchema = z.object({
  region: meta(z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1').optional(), {
    flag: '--region <code>',
    description: 'AWS region for questions',
    defaultText: 'AWS_REGION, else the profile\'s region',
  }),
  profile: meta(z.string().min(1).optional(), { flag: '--profile <name>', description: 'AWS profile from ~/.aws/config (SSO sessions included)', defaultText: 'AWS_PROFILE' }),
  endpointUrl: meta(httpUrl.optional(), { flag: '--endpoint-url <url>', description: 'send every AWS call to this endpoint (e.g. a `qchat sandbox serve`)' }),
  sandbox: meta(bool.default(false), { flag: '--sandbox', description: 'use the built-in sandbox account even when AWS is configured' }),
  sandboxUser: meta(z.string().min(1).optional(), {
    flag: '--sandbox-user <name>',
    description: 'act as this sandbox identity (alice, bob, carol, dave, erin, frank, grace, heidi, ivan, root); implies --sandbox',
    defaultText: 'alice',
  }),
  sandboxFaults: meta(z.string().default(''), {
    flag: '--faults <spec>',
    commands: ['serve'],
    description: 'sandbox fault injection, e.g. latency=50ms,throttle=0.2,error5xx=0.05,down=ap-south-1,deny=eu-west-3,seed=7',
  }),
  sandboxApprove: meta(z.enum(['manual', 'auto']).default('manual'), {
    flag: '--sandbox-approve <mode>',
    commands: ['login', 'serve'],
    description: 'sandbox only: approve device sign-ins on the web page (manual) or after a short delay (auto)',
  }),
  color: meta(bool.default(true), { flag: '--no-color', description: 'colour output (NO_COLOR turns it off too)' }),
  retryMode: meta(z.enum(['standard', 'adaptive', 'legacy']).optional(), { description: 'AWS SDK retry mode', defaultText: 'the SDK\'s: AWS_RETRY_MODE, the profile\'s retry_mode, else standard' }),
  maxAttempts: meta(int(1, 10).optional(), { description: 'AWS SDK attempts per call, retries included', defaultText: 'the SDK\'s: AWS_MAX_ATTEMPTS, the profile\'s max_attempts, else 3' }),
  listCap: meta(int(1, 100_000).default(1000), { description: 'most resources read from Cloud Control per region for one question' }),
  tableRows: meta(int(1, 10_000).default(50), { description: 'most rows shown in an answer table' }),
  fanoutConcurrency: meta(int(1, 64).default(20), { description: 'regions asked at the same time' }),
  regionRequestsPerSecond: meta(int(1, 1000).default(10), { description: 'pace of Cloud Control requests to one region' }),
  costCacheTtl: meta(int(0, 7 * 86_400).default(3600), { description: 'seconds an identical Cost Explorer request is answered from the cache' }),
  identityCenterRegion: meta(z.string().optional(), { description: 'region of your Identity Center instance', defaultText: 'found with ListInstances' }),
  ssoStartUrl: meta(httpUrl.optional(), { description: 'Identity Center start URL for sign-in', defaultText: '`https://<identity store>.awsapps.com/start`' }),
  subscription: meta(z.string().optional(), { flag: '--subscription <name>', description: 'the subscription profile to use when you have several', defaultText: 'the first' }),
  tiersFile: meta(z.string().optional(), { description: 'tier policy replacing config/tiers.json (sandbox only)' }),
  historyMaxConversations: meta(int(1, 10_000).default(100), { description: 'conversations kept per user (Pro)' }),
  historyMaxAgeDays: meta(int(1, 3650).default(90), { description: 'days a conversation is kept (Pro)' }),
  browser: meta(bool.default(true), { flag: '--no-browser', commands: ['login'], description: 'open the sign-in page in a browser' }),
  questionTimeout: meta(int(1, 3600).default(60), { description: 'seconds one question may take before it is abandoned' }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[];

/** A setting's documentation, as declared on the schema. */
export function settingMeta(key: SettingKey): SettingMeta {
  return settingsSchema.shape[key].meta() as unknown as SettingMeta;
}

/** A setting's default as people read it: its fixed default, or the meta's `defaultText`. */
export function defaultText(key: SettingKey): string | undefined {
  const field = settingsSchema.shape[key];
  if (field instanceof z.ZodDefault) {
    const value: unknown = field.def.defaultValue;
    return value === '' ? undefined : String(value);
  }
  return settingMeta(key).defaultText;
}

/** The flag that sets a setting, as typed (`--faults`), or `--<setting in kebab case>` for one without a flag. */
export function flagNameFor(key: SettingKey): string {
  return settingMeta(key).flag?.split(' ')[0] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `sandboxFaults` → `QCHAT_SANDBOX_FAULTS` */
export function envNameFor(key: SettingKey): string {
  return `QCHAT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Environment variables that start with QCHAT_ but are not settings. */
export const nonSettingEnv = new Set(['QCHAT_NOW', 'QCHAT_HOME', 'QCHAT_DEBUG', 'QCHAT_SANDBOX_APPROVE_DELAY_MS', 'QCHAT_REQUIRE_AWS_CLI', 'QCHAT_REQUIRE_TMUX']);

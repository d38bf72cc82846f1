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

export const settingsSchema = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1')
    .optional()
    .describe('AWS region for questions (default: from the AWS profile, else us-east-1)'),
  profile: z.string().min(1).optional().describe('AWS profile from ~/.aws/config to use'),
  endpointUrl: httpUrl.optional().describe('send every AWS call to this endpoint instead of AWS'),
  sandbox: bool.default(false).describe('use the built-in sandbox account even when AWS credentials exist'),
  sandboxUser: z.string().min(1).optional().describe('sandbox identity to act as (default alice; implies the sandbox)'),
  sandboxFaults: z.string().default('').describe('fault injection for the sandbox, e.g. latency=50ms,throttle=0.2'),
  sandboxApprove: z.enum(['manual', 'auto']).default('manual').describe('how sandbox device sign-ins are approved'),
  sandboxListProperties: z
    .enum(['identifiers', 'full'])
    .default('identifiers')
    .describe('what the sandbox\'s Cloud Control ListResources returns: primary identifiers only, as many list handlers, or whole models'),
  sandboxScale: int(1, 1000).default(1).describe('how many sandbox resources each fixture resource stands for (costs scale with them)'),
  sandboxRateLimits: bool.default(true).describe('whether the sandbox throttles requests over realistic per-region and per-account rates'),
  color: bool.default(true).describe('colour output (NO_COLOR also turns it off)'),
  retryMode: z.enum(['standard', 'adaptive', 'legacy']).optional().describe('AWS SDK retry mode (default: AWS_RETRY_MODE, else standard)'),
  maxAttempts: int(1, 10).optional().describe('AWS SDK attempts per call, retries included (default: AWS_MAX_ATTEMPTS, else 3)'),
  listCap: int(1, 100_000).default(1000).describe('most resources read from Cloud Control for one question'),
  tableRows: int(1, 10_000).default(50).describe('most rows shown in an answer table'),
  fanoutConcurrency: int(1, 64).default(20).describe('regions asked at the same time'),
  regionRequestsPerSecond: int(1, 1000).default(10).describe('pace of Cloud Control and Tagging API requests to one region'),
  describeLimit: int(0, 100_000).default(100).describe('most resources read one by one with GetResource when a filter needs properties the listing lacks'),
  costCacheTtl: int(0, 7 * 86_400).default(3600).describe('seconds an identical Cost Explorer request is answered from the cache'),
  ssoStartUrl: httpUrl.optional().describe('IAM Identity Center start URL to sign in at (default: the AWS profile\'s sso-session)'),
  ssoRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as us-east-1').optional().describe('region of your IAM Identity Center (default: the AWS profile\'s sso-session)'),
  subscription: z.string().optional().describe('Amazon Q Developer profile to use when you have several'),
  tiersFile: z.string().optional().describe('tier policy file replacing config/tiers.json (sandbox only)'),
  historyMaxConversations: int(1, 10_000).default(100).describe('conversations kept per user (Pro)'),
  historyMaxAgeDays: int(1, 3650).default(90).describe('days a conversation is kept (Pro)'),
  browser: bool.default(true).describe('open the sign-in page in a browser'),
  questionTimeout: int(1, 3600).default(60).describe('seconds one question may take before it is abandoned'),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[];

/** `sandboxFaults` → `QCHAT_SANDBOX_FAULTS` */
export function envNameFor(key: SettingKey): string {
  return `QCHAT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Environment variables that start with QCHAT_ but are not settings. */
export const nonSettingEnv = new Set(['QCHAT_NOW', 'QCHAT_HOME', 'QCHAT_DEBUG', 'QCHAT_SANDBOX_APPROVE_DELAY_MS', 'QCHAT_REQUIRE_AWS_CLI', 'QCHAT_REQUIRE_TMUX']);

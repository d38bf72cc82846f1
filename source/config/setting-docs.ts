import type { SettingKey } from './settings.js';

/**
 * What each setting shows to people, next to the schema in settings.ts and checked complete
 * against it: `flag` makes it a command-line option (global, or only on `commands`), the
 * description is the flag's help and the README's "meaning", `defaultText` stands in for a
 * default that is not a fixed value. The environment variable is always QCHAT_<SETTING>. No zod
 * here, so the command line is built from it without loading the schema (`--version` stays light).
 */
export interface SettingMeta {
  description: string;
  flag?: string;
  /** The commands that take the flag; none: every command (a global option). */
  commands?: string[];
  defaultText?: string;
}

export const settingDocs: Record<SettingKey, SettingMeta> = {
  region: {
    flag: '--region <code>',
    description: 'AWS region for questions',
    defaultText: "AWS_REGION, else the profile's region",
  },
  profile: { flag: '--profile <name>', description: 'AWS profile from ~/.aws/config (SSO sessions included)', defaultText: 'AWS_PROFILE' },
  endpointUrl: { flag: '--endpoint-url <url>', description: 'send every AWS call to this endpoint (e.g. a `qchat sandbox serve`)' },
  sandbox: { flag: '--sandbox', description: 'use the built-in sandbox account even when AWS is configured' },
  sandboxUser: {
    flag: '--sandbox-user <name>',
    description: 'act as this sandbox identity (alice, bob, carol, dave, erin, frank, grace, heidi, ivan, pat, quinn, root); implies --sandbox',
    defaultText: 'alice',
  },
  sandboxFaults: {
    flag: '--faults <spec>',
    commands: ['serve'],
    description: 'sandbox fault injection, e.g. latency=50ms,throttle=0.2,error5xx=0.05,down=ap-south-1,deny=eu-west-3,seed=7',
  },
  sandboxApprove: {
    flag: '--sandbox-approve <mode>',
    commands: ['login', 'serve'],
    description: 'sandbox only: approve device sign-ins on the web page (manual) or after a short delay (auto)',
  },
  sandboxListProperties: {
    description: "what the sandbox's Cloud Control ListResources returns: primary identifiers only, as many list handlers, or whole models",
  },
  sandboxScale: { description: 'how many sandbox resources each fixture resource stands for (costs scale with them)' },
  sandboxRateLimits: { description: 'whether the sandbox throttles over 10 requests/s per region (Cloud Control, Tagging) and 5/s per account (Cost Explorer)' },
  color: { flag: '--no-color', description: 'colour output (NO_COLOR turns it off too)' },
  retryMode: { description: 'AWS SDK retry mode', defaultText: "the SDK's: AWS_RETRY_MODE, the profile's retry_mode, else standard" },
  maxAttempts: { description: 'AWS SDK attempts per call, retries included', defaultText: "the SDK's: AWS_MAX_ATTEMPTS, the profile's max_attempts, else 3" },
  listCap: { description: 'most resources read from Cloud Control per region for one question' },
  tableRows: { description: 'most rows shown in an answer table' },
  fanoutConcurrency: { description: 'regions asked at the same time' },
  regionRequestsPerSecond: { description: 'pace of Cloud Control and Tagging API requests to one region (a token bucket per region)' },
  describeLimit: { description: 'most resources read one by one with GetResource when a filter needs properties the listing lacks; past it the chat asks, and ask needs --details (else it says how many calls it would take, applies nothing and exits 2)' },
  costCacheTtl: { description: 'seconds an identical Cost Explorer request is answered from the cache' },
  ssoStartUrl: {
    flag: '--start-url <url>',
    commands: ['login'],
    description: 'the IAM Identity Center start URL to sign in at',
    defaultText: "the AWS profile's sso-session",
  },
  ssoRegion: { flag: '--sso-region <code>', commands: ['login'], description: 'the region of that IAM Identity Center', defaultText: "the AWS profile's sso-session" },
  subscription: { flag: '--subscription <name>', description: 'the Amazon Q Developer profile to use when you have several', defaultText: 'the only one, else the one chosen last' },
  tiersFile: { description: 'tier policy replacing config/tiers.json (sandbox only)' },
  historyMaxConversations: { description: 'conversations kept per user (Pro)' },
  historyMaxAgeDays: { description: 'days a conversation is kept (Pro)' },
  browser: { flag: '--no-browser', commands: ['login'], description: 'open the sign-in page in a browser' },
  questionTimeout: { description: 'seconds one question may take before it is abandoned' },
};

import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonText } from '../config/json-text.js';
import { shippedConfigPath } from '../config/package-root.js';
import { readSmallFile } from '../storage/read-file.js';
import { ExitCode, QchatError } from '../errors.js';

/** A Pro subscription ("profile"): one region, one Identity Center instance, assigned to users and groups. */
const profileSchema = z.object({
  name: z.string().min(1),
  profileArn: z.string().optional(),
  region: z.enum(['us-east-1', 'eu-central-1']),
  instanceArn: z.string().regex(/^arn:aws[\w-]*:sso:::instance\//, 'an Identity Center instance ARN'),
  /** Where the instance lives and its identity store: what a sign-in to it needs. */
  identityStoreId: z.string().regex(/^d-[0-9a-f]{10}$|^[0-9a-f-]{36}$/, 'an identity store ID such as d-9067642ac7'),
  instanceRegion: z.string().min(1),
  assignments: z.array(z.object({ principalType: z.enum(['USER', 'GROUP']), name: z.string().min(1) })),
});
const fileSchema = z.object({ subscriptions: z.array(profileSchema) });

export type SubscriptionProfile = z.infer<typeof profileSchema>;

/**
 * Where an administrator installs the subscription profiles for real accounts. A system path, not a
 * setting: no flag or environment variable of the user's may make them Pro.
 */
export const systemSubscriptionsFile =
  process.platform === 'win32' ? join(process.env.ProgramData ?? 'C:\\ProgramData', 'qchat', 'subscriptions.json') : '/etc/qchat/subscriptions.json';

/**
 * The subscription profiles qchat knows: on the sandbox, the fixture organization's; on a real
 * account, the administrator's file (none installed: everyone is Free).
 */
export function loadSubscriptionProfiles(source: { sandbox: boolean }): SubscriptionProfile[] {
  const file = source.sandbox ? shippedConfigPath('sandbox', 'identity-world.json') : systemSubscriptionsFile;
  let raw: unknown;
  try {
    const text = readSmallFile(file);
    if (text === undefined) return [];
    raw = parseJsonText(text);
  } catch (error) {
    throw new QchatError('BAD_SUBSCRIPTIONS_FILE', `subscriptions file ${file}: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new QchatError('BAD_SUBSCRIPTIONS_FILE', `subscriptions file ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.subscriptions;
}

export interface AssignedProfile {
  profile: SubscriptionProfile;
  /** "directly" or "through group developers". */
  via: string;
}

/** The profiles on one instance that assign this user, directly or through one of the user's groups. */
export function profilesFor(profiles: SubscriptionProfile[], instanceArn: string, userName: string, groups: string[]): AssignedProfile[] {
  const assigned: AssignedProfile[] = [];
  for (const profile of profiles.filter((p) => p.instanceArn === instanceArn)) {
    const direct = profile.assignments.some((a) => a.principalType === 'USER' && a.name === userName);
    const group = profile.assignments.find((a) => a.principalType === 'GROUP' && groups.includes(a.name));
    if (direct) assigned.push({ profile, via: 'directly' });
    else if (group) assigned.push({ profile, via: `through group ${group.name}` });
  }
  return assigned;
}

/** Profiles on any instance that name this user directly (a user has the same name across instances only by convention). */
export function profilesNamingUser(profiles: SubscriptionProfile[], userName: string): SubscriptionProfile[] {
  return profiles.filter((p) => p.assignments.some((a) => a.principalType === 'USER' && a.name === userName));
}

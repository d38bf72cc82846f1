import type { AwsClients } from '../aws/clients.js';
import type { TierAssignment } from '../tiers/gate.js';
import type { IdentityContext } from './identity-context.js';
import { groupNamesOf, type IdentityCenterInstance } from './identity-center.js';
import { profilesFor, profilesNamingUser, type AssignedProfile, type SubscriptionProfile } from './subscriptions.js';

/** What the signed-in user is subscribed to, and so which tier applies (DESIGN.md, identity step 4). */
export interface Entitlements {
  assignment: TierAssignment;
  /** The profile in use, or null on Free. */
  subscription: AssignedProfile | null;
  /** Profiles on the context's instance that assign the user. */
  onThisInstance: AssignedProfile[];
  /** Every profile that names the user, on any instance (for /profile and billing). */
  all: SubscriptionProfile[];
  /** How many Identity Center instances the user is subscribed through: each one is billed. */
  billedInstances: number;
}

export async function resolveEntitlements(
  clients: AwsClients,
  context: IdentityContext,
  instance: IdentityCenterInstance,
  profiles: SubscriptionProfile[],
  preferred: string | undefined,
  signal?: AbortSignal,
): Promise<Entitlements> {
  const groups = profiles.some((p) => p.instanceArn === instance.instanceArn && p.assignments.some((a) => a.principalType === 'GROUP'))
    ? await groupNamesOf(clients, instance, context.userId, signal)
    : [];
  const onThisInstance = profilesFor(profiles, instance.instanceArn, context.userName, groups);
  const all = [...new Map([...onThisInstance.map((a) => a.profile), ...profilesNamingUser(profiles, context.userName)].map((p) => [p.name, p])).values()];
  const subscription = onThisInstance.find((a) => a.profile.name === preferred) ?? onThisInstance[0] ?? null;
  return {
    assignment: subscription ? { tier: 'pro' } : { tier: 'free', reason: 'no-subscription' },
    subscription,
    onThisInstance,
    all,
    billedInstances: new Set(all.map((p) => p.instanceArn)).size,
  };
}

/** The console's billing note: one charge per Identity Center instance a person is subscribed through. */
export function billingNote(entitlements: Entitlements): string | undefined {
  const count = entitlements.billedInstances;
  if (count === 0) return undefined;
  return count === 1
    ? 'You are subscribed through one IAM Identity Center instance and billed once.'
    : `You are subscribed through ${count} IAM Identity Center instances and billed ${count === 2 ? 'twice' : `${count} times`}, once per instance.`;
}

import type { TierAssignment } from '../tiers/gate.js';
import type { QProfile, ServiceUsage } from './q-profiles.js';

/** What the signed-in user is subscribed to, and so which tier applies (DESIGN.md, identity step 3). */
export interface Entitlements {
  assignment: TierAssignment;
  /** The profile in use, or null on Free. */
  subscription: { profile: QProfile } | null;
  /** Every profile the user's sign-ins list, on any instance (for /profile and billing). */
  all: QProfile[];
  /** How many Identity Center instances the user is subscribed through: each one is billed. */
  billedInstances: number;
  /** What Amazon Q Developer reports for the profile in use (GetUsageLimits), where it answered. */
  serviceUsage: ServiceUsage | undefined;
  /** The sentence behind a Free tier, naming the instance; undefined on Pro. */
  freeDetail: string | undefined;
}

/**
 * At least one profile is Pro; none is Free with the reason. The profile in use is the one asked
 * for by name, else the one chosen before, else the only one (with several, the first, and the user
 * is told how to choose).
 */
export function entitlementsOf(profiles: QProfile[], chosen: QProfile | undefined, listingFailed: boolean, instanceLabel: string, serviceUsage: ServiceUsage | undefined): Entitlements {
  const all = [...new Map(profiles.map((profile) => [profile.arn, profile])).values()];
  const billedInstances = new Set(all.map((profile) => profile.instanceArn || profile.arn)).size;
  if (chosen) return { assignment: { tier: 'pro' }, subscription: { profile: chosen }, all, billedInstances, serviceUsage, freeDetail: undefined };
  const reason = listingFailed ? 'profiles-unavailable' : 'no-subscription';
  const freeDetail = listingFailed
    ? 'Amazon Q Developer did not answer ListAvailableProfiles in us-east-1 or eu-central-1, so qchat cannot tell whether you have a Pro subscription.'
    : `No Amazon Q Developer Pro subscription is assigned to you on the IAM Identity Center instance of ${instanceLabel}; an administrator assigns one in the Amazon Q Developer console.`;
  return { assignment: { tier: 'free', reason }, subscription: null, all, billedInstances, serviceUsage, freeDetail };
}

/** The console's billing note: one charge per Identity Center instance a person is subscribed through. */
export function billingNote(entitlements: Entitlements): string | undefined {
  const count = entitlements.billedInstances;
  if (count === 0) return undefined;
  return count === 1
    ? 'You are subscribed through one IAM Identity Center instance and billed once.'
    : `You are subscribed through ${count} IAM Identity Center instances and billed ${count === 2 ? 'twice' : `${count} times`}, once per instance.`;
}

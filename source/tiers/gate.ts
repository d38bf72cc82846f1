import { freeReasonRemedy, needsProMessage, turnedOffMessage, turnedOnRemedy } from './messages.js';
import type { Feature, TierPolicy } from './policy.js';
import type { FeatureRefusal } from './refusal.js';

/** Why the identity layer put a user on Free; each has its explanation and remedy in messages.ts. */
export type FreeReason = 'no-subscription' | 'not-identity-center' | 'profiles-unavailable';

/** The user's tier as the identity layer decided it; Free always comes with its reason. */
export type TierAssignment = { tier: 'pro' } | { tier: 'free'; reason: FreeReason };

export type GateResult = { allowed: true } | { allowed: false; refusal: FeatureRefusal };

/** The one check every gated feature goes through. */
export function checkFeature(policy: TierPolicy, assignment: TierAssignment, feature: Feature): GateResult {
  if (policy[assignment.tier].features[feature]) return { allowed: true };
  const proWouldHelp = assignment.tier === 'free' && policy.pro.features[feature];
  const refusal: FeatureRefusal = {
    code: 'TIER_FEATURE_NOT_INCLUDED',
    feature,
    tier: assignment.tier,
    ...(proWouldHelp
      ? { message: needsProMessage(feature, assignment.reason), remedy: freeReasonRemedy(assignment.reason) }
      : { message: turnedOffMessage(feature, assignment.tier), remedy: turnedOnRemedy(feature, assignment.tier) }),
  };
  if (assignment.tier === 'free') refusal.freeReason = assignment.reason;
  return { allowed: false, refusal };
}

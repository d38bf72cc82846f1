import { describe, expect, it } from 'vitest';
import { errorJson, exitCodeOf } from '../source/errors.js';
import { checkFeature, type TierAssignment } from '../source/tiers/gate.js';
import { featureNames, loadTierPolicy } from '../source/tiers/policy.js';
import { refusalError, refusalText } from '../source/tiers/refusal.js';

const policy = loadTierPolicy();
const free: TierAssignment = { tier: 'free', reason: 'no-subscription' };
const pro: TierAssignment = { tier: 'pro' };

describe('feature gate', () => {
  it.each(['diagnose'] as const)('allows %s on Free', (feature) => {
    expect(checkFeature(policy, free, feature)).toEqual({ allowed: true });
  });

  it.each(['history', 'resourceQuestions', 'costQuestions', 'crossRegion'] as const)('refuses %s on Free', (feature) => {
    const result = checkFeature(policy, free, feature);
    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.refusal).toMatchObject({
      code: 'TIER_FEATURE_NOT_INCLUDED',
      remedy: { kind: 'subscribe' },
      feature,
      tier: 'free',
      freeReason: 'no-subscription',
    });
  });

  it.each(featureNames)('allows %s on Pro', (feature) => {
    expect(checkFeature(policy, pro, feature)).toEqual({ allowed: true });
  });

  it('says what was refused, why, and what to do when no subscription was found', () => {
    const result = checkFeature(policy, free, 'resourceQuestions');
    expect(result.allowed || refusalText(result.refusal, 'shell')).toBe(
      'Questions about account resources need qchat Pro. You are on the Free tier because no Amazon Q Developer Pro subscription ' +
        'is assigned to you (or a group of yours) on your IAM Identity Center instance. An administrator assigns one ' +
        'in the Amazon Q Developer console.',
    );
  });

  it('tells a user not signed in through Identity Center to sign in', () => {
    const result = checkFeature(policy, { tier: 'free', reason: 'not-identity-center' }, 'history');
    if (result.allowed) throw new Error('expected a refusal');
    const because =
      'Keeping chat history between runs needs qchat Pro. You are on the Free tier because you are not signed in through ' +
      'IAM Identity Center, so qchat cannot look up your subscription.';
    // The remedy is data; each front end words it for where it is shown.
    expect(result.refusal.remedy).toEqual({ kind: 'sign-in' });
    expect(refusalText(result.refusal, 'shell')).toBe(`${because} Run qchat login.`);
    expect(refusalText(result.refusal, 'chat')).toBe(`${because} Sign in with /login.`);
  });

  it('points at the tier policy when the policy turns a feature off for Pro', () => {
    const custom = structuredClone(policy);
    custom.pro.features.crossRegion = false;
    for (const assignment of [pro, free]) {
      const result = checkFeature(custom, assignment, 'crossRegion');
      expect(result.allowed || refusalText(result.refusal, 'chat')).toBe(
        `Cross-region questions are turned off for the ${assignment.tier === 'pro' ? 'Pro' : 'Free'} tier by this ` +
          `installation's tier policy. Ask your administrator to set ${assignment.tier}.features.crossRegion to true in the tiers file.`,
      );
    }
  });

  it('turns a refusal into an error with its exit code, code, remedy and details', () => {
    const result = checkFeature(policy, free, 'costQuestions');
    if (result.allowed) throw new Error('expected a refusal');
    const error = refusalError(result.refusal);
    expect(exitCodeOf(error)).toBe(4);
    expect(errorJson(error)).toEqual({
      code: 'TIER_FEATURE_NOT_INCLUDED',
      message: result.refusal.message,
      remedy: { kind: 'subscribe', text: 'An administrator assigns one in the Amazon Q Developer console.' },
      details: { tier: 'free', feature: 'costQuestions' },
    });
  });
});

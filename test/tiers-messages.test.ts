// Every sentence the tiers layer shows, word for word: each one says what was refused, why and
// what to do, and a changed word is a changed promise to the user (issue 17: the mutation run
// found these sentences unpinned).
import { describe, expect, it } from 'vitest';
import { remedyText } from '../source/errors.js';
import { checkFeature } from '../source/tiers/gate.js';
import {
  badTiersFileMessage,
  corruptUsageFileMessage,
  freeReasonRemedy,
  freeReasonText,
  minuteLimitMessage,
  monthlyLimitMessage,
  needsProMessage,
  tierLabel,
  turnedOffMessage,
  turnedOnRemedy,
  usageFileBusyMessage,
  usageFileUnusableMessage,
} from '../source/tiers/messages.js';
import { featureNames, loadTierPolicy } from '../source/tiers/policy.js';

const noSubscription = 'You are on the Free tier because no Amazon Q Developer Pro subscription is assigned to you (or a group of yours) on your IAM Identity Center instance.';

describe('tier messages', () => {
  it.each([
    ['diagnose', 'Diagnosing console errors needs'],
    ['history', 'Keeping chat history between runs needs'],
    ['resourceQuestions', 'Questions about account resources need'],
    ['costQuestions', 'Questions about costs need'],
    ['crossRegion', 'Cross-region questions need'],
  ] as const)('names %s, singular or plural, when it needs Pro', (feature, start) => {
    expect(needsProMessage(feature, 'no-subscription')).toBe(`${start} qchat Pro. ${noSubscription}`);
  });

  it.each([
    ['diagnose', 'free', 'Diagnosing console errors is turned off for the Free tier'],
    ['costQuestions', 'pro', 'Questions about costs are turned off for the Pro tier'],
  ] as const)('says which setting turns %s back on for %s', (feature, tier, start) => {
    expect(turnedOffMessage(feature, tier)).toBe(`${start} by this installation's tier policy.`);
    expect(turnedOnRemedy(feature, tier)).toEqual({ kind: 'fix', action: `Ask your administrator to set ${tier}.features.${feature} to true in the tiers file.` });
  });

  it('explains each reason for Free with its remedy', () => {
    expect(freeReasonText('no-subscription', 'shell')).toBe(
      'Free because no Amazon Q Developer Pro subscription is assigned to you (or a group of yours) on your IAM Identity Center instance. An administrator assigns one in the Amazon Q Developer console.',
    );
    expect(freeReasonRemedy('no-subscription')).toEqual({ kind: 'subscribe' });
    expect(freeReasonText('not-identity-center', 'shell')).toBe(
      'Free because you are not signed in through IAM Identity Center, so qchat cannot look up your subscription. Run qchat login.',
    );
    expect(freeReasonText('not-identity-center', 'chat')).toBe(
      'Free because you are not signed in through IAM Identity Center, so qchat cannot look up your subscription. Sign in with /login.',
    );
    expect(freeReasonText('profiles-unavailable', 'shell')).toBe(
      'Free because Amazon Q Developer could not be asked for your profiles (ListAvailableProfiles failed in every region). Try again later; `qchat doctor` shows what failed.',
    );
    expect(tierLabel).toEqual({ free: 'Free', pro: 'Pro' });
  });

  it('states the limits with the UTC reset time, two digits each, and never a negative count left', () => {
    expect(monthlyLimitMessage(1000, 1003, new Date('2027-01-01T00:00:00Z'))).toBe('Monthly limit of 1000 requests reached (1003 used, 0 left).');
    expect(monthlyLimitMessage(50, 48, new Date('2026-03-05T07:09:00Z'))).toBe('Monthly limit of 50 requests reached (48 used, 2 left).');
    // When it resets is the remedy's to say, the same in every front end.
    expect(remedyText({ kind: 'wait', until: new Date('2026-03-05T07:09:00Z') }, 'shell')).toBe('It resets on 03/05 at 07:09 UTC; try again then.');
    expect(remedyText({ kind: 'wait', until: new Date('2026-12-11T23:59:00Z') }, 'chat')).toContain('resets on 12/11 at 23:59 UTC');
    expect(minuteLimitMessage(30, 'pro')).toBe('Too many requests: 30 in the last minute is the Pro limit.');
    expect(remedyText({ kind: 'wait', until: new Date('2026-03-05T07:09:02Z'), seconds: 2 }, 'shell')).toBe('Try again in 2 s.');
  });

  it('names the usage file and what happened to it', () => {
    expect(corruptUsageFileMessage('/d/usage/a.json', '/d/usage/a.json.corrupt-1', 'not valid JSON', 50, new Date('2026-12-01T00:00:00Z'))).toBe(
      "The usage file /d/usage/a.json could not be read (not valid JSON); it was kept as /d/usage/a.json.corrupt-1 and replaced. To keep limits safe, this month's 50 requests count as used until the count resets on 12/01 at 00:00 UTC.",
    );
    expect(usageFileBusyMessage('/d/usage/a.json')).toBe('Could not lock the usage file /d/usage/a.json: another qchat process has held it for too long. Try again in a moment.');
    expect(usageFileUnusableMessage('/d/usage/a.json', 'EACCES')).toBe(
      'Could not use the usage file /d/usage/a.json, which keeps your request limits (EACCES).',
    );
    expect(badTiersFileMessage('/etc/tiers.json', ['free: is missing', 'pro.limits: is missing'])).toBe('Bad tiers file /etc/tiers.json: free: is missing; pro.limits: is missing');
  });
});

describe('the gate on a policy an administrator changed', () => {
  const policy = loadTierPolicy();

  it('refuses Pro a feature its policy turns off, with no Free reason', () => {
    const custom = structuredClone(policy);
    custom.pro.features.history = false;
    expect(checkFeature(custom, { tier: 'pro' }, 'history')).toEqual({
      allowed: false,
      refusal: { code: 'TIER_FEATURE_NOT_INCLUDED', feature: 'history', tier: 'pro', message: turnedOffMessage('history', 'pro'), remedy: turnedOnRemedy('history', 'pro') },
    });
  });

  it('tells Free a feature is off (not that Pro would help) when Pro lacks it too, and keeps the reason', () => {
    const custom = structuredClone(policy);
    custom.free.features.costQuestions = false;
    custom.pro.features.costQuestions = false;
    const result = checkFeature(custom, { tier: 'free', reason: 'not-identity-center' }, 'costQuestions');
    expect(result).toEqual({
      allowed: false,
      refusal: {
        code: 'TIER_FEATURE_NOT_INCLUDED',
        feature: 'costQuestions',
        tier: 'free',
        freeReason: 'not-identity-center',
        message: turnedOffMessage('costQuestions', 'free'),
        remedy: turnedOnRemedy('costQuestions', 'free'),
      },
    });
  });

  it('allows Free what the policy grants it, feature by feature', () => {
    const custom = structuredClone(policy);
    for (const feature of featureNames) custom.free.features[feature] = true;
    for (const feature of featureNames) expect(checkFeature(custom, { tier: 'free', reason: 'no-subscription' }, feature)).toEqual({ allowed: true });
  });
});

// The sentences the tiers layer shows a user; what to do about a refusal is its Remedy (errors.ts).
import { remedyText, utcDayAndTime, type Remedy, type Surface } from '../errors.js';
import type { FreeReason } from './gate.js';
import type { Feature, TierName } from './policy.js';

export const tierLabel: Record<TierName, string> = { free: 'Free', pro: 'Pro' };

const featureLabel: Record<Feature, { text: string; plural: boolean }> = {
  diagnose: { text: 'Diagnosing console errors', plural: false },
  history: { text: 'Keeping chat history between runs', plural: false },
  resourceQuestions: { text: 'Questions about account resources', plural: true },
  costQuestions: { text: 'Questions about costs', plural: true },
  crossRegion: { text: 'Cross-region questions', plural: true },
};

const freeReasons: Record<FreeReason, { because: string; remedy: Remedy }> = {
  'no-subscription': {
    because: 'no Amazon Q Developer Pro subscription is assigned to you (or a group of yours) on your IAM Identity Center instance',
    remedy: { kind: 'subscribe' },
  },
  'profiles-unavailable': {
    because: 'Amazon Q Developer could not be asked for your profiles (ListAvailableProfiles failed in every region)',
    remedy: { kind: 'fix', action: 'Try again later; `qchat doctor` shows what failed.' },
  },
  'not-identity-center': {
    because: 'you are not signed in through IAM Identity Center, so qchat cannot look up your subscription',
    remedy: { kind: 'sign-in' },
  },
};

/** What gets a Free user to Pro. */
export function freeReasonRemedy(reason: FreeReason): Remedy {
  return freeReasons[reason].remedy;
}

/** Why a user is on Free, and what to do about it: for whoami. */
export function freeReasonText(reason: FreeReason, surface: Surface): string {
  const { because, remedy } = freeReasons[reason];
  return `Free because ${because}. ${remedyText(remedy, surface)}`;
}

export function badTiersFileMessage(file: string, problems: string[]): string {
  return `Bad tiers file ${file}: ${problems.join('; ')}`;
}

/** Free is refused something Pro includes. */
export function needsProMessage(feature: Feature, reason: FreeReason): string {
  const { text, plural } = featureLabel[feature];
  return `${text} ${plural ? 'need' : 'needs'} qchat Pro. You are on the Free tier because ${freeReasons[reason].because}.`;
}

/** The policy switches a feature off for the user's tier and no subscription would help. */
export function turnedOffMessage(feature: Feature, tier: TierName): string {
  const { text, plural } = featureLabel[feature];
  return `${text} ${plural ? 'are' : 'is'} turned off for the ${tierLabel[tier]} tier by this installation's tier policy.`;
}

export function turnedOnRemedy(feature: Feature, tier: TierName): Remedy {
  return { kind: 'fix', action: `Ask your administrator to set ${tier}.features.${feature} to true in the tiers file.` };
}

export function monthlyLimitMessage(limit: number, used: number, resetsAt: Date): string {
  const left = Math.max(0, limit - used);
  return `Monthly limit of ${limit} requests reached (${used} used, ${left} left).`;
}

export function minuteLimitMessage(limit: number, tier: TierName): string {
  return `Too many requests: ${limit} in the last minute is the ${tierLabel[tier]} limit.`;
}

export function corruptUsageFileMessage(file: string, keptAs: string, problem: string, limit: number, resetsAt: Date): string {
  return (
    `The usage file ${file} could not be read (${problem}); it was kept as ${keptAs} and replaced. ` +
    `To keep limits safe, this month's ${limit} requests count as used until the count resets on ${utcDayAndTime(resetsAt)}.`
  );
}

export function usageFileBusyMessage(file: string): string {
  return `Could not lock the usage file ${file}: another qchat process has held it for too long. Try again in a moment.`;
}

export function usageFileUnusableMessage(file: string, detail: string): string {
  return `Could not use the usage file ${file}, which keeps your request limits (${detail}).`;
}

/** What to do about an unusable usage file when the failure itself does not say. */
export const usageFileRemedy: Remedy = { kind: 'fix', action: 'Check that its folder is a folder you can write to.' };

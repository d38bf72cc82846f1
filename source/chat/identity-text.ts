import { billingNote } from '../identity/entitlements.js';
import type { SignInPrompt } from '../identity/oidc.js';
import type { Usage } from '../tiers/rate-limiter.js';
import { freeReasonText } from '../tiers/messages.js';
import type { IdentityState } from './session.js';
import { safeText } from '../present/terminal-text.js';
import type { Surface } from '../errors.js';

type Ready = Extract<IdentityState, { kind: 'ready' }>;

/** The fields of `qchat whoami --json` (and the TUI's /whoami): the context, tier, subscription, reason and usage. */
export function whoamiJson(state: Ready, usage: Usage | undefined, surface: Surface = 'shell') {
  const { context, entitlements } = state;
  const subscription = entitlements.subscription;
  return {
    signInMethod: context.signInMethod,
    accountId: context.accountId,
    principalArn: context.principalArn,
    userId: context.userId,
    userName: context.userName,
    identityStoreArn: context.identityStoreArn,
    identityStoreNote: context.identityStoreNote,
    instanceArn: context.instanceArn,
    sessionId: context.sessionId,
    expiresAt: context.expiresAt,
    tier: entitlements.assignment.tier,
    subscription: subscription ? { name: subscription.profile.name, arn: subscription.profile.arn, region: subscription.profile.region, instanceArn: subscription.profile.instanceArn } : null,
    reason: entitlements.assignment.tier === 'free' ? (entitlements.freeDetail ?? freeReasonText(entitlements.assignment.reason, surface)) : null,
    profiles: entitlements.all.map((profile) => ({ name: profile.name, arn: profile.arn, region: profile.region, instanceArn: profile.instanceArn })),
    billing: billingNote(entitlements) ?? null,
    /** qchat's own request limits (config/tiers.json): qchat's policy for its answers, not Amazon Q Developer's. */
    usage: usage ? { monthly: { ...usage.monthly, resetsAt: usage.monthly.resetsAt.toISOString() }, minute: usage.minute } : null,
    /** What Amazon Q Developer reports for the profile in use (GetUsageLimits). */
    serviceUsage: entitlements.serviceUsage ?? null,
    /** What qchat could not learn or ask, and why (a Q region that failed, a call that was denied). */
    notes: state.notes,
  };
}

export function whoamiText(state: Ready, usage: Usage | undefined, surface: Surface = 'shell'): string {
  const view = whoamiJson(state, usage, surface);
  const rows: Array<[string, string]> = [
    ['User', `${view.userName || '(unknown)'} (${view.userId ? `identity store user ${view.userId}` : 'no identity store user ID known'})`],
    ['Sign-in method', view.signInMethod],
    ['Account', view.accountId],
    ['Principal', view.principalArn],
    ['Instance', view.instanceArn || 'unknown'],
    ['Identity store', view.identityStoreArn ? `${view.identityStoreArn} (${view.identityStoreNote})` : view.identityStoreNote],
    ['Session', `${view.sessionId}, expires ${view.expiresAt.replace('T', ' ').slice(0, 16)} UTC`],
    ['Tier', view.tier === 'pro' ? 'Pro' : 'Free'],
  ];
  if (view.subscription) rows.push(['Subscription', `Amazon Q Developer profile ${view.subscription.name} (${view.subscription.region})`]);
  if (view.reason) rows.push(['Why Free', view.reason]);
  if (view.profiles.length > 1) rows.push(['Profiles', view.profiles.map((p) => `${p.name} (${p.region})`).join(', ')]);
  if (view.billing) rows.push(['Billing', view.billing]);
  for (const limit of view.serviceUsage?.limits ?? []) {
    const resets = view.serviceUsage?.nextDateReset ? `; resets ${view.serviceUsage.nextDateReset.slice(0, 10)}` : '';
    rows.push(['Q Developer', `${limit.currentUsage.toLocaleString('en-US')} of ${limit.totalUsageLimit.toLocaleString('en-US')} ${limit.type.toLowerCase().replace(/_/g, ' ')}s used (as Amazon Q Developer reports it${resets})`]);
  }
  if (usage) {
    rows.push(['qchat requests', `${usage.monthly.used.toLocaleString('en-US')} of ${usage.monthly.limit.toLocaleString('en-US')} used this month (${usage.monthly.left.toLocaleString('en-US')} left; qchat's own limit for its answers); resets ${usage.monthly.resetsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`]);
    rows.push(['Per minute', `${Math.floor(usage.minute.available)} of ${usage.minute.limit} available`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  // Names and ARNs come from AWS replies: drawn safe.
  return `${rows.map(([label, value]) => `${label.padEnd(width)}  ${safeText(value)}`).join('\n')}\n${state.notes.map((note) => `Note: ${safeText(note)}\n`).join('')}`;
}

export function signInPromptText(prompt: SignInPrompt): string {
  const until = `${prompt.expiresAt.toISOString().slice(11, 16)} UTC`;
  return prompt.kind === 'device'
    ? `To sign in with IAM Identity Center, open\n  ${safeText(prompt.verificationUriComplete)}\nand confirm the code ${safeText(prompt.userCode)} (it expires at ${until}).\n`
    : `To sign in with IAM Identity Center, open this page in a browser on this computer (until ${until}):\n  ${safeText(prompt.authorizeUrl)}\n`;
}

import type { DevicePrompt } from '../identity/device-sign-in.js';
import { billingNote } from '../identity/entitlements.js';
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
    sessionId: context.sessionId,
    expiresAt: context.expiresAt,
    tier: entitlements.assignment.tier,
    subscription: subscription
      ? { name: subscription.profile.name, region: subscription.profile.region, instanceArn: subscription.profile.instanceArn, assigned: subscription.via }
      : null,
    reason: entitlements.assignment.tier === 'free' ? freeReasonText(entitlements.assignment.reason, surface) : null,
    profiles: entitlements.all.map((profile) => ({ name: profile.name, region: profile.region, instanceArn: profile.instanceArn })),
    billing: billingNote(entitlements) ?? null,
    usage: usage ? { monthly: { ...usage.monthly, resetsAt: usage.monthly.resetsAt.toISOString() }, minute: usage.minute } : null,
  };
}

export function whoamiText(state: Ready, usage: Usage | undefined, surface: Surface = 'shell'): string {
  const view = whoamiJson(state, usage, surface);
  const rows: Array<[string, string]> = [
    ['User', `${view.userName || '(unknown)'} (identity store user ${view.userId})`],
    ['Sign-in method', view.signInMethod],
    ['Account', view.accountId],
    ['Principal', view.principalArn],
    ['Identity store', view.identityStoreArn],
    ['Session', `${view.sessionId}, expires ${view.expiresAt.replace('T', ' ').slice(0, 16)} UTC`],
    ['Tier', view.tier === 'pro' ? 'Pro' : 'Free'],
  ];
  if (view.subscription) rows.push(['Subscription', `${view.subscription.name} (${view.subscription.region}), assigned ${view.subscription.assigned}`]);
  if (view.reason) rows.push(['Why Free', view.reason]);
  if (view.profiles.length > 1) rows.push(['Profiles', view.profiles.map((p) => `${p.name} (${p.region})`).join(', ')]);
  if (view.billing) rows.push(['Billing', view.billing]);
  if (usage) {
    rows.push(['Requests', `${usage.monthly.used.toLocaleString('en-US')} of ${usage.monthly.limit.toLocaleString('en-US')} used this month (${usage.monthly.left.toLocaleString('en-US')} left); resets ${usage.monthly.resetsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`]);
    rows.push(['Per minute', `${Math.floor(usage.minute.available)} of ${usage.minute.limit} available`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  // Names and ARNs come from AWS replies: drawn safe.
  return `${rows.map(([label, value]) => `${label.padEnd(width)}  ${safeText(value)}`).join('\n')}\n${state.notes.map((note) => `Note: ${safeText(note)}\n`).join('')}`;
}

export function devicePromptText(prompt: DevicePrompt): string {
  return `To sign in with IAM Identity Center, open\n  ${safeText(prompt.verificationUriComplete)}\nand confirm the code ${safeText(prompt.userCode)} (it expires at ${prompt.expiresAt.toISOString().slice(11, 16)} UTC).\n`;
}

import { describe, expect, it } from 'vitest';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { exitCodeOf } from '../source/errors.js';
import { tempHome } from './helpers/cli.js';

/** A session as a sandbox identity, with a clock the test can move. */
async function sessionAs(user: string, options: { home?: string; subscription?: string } = {}) {
  let now = new Date('2026-11-22T10:00:00Z');
  const context = loadRunContext(
    { sandboxUser: user, sandboxApprove: 'auto', ...(options.subscription ? { subscription: options.subscription } : {}) },
    { QCHAT_HOME: options.home ?? tempHome(), QCHAT_NOW: now.toISOString(), QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' },
  );
  context.clock = () => now;
  const session = await ChatSession.open(context);
  return { session, advance: (hours: number) => (now = new Date(now.getTime() + hours * 3600_000)) };
}

async function identityOf(user: string) {
  const { session } = await sessionAs(user);
  try {
    return await session.identify();
  } finally {
    await session.close();
  }
}

async function errorCodeOf(user: string) {
  return identityOf(user).then(
    () => 'no error',
    (error: { code?: string; message: string }) => ({ code: error.code, exitCode: exitCodeOf(error), message: error.message }),
  );
}

describe('identity-aware sessions for every sandbox identity', () => {
  it('alice: access-portal session, Pro by direct assignment', async () => {
    const state = await identityOf('alice');
    if (state.kind !== 'ready') throw new Error('expected ready');
    expect(state.context).toMatchObject({ signInMethod: 'identity-center', accountId: '111122223333', userName: 'alice', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7' });
    expect(state.context.userId).toMatch(/^9067642ac7-[0-9a-f-]{36}$/);
    expect(state.entitlements.assignment).toEqual({ tier: 'pro' });
    expect(state.entitlements.subscription).toMatchObject({ profile: { name: 'example-corp-pro' }, via: 'directly' });
  });

  it('carol: access-portal session without a subscription is Free, with the reason', async () => {
    const state = await identityOf('carol');
    if (state.kind !== 'ready') throw new Error('expected ready');
    expect(state.entitlements.assignment).toEqual({ tier: 'free', reason: 'no-subscription' });
  });

  it('bob: an IAM role session must sign in, then is Pro through group developers', async () => {
    const { session } = await sessionAs('bob');
    try {
      const before = await session.identify();
      expect(before).toMatchObject({ kind: 'sign-in-required', resolution: { reason: 'SIGN_IN_REQUIRED' } });
      const prompts: string[] = [];
      const after = await session.signIn((prompt) => prompts.push(prompt.userCode));
      expect(prompts).toHaveLength(1);
      if (after.kind !== 'ready') throw new Error('expected ready');
      expect(after.context).toMatchObject({ signInMethod: 'iam-role', userName: 'bob', principalArn: 'arn:aws:sts::111122223333:assumed-role/SAMLDevelopers/bob@example.com' });
      expect(after.entitlements.subscription).toMatchObject({ profile: { name: 'example-corp-pro' }, via: 'through group developers' });
    } finally {
      await session.close();
    }
  });

  it('bob: the sign-in is kept until it expires, then asked for again', async () => {
    const home = tempHome();
    const first = await sessionAs('bob', { home });
    await first.session.identify();
    await first.session.signIn(() => {});
    await first.session.close();

    const second = await sessionAs('bob', { home });
    expect((await second.session.identify()).kind).toBe('ready');
    second.advance(9);
    expect(await second.session.identify()).toMatchObject({ kind: 'sign-in-required', resolution: { reason: 'SIGN_IN_EXPIRED' } });
    await second.session.close();
  });

  it('bob: a question after expiry asks to sign in again, mid-chat', async () => {
    const { session, advance } = await sessionAs('bob');
    await session.identify();
    await session.signIn(() => {});
    advance(9);
    const result = await session.ask('how many lambda functions do I have', { crossRegionConsent: true });
    expect(result).toMatchObject({ kind: 'sign-in-required' });
    await session.signIn(() => {});
    expect((await session.ask('how many lambda functions do I have', { crossRegionConsent: true })).kind).toBe('answer');
    await session.close();
  });

  it('grace: two profiles on two instances, billed twice; switching instances signs in, within one does not', async () => {
    const { session } = await sessionAs('grace');
    try {
      const state = await session.identify();
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.entitlements.subscription?.profile.name).toBe('example-corp-pro');
      expect(state.entitlements.all.map((p) => p.name)).toEqual(['example-corp-pro', 'example-eu-pro']);
      expect(state.entitlements.billedInstances).toBe(2);
      expect(await session.switchProfile('example-corp-pro')).toMatchObject({ kind: 'ready' });
      const eu = await session.switchProfile('example-eu-pro');
      expect(eu).toMatchObject({ kind: 'sign-in-required' });
      const signedIn = await session.signIn(() => {});
      if (signedIn.kind !== 'ready') throw new Error('expected ready');
      expect(signedIn.context.identityStoreArn).toContain('d-99675a9f51');
      expect(signedIn.entitlements.subscription?.profile.name).toBe('example-eu-pro');
      // Back on the first instance: the access-portal session still identifies her, no sign-in.
      expect(await session.switchProfile('example-corp-pro')).toMatchObject({ kind: 'ready' });
    } finally {
      await session.close();
    }
  });

  it('root: the management account root user must sign in', async () => {
    const { session } = await sessionAs('root');
    try {
      expect(await session.identify()).toMatchObject({ kind: 'sign-in-required' });
      const state = await session.signIn(() => {});
      expect(state).toMatchObject({ kind: 'ready', context: { signInMethod: 'root', userName: 'platform-admin' }, entitlements: { assignment: { tier: 'free' } } });
    } finally {
      await session.close();
    }
  });

  it.each(['ivan', 'frank'])('%s: a plain IAM role signs in; nothing invented is asked about identity-aware sessions', async (user) => {
    const { session } = await sessionAs(user);
    try {
      expect(await session.identify()).toMatchObject({ kind: 'sign-in-required' });
      expect(await session.signIn(() => {})).toMatchObject({ kind: 'ready', context: { signInMethod: 'iam-role', userName: user } });
    } finally {
      await session.close();
    }
  });

  it.each([
    ['dave', 'NOT_IN_ORGANIZATION', /does not belong to an AWS Organization.*creating an organization/],
    ['erin', 'ACCOUNT_INSTANCE_ONLY', /only has an account instance.*enabling an organization instance/],
    ['heidi', 'IDENTITY_CENTER_IN_OPT_IN_REGION', /ap-east-1, an opt-in region/],
  ])('%s: stops with %s, naming the prerequisite and the admin action', async (user, code, message) => {
    const error = await errorCodeOf(user);
    expect(error).toMatchObject({ code, exitCode: 3 });
    expect((error as { message: string }).message).toMatch(message);
  });
});

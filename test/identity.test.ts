import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { describeError, errorText, type QchatError } from '../source/errors.js';
import { loadRunContext } from '../source/config/run-context.js';
import { userByName } from '../source/sandbox/world/identity.js';
import { sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import { tempHome } from './helpers/cli.js';

const storeA = 'd-9067642ac7';
const storeB = 'd-99675a9f51';

/** A session as a sandbox identity, with a clock the test can move. No DISPLAY: sign-ins use the device code, approved automatically. */
async function sessionAs(user: string, options: { home?: string; subscription?: string; env?: NodeJS.ProcessEnv; flags?: Record<string, unknown> } = {}) {
  let now = new Date('2026-11-22T10:00:00Z');
  const home = options.home ?? tempHome();
  const context = loadRunContext(
    { sandboxUser: user, sandboxApprove: 'auto', ...(options.subscription ? { subscription: options.subscription } : {}), ...options.flags },
    { QCHAT_HOME: home, QCHAT_NOW: now.toISOString(), QCHAT_SANDBOX_APPROVE_DELAY_MS: '0', ...options.env },
  );
  context.clock = () => now;
  const session = await ChatSession.open(context);
  return { session, home, advance: (hours: number) => (now = new Date(now.getTime() + hours * 3600_000)) };
}

async function readyAfterSignIn(session: ChatSession) {
  expect(await session.identify()).toMatchObject({ kind: 'sign-in-required', resolution: { reason: 'SIGN_IN_REQUIRED' } });
  const state = await session.signIn(() => {});
  if (state.kind !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(state)}`);
  return state;
}

describe('identity from IAM Identity Center sign-in and Amazon Q Developer profiles, for every sandbox identity', () => {
  it('alice: an access-portal session arrives signed in; Pro through her profile; user ID from the service’s user info', async () => {
    const { session } = await sessionAs('alice');
    try {
      const state = await session.identify();
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.context).toMatchObject({ signInMethod: 'identity-center', accountId: '111122223333', userName: 'alice', userId: userByName(storeA, 'alice')!.userId, instanceArn: 'arn:aws:sso:::instance/ssoins-72230b78b3a231eb' });
      // The user ID came from GetUsageLimits' userInfo; the identity store from sso:ListInstances, matched on the profile's instance.
      expect(state.context).toMatchObject({ identityStoreArn: `arn:aws:identitystore::111122223333:identitystore/${storeA}`, identityStoreNote: 'from sso:ListInstances in us-east-1' });
      expect(state.entitlements.assignment).toEqual({ tier: 'pro' });
      expect(state.entitlements.subscription?.profile).toMatchObject({ name: 'example-corp-pro', region: 'us-east-1', arn: 'arn:aws:codewhisperer:us-east-1:111122223333:profile/PQ7K2M9X4RTA' });
      expect(state.entitlements.serviceUsage).toMatchObject({ limits: [{ type: 'AGENTIC_REQUEST', currentUsage: 0, totalUsageLimit: 1000 }], subscriptionType: 'Q_DEVELOPER_STANDALONE_PRO', nextDateReset: '2026-12-01T00:00:00.000Z' });
    } finally {
      await session.close();
    }
  });

  it('alice in the chat: /usage shows qchat\'s own limits beside what Amazon Q Developer reports; /whoami names both', async () => {
    const { session } = await sessionAs('alice');
    try {
      await session.identify();
      const chat = new Conversation(session);
      const usage = await chat.submit('/usage');
      expect(usage).toMatchObject({ kind: 'text', text: expect.stringMatching(/^qchat's own limits: 0 of 1000 requests used this month .* Amazon Q Developer reports 0 of 1000 agentic requests used\.$/) });
      const whoami = await chat.submit('/whoami');
      expect(whoami).toMatchObject({ kind: 'text', text: expect.stringContaining('Q Developer     0 of 1,000 agentic requests used (as Amazon Q Developer reports it; resets 2026-12-01)') });
    } finally {
      await session.close();
    }
  });

  it('carol: no profile is Free with the reason naming her instance; her user ID comes from identitystore:GetUserId', async () => {
    const { session } = await sessionAs('carol');
    try {
      const state = await session.identify();
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.entitlements.assignment).toEqual({ tier: 'free', reason: 'no-subscription' });
      expect(state.entitlements.freeDetail).toBe(
        `No Amazon Q Developer Pro subscription is assigned to you on the IAM Identity Center instance of ${sandboxStartUrl(storeA)}; an administrator assigns one in the Amazon Q Developer console.`,
      );
      expect(state.context).toMatchObject({ userId: userByName(storeA, 'carol')!.userId, identityStoreArn: `arn:aws:identitystore::111122223333:identitystore/${storeA}` });
    } finally {
      await session.close();
    }
  });

  it('bob: an IAM role session signs in (device code without a display), then is Pro through group developers', async () => {
    const { session, home } = await sessionAs('bob');
    try {
      const flows: string[] = [];
      expect(await session.identify()).toMatchObject({ kind: 'sign-in-required' });
      const state = await session.signIn(() => {}, { onFlow: (flow, why) => flows.push(`${flow}: ${why}`) });
      expect(flows).toEqual(['device: there is no display (DISPLAY or WAYLAND_DISPLAY) for a browser']);
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.context).toMatchObject({ signInMethod: 'iam-role', userName: 'bob@example.com', userId: userByName(storeA, 'bob')!.userId, principalArn: 'arn:aws:sts::111122223333:assumed-role/SAMLDevelopers/bob@example.com' });
      expect(state.entitlements.subscription?.profile.name).toBe('example-corp-pro');
      // One credentials file holds the tokens and the registration.
      const file = JSON.parse(readFileSync(join(home, 'data', 'identity', 'credentials.json'), 'utf8'));
      expect(file.signIns).toHaveLength(1);
      expect(file.signIns[0]).toMatchObject({ startUrl: sandboxStartUrl(storeA, 'bob'), accessToken: expect.stringMatching(/^sbx-at-/), refreshToken: expect.stringMatching(/^sbx-rt-/) });
      expect(file.registrations).toMatchObject([{ flow: 'device', scopes: ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations'] }]);
    } finally {
      await session.close();
    }
  });

  it('bob: the sign-in is kept across runs and refreshed by itself before the token expires; after the session ends he signs in again', async () => {
    const home = tempHome();
    const first = await sessionAs('bob', { home });
    await readyAfterSignIn(first.session);
    const before = JSON.parse(readFileSync(join(home, 'data', 'identity', 'credentials.json'), 'utf8')).signIns[0];
    await first.session.close();

    const second = await sessionAs('bob', { home });
    try {
      expect((await second.session.identify()).kind).toBe('ready');
      second.advance(0.95); // within five minutes of the hour-long access token's expiry
      const refreshed = await second.session.identify();
      expect(refreshed.kind).toBe('ready');
      const after = JSON.parse(readFileSync(join(home, 'data', 'identity', 'credentials.json'), 'utf8')).signIns[0];
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.sessionId).toBe(before.sessionId);
      second.advance(8); // past the 8-hour Identity Center session: the refresh token is refused
      expect(await second.session.identify()).toMatchObject({ kind: 'sign-in-required', resolution: { reason: 'SIGN_IN_EXPIRED' } });
    } finally {
      await second.session.close();
    }
  });

  it('bob: mid-chat, an expiring token is refreshed without asking; a failed refresh asks to sign in and the question is answered after', async () => {
    const { session, advance } = await sessionAs('bob');
    try {
      await readyAfterSignIn(session);
      advance(2);
      expect((await session.ask('how many lambda functions do I have', { crossRegionConsent: true })).kind).toBe('answer');
      advance(9);
      expect(await session.ask('how many lambda functions do I have', { crossRegionConsent: true })).toMatchObject({ kind: 'sign-in-required' });
      await session.signIn(() => {});
      expect((await session.ask('how many lambda functions do I have', { crossRegionConsent: true })).kind).toBe('answer');
    } finally {
      await session.close();
    }
  });

  it('grace: profiles on two regions of one instance switch without a sign-in; another instance needs a sign-in there; billed per instance', async () => {
    const home = tempHome();
    const { session } = await sessionAs('grace', { home });
    try {
      const state = await session.identify();
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.entitlements.all.map((p) => `${p.name} ${p.region}`)).toEqual(['example-corp-pro us-east-1', 'example-corp-pro-eu eu-central-1']);
      expect(state.entitlements.billedInstances).toBe(1);
      expect(state.notes).toContain('You have 2 Amazon Q Developer profiles; using example-corp-pro. /profile (or --subscription) chooses another.');
      expect(await session.switchProfile('example-corp-pro-eu')).toMatchObject({ kind: 'ready', entitlements: { subscription: { profile: { name: 'example-corp-pro-eu' } } } });
      const notListed = await session.switchProfile('example-eu-pro').catch((error: unknown) => error);
      expect(notListed).toMatchObject({ code: 'PROFILE_NOT_FOUND', message: expect.stringContaining('listed only once you have signed in there'), remedy: { kind: 'sign-in', elsewhere: true } });
      // Each surface words the remedy: a shell command, or in the chat where to run it.
      expect(describeError(notListed, 'shell')).toMatch(/Sign in there first: qchat login --start-url <that instance's start URL> --sso-region <its region>\.$/);
      expect(describeError(notListed, 'chat')).toMatch(/Sign in there first: leave the chat, run qchat login --start-url .*, and start qchat again\.$/);
    } finally {
      await session.close();
    }

    // The choice is kept; signing in at the EU instance's start URL adds its profile.
    const eu = await sessionAs('grace', { home, flags: { ssoStartUrl: sandboxStartUrl(storeB, 'grace'), ssoRegion: 'eu-central-1' } });
    try {
      const signedIn = await readyAfterSignIn(eu.session);
      expect(signedIn.entitlements.subscription?.profile.name).toBe('example-eu-pro');
      expect(signedIn.context.userId).toBe(userByName(storeB, 'grace')!.userId);
    } finally {
      await eu.session.close();
    }
    const later = await sessionAs('grace', { home });
    try {
      const state = await later.session.identify();
      if (state.kind !== 'ready') throw new Error('expected ready');
      expect(state.entitlements.subscription?.profile.name).toBe('example-corp-pro-eu');
      expect(state.entitlements.all.map((p) => p.name).sort()).toEqual(['example-corp-pro', 'example-corp-pro-eu', 'example-eu-pro']);
      expect(state.entitlements.billedInstances).toBe(2);
      // The EU instance is an account instance of another account: the user ID comes from Q Developer's user info, the identity store stays unknown, and says why.
      expect(await later.session.switchProfile('example-eu-pro')).toMatchObject({ kind: 'ready', context: { userId: userByName(storeB, 'grace')!.userId, identityStoreArn: '', identityStoreNote: 'unknown: sso:ListInstances in eu-central-1 does not list arn:aws:sso:::instance/ssoins-6987317009107929 (this account neither owns it nor sees it)' } });
      expect(await later.session.switchProfile('example-corp-pro')).toMatchObject({ kind: 'ready', context: { userId: userByName(storeA, 'grace')!.userId } });
    } finally {
      await later.session.close();
    }
  });

  it.each([
    ['root', 'root'],
    ['ivan', 'iam-role'],
    ['frank', 'iam-role'],
    ['quinn', 'federated-user'],
    ['erin', 'iam-role'],
    ['heidi', 'iam-role'],
  ])('%s (%s) signs in; nothing invented is asked about identity-aware sessions; the tier is what Q Developer lists', async (user, method) => {
    const { session } = await sessionAs(user);
    try {
      const state = await readyAfterSignIn(session);
      expect(state.context.signInMethod).toBe(method);
      expect(state.entitlements.assignment.tier).toBe(user === 'ivan' ? 'pro' : 'free');
      if (state.entitlements.assignment.tier === 'free') {
        // No profile, so no user info; not an access-portal session: an unidentified user keeps no history.
        expect(state.context.userId).toBe('');
        expect(state.notes.join(' ')).toContain('history cannot be kept for an unidentified user');
      }
    } finally {
      await session.close();
    }
  });

  it('an edited credentials file changes nothing: no identity is cached, and the service checks the token itself (issue 16, item 7)', async () => {
    const home = tempHome();
    const { session, advance } = await sessionAs('bob', { home });
    try {
      await readyAfterSignIn(session);
      const path = join(home, 'data', 'identity', 'credentials.json');
      const file = JSON.parse(readFileSync(path, 'utf8'));
      // Only tokens are on disk: user, tier and limit bucket are asked of Amazon Q Developer every run.
      expect(Object.keys(file.signIns[0]).sort()).toEqual(['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'profiles', 'refreshToken', 'region', 'sessionId', 'startUrl']);
      advance(9);
      file.signIns[0].expiresAt = '2099-01-01T00:00:00.000Z';
      writeFileSync(path, JSON.stringify(file));
      expect(await session.identify()).toMatchObject({ kind: 'sign-in-required', resolution: { reason: 'SIGN_IN_EXPIRED' } });
    } finally {
      await session.close();
    }
  });

  it('a credentials file qchat cannot use is moved aside and reported, never overwritten silently', async () => {
    const home = tempHome();
    const path = join(home, 'data', 'identity', 'credentials.json');
    mkdirSync(join(home, 'data', 'identity'), { recursive: true, mode: 0o700 });
    writeFileSync(path, '{"version": 1, "signIns": "not a list"', { mode: 0o600 });
    const { session } = await sessionAs('bob', { home });
    try {
      expect(await session.identify()).toMatchObject({ kind: 'sign-in-required' });
      expect(session.warnings.join('\n')).toMatch(/credentials\.json is not valid JSON; it was moved to .*credentials\.json\.corrupt-\d{8}T\d{6}Z, and the sign-ins it held must be made again\./);
    } finally {
      await session.close();
    }
  });

  it('dave: an IAM user with no start URL anywhere is told where to give one, never a guessed one', async () => {
    const { session } = await sessionAs('dave');
    try {
      const error = await session.identify().then(() => undefined, (thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'NO_START_URL', remedy: { kind: 'start-url' } });
      // Worded per surface: a shell runs qchat login with the flags; the chat's /login takes none, so it says to leave the chat first.
      expect(errorText(error as QchatError, 'shell')).toContain('Run qchat login --start-url https://<your portal>.awsapps.com/start --sso-region <region>, set the ssoStartUrl and ssoRegion settings');
      expect(errorText(error as QchatError, 'chat')).toContain('Leave the chat and run qchat login --start-url https://<your portal>.awsapps.com/start --sso-region <region>, or set the ssoStartUrl');
    } finally {
      await session.close();
    }
  });

  it('pat: least privilege (Organizations, SSO Admin, Identity Store and Account denied) still signs in, is Pro, and gets answers', async () => {
    const { session } = await sessionAs('pat');
    try {
      const state = await readyAfterSignIn(session);
      expect(state).toMatchObject({ context: { signInMethod: 'iam-role', userId: userByName(storeA, 'pat')!.userId }, entitlements: { assignment: { tier: 'pro' }, subscription: { profile: { name: 'example-corp-pro' } } } });
      // sso:ListInstances is denied: the identity store is unknown, and says why, never guessed from the start URL.
      expect(state.context).toMatchObject({
        identityStoreArn: '',
        identityStoreNote: 'unknown: sso:ListInstances in us-east-1 was denied (AccessDeniedException), and Amazon Q Developer names only the instance (arn:aws:sso:::instance/ssoins-72230b78b3a231eb), not its identity store',
        instanceArn: 'arn:aws:sso:::instance/ssoins-72230b78b3a231eb',
      });
      const costs = await session.ask('what did I spend on EC2 last month');
      expect(costs).toMatchObject({ kind: 'answer', answer: { outcome: 'answered' } });
      const inRegion = await session.ask('how many lambda functions do I have in us-east-1', { crossRegionConsent: true });
      expect(inRegion).toMatchObject({ kind: 'answer', answer: { outcome: 'answered' } });
      const everywhere = await session.ask('how many lambda functions do I have in all regions', { crossRegionConsent: true });
      if (everywhere.kind !== 'answer') throw new Error('expected an answer');
      expect(JSON.stringify(everywhere.answer)).toMatch(/enabled regions/i);
    } finally {
      await session.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { AwsClients } from '../source/aws/clients.js';
import { CredentialsFile } from '../source/identity/credentials-file.js';
import { deviceSignIn } from '../source/identity/device-sign-in.js';
import type { SignInPrompt } from '../source/identity/oidc.js';
import { errorReply } from '../source/sandbox/protocol.js';
import { deviceCodeGrant, oidcError, sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import { tempHome } from './helpers/cli.js';
import { startScriptedProxy } from './helpers/scripted-proxy.js';
import { fixedNow, useSandbox } from './helpers/sandbox.js';

/**
 * qchat's own device-code polling (RFC 8628 §3.5), without a wall clock: qchat's waits are
 * recorded and move the test's clock instead of passing, and a proxy in front of the sandbox
 * answers chosen CreateToken polls with SSO OIDC's own errors (the sandbox's replies, botocore's
 * shapes: `x-amzn-errortype` and `{ error, error_description }`). Everything else, and the poll
 * after the script, goes to the sandbox, which approves bob's code by itself.
 */
type Answer = 'AuthorizationPendingException' | 'SlowDownException' | 'AccessDeniedException' | 'ExpiredTokenException';
const oauthError: Record<Answer, string> = {
  AuthorizationPendingException: 'authorization_pending',
  SlowDownException: 'slow_down',
  AccessDeniedException: 'access_denied',
  ExpiredTokenException: 'expired_token',
};

interface ScriptedOidc {
  url: string;
  /** Device-code CreateToken polls the proxy saw. */
  polls: number;
  /** RegisterClient calls the proxy saw. */
  registrations: number;
  close(): Promise<void>;
}

async function scriptedOidc(sandboxUrl: string, answers: (poll: number) => Answer | undefined): Promise<ScriptedOidc> {
  let polls = 0;
  let registrations = 0;
  const proxy = await startScriptedProxy(sandboxUrl, (request, forward) => {
    if (request.url === '/client/register') registrations++;
    const devicePoll = request.url === '/token' && (JSON.parse(request.body || '{}') as { grantType?: string }).grantType === deviceCodeGrant;
    const answer = devicePoll ? answers(++polls) : undefined;
    if (!answer) return forward();
    const error = oidcError(answer, oauthError[answer], `scripted ${oauthError[answer]}`);
    return { ...errorReply('restJson1', error), body: JSON.stringify(error.body) };
  });
  return {
    url: proxy.url,
    get polls() {
      return polls;
    },
    get registrations() {
      return registrations;
    },
    close: () => proxy.close(),
  };
}

/** qchat's device sign-in for bob through the proxy, `startAt` ms after fixedNow; each wait is recorded and moves the clock by as much. */
async function signInThrough(proxy: ScriptedOidc, { home = tempHome(), startAt = 0 } = {}) {
  let elapsed = startAt;
  const clock = () => new Date(fixedNow.getTime() + elapsed);
  const waits: number[] = [];
  const prompts: SignInPrompt[] = [];
  const clients = new AwsClients({ region: 'us-east-1', endpoint: proxy.url, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' }, maxAttempts: 1 });
  const deps = {
    clients,
    credentials: new CredentialsFile(home, clock),
    clock,
    sleep: async (ms: number) => {
      waits.push(ms);
      elapsed += ms;
    },
  };
  try {
    const signIn = deviceSignIn(deps, { startUrl: sandboxStartUrl('d-9067642ac7', 'bob'), region: 'us-east-1' }, (prompt) => prompts.push(prompt));
    return { outcome: await signIn.then((value) => ({ signedIn: value }), (error: unknown) => ({ error })), waits, prompts };
  } finally {
    await clients.destroy();
  }
}

describe('device-code polling, as RFC 8628 §3.5 says', () => {
  // The sandbox announces `interval: 1` and `expiresIn: 600`, and approves bob's code at the first poll it sees.
  const sandbox = useSandbox({ approve: 'auto', approveDelayMs: 0, rateLimits: false });

  it('polls again at the same interval on authorization_pending, and 5 s slower from each slow_down on', async () => {
    const script: Answer[] = ['AuthorizationPendingException', 'SlowDownException', 'AuthorizationPendingException', 'SlowDownException'];
    const proxy = await scriptedOidc(sandbox.current.url, (poll) => script[poll - 1]);
    try {
      const { outcome, waits, prompts } = await signInThrough(proxy);
      expect(outcome).toMatchObject({ signedIn: { accessToken: expect.any(String), startUrl: sandboxStartUrl('d-9067642ac7', 'bob') } });
      expect(waits).toEqual([1000, 1000, 6000, 6000, 11_000]);
      expect(proxy.polls).toBe(5);
      expect(prompts).toMatchObject([{ kind: 'device', userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/), expiresAt: new Date(fixedNow.getTime() + 600_000) }]);
    } finally {
      await proxy.close();
    }
  });

  it('stops by itself once the code’s 600 s have passed, however the service kept answering, without one more poll', async () => {
    const proxy = await scriptedOidc(sandbox.current.url, () => 'SlowDownException');
    try {
      const { outcome, waits } = await signInThrough(proxy);
      expect(outcome).toMatchObject({ error: { code: 'SIGN_IN_EXPIRED', remedy: { kind: 'sign-in' } } });
      // 1 s, then 5 s more each time: after 15 polls the waits add up to 540 s, and the 16th (76 s) ends past 600 s.
      expect(waits).toEqual(Array.from({ length: 16 }, (_, i) => 1000 + 5000 * i));
      expect(proxy.polls).toBe(15);
    } finally {
      await proxy.close();
    }
  });

  it.each<[Answer, string]>([
    ['AccessDeniedException', 'SIGN_IN_DENIED'],
    ['ExpiredTokenException', 'SIGN_IN_EXPIRED'],
  ])('stops at %s after a pending poll, with %s and the sign-in remedy', async (answer, code) => {
    const proxy = await scriptedOidc(sandbox.current.url, (poll) => (poll === 1 ? 'AuthorizationPendingException' : answer));
    try {
      const { outcome, waits } = await signInThrough(proxy);
      expect(outcome).toMatchObject({ error: { code, remedy: { kind: 'sign-in' } } });
      expect(waits).toEqual([1000, 1000]);
      expect(proxy.polls).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('registers once and keeps the registration until it expires (90 days, clientSecretExpiresAt), then registers again', async () => {
    const proxy = await scriptedOidc(sandbox.current.url, () => undefined);
    try {
      const home = tempHome();
      const day = 86_400_000;
      for (const startAt of [0, 30 * day]) expect((await signInThrough(proxy, { home, startAt })).outcome).toHaveProperty('signedIn');
      expect(proxy.registrations).toBe(1);
      expect((await signInThrough(proxy, { home, startAt: 91 * day })).outcome).toHaveProperty('signedIn');
      expect(proxy.registrations).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { usageFilePath } from '../source/tiers/usage-file.js';
import { sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import { runQchat, tempHome } from './helpers/cli.js';

const approveNow = { QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' };

describe('qchat whoami, login and logout', () => {
  it('bob: whoami says a sign-in is needed, login completes it, whoami then shows Pro', async () => {
    const home = tempHome();
    const before = await runQchat(['whoami', '--sandbox-user', 'bob'], { QCHAT_HOME: home });
    expect(before.code).toBe(3);
    expect(before.stderr).toContain('sign in with IAM Identity Center once');
    expect(before.stderr).toContain('Run qchat login.');

    const json = await runQchat(['whoami', '--sandbox-user', 'bob', '--json'], { QCHAT_HOME: home });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'SIGN_IN_REQUIRED', message: expect.stringContaining('sign in with IAM Identity Center'), remedy: { kind: 'sign-in', text: 'Run qchat login.' }, details: {} },
    });

    const login = await runQchat(['login', '--sandbox-user', 'bob', '--sandbox-approve', 'auto'], { QCHAT_HOME: home, ...approveNow });
    expect(login.code).toBe(0);
    // No display in the test: the device code flow is chosen by itself, and says why.
    expect(login.stderr).toContain('Signing in with a device code: there is no display (DISPLAY or WAYLAND_DISPLAY) for a browser');
    expect(login.stderr).toMatch(/To sign in with IAM Identity Center, open\n  http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z]{4}-[A-Z]{4}/);
    expect(login.stdout).toContain('Signed in.');

    const after = await runQchat(['whoami', '--sandbox-user', 'bob', '--json'], { QCHAT_HOME: home });
    expect(after.code).toBe(0);
    const view = JSON.parse(after.stdout);
    expect(view).toMatchObject({ signInMethod: 'iam-role', tier: 'pro', subscription: { name: 'example-corp-pro', region: 'us-east-1' }, reason: null });
    // Tokens stay in the credentials file: never in JSON output.
    expect(after.stdout).not.toMatch(/sbx-(at|rt|cs)-/);
    expect(Object.keys(view)).toEqual(expect.arrayContaining(['signInMethod', 'accountId', 'principalArn', 'userId', 'identityStoreArn', 'sessionId', 'expiresAt', 'tier', 'subscription', 'reason']));

    const logout = await runQchat(['logout', '--sandbox-user', 'bob'], { QCHAT_HOME: home });
    expect(logout.stdout).toContain('Signed out');
    expect((await runQchat(['whoami', '--sandbox-user', 'bob'], { QCHAT_HOME: home })).code).toBe(3);
  });

  it('logout deletes the stored sign-in even when the AWS configuration cannot be used (an unknown profile): it reaches no account', async () => {
    const home = tempHome();
    expect((await runQchat(['login', '--sandbox-user', 'bob', '--sandbox-approve', 'auto'], { QCHAT_HOME: home, ...approveNow })).code).toBe(0);
    const file = join(home, 'data', 'identity', 'credentials.json');
    expect(existsSync(file)).toBe(true);
    // Not on the sandbox: a profile that is in no config file stops every command that reaches AWS with exit 3.
    const aws = { QCHAT_HOME: home, AWS_PROFILE: 'gone' };
    expect((await runQchat(['whoami'], aws)).code).toBe(3);
    const logout = await runQchat(['logout'], aws);
    expect(logout).toMatchObject({ code: 0, stdout: 'Signed out: deleted 1 IAM Identity Center sign-in and their tokens.\n', stderr: '' });
    expect(existsSync(file)).toBe(false);
    expect((await runQchat(['logout'], aws)).stdout).toBe('No stored sign-in to delete.\n');
  });

  it('whoami for alice prints the context, tier and remaining requests', async () => {
    const result = await runQchat(['whoami', '--sandbox']);
    expect(result.code).toBe(0);
    // The session ID is random per sign-in; everything else is fixed.
    expect(result.stdout.replace(/Session {9}[0-9a-f-]{32,36}/, 'Session         <session id>')).toMatchSnapshot('whoami-alice');
  });

  it('carol is Free and whoami says why', async () => {
    const result = await runQchat(['whoami', '--sandbox-user', 'carol', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ tier: 'free', subscription: null, reason: expect.stringContaining('No Amazon Q Developer Pro subscription is assigned to you on the IAM Identity Center instance of https://d-9067642ac7.awsapps.com/start') });
  });

  it('dave: once qchat login was given a start URL and region, later commands sign in there without them', async () => {
    const home = tempHome();
    const env = { QCHAT_HOME: home, QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' };
    const login = await runQchat(['login', '--sandbox-user', 'dave', '--start-url', sandboxStartUrl('d-9067642ac7', 'bob'), '--sso-region', 'us-east-1', '--sandbox-approve', 'auto', '--device-code'], env);
    expect(login.code).toBe(0);
    const whoami = await runQchat(['whoami', '--sandbox-user', 'dave', '--json'], env);
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ tier: 'pro', subscription: { name: 'example-corp-pro' } });
  });

  it('dave: with no start URL from flags, settings or an sso-session, stops with NO_START_URL, exit 3', async () => {
    const result = await runQchat(['whoami', '--sandbox-user', 'dave', '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'NO_START_URL', remedy: { kind: 'start-url', text: expect.stringContaining('qchat login --start-url https://<your portal>.awsapps.com/start --sso-region <region>') } });
  });
});

describe('tier gating and limits for qchat ask', () => {
  it('refuses a resource question for a Free user with what, why and what to do, exit 4', async () => {
    const result = await runQchat(['ask', 'how many lambda functions do I have', '--sandbox-user', 'carol']);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      'qchat: Using the built-in sandbox account as carol.\n' +
        'qchat: Questions about account resources need qchat Pro. You are on the Free tier because no Amazon Q Developer Pro subscription is assigned to you (or a group of yours) on your IAM Identity Center instance. An administrator assigns one in the Amazon Q Developer console.\n',
    );
    const json = await runQchat(['ask', 'what did I spend last month', '--sandbox-user', 'carol', '--json']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout).error.code).toBe('TIER_FEATURE_NOT_INCLUDED');
  });

  it('limits requests per minute and says when to retry, exit 5', async () => {
    const env = homeWithPolicy({ perMinute: 2 });
    expect((await runQchat(['ask', 'how many s3 buckets', '--sandbox'], env)).code).toBe(0);
    expect((await runQchat(['ask', 'how many s3 buckets', '--sandbox'], env)).code).toBe(0);
    const third = await runQchat(['ask', 'how many s3 buckets', '--sandbox'], env);
    expect(third.code).toBe(5);
    expect(third.stderr).toMatch(/^qchat: Using the built-in sandbox account as alice\.\nqchat: Too many requests: 2 in the last minute is the Pro limit\. Try again in \d+ s\.\n$/);
    // Scripts get the limit and when it resets as data, not only in the sentence.
    const json = await runQchat(['ask', 'how many s3 buckets', '--sandbox', '--json'], env);
    expect(json.code).toBe(5);
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({ code: 'MINUTE_LIMIT_REACHED', remedy: { kind: 'wait', seconds: expect.any(Number) }, details: { tier: 'pro', limit: 2 } });
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Date.parse(error.details.resetsAt)).toBeGreaterThan(Date.parse('2026-11-22T10:00:00Z'));
  });

  it('says in --json when the monthly limit resets', async () => {
    const env = homeWithPolicy({ perMonth: 1 });
    expect((await runQchat(['ask', 'how many s3 buckets', '--sandbox'], env)).code).toBe(0);
    const refused = await runQchat(['ask', 'how many s3 buckets', '--sandbox', '--json'], env);
    expect(refused.code).toBe(5);
    expect(JSON.parse(refused.stdout)).toEqual({
      error: {
        code: 'MONTHLY_LIMIT_REACHED',
        message: 'Monthly limit of 1 requests reached (1 used, 0 left).',
        remedy: { kind: 'wait', until: '2026-12-01T00:00:00.000Z', text: 'It resets on 12/01 at 00:00 UTC; try again then.' },
        details: { tier: 'pro', limit: 1, used: 1, resetsAt: '2026-12-01T00:00:00.000Z' },
      },
    });
  });

  it('holds the monthly quota exactly under 8 concurrent qchat ask processes', async () => {
    const home = tempHome();
    const tiers = join(home, 'tiers.json');
    writeFileSync(tiers, JSON.stringify(policy({ perMonth: 50, perMinute: 1000 })));
    // 46 of alice's 50 already used this month: 8 processes race for the last 4.
    const whoami = await runQchat(['whoami', '--sandbox', '--json'], { QCHAT_HOME: home, QCHAT_TIERS_FILE: tiers });
    const { userId } = JSON.parse(whoami.stdout);
    const file = usageFilePath(join(home, 'data'), userId);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 1, userId, month: '2026-11', monthlyUsed: 46, minuteTokens: 1000, minuteUpdatedAt: '2026-11-22T10:00:00.000Z' }));

    const env = { ...process.env, QCHAT_HOME: home, QCHAT_TIERS_FILE: tiers, QCHAT_NOW: '2026-11-22T10:00:00Z', CI: '1' };
    const run = promisify(execFile);
    const codes = await Promise.all(
      Array.from({ length: 8 }, () =>
        run(process.execPath, ['dist/cli.js', 'ask', 'how many s3 buckets', '--sandbox'], { env }).then(
          () => 0,
          (error: { code: number }) => error.code,
        ),
      ),
    );
    expect(codes.filter((code) => code === 0)).toHaveLength(4);
    expect(codes.filter((code) => code === 5)).toHaveLength(4);
  }, 60_000);
});

/** A fresh QCHAT_HOME whose sandbox runs use a tier policy with these limits. */
function homeWithPolicy(limits: { perMonth?: number; perMinute?: number }) {
  const home = tempHome();
  const tiers = join(home, 'tiers.json');
  writeFileSync(tiers, JSON.stringify(policy(limits)));
  return { QCHAT_HOME: home, QCHAT_TIERS_FILE: tiers };
}

function policy({ perMonth = 1000, perMinute = 30 }: { perMonth?: number; perMinute?: number }) {
  const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
  return {
    free: { features: { ...features, history: false, resourceQuestions: false, costQuestions: false, crossRegion: false }, limits: { requestsPerMonth: 50, requestsPerMinute: 5 } },
    pro: { features, limits: { requestsPerMonth: perMonth, requestsPerMinute: perMinute } },
  };
}

import { describe, expect, it } from 'vitest';
import { sandboxCallers } from '../source/sandbox/callers.js';
import { runQchat, tempHome } from './helpers/cli.js';

type Status = 'passed' | 'failed' | 'unknown';
const P: Status = 'passed';
const F: Status = 'failed';
const U: Status = 'unknown';
const ids = ['sign-in-method', 'organization', 'organization-instance', 'not-opt-in-region', 'identity-aware-sessions', 'set-context', 'sign-in', 'q-profile', 'permission-resources', 'permission-regions', 'permission-costs', 'user-id', 'identity-store'];

/** Expected statuses in the order of `ids`, for every sandbox identity, not signed in with qchat login (access-portal ones arrive signed in). */
const expected: Record<string, Status[]> = {
  alice: [P, P, P, P, U, U, P, P, P, P, P, P, P],
  carol: [P, P, P, P, U, U, P, F, P, P, P, P, P],
  grace: [P, P, P, P, U, U, P, P, P, P, P, P, P],
  bob: [P, P, P, P, U, U, F, U, P, P, P, U, U],
  ivan: [P, P, P, P, U, U, F, U, P, P, F, U, U],
  quinn: [P, P, P, P, U, U, F, U, P, P, P, U, U],
  root: [P, P, P, P, U, U, F, U, P, P, P, U, U],
  frank: [P, P, P, P, U, U, F, U, P, P, P, U, U],
  dave: [P, F, U, U, U, U, F, U, P, P, P, U, U],
  erin: [P, P, F, P, U, U, F, U, P, P, P, U, U],
  heidi: [P, P, P, F, U, U, F, U, P, P, P, U, U],
  pat: [P, U, U, P, U, U, F, U, P, F, P, U, U],
};

describe('qchat doctor for every sandbox identity', () => {
  it('has an expectation for each identity', () => {
    expect(Object.keys(expected).sort()).toEqual(sandboxCallers().map((c) => c.name).sort());
  });

  it.each(Object.entries(expected))('%s', async (user, statuses) => {
    const result = await runQchat(['doctor', '--sandbox-user', user, '--json'], { QCHAT_HOME: tempHome() });
    expect(result.stderr).not.toContain('unexpected');
    expect(result.code).toBe(0);
    const { checks } = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: Status; detail: string; remedy: { kind: string; text: string } | null }> };
    expect(checks.map((c) => c.id)).toEqual(ids);
    expect(Object.fromEntries(checks.map((c) => [c.id, c.status]))).toEqual(Object.fromEntries(ids.map((id, i) => [id, statuses[i]])));
    // Every check not passed says what to do, as data with its shell wording; a passed one has nothing to do.
    for (const check of checks) expect(check.remedy, check.id).toEqual(check.status === 'passed' ? null : expect.objectContaining({ kind: expect.any(String), text: expect.any(String) }));
  });

  it('checks costs with one real GetCostAndUsage: ivan is denied it and told the permissions; a second run the same day is answered from the cost cache', async () => {
    const denied = await runQchat(['doctor', '--sandbox-user', 'ivan'], { QCHAT_HOME: tempHome() });
    expect(denied.stdout).toContain(
      'FAIL Cost questions (ce:GetCostAndUsage): ce GetCostAndUsage: denied (AccessDeniedException).\n     Fix: An administrator allows ce:GetCostAndUsage, ce:GetCostForecast and ce:GetDimensionValues.',
    );
    const home = tempHome();
    const first = await runQchat(['doctor', '--json'], { QCHAT_HOME: home });
    const costs = (result: typeof first) => (JSON.parse(result.stdout) as { checks: Array<{ id: string; detail: string }> }).checks.find((c) => c.id === 'permission-costs')!.detail;
    expect(costs(first)).toBe('ce GetCostAndUsage answered for 2026-11-21, one request billed $0.01.');
    expect(costs(await runQchat(['doctor', '--json'], { QCHAT_HOME: home }))).toMatch(/^ce GetCostAndUsage answered for 2026-11-21; from the cost cache of 2026-11-22 \d\d:\d\d UTC\.$/);
  });

  it('pat signed in: Pro and the user ID pass; the identity store is unknown, and says why (sso:ListInstances denied)', async () => {
    const home = tempHome();
    expect((await runQchat(['login', '--sandbox-user', 'pat', '--sandbox-approve', 'auto'], { QCHAT_HOME: home, QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' })).code).toBe(0);
    const result = await runQchat(['doctor', '--sandbox-user', 'pat', '--json'], { QCHAT_HOME: home });
    const checks = Object.fromEntries((JSON.parse(result.stdout) as { checks: Array<{ id: string; status: Status; detail: string }> }).checks.map((c) => [c.id, c]));
    expect([checks['sign-in']!.status, checks['q-profile']!.status, checks['user-id']!.status]).toEqual([P, P, P]);
    expect(checks['identity-store']).toMatchObject({
      status: U,
      detail: 'Unknown: sso:ListInstances in us-east-1 was denied (AccessDeniedException), and Amazon Q Developer names only the instance (arn:aws:sso:::instance/ssoins-72230b78b3a231eb), not its identity store. History and limits are keyed by the user ID, which does not need it.',
    });
  });

  it('words a sign-in fix as data: a sign-in where qchat knows where, the start URL where it does not (dave)', async () => {
    const remedies = async (user: string) => {
      const result = await runQchat(['doctor', '--sandbox-user', user, '--json'], { QCHAT_HOME: tempHome() });
      return Object.fromEntries((JSON.parse(result.stdout) as { checks: Array<{ id: string; remedy: unknown }> }).checks.map((c) => [c.id, c.remedy]));
    };
    const bob = await remedies('bob');
    expect(bob['sign-in']).toEqual({ kind: 'sign-in', text: 'Run qchat login.' });
    expect(bob['q-profile']).toEqual({ kind: 'sign-in', text: 'Run qchat login.' });
    const dave = await remedies('dave');
    const startUrl = {
      kind: 'start-url',
      text: 'Run qchat login --start-url https://<your portal>.awsapps.com/start --sso-region <region>, set the ssoStartUrl and ssoRegion settings, or use an AWS profile with an sso_session (aws configure sso).',
    };
    expect([dave['sign-in'], dave['organization-instance'], dave['not-opt-in-region']]).toEqual([startUrl, startUrl, startUrl]);
    const text = await runQchat(['doctor', '--sandbox-user', 'dave'], { QCHAT_HOME: tempHome() });
    expect(text.stdout).toContain(`FAIL Signed in to IAM Identity Center for Amazon Q Developer: qchat does not know where you sign in to IAM Identity Center: no start URL and region were given, set, or found in the AWS profile’s sso_session.\n     Fix: ${startUrl.text}\n`);
  });

  it('names the denied call for pat, the least-privilege identity, and still lists every check', async () => {
    const result = await runQchat(['doctor', '--sandbox-user', 'pat'], { QCHAT_HOME: tempHome() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('??   Account in an AWS Organization: Could not check: organizations:DescribeOrganization denied (AccessDeniedException).');
    expect(result.stdout).toContain('FAIL All-regions questions (account:ListRegions)');
    expect(result.stdout).toContain('No public AWS API reports whether identity-aware sessions are enabled');
  });
});

import { describe, expect, it } from 'vitest';
import { sandboxCallers } from '../source/sandbox/callers.js';
import { runQchat, tempHome } from './helpers/cli.js';

type Status = 'passed' | 'failed' | 'unknown';
const P: Status = 'passed';
const F: Status = 'failed';
const U: Status = 'unknown';
const ids = ['sign-in-method', 'organization', 'organization-instance', 'not-opt-in-region', 'identity-aware-sessions', 'set-context', 'sign-in', 'q-profile', 'permission-resources', 'permission-regions', 'permission-costs', 'user-id'];

/** Expected statuses in the order of `ids`, for every sandbox identity, not signed in with qchat login (access-portal ones arrive signed in). */
const expected: Record<string, Status[]> = {
  alice: [P, P, P, P, U, U, P, P, P, P, U, P],
  carol: [P, P, P, P, U, U, P, F, P, P, U, P],
  grace: [P, P, P, P, U, U, P, P, P, P, U, P],
  bob: [P, P, P, P, U, U, F, U, P, P, U, U],
  ivan: [P, P, P, P, U, U, F, U, P, P, U, U],
  quinn: [P, P, P, P, U, U, F, U, P, P, U, U],
  root: [P, P, P, P, U, U, F, U, P, P, U, U],
  frank: [P, P, P, P, U, U, F, U, P, P, U, U],
  dave: [P, F, U, U, U, U, F, U, P, P, U, U],
  erin: [P, P, F, P, U, U, F, U, P, P, U, U],
  heidi: [P, P, P, F, U, U, F, U, P, P, U, U],
  pat: [P, U, U, P, U, U, F, U, P, F, U, U],
};

describe('qchat doctor for every sandbox identity', () => {
  it('has an expectation for each identity', () => {
    expect(Object.keys(expected).sort()).toEqual(sandboxCallers().map((c) => c.name).sort());
  });

  it.each(Object.entries(expected))('%s', async (user, statuses) => {
    const result = await runQchat(['doctor', '--sandbox-user', user, '--json'], { QCHAT_HOME: tempHome() });
    expect(result.stderr).not.toContain('unexpected');
    expect(result.code).toBe(0);
    const { checks } = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: Status; detail: string; fix: string | null }> };
    expect(checks.map((c) => c.id)).toEqual(ids);
    expect(Object.fromEntries(checks.map((c) => [c.id, c.status]))).toEqual(Object.fromEntries(ids.map((id, i) => [id, statuses[i]])));
    for (const check of checks) if (check.status !== 'passed') expect(check.fix, check.id).toBeTruthy();
  });

  it('names the denied call for pat, the least-privilege identity, and still lists every check', async () => {
    const result = await runQchat(['doctor', '--sandbox-user', 'pat'], { QCHAT_HOME: tempHome() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('??   Account in an AWS Organization: Could not check: organizations:DescribeOrganization denied (AccessDeniedException).');
    expect(result.stdout).toContain('FAIL All-regions questions (account:ListRegions)');
    expect(result.stdout).toContain('No public AWS API reports whether identity-aware sessions are enabled');
  });
});

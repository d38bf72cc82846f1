import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qDeveloperScopes } from '../source/identity/oidc.js';
import { callerByName } from '../source/sandbox/callers.js';
import { startSandbox } from '../source/sandbox/server.js';
import { awsCliSsoHome } from './helpers/aws-cli-sso.js';
import { tempHome } from './helpers/cli.js';
import { childEnv } from './helpers/child-env.js';

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: childEnv(env) }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A sandbox identity's keys as AWS environment variables: credentials that do not come from the sso-session. */
function sandboxCallerKeys(name: string): NodeJS.ProcessEnv {
  const caller = callerByName(name)!;
  return { AWS_ACCESS_KEY_ID: caller.accessKeyId, AWS_SECRET_ACCESS_KEY: caller.secretAccessKey, AWS_SESSION_TOKEN: caller.sessionToken };
}

describe('an AWS profile whose sso-session token is in the AWS CLI cache', () => {
  it('is used as it is when the sso-session registered the Q Developer scopes: no sign-in asked, Pro from the profile', async () => {
    const sandbox = await startSandbox({ approve: 'auto', approveDelayMs: 0 });
    try {
      const home = tempHome();
      await awsCliSsoHome(sandbox, home, { user: 'alice', scopes: [...qDeveloperScopes, 'sso:account:access'] });
      const result = await runBuilt(['whoami', '--endpoint-url', sandbox.url, '--json'], { HOME: home, QCHAT_HOME: join(home, 'qchat') });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ signInMethod: 'identity-center', userName: 'alice', accountId: '111122223333', tier: 'pro', subscription: { name: 'example-corp-pro' } });
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('is not used when the registration lacks the Q Developer scopes (the AWS CLI default, sso:account:access): qchat asks for its own sign-in', async () => {
    const sandbox = await startSandbox({ approve: 'auto', approveDelayMs: 0 });
    try {
      const home = tempHome();
      await awsCliSsoHome(sandbox, home, { user: 'alice', scopes: ['sso:account:access'] });
      const result = await runBuilt(['whoami', '--endpoint-url', sandbox.url, '--json'], { HOME: home, QCHAT_HOME: join(home, 'qchat') });
      expect(result.code).toBe(3);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'SIGN_IN_REQUIRED' } });
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('once that token has expired, says whose token it was and that aws sso login renews it (qchat never rewrites the AWS CLI cache)', async () => {
    const sandbox = await startSandbox({ approve: 'auto', approveDelayMs: 0 });
    try {
      const home = tempHome();
      await awsCliSsoHome(sandbox, home, { user: 'alice', scopes: [...qDeveloperScopes, 'sso:account:access'] });
      // The cached token lasts an hour; a day later it has run out (the AWS credentials still work: alice's sandbox keys).
      const alice = sandboxCallerKeys('alice');
      const result = await runBuilt(['whoami', '--endpoint-url', sandbox.url, '--json'], { HOME: home, QCHAT_HOME: join(home, 'qchat'), QCHAT_NOW: new Date(Date.now() + 86_400_000).toISOString(), ...alice });
      expect(result.code).toBe(3);
      expect(JSON.parse(result.stdout)).toEqual({
        error: {
          code: 'SIGN_IN_EXPIRED',
          message: 'Your IAM Identity Center sign-in (the token in the AWS CLI token cache of sso-session corp) has expired.',
          remedy: { kind: 'aws-sso-login', profile: 'default', text: 'Sign in again with: aws sso login --profile default' },
          details: {},
        },
      });
      // qchat doctor gives the same fix, as data, for its sign-in check.
      const doctor = await runBuilt(['doctor', '--endpoint-url', sandbox.url, '--json'], { HOME: home, QCHAT_HOME: join(home, 'qchat'), QCHAT_NOW: new Date(Date.now() + 86_400_000).toISOString(), ...alice });
      expect((JSON.parse(doctor.stdout) as { checks: Array<{ id: string }> }).checks.find((check) => check.id === 'sign-in')).toMatchObject({
        status: 'failed',
        remedy: { kind: 'aws-sso-login', profile: 'default', text: 'Sign in again with: aws sso login --profile default' },
      });
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});


import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qDeveloperScopes } from '../source/identity/oidc.js';
import { startSandbox } from '../source/sandbox/server.js';
import { awsCliSsoHome } from './helpers/aws-cli-sso.js';
import { tempHome } from './helpers/cli.js';

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
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
});

import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../source/sandbox/server.js';
import { sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import { tempHome } from './helpers/cli.js';

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('an AWS profile whose SSO token is already in the AWS CLI cache', () => {
  it('is used as it is: the access-portal session identifies the user, no sign-in asked', async () => {
    const sandbox = await startSandbox({ approve: 'auto', approveDelayMs: 0 });
    try {
      // What `aws sso login` leaves behind: a token from the device flow, cached under ~/.aws/sso/cache.
      const startUrl = sandboxStartUrl(sandbox.url, 'd-9067642ac7', 'alice');
      const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: sandbox.url });
      const client = await oidc.send(new RegisterClientCommand({ clientName: 'aws-cli', clientType: 'public' }));
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl }));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const token = await oidc.send(
        new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! }),
      );
      oidc.destroy();

      const home = tempHome();
      mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(
        join(home, '.aws', 'config'),
        `[profile sso-alice]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = QDeveloperPro\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`,
      );
      writeFileSync(
        join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
        JSON.stringify({ startUrl, region: 'us-east-1', accessToken: token.accessToken, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') }),
      );

      const result = await runBuilt(['whoami', '--profile', 'sso-alice', '--endpoint-url', sandbox.url, '--json'], { HOME: home, QCHAT_HOME: join(home, 'qchat') });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ signInMethod: 'identity-center', userName: 'alice', accountId: '111122223333' });
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});

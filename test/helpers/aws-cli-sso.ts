import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../source/sandbox/server.js';
import { sandboxStartUrl } from '../../source/sandbox/services/sso-oidc.js';

/**
 * What `aws configure sso` and `aws sso login` leave behind in a HOME: a profile with an
 * sso-session in ~/.aws/config, and the session's token in ~/.aws/sso/cache/<sha1 of its name>.json.
 * The token comes from the sandbox's real device flow (approved automatically), registered with `scopes`.
 */
export async function awsCliSsoHome(sandbox: Sandbox, home: string, options: { user: string; scopes: string[]; roleName?: string }): Promise<void> {
  const startUrl = sandboxStartUrl('d-9067642ac7', options.user);
  const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: sandbox.url });
  try {
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'botocore-client-corp', clientType: 'public', scopes: options.scopes }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const token = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode! }),
    );
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      `[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ${options.roleName ?? 'QDeveloperPro'}\nregion = us-east-1\n\n` +
        `[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_registration_scopes = ${options.scopes.join(',')}\n`,
    );
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: token.accessToken, expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') }),
    );
  } finally {
    oidc.destroy();
  }
}

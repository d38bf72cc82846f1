import { createHash } from 'node:crypto';

/**
 * A real-account profile whose IAM Identity Center (SSO) sign-in cannot be used: the token cache
 * missing, corrupt, expired or of the wrong shape, or the AWS config itself broken. qchat must say
 * to sign in again (naming the profile and `aws sso login --profile NAME`) and exit 3.
 */
export interface SsoCase {
  name: string;
  /** ~/.aws/config; default: the `dev` profile on the `corp` sso-session. */
  config?: string | { directory: true };
  /** ~/.aws/sso/cache/<sha1 of the session>.json; undefined: no file. */
  cache?: string | { directory: true } | { danglingLink: true };
  profile?: string;
  /** The message must tell the user to run `aws sso login --profile NAME`. */
  ssoLogin?: boolean;
}

export const startUrl = 'https://d-9067642ac7.awsapps.com/start';

export const ssoSessionConfig = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = QDeveloperPro
region = us-east-1

[sso-session corp]
sso_start_url = ${startUrl}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

const legacyConfig = `[profile dev]
sso_start_url = ${startUrl}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = QDeveloperPro
region = us-east-1
`;

/** Where the AWS CLI caches the token of an sso-session (by name) or a legacy profile (by start URL). */
export const cacheFileName = (key: string) => `${createHash('sha1').update(key).digest('hex')}.json`;

const token = (fields: Record<string, unknown>) => JSON.stringify({ startUrl, region: 'us-east-1', ...fields });
const hourAgo = '2026-11-22T09:00:00Z';

export const ssoCases: SsoCase[] = [
  { name: 'no cached token', ssoLogin: true },
  { name: 'cached token that is not JSON', cache: '{"accessToken": "abc", "expiresAt": ', ssoLogin: true },
  { name: 'empty cached token file', cache: '', ssoLogin: true },
  { name: 'cached token file of binary garbage', cache: '\u0000\u0001\u00ff\u001b[2J', ssoLogin: true },
  { name: 'cached token that is a JSON array', cache: '[1, 2, 3]', ssoLogin: true },
  { name: 'cached token that is JSON null', cache: 'null', ssoLogin: true },
  { name: 'expired cached token', cache: token({ accessToken: 'expired-token', expiresAt: hourAgo }), ssoLogin: true },
  { name: 'expired long ago', cache: token({ accessToken: 'expired-token', expiresAt: '1970-01-01T00:00:00Z' }), ssoLogin: true },
  { name: 'cached token without accessToken', cache: token({ expiresAt: '2099-01-01T00:00:00Z' }), ssoLogin: true },
  { name: 'cached token without expiresAt', cache: token({ accessToken: 'token' }), ssoLogin: true },
  { name: 'cached token whose expiresAt is not a date', cache: token({ accessToken: 'token', expiresAt: 'tomorrow' }), ssoLogin: true },
  { name: 'cached token whose accessToken is a number', cache: token({ accessToken: 42, expiresAt: hourAgo }), ssoLogin: true },
  { name: 'cached token file is a folder', cache: { directory: true }, ssoLogin: true },
  { name: 'cached token file is a dangling link', cache: { danglingLink: true }, ssoLogin: true },
  { name: 'legacy SSO profile without a cached token', config: legacyConfig, ssoLogin: true },
  { name: 'profile naming an sso-session that does not exist', config: ssoSessionConfig.replace('[sso-session corp]', '[sso-session other]') },
  { name: 'sso-session without a start URL', config: ssoSessionConfig.replace(/^sso_start_url = .*$/m, '') },
  { name: 'profile that does not exist', profile: 'nope' },
  { name: 'profile name shaped like a path', profile: '../../../etc/passwd' },
  { name: 'profile name with escape sequences', profile: '\u001b]0;pwned\u0007dev\u001b[2J' },
  { name: 'AWS config of binary garbage', config: '\u0000\u00ff\u00fe[[[profile\n=\n\u001b[2J' },
  { name: 'AWS config that is a folder', config: { directory: true } },
];

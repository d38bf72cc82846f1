import type { Settings } from '../config/settings.js';
import type { Remedy } from '../errors.js';
import { qDeveloperScopes, type SignInTarget } from './oidc.js';

/** A token qchat may use without signing in itself: the AWS CLI's cache, or the sandbox identity's portal sign-in. */
export interface ReusedToken {
  accessToken: string;
  expiresAt: string;
  /** Where it came from, for messages: "the AWS CLI token cache of sso-session corp". */
  from: string;
  /** What renews it once it has expired, worded by each front end. */
  renew: Remedy;
}

export interface SignInSource {
  target: SignInTarget;
  /** "--start-url", "the ssoStartUrl setting", "profile dev (sso-session corp)", "the sandbox". */
  from: string;
  reusable?: () => Promise<ReusedToken | undefined>;
}

/** What the sandbox tells about its identity: where it signs in, and the sign-in an access-portal identity arrives with. */
export interface SandboxSignIn {
  startUrl: string;
  region: string;
  arrivesWith?: () => { accessToken: string; expiresAt: string } | undefined;
}

/**
 * Where the person signs in to IAM Identity Center, never guessed: `--start-url`/`--sso-region`
 * (the ssoStartUrl/ssoRegion settings), else the AWS profile's sso-session (`sso_start_url`,
 * `sso_region` in ~/.aws/config, or the legacy profile keys), else the sandbox identity's instance.
 * Undefined when none says: then qchat asks for a start URL.
 */
export async function signInSource(settings: Settings, env: NodeJS.ProcessEnv, sandbox: SandboxSignIn | undefined): Promise<SignInSource | undefined> {
  if (settings.ssoStartUrl) {
    const region = settings.ssoRegion ?? (await profileSso(settings, env))?.region;
    if (region) return { target: { startUrl: settings.ssoStartUrl, region }, from: 'the ssoStartUrl setting (--start-url)' };
  }
  if (sandbox) {
    const arrivesWith = sandbox.arrivesWith;
    return {
      target: { startUrl: sandbox.startUrl, region: sandbox.region },
      from: 'the sandbox',
      ...(arrivesWith
        ? { reusable: async () => { const token = arrivesWith(); return token && { ...token, from: 'the sandbox access-portal session', renew: { kind: 'sign-in' } }; } }
        : {}),
    };
  }
  const sso = await profileSso(settings, env);
  if (!sso) return undefined;
  return {
    target: { startUrl: sso.startUrl, region: settings.ssoRegion ?? sso.region },
    from: `profile ${sso.profile}${sso.session ? ` (sso-session ${sso.session})` : ''}`,
    ...(sso.session && qDeveloperScopes.every((scope) => sso.scopes.includes(scope)) ? { reusable: () => awsCliToken(sso.session!, sso.profile) } : {}),
  };
}

interface ProfileSso {
  profile: string;
  session: string | undefined;
  startUrl: string;
  region: string;
  scopes: string[];
}

async function profileSso(settings: Settings, env: NodeJS.ProcessEnv): Promise<ProfileSso | undefined> {
  const { loadSharedConfigFiles, loadSsoSessionData } = await import('@smithy/shared-ini-file-loader');
  const profile = settings.profile ?? env.AWS_PROFILE ?? 'default';
  try {
    const [{ configFile }, sessions] = await Promise.all([loadSharedConfigFiles(), loadSsoSessionData()]);
    const section = configFile[profile];
    if (!section) return undefined;
    const session = section.sso_session;
    const data = session ? sessions[session] : undefined;
    const startUrl = data?.sso_start_url ?? section.sso_start_url;
    const region = data?.sso_region ?? section.sso_region;
    if (!startUrl || !region) return undefined;
    const scopes = (data?.sso_registration_scopes ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
    return { profile, session, startUrl, region, scopes };
  } catch {
    // An unreadable ~/.aws/config is the credential chain's to report.
    return undefined;
  }
}

/**
 * The AWS CLI's cached token for an sso-session (~/.aws/sso/cache/<sha1 of the session name>.json,
 * as `aws sso login` writes it), used as it is: qchat never rewrites the AWS CLI's cache, so when
 * it has expired the remedy is `aws sso login`.
 */
async function awsCliToken(session: string, profile: string): Promise<ReusedToken | undefined> {
  const { getSSOTokenFromFile } = await import('@smithy/shared-ini-file-loader');
  try {
    const token = await getSSOTokenFromFile(session);
    if (!token.accessToken || !token.expiresAt) return undefined;
    return { accessToken: token.accessToken, expiresAt: new Date(token.expiresAt).toISOString(), from: `the AWS CLI token cache of sso-session ${session}`, renew: { kind: 'aws-sso-login', profile } };
  } catch {
    return undefined;
  }
}

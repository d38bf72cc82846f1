import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/**
 * Environment variables through which the SDK's default credential chain finds credentials or a
 * profile (fromEnv, fromIni/fromSSO, fromTokenFile, fromContainerMetadata in
 * @aws-sdk/credential-providers). Any of them set means the user has AWS configured.
 */
const credentialEnv = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

/** The shared config and credentials files as the SDK finds them: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function awsConfigFiles(env: NodeJS.ProcessEnv): { configFile: string; credentialsFile: string } {
  // The same home the SDK's getHomeDir uses: HOME, then USERPROFILE, then the OS's.
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** What configures AWS here, first found; undefined when there is no AWS configuration at all. */
export function awsConfigurationSource(env: NodeJS.ProcessEnv): string | undefined {
  const variable = credentialEnv.find((name) => env[name]?.trim());
  if (variable) return variable;
  const { configFile, credentialsFile } = awsConfigFiles(env);
  return [configFile, credentialsFile].find((file) => existsSync(file));
}

/** A profile's settings in the shared files. */
export interface AwsProfile {
  name: string;
  /** Whether the profile is in the config or credentials file at all. */
  exists: boolean;
  /** Signs in through IAM Identity Center (sso_session or sso_start_url): `aws sso login` refreshes it. */
  sso: boolean;
  region: string | undefined;
}

export async function readAwsProfile(name: string, env: NodeJS.ProcessEnv): Promise<AwsProfile> {
  const { configFile, credentialsFile } = awsConfigFiles(env);
  try {
    const files = await loadSharedConfigFiles({ configFilepath: configFile, filepath: credentialsFile, ignoreCache: true });
    const config = files.configFile[name];
    const credentials = files.credentialsFile[name];
    return { name, exists: Boolean(config ?? credentials), sso: Boolean(config?.sso_session ?? config?.sso_start_url), region: config?.region ?? credentials?.region };
  } catch {
    // An unreadable file is the credential chain's to report, with its own message.
    return { name, exists: true, sso: false, region: undefined };
  }
}

/** The profile the SDK's chain would use: --profile, else AWS_PROFILE, else "default". */
export function profileName(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? (env.AWS_PROFILE?.trim() || 'default');
}

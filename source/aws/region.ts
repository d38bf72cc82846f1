import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export const defaultRegion = 'us-east-1';

/** The session region: flag or QCHAT_REGION > AWS_REGION > AWS_DEFAULT_REGION > the AWS profile's region > us-east-1. */
export async function resolveRegion(explicit: string | undefined, profile: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (explicit) return explicit;
  const fromEnv = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (fromEnv) return fromEnv;
  try {
    const { configFile } = await loadSharedConfigFiles();
    const region = configFile[profile ?? env.AWS_PROFILE ?? 'default']?.region;
    if (region) return region;
  } catch {
    // An unreadable ~/.aws/config is the credential chain's to report; the region falls back.
  }
  return defaultRegion;
}

import type { AwsProfile } from './aws-config.js';

/** Where qchat asks when the sandbox is used and no region is set, as the AWS CLI's own examples do. */
export const defaultRegion = 'us-east-1';

/**
 * The session region as the AWS CLI finds it: flag or QCHAT_REGION > AWS_REGION > AWS_DEFAULT_REGION
 * > the profile's `region`. Undefined when none is set: on a real account qchat says how to set one
 * rather than guess.
 */
export function configuredRegion(explicit: string | undefined, profile: AwsProfile, env: NodeJS.ProcessEnv): string | undefined {
  return explicit || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || profile.region || undefined;
}

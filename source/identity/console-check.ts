import type { AwsTarget } from '../aws/clients.js';
import { signedPost } from '../aws/signed-request.js';
import type { IdentityCenterInstance } from './identity-center.js';

export type IdentityAwareSetting = 'check' | 'assume-enabled' | 'assume-disabled';

/**
 * Whether identity-aware sessions are enabled on an organization instance: AWS Sign-In lists the
 * console's trusted identity propagation application when they are. No SDK package ships that
 * operation, so it is signed here. Where the call is not available, the setting decides.
 */
export async function identityAwareSessionsEnabled(
  target: AwsTarget,
  instance: IdentityCenterInstance,
  setting: IdentityAwareSetting,
  signal?: AbortSignal,
): Promise<{ enabled: boolean; note?: string }> {
  if (setting !== 'check') {
    return { enabled: setting === 'assume-enabled', note: `Identity-aware sessions taken as ${setting === 'assume-enabled' ? 'enabled' : 'disabled'} by the identityAwareSessions setting.` };
  }
  try {
    const reply = await signedPost(target, {
      service: 'signin',
      region: instance.region,
      defaultEndpoint: `https://signin.${instance.region}.amazonaws.com`,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'SignInControlPlaneService.ListTrustedIdentityPropagationApplicationsForConsole' },
      body: JSON.stringify({ identityCenterInstanceArn: instance.instanceArn, maxResults: 1 }),
      ...(signal ? { signal } : {}),
    });
    if (reply.status === 200) return { enabled: ((reply.body as { applicationArns?: unknown[] }).applicationArns ?? []).length > 0 };
    return unavailable(`${reply.errorType ?? `HTTP ${reply.status}`}`);
  } catch (error) {
    if (signal?.aborted) throw error;
    return unavailable((error as Error).message);
  }
}

function unavailable(why: string) {
  return {
    enabled: true,
    note: `Could not check whether identity-aware sessions are enabled (${why}); assuming they are. Set identityAwareSessions to assume-enabled or assume-disabled to decide.`,
  };
}

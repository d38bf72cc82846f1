import type { AwsTarget } from '../aws/clients.js';
import { signedPost } from '../aws/signed-request.js';
import { IdentityError } from './identity-context.js';

/**
 * Sets the signed-in user's context on the role session (sts:SetContext), which identity-aware
 * sessions need. No SDK ships the call, so it is signed here. A role without the permission stops
 * with SET_CONTEXT_DENIED; an STS that does not offer the action leaves a note and goes on.
 */
export async function setSessionContext(target: AwsTarget, principalArn: string, idToken: string, signal?: AbortSignal): Promise<string | undefined> {
  const reply = await signedPost(target, {
    service: 'sts',
    region: target.region,
    defaultEndpoint: `https://sts.${target.region}.amazonaws.com`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Action: 'SetContext', Version: '2011-06-15', ContextAssertion: idToken }).toString(),
    ...(signal ? { signal } : {}),
  }).catch((error: Error) => ({ status: 0, body: {}, errorType: error.message }));
  if (reply.status === 200) return undefined;
  if (reply.status === 403 || /AccessDenied/.test(reply.errorType ?? '')) {
    throw new IdentityError(
      'SET_CONTEXT_DENIED',
      `Your role session ${principalArn} is not allowed sts:SetContext, which identity-aware sessions need. An administrator fixes this by adding sts:SetContext to the role's permissions (for Identity Center users, to the permission set).`,
    );
  }
  return `STS did not set the session context (${reply.errorType ?? `HTTP ${reply.status}`}); the identity context applies to qchat only.`;
}

import { AwsError, type SandboxRequest } from '../protocol.js';
import type { SandboxService } from '../service.js';
import { subscriptionsOf, type SubscriptionProfile } from '../world/identity.js';
import { DetailedAwsError, constraintViolation, withDetailedErrors } from './detailed-error.js';
import { pageOf } from './next-token.js';
import type { OidcRegistry, SignInSession } from './oidc-registry.js';

/**
 * The Amazon Q Developer endpoints (q.us-east-1.amazonaws.com, q.eu-central-1.amazonaws.com) as
 * AWS's open-source Q Developer CLI calls them (crates/amzn-codewhisperer-client): awsJson1_0,
 * `X-Amz-Target: AmazonCodeWhispererService.<Operation>`, POST /, HTTP bearer auth with the SSO
 * OIDC access token. ListAvailableProfiles (`maxResults`, `nextToken` → `profiles`, `nextToken`)
 * and GetUsageLimits (`profileArn`, `origin`, `resourceType` → `limits`, `nextDateReset` in epoch
 * seconds, `daysUntilReset`, `subscriptionInfo`, `userInfo`). Errors are the client's:
 * AccessDeniedException, ValidationException, ThrottlingException, InternalServerException,
 * `{ "__type", "message" }`.
 *
 * One local endpoint stands in for both regional hosts, so the sandbox serves each region under a
 * base path, `<sandbox>/q/<region>/`; the operation is still POST to that endpoint's root.
 */
export const qRegions = ['us-east-1', 'eu-central-1'] as const;
/** The scope the service requires of a token (the CLI asks for completions, analysis and conversations). */
const requiredScope = 'codewhisperer:conversations';
/** Agentic requests a month in Amazon Q Developer Pro. */
const proAgenticRequests = 1000;

export function qDeveloperService(registry: OidcRegistry): SandboxService {
  function caller(request: SandboxRequest, now: Date): { session: SignInSession; region: string } {
    const region = /^\/q\/([a-z0-9-]+)\/?$/.exec(request.path)?.[1];
    if (!region || !(qRegions as readonly string[]).includes(region)) throw new AwsError('UnknownOperationException', `No Amazon Q Developer endpoint at ${request.path}`, 404);
    const token = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const check = token ? registry.bearer(token, now) : { kind: 'unknown' as const };
    if (check.kind === 'expired') throw qError('AccessDeniedException', 'The bearer token included in the request has expired.', 403);
    if (check.kind === 'unknown') throw qError('AccessDeniedException', 'The bearer token included in the request is invalid.', 403);
    if (!check.session.scopes.includes(requiredScope)) throw qError('AccessDeniedException', `The bearer token lacks the ${requiredScope} scope.`, 403);
    return { session: check.session, region };
  }

  const profilesIn = (session: SignInSession, region: string) => subscriptionsOf(session.user).filter((profile) => profile.region === region);

  return {
    signingName: 'codewhisperer',
    protocol: 'awsJson1_0',
    targetPrefix: 'AmazonCodeWhispererService',
    signed: false,
    bearer: true,
    throttled: false,
    regional: false,
    operations: withDetailedErrors('awsJson1_0', {
      ListAvailableProfiles: ({ request, now }) => {
        const { session, region } = caller(request, now);
        const { maxResults, nextToken } = request.input;
        const page = pageOf(profilesIn(session, region), { MaxResults: maxResults, NextToken: nextToken }, `ListAvailableProfiles/${session.user.userId}/${region}`);
        return { profiles: page.items.map((profile) => profileShape(profile, session)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
      },
      GetUsageLimits: ({ request, now }) => {
        const { session, region } = caller(request, now);
        const profileArn = request.query.get('profileArn') ?? request.input.profileArn;
        if (typeof profileArn !== 'string' || profileArn === '') throw constraintViolation('profileArn', undefined, 'Member must not be null');
        const profile = profilesIn(session, region).find((p) => p.profileArn === profileArn);
        if (!profile) throw qError('AccessDeniedException', `You do not have access to profile ${profileArn} in ${region}.`, 403);
        const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
        return {
          limits: [{ type: 'AGENTIC_REQUEST', currentUsage: 0, totalUsageLimit: proAgenticRequests, percentUsed: 0 }],
          nextDateReset: reset.getTime() / 1000,
          daysUntilReset: Math.ceil((reset.getTime() - now.getTime()) / 86_400_000),
          subscriptionInfo: {
            type: 'Q_DEVELOPER_STANDALONE_PRO',
            upgradeCapability: 'UPGRADE_INCAPABLE',
            overageCapability: 'OVERAGE_INCAPABLE',
            subscriptionManagementTarget: 'MANAGE',
            subscriptionTitle: 'Amazon Q Developer Pro',
          },
          userInfo: { userId: session.user.userId, email: session.user.email },
        };
      },
    }),
  };
}

function profileShape(profile: SubscriptionProfile, session: SignInSession) {
  return {
    arn: profile.profileArn,
    profileName: profile.name,
    identityDetails: { ssoIdentityDetails: { instanceArn: profile.instanceArn, oidcClientId: session.clientId, ssoRegion: session.instance.region } },
    status: 'ACTIVE',
    profileType: 'Q_DEVELOPER',
    activeFunctionalities: ['COMPLETIONS', 'ANALYSIS', 'CONVERSATIONS'],
  };
}

function qError(code: string, message: string, status: number): DetailedAwsError {
  return new DetailedAwsError(code, message, status, { __type: code, message });
}

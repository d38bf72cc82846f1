import { PageTokens } from '../aws/page-tokens.js';
import { callQDeveloper, qDeveloperRegions, QDeveloperError, type QCall } from './q-developer-client.js';

/** A Q Developer profile: a Pro subscription in one region, tied to one Identity Center instance. */
export interface QProfile {
  arn: string;
  name: string;
  region: string;
  /** identityDetails.ssoIdentityDetails.instanceArn; empty when the service names none. */
  instanceArn: string;
  /** The Identity Center region the profile's instance lives in (ssoIdentityDetails.ssoRegion). */
  ssoRegion: string;
}

export interface ProfileListing {
  profiles: QProfile[];
  /** Regions whose endpoint failed, with why; the other region still counts. */
  failures: Array<{ region: string; error: QDeveloperError }>;
}

/**
 * ListAvailableProfiles on both Q endpoints, every page, as the Q Developer CLI does
 * (crates/chat-cli/src/api_client/profile.rs: each endpoint in turn, a failing one logged and
 * skipped). An expired or rejected token fails the whole listing: the caller signs in again.
 */
export async function listAvailableProfiles(call: Omit<QCall, 'region'>): Promise<ProfileListing> {
  const listing: ProfileListing = { profiles: [], failures: [] };
  const outcomes = await Promise.all(qDeveloperRegions.map((region) => profilesIn({ ...call, region }).then((profiles) => ({ region, profiles }), (error: unknown) => ({ region, error }))));
  for (const outcome of outcomes) {
    if ('profiles' in outcome) listing.profiles.push(...outcome.profiles);
    else if (outcome.error instanceof QDeveloperError && !outcome.error.isAuthFailure) listing.failures.push({ region: outcome.region, error: outcome.error });
    else throw outcome.error;
  }
  return listing;
}

async function profilesIn(call: QCall): Promise<QProfile[]> {
  const profiles: QProfile[] = [];
  const tokens = new PageTokens(`codewhisperer ListAvailableProfiles (${call.region})`);
  let nextToken: string | undefined;
  do {
    const page = await callQDeveloper(call, 'ListAvailableProfiles', nextToken ? { nextToken } : {});
    for (const item of Array.isArray(page.profiles) ? page.profiles : []) {
      const profile = item as { arn?: unknown; profileName?: unknown; status?: unknown; identityDetails?: { ssoIdentityDetails?: { instanceArn?: unknown; ssoRegion?: unknown } } };
      if (typeof profile.arn !== 'string' || typeof profile.profileName !== 'string') continue;
      if (profile.status !== undefined && profile.status !== 'ACTIVE') continue;
      const sso = profile.identityDetails?.ssoIdentityDetails;
      profiles.push({
        arn: profile.arn,
        name: profile.profileName,
        region: profile.arn.split(':')[3] || call.region,
        instanceArn: typeof sso?.instanceArn === 'string' ? sso.instanceArn : '',
        ssoRegion: typeof sso?.ssoRegion === 'string' ? sso.ssoRegion : '',
      });
    }
    nextToken = tokens.next(typeof page.nextToken === 'string' ? page.nextToken : undefined);
  } while (nextToken);
  return profiles;
}

/** What GetUsageLimits reports for a profile (the Q Developer CLI's GetUsageLimitsOutput, the members qchat shows). */
export interface ServiceUsage {
  limits: Array<{ type: string; currentUsage: number; totalUsageLimit: number }>;
  nextDateReset: string | undefined;
  subscriptionTitle: string | undefined;
  subscriptionType: string | undefined;
  /** userInfo.userId: the identity store user ID, where the service gives it. */
  userId: string | undefined;
  email: string | undefined;
}

export async function getUsageLimits(call: QCall, profileArn: string): Promise<ServiceUsage> {
  const reply = await callQDeveloper(call, 'GetUsageLimits', { profileArn, origin: 'CLI' }, { profileArn, origin: 'CLI' });
  const limits = (Array.isArray(reply.limits) ? reply.limits : []).flatMap((item) => {
    const limit = item as { type?: unknown; currentUsage?: unknown; totalUsageLimit?: unknown };
    return typeof limit.type === 'string' && typeof limit.currentUsage === 'number' && typeof limit.totalUsageLimit === 'number'
      ? [{ type: limit.type, currentUsage: limit.currentUsage, totalUsageLimit: limit.totalUsageLimit }]
      : [];
  });
  const subscription = (reply.subscriptionInfo ?? {}) as { type?: unknown; subscriptionTitle?: unknown };
  const user = (reply.userInfo ?? {}) as { userId?: unknown; email?: unknown };
  return {
    limits,
    nextDateReset: typeof reply.nextDateReset === 'number' ? new Date(reply.nextDateReset * 1000).toISOString() : undefined,
    subscriptionTitle: typeof subscription.subscriptionTitle === 'string' ? subscription.subscriptionTitle : undefined,
    subscriptionType: typeof subscription.type === 'string' ? subscription.type : undefined,
    userId: typeof user.userId === 'string' && user.userId ? user.userId : undefined,
    email: typeof user.email === 'string' && user.email ? user.email : undefined,
  };
}

import type { AwsClients } from '../aws/clients.js';
import type { EnabledRegionsCache } from '../aws/enabled-regions.js';
import { fanOut } from '../aws/fanout.js';
import { PageTokens } from '../aws/page-tokens.js';

export interface Organization {
  id: string;
  managementAccountId: string;
}

export interface IdentityCenterInstance {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId: string;
  region: string;
  /** An organization instance is owned by the management account; any other is an account instance. */
  kind: 'organization' | 'account';
}

/** The caller's organization, or undefined when the account belongs to none. */
export async function describeOrganization(clients: AwsClients, signal?: AbortSignal): Promise<Organization | undefined> {
  const [client, { DescribeOrganizationCommand }] = await Promise.all([clients.get('organizations'), import('@aws-sdk/client-organizations')]);
  try {
    const { Organization } = await client.send(new DescribeOrganizationCommand({}), signal ? { abortSignal: signal } : {});
    return { id: Organization?.Id ?? '', managementAccountId: Organization?.MasterAccountId ?? '' };
  } catch (error) {
    if ((error as Error).name === 'AWSOrganizationsNotInUseException') return undefined;
    throw error;
  }
}

/**
 * Identity Center instances visible to the caller. ListInstances is regional, so the likely
 * regions are asked first and, only if they hold none, every enabled region.
 */
export async function findInstances(
  clients: AwsClients,
  options: { likelyRegions: string[]; enabledRegions: EnabledRegionsCache; organization: Organization | undefined; signal?: AbortSignal },
): Promise<IdentityCenterInstance[]> {
  const ask = async (regions: string[]) => {
    const outcomes = await fanOut(regions, (region, signal) => listInstances(clients, region, signal), { concurrency: 20, ...(options.signal ? { signal: options.signal } : {}) });
    // A region that fails is skipped, but if every one failed the error is the answer.
    if (outcomes.length > 0 && outcomes.every((outcome) => !outcome.ok)) throw outcomes[0]!.error;
    return outcomes.flatMap((outcome) => (outcome.ok ? outcome.value! : []));
  };
  const likely = [...new Set(options.likelyRegions)];
  let found = await ask(likely);
  if (found.length === 0) {
    const { regions } = await options.enabledRegions.get(options.signal);
    found = await ask(regions.filter((region) => !likely.includes(region)));
  }
  return found.map((instance) => ({ ...instance, kind: instance.ownerAccountId === options.organization?.managementAccountId ? 'organization' : 'account' }));
}

async function listInstances(clients: AwsClients, region: string, signal?: AbortSignal): Promise<Omit<IdentityCenterInstance, 'kind'>[]> {
  const [client, { ListInstancesCommand }] = await Promise.all([clients.get('ssoadmin', region), import('@aws-sdk/client-sso-admin')]);
  const instances: Omit<IdentityCenterInstance, 'kind'>[] = [];
  const tokens = new PageTokens('sso-admin ListInstances');
  let token: string | undefined;
  do {
    const page = await client.send(new ListInstancesCommand({ ...(token ? { NextToken: token } : {}) }), signal ? { abortSignal: signal } : {});
    for (const instance of page.Instances ?? []) {
      if (instance.InstanceArn && instance.IdentityStoreId && instance.Status !== 'DELETE_IN_PROGRESS') {
        instances.push({ instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId, ownerAccountId: instance.OwnerAccountId ?? '', region });
      }
    }
    token = tokens.next(page.NextToken);
  } while (token);
  return instances;
}

export function identityStoreArnOf(instance: IdentityCenterInstance): string {
  return `arn:aws:identitystore::${instance.ownerAccountId}:identitystore/${instance.identityStoreId}`;
}

/** The identity store user ID for a user name (the access-portal session name). */
export async function userIdFor(clients: AwsClients, instance: IdentityCenterInstance, userName: string, signal?: AbortSignal): Promise<string | undefined> {
  const [client, { GetUserIdCommand }] = await Promise.all([clients.get('identitystore', instance.region), import('@aws-sdk/client-identitystore')]);
  try {
    const reply = await client.send(
      new GetUserIdCommand({ IdentityStoreId: instance.identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } } }),
      signal ? { abortSignal: signal } : {},
    );
    return reply.UserId;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Display names of the groups a user belongs to (ListGroupMembershipsForMember + DescribeGroup). */
export async function groupNamesOf(clients: AwsClients, instance: IdentityCenterInstance, userId: string, signal?: AbortSignal): Promise<string[]> {
  const [client, { ListGroupMembershipsForMemberCommand, DescribeGroupCommand }] = await Promise.all([clients.get('identitystore', instance.region), import('@aws-sdk/client-identitystore')]);
  const options = signal ? { abortSignal: signal } : {};
  const groupIds: string[] = [];
  const tokens = new PageTokens('identitystore ListGroupMembershipsForMember');
  let token: string | undefined;
  do {
    const page = await client.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: instance.identityStoreId, MemberId: { UserId: userId }, ...(token ? { NextToken: token } : {}) }), options);
    for (const membership of page.GroupMemberships ?? []) if (membership.GroupId) groupIds.push(membership.GroupId);
    token = tokens.next(page.NextToken);
  } while (token);
  const groups = await Promise.all(groupIds.map((GroupId) => client.send(new DescribeGroupCommand({ IdentityStoreId: instance.identityStoreId, GroupId }), options)));
  return groups.map((group) => group.DisplayName ?? '').filter(Boolean);
}

import type { AwsClients } from '../aws/clients.js';
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

/** The Identity Center instances sso:ListInstances shows in one region (the sign-in's region: never guessed across regions). */
export async function listInstances(clients: AwsClients, region: string, organization?: Organization, signal?: AbortSignal): Promise<IdentityCenterInstance[]> {
  const found = await instancesIn(clients, region, signal);
  return found.map((instance) => ({ ...instance, kind: instance.ownerAccountId === organization?.managementAccountId ? 'organization' : 'account' }));
}

async function instancesIn(clients: AwsClients, region: string, signal?: AbortSignal): Promise<Omit<IdentityCenterInstance, 'kind'>[]> {
  const [client, { paginateListInstances }] = await Promise.all([clients.get('ssoadmin', region), import('@aws-sdk/client-sso-admin')]);
  const instances: Omit<IdentityCenterInstance, 'kind'>[] = [];
  const tokens = new PageTokens('sso-admin ListInstances');
  for await (const page of paginateListInstances({ client }, {}, signal ? { abortSignal: signal } : {})) {
    for (const instance of page.Instances ?? []) {
      if (instance.InstanceArn && instance.IdentityStoreId && instance.Status !== 'DELETE_IN_PROGRESS') {
        instances.push({ instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId, ownerAccountId: instance.OwnerAccountId ?? '', region });
      }
    }
    // The guard sees each token before the paginator sends it again.
    if (tokens.next(page.NextToken) === undefined) break;
  }
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

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../../config/package-root.js';

/**
 * The sandbox's identity world (config/sandbox/identity-world.json): accounts and organizations,
 * IAM Identity Center instances with their identity stores, users, groups, Q Developer Pro
 * subscriptions (profiles), and which sandbox caller signs in as which identity-store user.
 * The fixture names users and groups; IDs the fixture does not store (memberships) are derived.
 */
export interface WorldAccount {
  accountId: string;
  /** Absent: the account belongs to no organization. */
  organizationId?: string;
  email: string;
  enabledOptInRegions: string[];
}

export interface WorldOrganization {
  id: string;
  managementAccountId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
}

export interface IdentityCenterInstance {
  instanceArn: string;
  /** Only ORGANIZATION instances support identity-aware sessions. */
  type: 'ORGANIZATION' | 'ACCOUNT';
  name: string;
  ownerAccountId: string;
  region: string;
  createdDate: string;
  identityStoreId: string;
}

export interface ExternalId {
  Issuer: string;
  Id: string;
}

export interface StoreUser {
  identityStoreId: string;
  userId: string;
  userName: string;
  givenName: string;
  familyName: string;
  email: string;
  externalIds?: ExternalId[];
}

export interface StoreGroup {
  identityStoreId: string;
  groupId: string;
  displayName: string;
  description: string;
  /** User names in the same identity store. */
  members: string[];
}

export interface GroupMembership {
  membershipId: string;
  groupId: string;
  userId: string;
}

/** A Q Developer Pro subscription: a profile in one region, tied to one instance, assigned to users and groups by name. */
export interface SubscriptionProfile {
  name: string;
  profileArn: string;
  region: string;
  instanceArn: string;
  assignments: Array<{ principalType: 'USER' | 'GROUP'; name: string }>;
}

export interface CallerUserLink {
  caller: string;
  identityStoreId: string;
  userName: string;
}

export interface IdentityWorld {
  accounts: WorldAccount[];
  organizations: WorldOrganization[];
  instances: IdentityCenterInstance[];
  users: StoreUser[];
  groups: StoreGroup[];
  subscriptions: SubscriptionProfile[];
  callerUsers: CallerUserLink[];
}

let cached: IdentityWorld | undefined;

export function identityWorld(): IdentityWorld {
  cached ??= JSON.parse(readFileSync(shippedConfigPath('sandbox', 'identity-world.json'), 'utf8')) as IdentityWorld;
  return cached;
}

export function accountById(accountId: string): WorldAccount | undefined {
  return identityWorld().accounts.find((account) => account.accountId === accountId);
}

export function organizationOf(accountId: string): WorldOrganization | undefined {
  const organizationId = accountById(accountId)?.organizationId;
  return identityWorld().organizations.find((organization) => organization.id === organizationId);
}

/** The organization instance of the account's organization and the account instances the account owns, in every region. */
export function instancesVisibleTo(accountId: string): IdentityCenterInstance[] {
  const organizationId = organizationOf(accountId)?.id;
  return identityWorld().instances.filter((instance) =>
    instance.type === 'ACCOUNT'
      ? instance.ownerAccountId === accountId
      : organizationId !== undefined && organizationOf(instance.ownerAccountId)?.id === organizationId,
  );
}

export function instanceByArn(instanceArn: string): IdentityCenterInstance | undefined {
  return identityWorld().instances.find((instance) => instance.instanceArn === instanceArn);
}

export function instanceByStoreId(identityStoreId: string): IdentityCenterInstance | undefined {
  return identityWorld().instances.find((instance) => instance.identityStoreId === identityStoreId);
}

export function identityStoreArn(instance: IdentityCenterInstance): string {
  return `arn:aws:identitystore::${instance.ownerAccountId}:identitystore/${instance.identityStoreId}`;
}

export function storeUsers(identityStoreId: string): StoreUser[] {
  return identityWorld().users.filter((user) => user.identityStoreId === identityStoreId);
}

export function userById(identityStoreId: string, userId: string): StoreUser | undefined {
  return storeUsers(identityStoreId).find((user) => user.userId === userId);
}

export function userByName(identityStoreId: string, userName: string): StoreUser | undefined {
  return storeUsers(identityStoreId).find((user) => user.userName === userName);
}

export function groupById(identityStoreId: string, groupId: string): StoreGroup | undefined {
  return identityWorld().groups.find((group) => group.identityStoreId === identityStoreId && group.groupId === groupId);
}

/** The user's group memberships, in fixture order, with stable IDs in the store's ID format. */
export function membershipsOf(user: StoreUser): GroupMembership[] {
  return identityWorld()
    .groups.filter((group) => group.identityStoreId === user.identityStoreId && group.members.includes(user.userName))
    .map((group) => ({ membershipId: storeScopedId(user.identityStoreId, `${group.groupId}/${user.userId}`), groupId: group.groupId, userId: user.userId }));
}

/** The profiles the user is assigned to directly or through one of their groups. */
export function subscriptionsOf(user: StoreUser): SubscriptionProfile[] {
  const instance = instanceByStoreId(user.identityStoreId);
  const groupNames = membershipsOf(user).map((membership) => groupById(user.identityStoreId, membership.groupId)!.displayName);
  return identityWorld().subscriptions.filter(
    (profile) =>
      profile.instanceArn === instance?.instanceArn &&
      profile.assignments.some((a) => (a.principalType === 'USER' ? a.name === user.userName : groupNames.includes(a.name))),
  );
}

/** The identity-store users a sandbox caller signs in as (grace has one per instance). */
export function signInUsersOf(callerName: string): Array<{ instance: IdentityCenterInstance; user: StoreUser }> {
  return identityWorld()
    .callerUsers.filter((link) => link.caller === callerName)
    .map((link) => ({ instance: instanceByStoreId(link.identityStoreId)!, user: userByName(link.identityStoreId, link.userName)! }));
}

/** Identity Store IDs are `<10 hex of the store>-<uuid>` for `d-` stores; derived from a hash so they never change. */
function storeScopedId(identityStoreId: string, seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const prefix = identityStoreId.startsWith('d-') ? `${identityStoreId.slice(2)}-` : '';
  return `${prefix}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

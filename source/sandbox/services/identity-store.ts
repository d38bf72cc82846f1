import type { SandboxCaller } from '../callers.js';
import { AwsError, type SandboxRequest } from '../protocol.js';
import type { SandboxService } from '../service.js';
import {
  groupById,
  identityStoreArn,
  instanceByStoreId,
  instancesVisibleTo,
  membershipsOf,
  storeUsers,
  userById,
  type IdentityCenterInstance,
  type StoreUser,
} from '../world/identity.js';
import { DetailedAwsError, constraintViolation, requiredString, withDetailedErrors } from './detailed-error.js';
import { pageOf } from './next-token.js';

/** Member patterns from the Identity Store API reference. */
const storeIdPattern = '^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const resourceIdPattern = '^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$';

type ResourceType = 'IDENTITY_STORE' | 'USER' | 'GROUP';

/**
 * Identity Store over awsJson1_1. A store lives in its instance's region; outside it the store
 * does not exist, and an account that cannot see the instance is denied.
 */
export function identityStoreService(): SandboxService {
  return {
    signingName: 'identitystore',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSIdentityStore',
    signed: true,
    throttled: false,
    regional: false,
    operations: withDetailedErrors('awsJson1_1', {
      GetUserId: ({ request, caller }) => {
        const instance = storeOf(request, caller!);
        const user = findByAlternateIdentifier(instance, request.input.AlternateIdentifier);
        if (!user) throw notFound('USER');
        return { IdentityStoreId: instance.identityStoreId, UserId: user.userId };
      },
      DescribeUser: ({ request, caller }) => {
        const instance = storeOf(request, caller!);
        const user = userOf(instance, request.input);
        return {
          IdentityStoreId: instance.identityStoreId,
          UserId: user.userId,
          UserName: user.userName,
          Name: { Formatted: `${user.givenName} ${user.familyName}`, GivenName: user.givenName, FamilyName: user.familyName },
          DisplayName: `${user.givenName} ${user.familyName}`,
          Emails: [{ Value: user.email, Type: 'work', Primary: true }],
          ...(user.externalIds ? { ExternalIds: user.externalIds } : {}),
          UserStatus: 'ENABLED',
        };
      },
      DescribeGroup: ({ request, caller }) => {
        const instance = storeOf(request, caller!);
        const groupId = resourceId(request.input, 'GroupId');
        const group = groupById(instance.identityStoreId, groupId);
        if (!group) throw notFound('GROUP', groupId);
        return { GroupId: group.groupId, IdentityStoreId: instance.identityStoreId, DisplayName: group.displayName, Description: group.description };
      },
      ListGroupMembershipsForMember: ({ request, caller }) => {
        const instance = storeOf(request, caller!);
        const member = request.input.MemberId;
        if (typeof member !== 'object' || member === null) throw constraintViolation('memberId', undefined, 'Member must not be null');
        const user = userOf(instance, member as Record<string, unknown>);
        const page = pageOf(membershipsOf(user), request.input, `ListGroupMembershipsForMember/${user.userId}`);
        return {
          GroupMemberships: page.items.map((m) => ({
            IdentityStoreId: instance.identityStoreId,
            MembershipId: m.membershipId,
            GroupId: m.groupId,
            MemberId: { UserId: m.userId },
          })),
          ...(page.nextToken ? { NextToken: page.nextToken } : {}),
        };
      },
    }),
  };
}

function storeOf(request: SandboxRequest, caller: SandboxCaller): IdentityCenterInstance {
  const storeId = requiredString(request.input, 'IdentityStoreId');
  if (!new RegExp(storeIdPattern).test(storeId)) {
    throw constraintViolation('identityStoreId', storeId, `Member must satisfy regular expression pattern: ${storeIdPattern}`);
  }
  const instance = instanceByStoreId(storeId);
  if (!instance || instance.region !== request.region) throw notFound('IDENTITY_STORE', storeId);
  if (!instancesVisibleTo(caller.accountId).includes(instance)) {
    throw new AwsError(
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: identitystore:${request.operation} on resource: ${identityStoreArn(instance)}`,
      403,
    );
  }
  return instance;
}

function userOf(instance: IdentityCenterInstance, input: Record<string, unknown>): StoreUser {
  const userId = resourceId(input, 'UserId');
  const user = userById(instance.identityStoreId, userId);
  if (!user) throw notFound('USER', userId);
  return user;
}

function resourceId(input: Record<string, unknown>, name: 'UserId' | 'GroupId'): string {
  const value = requiredString(input, name);
  if (!new RegExp(resourceIdPattern).test(value)) {
    throw constraintViolation(name === 'UserId' ? 'userId' : 'groupId', value, `Member must satisfy regular expression pattern: ${resourceIdPattern}`);
  }
  return value;
}

/** AlternateIdentifier is a union: UniqueAttribute (userName) or ExternalId. */
function findByAlternateIdentifier(instance: IdentityCenterInstance, identifier: unknown): StoreUser | undefined {
  const { UniqueAttribute: unique, ExternalId: external } = (identifier ?? {}) as {
    UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown };
    ExternalId?: { Issuer?: unknown; Id?: unknown };
  };
  const users = storeUsers(instance.identityStoreId);
  if (unique && !external) {
    if (unique.AttributePath !== 'userName') {
      throw constraintViolation('alternateIdentifier.uniqueAttribute.attributePath', unique.AttributePath, 'Member must be a unique attribute of a user: userName');
    }
    return users.find((user) => user.userName === unique.AttributeValue);
  }
  if (external && !unique) {
    return users.find((user) => user.externalIds?.some((id) => id.Issuer === external.Issuer && id.Id === external.Id));
  }
  throw constraintViolation('alternateIdentifier', identifier, 'Member must have exactly one of ExternalId or UniqueAttribute');
}

function notFound(resourceType: ResourceType, resourceId?: string): DetailedAwsError {
  const message = `${resourceType} not found.`;
  return new DetailedAwsError('ResourceNotFoundException', message, 404, {
    __type: 'ResourceNotFoundException',
    Message: message,
    ResourceType: resourceType,
    ...(resourceId ? { ResourceId: resourceId } : {}),
  });
}

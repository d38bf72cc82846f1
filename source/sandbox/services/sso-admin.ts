import type { SandboxService } from '../service.js';
import { instancesVisibleTo } from '../world/identity.js';
import { pageOf } from './next-token.js';

/**
 * IAM Identity Center admin (SSO Admin) over awsJson1_1. Regional like the real service:
 * ListInstances answers with the instances that live in the request's region and that the
 * caller's account can see (its organization's instance, the account instances it owns). Items
 * carry only InstanceMetadata's modelled members (botocore sso-admin 2020-07-20).
 */
export function ssoAdminService(): SandboxService {
  return {
    signingName: 'sso',
    protocol: 'awsJson1_1',
    targetPrefix: 'SWBExternalService',
    signed: true,
    throttled: false,
    regional: false,
    operations: {
      ListInstances: ({ caller, request }) => {
        const here = instancesVisibleTo(caller!.accountId).filter((instance) => instance.region === request.region);
        const page = pageOf(here, request.input, `ListInstances/${caller!.accountId}/${request.region}`);
        return {
          Instances: page.items.map((instance) => ({
            InstanceArn: instance.instanceArn,
            IdentityStoreId: instance.identityStoreId,
            OwnerAccountId: instance.ownerAccountId,
            Name: instance.name,
            CreatedDate: Date.parse(instance.createdDate) / 1000,
            Status: 'ACTIVE',
          })),
          ...(page.nextToken ? { NextToken: page.nextToken } : {}),
        };
      },
    },
  };
}

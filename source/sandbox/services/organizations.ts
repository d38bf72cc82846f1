import { AwsError } from '../protocol.js';
import type { SandboxService } from '../service.js';
import { accountById, organizationOf } from '../world/identity.js';

/** AWS Organizations over awsJson1_1: the caller's organization, seen from any account in it. */
export function organizationsService(): SandboxService {
  return {
    signingName: 'organizations',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSOrganizationsV20161128',
    signed: true,
    throttled: false,
    regional: false,
    operations: {
      DescribeOrganization: ({ caller }) => {
        const organization = organizationOf(caller!.accountId);
        if (!organization) throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
        const managementAccountId = organization.managementAccountId;
        return {
          Organization: {
            Id: organization.id,
            Arn: `arn:aws:organizations::${managementAccountId}:organization/${organization.id}`,
            FeatureSet: organization.featureSet,
            MasterAccountArn: `arn:aws:organizations::${managementAccountId}:account/${organization.id}/${managementAccountId}`,
            MasterAccountId: managementAccountId,
            MasterAccountEmail: accountById(managementAccountId)!.email,
            AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
          },
        };
      },
    },
  };
}

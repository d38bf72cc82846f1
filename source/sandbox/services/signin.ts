import { AwsError } from '../protocol.js';
import type { SandboxService } from '../service.js';
import { instanceByArn, instancesVisibleTo } from '../world/identity.js';
import { DetailedAwsError, constraintViolation, requiredString, withDetailedErrors } from './detailed-error.js';

/**
 * AWS Sign-In control plane: ListTrustedIdentityPropagationApplicationsForConsole, the call that
 * tells whether identity-aware console sessions are enabled on an Identity Center instance
 * (enabled: the console application's ARN; disabled: an empty list). No SDK package ships it.
 *
 * Verified in the AWS Sign-In API Reference (API_ListTrustedIdentityPropagationApplicationsForConsole,
 * API_ValidationExceptionField, service signincontrolplane-2022-07-26, IAM prefix `signin`):
 * request JSON `identityCenterInstanceArn` (required, pattern below), `maxResults` (fixed value 1),
 * `nextToken`; response `applicationArns` (ARNs `arn:aws:sso::<account>:application/ssoins-…/apl-…`)
 * and `nextToken`; errors AccessDeniedException, InternalServerException, ThrottlingException,
 * ValidationException, all HTTP 400 but InternalServerException (500); a ValidationExceptionField
 * is `{ name, message }`, e.g. name NOT_ORG_BASED_INSTANCE for an instance without an organization.
 *
 * Assumed (the reference shows a JSON-only request, which is how it documents awsJson services,
 * but names no target): protocol awsJson1_0 with X-Amz-Target `signInTargetPrefix.<Operation>`,
 * SigV4 signing name `signin`; the ValidationException member `fieldList`; an unknown instance or
 * another organization's instance answers AccessDeniedException (the only documented fit); the
 * request's region is not checked against the instance's region.
 */
export const signInTargetPrefix = 'SignInControlPlaneService';

const instanceArnPattern = '^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$';

export function signInService(): SandboxService {
  return {
    signingName: 'signin',
    protocol: 'awsJson1_0',
    targetPrefix: signInTargetPrefix,
    signed: true,
    throttled: false,
    regional: false,
    operations: withDetailedErrors('awsJson1_0', {
      ListTrustedIdentityPropagationApplicationsForConsole: ({ request, caller }) => {
        const { input } = request;
        const instanceArn = requiredString(input, 'identityCenterInstanceArn');
        if (!new RegExp(instanceArnPattern).test(instanceArn)) {
          throw constraintViolation('identityCenterInstanceArn', instanceArn, `Member must satisfy regular expression pattern: ${instanceArnPattern}`);
        }
        if (input.maxResults !== undefined && input.maxResults !== 1) {
          throw constraintViolation('maxResults', input.maxResults, 'Member must have value equal to 1');
        }
        // There is never a second page, so no token the caller holds can be one of ours.
        if (input.nextToken !== undefined) throw new AwsError('ValidationException', 'The nextToken provided is invalid.');
        const instance = instanceByArn(instanceArn);
        if (!instance || !instancesVisibleTo(caller!.accountId).includes(instance)) {
          throw new AwsError('AccessDeniedException', 'You do not have sufficient access to perform this action.');
        }
        if (instance.type !== 'ORGANIZATION') {
          const message = 'The request failed because the instance of IAM Identity Center is not an organization instance.';
          throw new DetailedAwsError('ValidationException', message, 400, {
            __type: 'ValidationException',
            message,
            fieldList: [{ name: 'NOT_ORG_BASED_INSTANCE', message: 'Identity-aware sessions need an organization instance of IAM Identity Center.' }],
          });
        }
        return { applicationArns: instance.identityAwareSessions ? [instance.consoleApplicationArn!] : [] };
      },
    }),
  };
}

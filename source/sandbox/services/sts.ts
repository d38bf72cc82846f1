import { AwsError, escapeXml } from '../protocol.js';
import type { SandboxService } from '../service.js';

/**
 * STS over awsQuery: form-encoded request, XML reply. SetContext models the sts:SetContext
 * permission identity-aware console sessions need: it sets the signed-in user's context assertion
 * on the role session, and is refused to a role whose policies lack the action.
 */
export function stsService(): SandboxService {
  return {
    signingName: 'sts',
    protocol: 'awsQuery',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    signed: true,
    throttled: false,
    regional: false,
    operations: {
      GetCallerIdentity: ({ caller }) =>
        `<Arn>${escapeXml(caller!.arn)}</Arn><UserId>${escapeXml(caller!.userId)}</UserId><Account>${caller!.accountId}</Account>`,
      SetContext: ({ caller, request }) => {
        if (caller!.denies?.includes('sts:SetContext')) {
          throw new AwsError('AccessDenied', `User: ${caller!.arn} is not authorized to perform: sts:SetContext on resource: ${caller!.arn}`, 403);
        }
        if (!request.input.ContextAssertion) throw new AwsError('MissingParameter', 'The request must contain the parameter ContextAssertion.', 400);
        return '';
      },
    },
  };
}

import { escapeXml } from '../protocol.js';
import type { SandboxService } from '../service.js';

/**
 * STS over awsQuery: form-encoded request, XML reply. Only GetCallerIdentity: STS has no
 * SetContext operation (botocore's sts model has none; `sts:SetContext` is only an IAM permission
 * checked when AssumeRole is called with ProvidedContexts), so the sandbox serves none either.
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
    },
  };
}

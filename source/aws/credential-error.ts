import { QchatError } from '../errors.js';

/** Errors that mean the credentials themselves cannot be used: no region or retry will do better. */
const credentialErrors = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
]);

const networkErrors = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']);

export interface AccessWhere {
  profile?: string | undefined;
  /** The profile signs in through IAM Identity Center: `aws sso login` is the fix. */
  sso?: boolean;
  endpoint?: string | undefined;
}

/**
 * The user-facing error for a failure to use the AWS credentials (exit 3, naming the profile and the
 * fix) or to reach the endpoint at all (exit 6, naming it); undefined for anything else.
 */
export function accessProblem(error: unknown, where: AccessWhere): QchatError | undefined {
  const name = error instanceof Error ? error.name : '';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300).replace(/\.+$/, '');
  const details = { ...(where.profile ? { profile: where.profile } : {}), ...(where.endpoint ? { endpoint: where.endpoint } : {}) };
  if (credentialErrors.has(name)) {
    const profile = where.profile ? ` (profile ${where.profile})` : '';
    const remedy = where.sso
      ? ({ kind: 'aws-sso-login', ...(where.profile ? { profile: where.profile } : {}) } as const)
      : ({ kind: 'fix', action: 'Check AWS_PROFILE, the AWS_ACCESS_KEY_ID variables or ~/.aws/credentials, or use --sandbox.' } as const);
    return new QchatError('CREDENTIALS_REJECTED', `AWS could not use your credentials${profile}: ${message}.`, { remedy, details, cause: error });
  }
  const code = (error as { code?: string }).code ?? '';
  if (networkErrors.has(code) || name === 'TimeoutError') {
    return new QchatError('ENDPOINT_UNREACHABLE', `qchat could not reach AWS${where.endpoint ? ` at ${where.endpoint}` : ''} (${code || name}): ${message}`, { details, cause: error });
  }
  return undefined;
}

import { ExitCode, QchatError } from '../errors.js';

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

/**
 * The user-facing error for a failure to use the AWS credentials (exit 3, with how to fix it) or to
 * reach AWS at all (exit 1); undefined for anything else.
 */
export function accessProblem(error: unknown, where: { profile?: string | undefined; endpoint?: string | undefined }): QchatError | undefined {
  const name = error instanceof Error ? error.name : '';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300).replace(/\.+$/, '');
  if (credentialErrors.has(name)) {
    const profile = where.profile ? ` (profile ${where.profile})` : '';
    const sso = /sso|token/i.test(message);
    const fix = sso
      ? `Sign in again with: aws sso login${where.profile ? ` --profile ${where.profile}` : ''}`
      : 'Check AWS_PROFILE, the AWS_ACCESS_KEY_ID variables or ~/.aws/credentials, or use --sandbox.';
    return new QchatError('CREDENTIALS_REJECTED', `AWS could not use your credentials${profile}: ${message}. ${fix}`);
  }
  const code = (error as { code?: string }).code ?? '';
  if (networkErrors.has(code) || name === 'TimeoutError') {
    return new QchatError('ENDPOINT_UNREACHABLE', `qchat could not reach AWS${where.endpoint ? ` at ${where.endpoint}` : ''} (${code || name}): ${message}`);
  }
  return undefined;
}

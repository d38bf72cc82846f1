import { QchatError } from '../errors.js';

/**
 * A reply qchat cannot use: not the protocol's JSON or XML (an HTML page from a proxy, a body cut
 * short), or well-formed but without what the operation always sends. Told as what it is instead
 * of a parser's message. It stops a command with exit 1; in an answer it is one failed region.
 */
export class UnexpectedReplyError extends QchatError {
  override name = 'UnexpectedReply';

  /** `operation` as people read it: "cloudcontrol ListResources". */
  constructor(operation: string, problem: string) {
    super('UNEXPECTED_REPLY', `${operation} sent a reply qchat cannot use: ${problem}`, { details: { operation } });
  }
}

interface SdkFailure {
  $fault?: string;
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  code?: string;
}

/**
 * The UnexpectedReplyError for an SDK failure that comes from an unreadable reply, else undefined.
 * The SDK hides the raw response in `$response`; a failure with one but without `$fault` is not a
 * service error but a body the deserializer could not read. A service error the SDK could not name
 * ("Unknown") carried no AWS error in its body.
 */
export function unreadableReply(error: unknown, operation: string): UnexpectedReplyError | undefined {
  if (!(error instanceof Error) || error instanceof QchatError) return undefined;
  const { $fault, $response, code } = error as SdkFailure;
  if (!$response) return undefined;
  const contentType = $response.headers?.['content-type'];
  const reply = `HTTP ${$response.statusCode ?? '?'}${contentType ? `, ${contentType}` : ''}`;
  if (!$fault) {
    if (code === 'ECONNRESET' || code === 'EPIPE') return new UnexpectedReplyError(operation, `the connection closed before the reply was complete (${reply})`);
    return new UnexpectedReplyError(operation, `the body is not what AWS sends (${reply}: ${error.message.split('\n')[0]!.slice(0, 120)})`);
  }
  if (sdkFallbackNames.has(error.name) || (error.name === 'NotFound' && error.message === 'Unknown')) {
    return new UnexpectedReplyError(operation, `an error without an AWS error code (${reply})`);
  }
  return undefined;
}

/** The names the SDK gives an error reply whose body names no error code ("NotFound" for a bare awsQuery 404). */
const sdkFallbackNames = new Set(['Unknown', 'UnknownError']);

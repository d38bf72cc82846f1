import { accessProblem } from '../aws/credential-error.js';
import { categoryOf } from '../errors.js';
import type { RegionFailure } from './answer.js';

/** Turns an SDK error into a per-region failure, or throws when it is about the credentials. */
export function regionFailure(region: string, error: unknown): RegionFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  const problem = accessProblem(error, {});
  if (problem && categoryOf(problem.code) === 'identity') throw problem;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  // The SDK names a connection reset or refused at the socket "TimeoutError"; its errno says what happened.
  const socket = (error as { code?: unknown }).code;
  const code = name === 'TimeoutError' && typeof socket === 'string' ? socket : name === 'Error' && meta?.httpStatusCode ? `HTTP${meta.httpStatusCode}` : name;
  return { region, code, message: friendly(code, message, region) };
}

function friendly(code: string, message: string, region: string): string {
  switch (code) {
    case 'AccessDeniedException':
      return `access denied in ${region}: ${message}`;
    case 'ThrottlingException':
      return `still throttled in ${region} after retries`;
    case 'ServiceUnavailableException':
    case 'HTTP503':
      return `${region} is unavailable right now`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
      return `the connection to ${region} was lost (${message})`;
    case 'TimeoutError':
    case 'DeadlineError':
      return `no answer from ${region} before the question's deadline (setting questionTimeout)`;
    default:
      return message;
  }
}

import { AwsError } from '../protocol.js';
import { constraintViolation } from './detailed-error.js';

/** ListInstances and ListGroupMembershipsForMember both allow 1 to 100 results a page. */
const maxPageSize = 100;

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

/**
 * One page of a listing by the request's MaxResults and NextToken. The token is opaque and names
 * the listing it came from, so a token replayed against another listing is rejected as AWS does.
 */
export function pageOf<T>(all: readonly T[], input: Record<string, unknown>, listing: string): Page<T> {
  const { MaxResults: maxResults, NextToken: nextToken } = input;
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || (maxResults as number) < 1)) {
    throw constraintViolation('maxResults', maxResults, 'Member must have value greater than or equal to 1');
  }
  if (typeof maxResults === 'number' && maxResults > maxPageSize) {
    throw constraintViolation('maxResults', maxResults, `Member must have value less than or equal to ${maxPageSize}`);
  }
  const size = (maxResults as number | undefined) ?? maxPageSize;
  const start = nextToken === undefined ? 0 : offsetIn(nextToken, listing);
  const end = start + size;
  return { items: all.slice(start, end), nextToken: end < all.length ? encode(listing, end) : undefined };
}

function encode(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ listing, offset })).toString('base64url');
}

function offsetIn(token: unknown, listing: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { listing?: unknown; offset?: unknown };
    if (decoded.listing === listing && Number.isInteger(decoded.offset) && (decoded.offset as number) >= 0) return decoded.offset as number;
  } catch {
    // fall through: not one of ours
  }
  throw new AwsError('ValidationException', 'The NextToken provided is invalid or has expired.');
}

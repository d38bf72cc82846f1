import { createHash } from 'node:crypto';

/**
 * Opaque paging tokens shared by the sandbox services. A token carries the next offset and a hash
 * that binds it to the request it continues, so a token edited by hand or replayed against a
 * different request is refused, as real services refuse them.
 */
export function pageToken(request: string, offset: number): string {
  return `${Buffer.from(String(offset)).toString('base64url')}.${digest(request, offset)}`;
}

/** The offset a token continues from, or undefined if the token is not one this request issued. */
export function readPageToken(token: unknown, request: string): number | undefined {
  if (typeof token !== 'string') return undefined;
  const [encoded, hash] = token.split('.');
  const offset = Number(Buffer.from(encoded ?? '', 'base64url').toString());
  if (!Number.isSafeInteger(offset) || offset <= 0 || hash !== digest(request, offset)) return undefined;
  return offset;
}

function digest(request: string, offset: number): string {
  return createHash('sha256').update(`qchat-sandbox\u0000${request}\u0000${offset}`).digest('base64url').slice(0, 22);
}

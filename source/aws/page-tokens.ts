import { UnexpectedReplyError } from './unexpected-reply.js';

/**
 * The NextToken of each page of a paginated call. A server that hands out a token it gave before
 * is paging in a loop that would never end, so that is a reply qchat cannot use.
 */
export class PageTokens {
  readonly #seen = new Set<string>();

  /** `operation` as people read it: "cloudcontrol ListResources". */
  constructor(private readonly operation: string) {}

  /** The token for the next page, or undefined when this was the last page. */
  next(token: unknown): string | undefined {
    if (token === undefined || token === null || token === '') return undefined;
    if (typeof token !== 'string') throw new UnexpectedReplyError(this.operation, 'its page token is not a string');
    if (this.#seen.has(token)) {
      throw new UnexpectedReplyError(this.operation, `it gave the same page token twice, so paging would never end (stopped after ${this.#seen.size + 1} pages)`);
    }
    this.#seen.add(token);
    return token;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { Transform, type Readable } from 'node:stream';
import { UnexpectedReplyError } from './unexpected-reply.js';

/**
 * Bytes qchat reads from AWS, bounded whatever an endpoint sends. Real replies are small: a Cloud
 * Control page holds at most 100 descriptions, a Cost Explorer reply a few hundred groups; the
 * largest the hostile suite sends and expects to be used is 10 MB. A reply past `replyByteCap`,
 * or a question whose replies together pass its budget, is cut off as it streams (the socket is
 * closed), so memory stays bounded by the budget and not by the endpoint.
 */
export const replyByteCap = 16 * 1024 * 1024;
export const questionByteBudget = 64 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** A reply cut off at a cap; `call` is "cloudcontrol ListResources". Never retried. */
export class ReplyTooLargeError extends UnexpectedReplyError {
  /** Present so the SDK's deserializer leaves the message as it is (it appends a hint otherwise). */
  readonly $metadata = {};

  constructor(call: string, readonly limit: number, readonly scope: 'reply' | 'question') {
    super(
      call,
      scope === 'reply'
        ? `the reply is larger than ${megabytes(limit)}, so qchat stopped reading it`
        : `the question's replies passed ${megabytes(limit)} in all, so qchat stopped reading`,
    );
  }
}

interface Budget {
  left: number;
  readonly limit: number;
}

const budgets = new AsyncLocalStorage<Budget>();

/** Runs one question with a byte budget shared by every reply read while it runs. */
export function withReplyBudget<T>(run: () => Promise<T>, bytes: number = questionByteBudget): Promise<T> {
  return budgets.run({ left: bytes, limit: bytes }, run);
}

/** The body as a stream that fails with ReplyTooLargeError past the caps, and closes the source then. */
export function capReplyBody(body: Readable, call: string, cap: number = replyByteCap): Readable {
  const budget = budgets.getStore();
  let read = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      if (budget) budget.left -= chunk.length;
      const error =
        read > cap ? new ReplyTooLargeError(call, cap, 'reply') : budget && budget.left < 0 ? new ReplyTooLargeError(call, budget.limit, 'question') : undefined;
      if (!error) return done(null, chunk);
      body.unpipe(capped);
      body.destroy();
      done(error);
    },
  });
  body.on('error', (error) => capped.destroy(error));
  return body.pipe(capped);
}

type Next = (args: unknown) => Promise<{ response?: { body?: unknown } }>;
interface WithMiddleware {
  middlewareStack: {
    add(
      middleware: (next: Next, context: { commandName?: string }) => Next,
      options: { step: 'deserialize'; name: string; priority: 'low' },
    ): void;
  };
}

/**
 * Innermost, under the deserializer and so for each attempt: every reply body of the client is
 * capped. `service` is the name answers use for it ("cloudcontrol").
 */
export function capReplies<C>(client: C, service: string): C {
  (client as WithMiddleware).middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const response = result.response;
      const body = response?.body as Readable | undefined;
      if (response && body && typeof body.pipe === 'function') {
        response.body = capReplyBody(body, `${service} ${(context.commandName ?? '').replace(/Command$/, '')}`);
      }
      return result;
    },
    { step: 'deserialize', name: 'qchatReplyCap', priority: 'low' },
  );
  return client;
}

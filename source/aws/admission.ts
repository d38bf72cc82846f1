import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A question may be prepared while the user's limits are still being counted (the usage lock, the
 * ledger and the bucket file: a few milliseconds, tens on a busy disk), but none of its requests
 * leaves qchat before the count admits it. Every client holds each request, built and signed, at
 * the last step before the HTTP handler until the question's admission settles: admitted, it goes;
 * refused (or the count failed), it fails with that reason and AWS never sees it.
 */
const admissions = new AsyncLocalStorage<Promise<void>>();

/** Runs `run` with every AWS request it makes held until `admitted` resolves. */
export function afterAdmission<T>(admitted: Promise<void>, run: () => Promise<T>): Promise<T> {
  return admissions.run(admitted, run);
}

/** Why the requests of a question the limits refused were never sent. */
export class NotAdmittedError extends Error {
  override name = 'NotAdmitted';

  constructor() {
    super('the request was not counted against the limits, so it was not sent');
  }
}

type Next = (args: unknown) => Promise<unknown>;
interface WithMiddleware {
  middlewareStack: { add(middleware: (next: Next) => Next, options: { step: 'deserialize'; name: string; priority: 'high' }): void };
}

/**
 * In the deserialize step, after signing and for each attempt, ahead of the other middleware
 * there (the deserializer, the reply cap, the record of operations sent): the request waits for
 * its question's admission, so what is recorded as sent was sent.
 */
export function holdUntilAdmitted<C>(client: C): C {
  (client as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      const admitted = admissions.getStore();
      if (admitted) await admitted;
      return next(args);
    },
    { step: 'deserialize', name: 'qchatAdmission', priority: 'high' },
  );
  return client;
}

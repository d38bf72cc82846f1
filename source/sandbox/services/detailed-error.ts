import { AwsError, errorReply, type Protocol } from '../protocol.js';
import { RawReply, type Operation } from '../service.js';

/**
 * An AWS error whose wire body is more than `__type` + `Message`: Identity Store's ResourceType and
 * ResourceId, Sign-In's fieldList, SSO OIDC's `error` / `error_description`. `body` is the whole
 * JSON body; the status and the x-amzn-errortype header come from the code as usual.
 */
export class DetailedAwsError extends AwsError {
  constructor(code: string, message: string, status: number, readonly body: Record<string, unknown>) {
    super(code, message, status);
  }
}

/** Wraps a service's operations so a thrown DetailedAwsError goes out with its full body. */
export function withDetailedErrors(protocol: Protocol, operations: Record<string, Operation>): Record<string, Operation> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name,
      async (call: Parameters<Operation>[0]) => {
        try {
          return await operation(call);
        } catch (error) {
          if (!(error instanceof DetailedAwsError)) throw error;
          return new RawReply({ ...errorReply(protocol, error), body: JSON.stringify(error.body) });
        }
      },
    ]),
  );
}

/** A ValidationException with the message AWS JSON services send for a failed member constraint. */
export function constraintViolation(member: string, value: unknown, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

/** Reads a required string member (camelCase in messages, as AWS writes them), or throws its ValidationException. */
export function requiredString(input: Record<string, unknown>, name: string, member = name[0]!.toLowerCase() + name.slice(1)): string {
  const value = input[name];
  if (typeof value !== 'string') throw constraintViolation(member, undefined, 'Member must not be null');
  if (value === '') throw constraintViolation(member, value, 'Member must have length greater than or equal to 1');
  return value;
}

import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../config/package-root.js';

/**
 * The sandbox identities a client can act as (`--sandbox-user`). Each has its own static
 * credentials; the access key ID in a request's SigV4 Authorization header selects the caller.
 */
export interface SandboxCaller {
  name: string;
  description: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  /** What STS GetCallerIdentity returns as Arn. */
  arn: string;
  /** What STS GetCallerIdentity returns as UserId (e.g. AROA…:alice). */
  userId: string;
  /** IAM actions this identity's policies deny, e.g. organizations:DescribeOrganization. */
  denies?: string[];
}

let cached: SandboxCaller[] | undefined;

export function sandboxCallers(): SandboxCaller[] {
  cached ??= (JSON.parse(readFileSync(shippedConfigPath('sandbox', 'callers.json'), 'utf8')) as { callers: SandboxCaller[] }).callers;
  return cached;
}

export function callerByName(name: string): SandboxCaller | undefined {
  return sandboxCallers().find((caller) => caller.name === name);
}

export function callerByAccessKey(accessKeyId: string): SandboxCaller | undefined {
  return sandboxCallers().find((caller) => caller.accessKeyId === accessKeyId);
}

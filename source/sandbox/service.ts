import type { Clock } from '../config/clock.js';
import type { FaultInjector } from './faults.js';
import type { RateLimit, RateLimiter } from './rate-limits.js';
import type { AwsError, Protocol, SandboxReply, SandboxRequest } from './protocol.js';
import type { SandboxCaller } from './callers.js';

/** What every sandbox service gets when it is created: shared settings for this sandbox run. */
export interface SandboxContext {
  clock: Clock;
  faults: FaultInjector;
  /** How device sign-ins are approved: by a person on the verification page, or automatically after a delay. */
  approve: 'manual' | 'auto';
  approveDelayMs: number;
  /** The sandbox's own base URL (e.g. http://127.0.0.1:41234), known once it listens. */
  baseUrl: () => string;
  /** What Cloud Control's ListResources returns: the primary identifier only (as many list handlers) or the whole model. */
  listProperties: ListProperties;
  /** How many resources each fixture resource stands for (costs scale with them). */
  scale: number;
  rateLimiter: RateLimiter;
}

export type ListProperties = 'identifiers' | 'full';

export interface OperationCall {
  request: SandboxRequest;
  /** The caller selected by the SigV4 access key; undefined for unsigned calls (SSO OIDC, web pages). */
  caller: SandboxCaller | undefined;
  now: Date;
}

/** An operation returns its output: a JSON-able object, an awsQuery result XML string, or a raw reply. */
export type Operation = (call: OperationCall) => unknown | Promise<unknown>;

export interface RestRoute {
  method: string;
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  operation: string;
}

export interface SandboxService {
  /** SigV4 signing name, e.g. `cloudcontrolapi`; used for logs and routing of awsQuery. */
  signingName: string;
  protocol: Protocol;
  /** awsJson: the X-Amz-Target prefix, e.g. `CloudApiService`. */
  targetPrefix?: string;
  /** awsQuery: the XML namespace of replies. */
  xmlNamespace?: string;
  /** restJson: method + path → operation. */
  routes?: RestRoute[];
  /** Whether the caller must be a known sandbox identity (SigV4-signed). */
  signed: boolean;
  /** Whether its operations take a bearer token instead (Amazon Q Developer), which they check themselves. */
  bearer?: boolean;
  /** Whether latency, throttling and 5xx faults apply: the question data plane (Cloud Control, Cost Explorer), not sign-in. */
  throttled: boolean;
  /** The error this service throttles with (default ThrottlingException, 429). */
  throttleError?: () => AwsError;
  /** The service's request-rate quota, enforced when the sandbox's rate limits are on. */
  rateLimit?: RateLimit;
  /** Whether region `down` / `deny` faults apply. */
  regional: boolean;
  operations: Record<string, Operation>;
}

/** A raw HTTP reply from an operation (HTML pages, redirects): passed through untouched. */
export class RawReply {
  constructor(readonly reply: SandboxReply) {}
}

import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from '@aws-sdk/types';
import { clientLoaders, type ClientOf, type ServiceName } from './client-loaders.js';
import { version } from '../version.js';
import { holdUntilAdmitted } from './admission.js';
import { recordSentOperations } from './operation-recording.js';
import { capReplies } from './reply-budget.js';
import { unreadableReply } from './unexpected-reply.js';

// qchat supports Node 20 (package.json engines); the SDK's notice about its own future Node
// support is not something a qchat user can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Where and as whom AWS calls go. */
export interface AwsTarget {
  region: string;
  /** Sandbox or `--endpoint-url`: every service is sent here instead of its AWS endpoint. */
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The AWS profile whose config (retry_mode, max_attempts) the SDK's own loaders read. */
  profile?: string;
  /** Unset: the SDK's loader decides (AWS_RETRY_MODE, the profile's retry_mode, else standard). */
  retryMode?: 'standard' | 'adaptive' | 'legacy';
  /** Unset: the SDK's loader decides (AWS_MAX_ATTEMPTS, the profile's max_attempts, else 3). */
  maxAttempts?: number;
  /** Longest wait for one HTTP reply (setting questionTimeout), so no call can hang, sign-in calls included. */
  requestTimeoutMs?: number;
}

/** Services that have one global endpoint in us-east-1, whatever the session's region. */
const globalServices: ReadonlySet<ServiceName> = new Set(['costexplorer', 'account', 'organizations']);

/**
 * Creates and caches SDK v3 clients for any service and region with one configuration:
 * endpoint override, credentials, retries and the qchat user agent.
 */
export class AwsClients {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly target: AwsTarget) {}

  get<S extends ServiceName>(service: S, region?: string): Promise<ClientOf<S>> {
    const resolvedRegion = globalServices.has(service) ? 'us-east-1' : (region ?? this.target.region);
    const key = `${service}@${resolvedRegion}`;
    let client = this.cache.get(key);
    if (!client) {
      client = clientLoaders[service]().then((Client) => {
        const sdkClient = new Client({
          region: resolvedRegion,
          credentials: typeof this.target.credentials === 'function' ? asCredentialFailures(this.target.credentials) : this.target.credentials,
          ...(this.target.profile ? { profile: this.target.profile } : {}),
          ...(this.target.retryMode ? { retryMode: this.target.retryMode } : {}),
          ...(this.target.maxAttempts ? { maxAttempts: this.target.maxAttempts } : {}),
          customUserAgent: `qchat/${version}`,
          logger: sdkLogger,
          ...(this.target.endpoint ? { endpoint: this.target.endpoint } : {}),
          ...(this.target.requestTimeoutMs
            ? { requestHandler: { requestTimeout: this.target.requestTimeoutMs, connectionTimeout: Math.min(this.target.requestTimeoutMs, 10_000) } }
            : {}),
        });
        return explainUnreadableReplies(service, holdUntilAdmitted(capReplies(sdkClient, cliNames[service])));
      }).then((built) => recordSentOperations(built, Boolean(this.target.endpoint)));
      this.cache.set(key, client);
    }
    return client as Promise<ClientOf<S>>;
  }

  /** Closes every client's sockets so the process can exit promptly. */
  async destroy(): Promise<void> {
    const clients = await Promise.allSettled(this.cache.values());
    for (const result of clients) {
      if (result.status === 'fulfilled') (result.value as { destroy(): void }).destroy();
    }
    this.cache.clear();
  }
}

/**
 * The SDK's logger, told nothing. Its logger middleware calls `logger?.info?.({ input:
 * inputFilterSensitiveLog(args.input), output: outputFilterSensitiveLog(output) })` after every
 * request (@aws-sdk/core, loggerMiddleware): with the default NoOpLogger, whose info does nothing,
 * it still copies every input and every reply (a page of 100 descriptions) through the models'
 * sensitive-data filters first. A logger without `info` and `error` makes that optional call, and
 * so its arguments, skip. qchat never showed the SDK's log.
 */
const sdkLogger = { trace: () => undefined, debug: () => undefined, warn: () => undefined } as unknown as Logger;

/** Services as the AWS CLI names them, which is how answers list their calls ("ce GetCostAndUsage"). */
const cliNames: Record<ServiceName, string> = {
  sts: 'sts',
  cloudcontrol: 'cloudcontrol',
  costexplorer: 'ce',
  account: 'account',
  organizations: 'organizations',
  ssoadmin: 'sso-admin',
  identitystore: 'identitystore',
  ssooidc: 'sso-oidc',
  tagging: 'resourcegroupstaggingapi',
};

type Next = (args: unknown) => Promise<unknown>;
interface WithMiddleware {
  middlewareStack: { add(middleware: (next: Next, context: { commandName?: string }) => Next, options: { step: 'initialize'; name: string }): void };
}

/**
 * Outermost, after retries: a reply the SDK could not read (an HTML error page, a body cut short)
 * becomes an UnexpectedReplyError that names the call, instead of a JSON or XML parser's message.
 */
function explainUnreadableReplies<C>(service: ServiceName, client: C): C {
  (client as WithMiddleware).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw unreadableReply(error, `${cliNames[service]} ${(context.commandName ?? '').replace(/Command$/, '')}`) ?? error;
      }
    },
    { step: 'initialize', name: 'qchatUnreadableReply' },
  );
  return client;
}

/** Errors of JavaScript itself, which an SDK credential provider throws on some broken AWS configs. */
const languageErrors = new Set(['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);

/**
 * The provider with its crashes told as credential failures: given a profile whose sso_session
 * names a section the config does not have, the SDK's SSO provider throws "Cannot read properties
 * of undefined (reading 'sso_region')". That means the credentials cannot be used (exit 3), and
 * says so, instead of surfacing as an unexpected error.
 */
function asCredentialFailures(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  return async (...args) => {
    try {
      return await provider(...args);
    } catch (error) {
      if (!(error instanceof Error) || !languageErrors.has(error.name)) throw error;
      throw Object.assign(new Error(`the AWS config could not be read for credentials (${error.message})`), { name: 'CredentialsProviderError' });
    }
  };
}

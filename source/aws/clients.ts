import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { clientLoaders, type ClientOf, type ServiceName } from './client-loaders.js';
import { version } from '../version.js';

// qchat supports Node 20 (package.json engines); the SDK's notice about its own future Node
// support is not something a qchat user can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Where and as whom AWS calls go. */
export interface AwsTarget {
  region: string;
  /** Sandbox or `--endpoint-url`: every service is sent here instead of its AWS endpoint. */
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  retryMode: 'standard' | 'adaptive' | 'legacy';
  maxAttempts: number;
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
      client = clientLoaders[service]().then(
        (Client) =>
          new Client({
            region: resolvedRegion,
            credentials: this.target.credentials,
            retryMode: this.target.retryMode,
            maxAttempts: this.target.maxAttempts,
            customUserAgent: `qchat/${version}`,
            ...(this.target.endpoint ? { endpoint: this.target.endpoint } : {}),
          }),
      );
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

import { defaultRegions } from './region-catalog.js';
import type { AwsClients } from './clients.js';
import { PageTokens } from './page-tokens.js';

export interface EnabledRegions {
  regions: string[];
  /** True when this run had already asked. */
  fromCache?: boolean;
  /** Set when ListRegions could not be called and the default regions stand in. */
  warning?: string;
}

/** The account's enabled regions from Account ListRegions, asked once per run. */
export class EnabledRegionsCache {
  private pending: Promise<EnabledRegions> | undefined;

  constructor(private readonly clients: AwsClients) {}

  async get(signal?: AbortSignal): Promise<EnabledRegions> {
    const fromCache = this.pending !== undefined;
    this.pending ??= this.load(signal).catch((error: Error) => {
      this.pending = undefined;
      const defaults = defaultRegions();
      return { regions: defaults, warning: `Could not list the account's enabled regions (${error.name}: ${error.message}); asked the ${defaults.length} default regions.` };
    });
    return { ...(await this.pending), fromCache };
  }

  private async load(signal?: AbortSignal): Promise<EnabledRegions> {
    const [client, { paginateListRegions }] = await Promise.all([this.clients.get('account'), import('@aws-sdk/client-account')]);
    const regions: string[] = [];
    const tokens = new PageTokens('account ListRegions');
    const input = { RegionOptStatusContains: ['ENABLED' as const, 'ENABLED_BY_DEFAULT' as const] };
    for await (const page of paginateListRegions({ client }, input, signal ? { abortSignal: signal } : {})) {
      for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName);
      // The guard sees each token before the paginator sends it again.
      if (tokens.next(page.NextToken) === undefined) break;
    }
    return { regions: regions.sort() };
  }
}

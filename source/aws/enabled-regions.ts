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
    const [client, { ListRegionsCommand }] = await Promise.all([this.clients.get('account'), import('@aws-sdk/client-account')]);
    const regions: string[] = [];
    const tokens = new PageTokens('account ListRegions');
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], ...(nextToken ? { NextToken: nextToken } : {}) }),
        signal ? { abortSignal: signal } : {},
      );
      for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName);
      nextToken = tokens.next(page.NextToken);
    } while (nextToken);
    return { regions: regions.sort() };
  }
}

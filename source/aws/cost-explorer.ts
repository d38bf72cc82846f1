import type {
  GetCostAndUsageCommandInput,
  GetCostForecastCommandInput,
  GetCostForecastCommandOutput,
  GetDimensionValuesCommandInput,
  ResultByTime,
  DimensionValuesWithAttributes,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClients } from './clients.js';
import type { CostCache } from './cost-cache.js';
import { dimensionValuesProblem, forecastProblem, resultsProblem } from './cost-explorer-replies.js';
import { PageTokens } from './page-tokens.js';
import { UnexpectedReplyError } from './unexpected-reply.js';

export interface CostCall<T> {
  value: T;
  pages: number;
  /** When the answer came from the on-disk cache, the time it was stored. */
  cachedAt: Date | undefined;
}

/**
 * Cost Explorer calls for the planner's cost intents. One global endpoint (us-east-1): never fanned
 * out. Pages are followed; identical requests come from the cache while it is fresh.
 */
export class CostExplorer {
  constructor(
    private readonly clients: AwsClients,
    private readonly cache: CostCache | undefined,
    /** Distinguishes principals and endpoints in cache keys. */
    private readonly scope: string,
  ) {}

  getCostAndUsage(input: GetCostAndUsageCommandInput, signal?: AbortSignal): Promise<CostCall<ResultByTime[]>> {
    const problem = (results: ResultByTime[]) => resultsProblem(results, input);
    return this.cached('GetCostAndUsage', input, problem, async () => {
      const [client, { GetCostAndUsageCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      return allPages(
        'ce GetCostAndUsage',
        (token) => client.send(new GetCostAndUsageCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }), signal ? { abortSignal: signal } : {}),
        (page) => page.ResultsByTime ?? [],
        problem,
        mergeResults,
      );
    });
  }

  getCostForecast(input: GetCostForecastCommandInput, signal?: AbortSignal): Promise<CostCall<Pick<GetCostForecastCommandOutput, 'Total' | 'ForecastResultsByTime'>>> {
    return this.cached('GetCostForecast', input, forecastProblem, async () => {
      const [client, { GetCostForecastCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      const reply = await client.send(new GetCostForecastCommand(input), signal ? { abortSignal: signal } : {});
      const value = { Total: reply.Total, ForecastResultsByTime: reply.ForecastResultsByTime };
      refuse('ce GetCostForecast', forecastProblem(value));
      return { value, pages: 1 };
    });
  }

  getDimensionValues(input: GetDimensionValuesCommandInput, signal?: AbortSignal): Promise<CostCall<DimensionValuesWithAttributes[]>> {
    return this.cached('GetDimensionValues', input, dimensionValuesProblem, async () => {
      const [client, { GetDimensionValuesCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      return allPages(
        'ce GetDimensionValues',
        (token) => client.send(new GetDimensionValuesCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }), signal ? { abortSignal: signal } : {}),
        (page) => page.DimensionValues ?? [],
        dimensionValuesProblem,
      );
    });
  }

  /** A fresh cached answer that passes `problem` (a cache file may be damaged), else the call. */
  private async cached<T>(operation: string, input: unknown, problem: (value: T) => string | undefined, call: () => Promise<{ value: T; pages: number }>): Promise<CostCall<T>> {
    const key = this.cache?.key(this.scope, operation, input);
    const hit = key ? this.cache!.read<{ value: T; pages: number }>(key) : undefined;
    if (hit && Number.isInteger(hit.value?.pages) && !problem(hit.value.value)) return { ...hit.value, cachedAt: hit.storedAt };
    const fresh = await call();
    if (key) this.cache!.write(key, fresh);
    return { ...fresh, cachedAt: undefined };
  }
}

/** A reply with a problem is one qchat cannot use. */
function refuse(operation: string, problem: string | undefined): void {
  if (problem) throw new UnexpectedReplyError(operation, problem);
}

/** Follows NextPageToken to the last page (a repeated token stops it), checking and adding each page's items. */
async function allPages<P extends { NextPageToken?: string | undefined }, T>(
  call: string,
  fetch: (token: string | undefined) => Promise<P>,
  itemsOf: (page: P) => T[],
  problem: (items: T[]) => string | undefined,
  add: (into: T[], items: T[]) => void = (into, items) => void into.push(...items),
): Promise<{ value: T[]; pages: number }> {
  const value: T[] = [];
  const tokens = new PageTokens(call);
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(token);
    pages++;
    refuse(call, problem(itemsOf(page)));
    add(value, itemsOf(page));
    token = tokens.next(page.NextPageToken);
  } while (token);
  return { value, pages };
}

/** Pages of GetCostAndUsage may split one time period's groups; merge them by period. */
function mergeResults(into: ResultByTime[], page: ResultByTime[]): void {
  for (const result of page) {
    const existing = into.find((r) => r.TimePeriod?.Start === result.TimePeriod?.Start && r.TimePeriod?.End === result.TimePeriod?.End);
    if (existing) existing.Groups = [...(existing.Groups ?? []), ...(result.Groups ?? [])];
    else into.push(result);
  }
}

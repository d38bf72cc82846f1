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
    /** Distinguishes accounts and endpoints in cache keys. */
    private readonly scope: string,
  ) {}

  getCostAndUsage(input: GetCostAndUsageCommandInput, signal?: AbortSignal): Promise<CostCall<ResultByTime[]>> {
    return this.cached('GetCostAndUsage', input, async () => {
      const [client, { GetCostAndUsageCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      const results: ResultByTime[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new GetCostAndUsageCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }), signal ? { abortSignal: signal } : {});
        pages++;
        mergeResults(results, page.ResultsByTime ?? []);
        token = page.NextPageToken || undefined;
      } while (token);
      return { value: results, pages };
    });
  }

  getCostForecast(input: GetCostForecastCommandInput, signal?: AbortSignal): Promise<CostCall<Pick<GetCostForecastCommandOutput, 'Total' | 'ForecastResultsByTime'>>> {
    return this.cached('GetCostForecast', input, async () => {
      const [client, { GetCostForecastCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      const reply = await client.send(new GetCostForecastCommand(input), signal ? { abortSignal: signal } : {});
      return { value: { Total: reply.Total, ForecastResultsByTime: reply.ForecastResultsByTime }, pages: 1 };
    });
  }

  getDimensionValues(input: GetDimensionValuesCommandInput, signal?: AbortSignal): Promise<CostCall<DimensionValuesWithAttributes[]>> {
    return this.cached('GetDimensionValues', input, async () => {
      const [client, { GetDimensionValuesCommand }] = await Promise.all([this.clients.get('costexplorer'), import('@aws-sdk/client-cost-explorer')]);
      const values: DimensionValuesWithAttributes[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new GetDimensionValuesCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }), signal ? { abortSignal: signal } : {});
        pages++;
        values.push(...(page.DimensionValues ?? []));
        token = page.NextPageToken || undefined;
      } while (token);
      return { value: values, pages };
    });
  }

  private async cached<T>(operation: string, input: unknown, call: () => Promise<{ value: T; pages: number }>): Promise<CostCall<T>> {
    const key = this.cache?.key(this.scope, operation, input);
    const hit = key ? this.cache!.read<{ value: T; pages: number }>(key) : undefined;
    if (hit) return { ...hit.value, cachedAt: hit.storedAt };
    const fresh = await call();
    if (key) this.cache!.write(key, fresh);
    return { ...fresh, cachedAt: undefined };
  }
}

/** Pages of GetCostAndUsage may split one time period's groups; merge them by period. */
function mergeResults(into: ResultByTime[], page: ResultByTime[]): void {
  for (const result of page) {
    const existing = into.find((r) => r.TimePeriod?.Start === result.TimePeriod?.Start && r.TimePeriod?.End === result.TimePeriod?.End);
    if (existing) existing.Groups = [...(existing.Groups ?? []), ...(result.Groups ?? [])];
    else into.push(result);
  }
}

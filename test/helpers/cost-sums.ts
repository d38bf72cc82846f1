import { CostExplorerClient, GetCostAndUsageCommand, type Expression } from '@aws-sdk/client-cost-explorer';
import type { ChatSession } from '../../source/chat/session.js';

export interface DailyCost {
  day: string;
  /** The group's key (a service, a region), or '' without a grouping. */
  key: string;
  amount: number;
}

/**
 * The sandbox's cost over [start, end), asked day by day with the SDK (every page), so a test can
 * sum it independently of the monthly or grouped calls qchat makes.
 */
export async function dailyCosts(session: ChatSession, start: string, end: string, options: { groupBy?: 'SERVICE' | 'REGION'; metric?: string; filter?: Expression } = {}): Promise<DailyCost[]> {
  const { groupBy, metric = 'UnblendedCost', filter } = options;
  const client = (await session.clients.get('costexplorer')) as CostExplorerClient;
  const costs: DailyCost[] = [];
  let token: string | undefined;
  do {
    const reply = await client.send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: start, End: end }, Granularity: 'DAILY', Metrics: [metric], ...(groupBy ? { GroupBy: [{ Type: 'DIMENSION', Key: groupBy }] } : {}), ...(filter ? { Filter: filter } : {}), NextPageToken: token }),
    );
    for (const day of reply.ResultsByTime ?? []) {
      const date = day.TimePeriod?.Start ?? '';
      if (groupBy) for (const group of day.Groups ?? []) costs.push({ day: date, key: group.Keys?.[0] ?? '', amount: Number(group.Metrics?.[metric]?.Amount ?? 0) });
      else costs.push({ day: date, key: '', amount: Number(day.Total?.[metric]?.Amount ?? 0) });
    }
    token = reply.NextPageToken;
  } while (token);
  return costs;
}

/** The costs summed by what `by` picks: `(cost) => cost.key` per group, `(cost) => cost.day` per day. */
export function sumBy(costs: DailyCost[], by: (cost: DailyCost) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const cost of costs) sums.set(by(cost), (sums.get(by(cost)) ?? 0) + cost.amount);
  return sums;
}

/** Each group's total over [start, end), summed from daily figures. */
export async function dailyByGroup(session: ChatSession, start: string, end: string, groupBy: 'SERVICE' | 'REGION', metric?: string): Promise<Map<string, number>> {
  return sumBy(await dailyCosts(session, start, end, { groupBy, ...(metric ? { metric } : {}) }), (cost) => cost.key);
}

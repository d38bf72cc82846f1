import type { AwsClients } from './clients.js';

/**
 * How many pages each type's listing took in each region, the last time this session listed it.
 * An all-regions answer lasts as long as its longest page chain, which is the only one that must
 * start at once: started first, its pages run while the other regions' requests are prepared on
 * qchat's one thread, instead of queueing behind them. The home region is only a guess for it (an
 * account may keep most of a type elsewhere); after one listing, the session knows.
 */
const sessions = new WeakMap<AwsClients, Map<string, number>>();

export function rememberPages(clients: AwsClients, typeName: string, region: string, pages: number): void {
  let lengths = sessions.get(clients);
  if (!lengths) {
    lengths = new Map();
    sessions.set(clients, lengths);
  }
  lengths.set(`${typeName}@${region}`, pages);
}

/** The region among `regions` whose last listing of the type took the most pages (more than one), else `fallback`; a tie keeps `fallback` or the earlier region. */
export function longestListing(clients: AwsClients, typeName: string, regions: readonly string[], fallback: string): string {
  const lengths = sessions.get(clients);
  let longest = fallback;
  let most = Math.max(1, lengths?.get(`${typeName}@${fallback}`) ?? 0);
  for (const region of regions) {
    const pages = lengths?.get(`${typeName}@${region}`) ?? 0;
    if (pages > most) {
      longest = region;
      most = pages;
    }
  }
  return longest;
}

import { getResource, type CloudResource } from './cloud-control.js';
import { fanOut, type RegionOutcome } from './fanout.js';
import type { RegionPacers } from './pacing.js';

export interface ReadWholeOptions {
  pacers: RegionPacers;
  /** Reads in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
  deadline?: AbortSignal;
  onRead?: (done: number, total: number) => void;
}

/**
 * Cloud Control GetResource for each listed resource, a few at a time, each call waiting for its
 * region's token: the whole model of resources a listing gave only by identifier. One outcome per
 * resource, in order; a failed read is an outcome, not an exception (the user's cancel still throws).
 */
export function readWhole(clients: Parameters<typeof getResource>[0], typeName: string, resources: readonly CloudResource[], options: ReadWholeOptions): Promise<RegionOutcome<CloudResource>[]> {
  const keys = resources.map((_, index) => String(index));
  return fanOut(
    keys,
    (key, signal) => {
      const resource = resources[Number(key)]!;
      return getResource(clients, { typeName, identifier: resource.identifier, region: resource.region, pacer: options.pacers.of(resource.region), ...(signal ? { signal } : {}) });
    },
    {
      concurrency: options.concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.deadline ? { deadline: options.deadline } : {}),
      ...(options.onRead ? { onRegionDone: (done: number, total: number) => options.onRead!(done, total) } : {}),
    },
  );
}

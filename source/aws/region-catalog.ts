import { z } from 'zod';
import { loadShippedJson } from '../storage/shipped-json.js';

/** AWS regions with their console names and the names people use for them (config/regions.json). */
export interface RegionInfo {
  code: string;
  name: string;
  aliases: string[];
  optIn: boolean;
}

const fileSchema = z.object({
  regions: z.array(z.object({ code: z.string().min(1), name: z.string(), aliases: z.array(z.string()), optIn: z.boolean() })),
});

let catalog: RegionInfo[] | undefined;

export function regionCatalog(): RegionInfo[] {
  catalog ??= loadShippedJson('regions.json', fileSchema).regions;
  return catalog;
}


export function defaultRegions(): string[] {
  return regionCatalog().filter((region) => !region.optIn).map((region) => region.code);
}

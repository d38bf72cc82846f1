import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '../config/package-root.js';

/** AWS regions with their console names and the names people use for them (config/regions.json). */
export interface RegionInfo {
  code: string;
  name: string;
  aliases: string[];
  optIn: boolean;
}

let catalog: RegionInfo[] | undefined;

export function regionCatalog(): RegionInfo[] {
  catalog ??= (JSON.parse(readFileSync(shippedConfigPath('regions.json'), 'utf8')) as { regions: RegionInfo[] }).regions;
  return catalog;
}


export function defaultRegions(): string[] {
  return regionCatalog().filter((region) => !region.optIn).map((region) => region.code);
}

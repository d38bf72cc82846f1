// Regions by area, as people name them ("Europe", "APAC", "the US", "Japan"), and exclusions
// ("all regions except the EU", "outside us-east-1", "APAC except Mumbai"). The group is kept as
// a list of candidate codes from the region catalog; execution asks the enabled ones among them.
import { regionCatalog } from '../aws/region-catalog.js';

interface Area {
  label: string;
  pattern: RegExp;
  members: (code: string) => boolean;
}

const prefix = (...prefixes: string[]) => (code: string) => prefixes.some((p) => code.startsWith(`${p}-`));
const only = (...codes: string[]) => (code: string) => codes.includes(code);

/** Longest names first, so "North America" is not read as "America". */
const areas: Area[] = [
  { label: 'North America', pattern: /\bnorth america(?:n)?\b/i, members: prefix('us', 'ca', 'mx') },
  { label: 'South America', pattern: /\b(?:south|latin) america(?:n)?\b/i, members: prefix('sa') },
  { label: 'Asia Pacific', pattern: /\basia[- ]pacific\b|\bapac\b|\basia\b/i, members: prefix('ap') },
  { label: 'Europe', pattern: /\beurope(?:an)?\b|\b(?:the )?eu\b(?!-)/i, members: prefix('eu') },
  { label: 'the US', pattern: /\b(?:the )?(?:u\.s\.a?\.?|usa|united states)(?![\w-])|\bthe us\b|\bus regions?\b|\bin us\b(?!-)/i, members: prefix('us') },
  { label: 'the Middle East', pattern: /\bmiddle east(?:ern)?\b/i, members: prefix('me', 'il') },
  { label: 'Africa', pattern: /\bafrica(?:n)?\b/i, members: prefix('af') },
  { label: 'Canada', pattern: /\bcanad(?:a|ian)\b/i, members: prefix('ca') },
  { label: 'Japan', pattern: /\bjapan(?:ese)?\b/i, members: only('ap-northeast-1', 'ap-northeast-3') },
  { label: 'India', pattern: /\bindia(?:n)?\b/i, members: only('ap-south-1', 'ap-south-2') },
  { label: 'Australia', pattern: /\baustralia(?:n)?\b/i, members: only('ap-southeast-2', 'ap-southeast-4') },
];

/**
 * "except the EU", "outside us-east-1", "but not in Mumbai": what follows is taken away. "the" stays
 * in what follows, as the areas' patterns read it ("the US").
 */
export const exclusion = /\b(?:except(?: for)?|excluding|outside(?: of)?|but not|other than|apart from|without)(?:\s+in)?\s+(?=\S)/i;

export interface AreaMention {
  label: string;
  codes: string[];
  span: [number, number];
}

/** The first area a text names, with the catalog codes in it. */
export function findArea(text: string): AreaMention | undefined {
  const found = areas
    .map((area) => ({ area, match: area.pattern.exec(text) }))
    .filter((entry): entry is { area: Area; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => a.match.index - b.match.index)[0];
  if (!found) return undefined;
  const codes = regionCatalog().map((region) => region.code).filter(found.area.members);
  return { label: found.area.label, codes, span: [found.match.index, found.match.index + found.match[0].length] };
}

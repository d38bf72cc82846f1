import { regionCatalog } from '../aws/region-catalog.js';

/** What a question says about regions: none (use the current one), all enabled, or named ones. */
export type RegionMention = { kind: 'none' } | { kind: 'all'; span: [number, number] } | { kind: 'named'; codes: string[]; spans: Array<[number, number]> };

const allRegions = /\b(?:in |across |over )?(?:all|every|each)(?: (?:of my|my|the|enabled|active|aws))* regions?\b|\beverywhere\b|\bacross(?: all)? regions\b|\bany region\b|\bglobally\b/i;
const regionCode = /\b(?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov)?-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d\b/gi;

/** Aliases longest first, so "N. Virginia" wins over "Virginia". */
function aliasPatterns(): Array<{ code: string; pattern: RegExp }> {
  return regionCatalog()
    .flatMap((region) => [region.name, ...region.aliases].map((alias) => ({ code: region.code, alias })))
    .sort((a, b) => b.alias.length - a.alias.length)
    .map(({ code, alias }) => ({ code, pattern: new RegExp(`(?<![\\w-])${escapeRegExp(alias)}(?![\\w-])`, 'i') }));
}

let patterns: ReturnType<typeof aliasPatterns> | undefined;

export function findRegions(question: string): RegionMention {
  const all = allRegions.exec(question);
  if (all) return { kind: 'all', span: [all.index, all.index + all[0].length] };
  const codes: string[] = [];
  const spans: Array<[number, number]> = [];
  let text = question;
  for (const match of question.matchAll(regionCode)) {
    const code = match[0].toLowerCase();
    if (!codes.includes(code)) codes.push(code);
    spans.push([match.index, match.index + match[0].length]);
    text = blank(text, match.index, match[0].length);
  }
  patterns ??= aliasPatterns();
  for (const { code, pattern } of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (!codes.includes(code)) codes.push(code);
    spans.push([match.index, match.index + match[0].length]);
    text = blank(text, match.index, match[0].length);
  }
  return codes.length > 0 ? { kind: 'named', codes, spans } : { kind: 'none' };
}

function blank(text: string, index: number, length: number): string {
  return text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

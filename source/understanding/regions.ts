import { regionCatalog } from '../aws/region-catalog.js';
import { exclusion, findArea } from './region-groups.js';
import type { RegionScope } from './plan.js';
import { withinOneEdit } from './typos.js';

/**
 * What a question says about regions: none (use the current one), all enabled, named ones (codes
 * from config/regions.json only), or region codes AWS does not have ("eu-west-9"), which the
 * planner asks about rather than guesses.
 */
export type RegionMention =
  | { kind: 'none' }
  | { kind: 'all'; span: [number, number] }
  | { kind: 'named'; codes: string[]; spans: Array<[number, number]> }
  | { kind: 'unknown'; codes: string[] }
  /** An area or an exclusion ("Europe", "all regions except us-east-1"): the catalog codes it leaves. */
  | { kind: 'group'; label: string; codes: string[] };

/** "in all regions", "across every enabled region", "everywhere", "globally". */
const everyRegion = /\b(?:all|every|each)(?: (?:of )?(?:my|the|our|enabled|active|aws|available|opted[ -]in))* regions?\b|\beverywhere\b|\bacross(?: (?:all|the|my))? regions\b|\b(?:in )?any region\b|\bglobally\b|\bworldwide\b/i;
/** "count instances per region": a breakdown needs every region, unless regions are named. */
const perRegion = /\b(?:by|per) region\b/i;
/** Something shaped like a region code, or an availability zone in one ("eu-west-1a"); whether AWS has it is checked against the catalog. */
const regionCodeShape = /(?<![\w-])((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d{1,2})[a-z]?(?![\w-])/gi;

interface AliasPattern {
  code: string;
  pattern: RegExp;
}

/** Console names and aliases, longest first so "N. Virginia" wins over "Virginia"; "N." may be written "N". */
function aliasPatterns(): AliasPattern[] {
  return regionCatalog()
    .flatMap((region) => [region.name, ...region.aliases].map((alias) => ({ code: region.code, alias })))
    .sort((a, b) => b.alias.length - a.alias.length)
    .map(({ code, alias }) => {
      // The catalog spaces its names with single spaces; a question may use any run of whitespace.
      const spelled = escapeRegExp(alias).replace(/\\\./g, '\\.?').replaceAll(' ', '\\s+');
      return { code, pattern: new RegExp(`(?<![\\w-])${spelled}(?![\\w-])`, 'i') };
    });
}

let patterns: AliasPattern[] | undefined;
let knownCodes: Set<string> | undefined;

/** The regions a mention names as a plan's scope, or undefined when it names none (or only unknown codes). */
export function mentionedScope(mention: RegionMention): RegionScope | undefined {
  if (mention.kind === 'all') return 'all';
  if (mention.kind === 'named') return mention.codes;
  if (mention.kind === 'group') return { group: mention.label, codes: mention.codes };
  return undefined;
}

export function findRegions(question: string): RegionMention {
  const cut = exclusion.exec(question);
  const base = cut ? question.slice(0, cut.index) : question;
  // Region names win over areas: "US East (Ohio)" is us-east-2, not the US.
  const named = findNamedRegions(base);
  const area = findArea(named.kind === 'named' ? named.spans.reduce((text, [from, to]) => blank(text, from, to - from), base) : base);
  const removed = cut ? excludedRegions(question.slice(cut.index + cut[0].length)) : undefined;
  if (!area && !removed) return findNamedRegions(question);
  // What the exclusion is taken from, as the question named it: regions and an area together ("us-east-2 and Europe"), or every region.
  const namedCodes = named.kind === 'named' ? named.codes : [];
  const start = area || namedCodes.length > 0 ? [...new Set([...namedCodes, ...(area?.codes ?? [])])] : regionCatalog().map((region) => region.code);
  const codes = start.filter((code) => !removed?.codes.includes(code));
  const parts = [...namedCodes.filter((code) => !area?.codes.includes(code)), ...(area ? [area.label] : [])];
  const from = parts.length === 0 ? 'all regions' : parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const label = `${from}${removed ? ` except ${removed.label}` : ''}`;
  return { kind: 'group', label, codes };
}

/** What an exclusion takes away: an area ("the EU") or named regions ("us-east-1", "Mumbai"); nothing when it is not about regions. */
function excludedRegions(text: string): { label: string; codes: string[] } | undefined {
  const named = findNamedRegions(text);
  const area = named.kind === 'named' ? undefined : findArea(text);
  // The area must be what is excluded ("except the EU"), not a later word ("without tags in Europe").
  if (area && /^(?:the\s+)?$/i.test(text.slice(0, area.span[0]))) return { label: area.label, codes: area.codes };
  return named.kind === 'named' ? { label: named.codes.join(', '), codes: named.codes } : undefined;
}

function findNamedRegions(question: string): RegionMention {
  const all = everyRegion.exec(question);
  if (all) return { kind: 'all', span: [all.index, all.index + all[0].length] };
  knownCodes ??= new Set(regionCatalog().map((region) => region.code));
  const found: Array<{ code: string; span: [number, number] }> = [];
  const unknown: string[] = [];
  const note = (code: string, match: RegExpExecArray | RegExpMatchArray) => found.push({ code, span: [match.index!, match.index! + match[0].length] });
  let text = question;
  for (const match of question.matchAll(regionCodeShape)) {
    const code = match[1]!.toLowerCase();
    if (knownCodes.has(code)) note(code, match);
    else if (!unknown.includes(code)) unknown.push(code);
    text = blank(text, match.index, match[0].length);
  }
  patterns ??= aliasPatterns();
  for (const { code, pattern } of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    note(code, match);
    text = blank(text, match.index, match[0].length);
  }
  for (const match of text.matchAll(/(?<![\w-])[a-z]{6,}(?![\w-])/gi)) {
    const code = misspeltPlace(match[0]);
    if (code) note(code, match);
  }
  if (unknown.length > 0) return { kind: 'unknown', codes: unknown };
  if (found.length > 0) {
    found.sort((a, b) => a.span[0] - b.span[0]);
    return { kind: 'named', codes: [...new Set(found.map((f) => f.code))], spans: found.map((f) => f.span) };
  }
  const per = perRegion.exec(question);
  return per ? { kind: 'all', span: [per.index, per.index + per[0].length] } : { kind: 'none' };
}

/** Place names long enough that one slip ("Frankfrt", "Irleand") still names them; shorter ones ("Paris"/"parts") must be exact. */
const minimumFuzzyLength = 7;
/** Real places one slip away from a region's place name, which must not be read as it ("Iceland" is not "Ireland"). */
const otherPlaces = new Set(['iceland']);
let places: Array<{ code: string; name: string }> | undefined;

function misspeltPlace(word: string): string | undefined {
  places ??= regionCatalog().flatMap((region) => region.aliases.filter((alias) => /^[a-z]+$/i.test(alias) && alias.length >= minimumFuzzyLength).map((alias) => ({ code: region.code, name: alias.toLowerCase() })));
  const lower = word.toLowerCase();
  if (otherPlaces.has(lower)) return undefined;
  return places.find((place) => withinOneEdit(lower, place.name))?.code;
}

/** Known region codes closest to an unknown one, for "did you mean". */
export function nearestRegionCodes(code: string, count = 3): string[] {
  const [prefix, direction] = code.toLowerCase().split('-');
  const sameArea = regionCatalog().filter((region) => region.code.startsWith(`${prefix}-`));
  const sameDirection = sameArea.filter((region) => region.code.split('-')[1] === direction);
  return [...sameDirection, ...sameArea.filter((region) => !sameDirection.includes(region))].slice(0, count).map((region) => region.code);
}

function blank(text: string, index: number, length: number): string {
  return text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

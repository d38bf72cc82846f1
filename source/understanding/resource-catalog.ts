// Turns the noun a person used ("lambdas", "secuirty groups", "AWS::EKS::Nodegroup") into a
// CloudFormation type name, exactly or past a typo, and suggests the nearest nouns when none fits.
// The parents some types need before they can be listed are found by resource-parents.ts.
import { z } from 'zod';
import { loadShippedJson } from '../storage/shipped-json.js';

/** One line of config/resource-types.json (written by scripts/generate-resource-catalog.ts). */
export interface ResourceTypeEntry {
  type: string;
  service: string;
  name: string;
  primaryIdentifier: string[];
  /** Whether Cloud Control's ListResources works for the type at all. */
  list: boolean;
  /** ResourceModel properties ListResources requires: the parent, such as ClusterName. */
  listParents?: string[];
  /** The type each parent property names, where one does. */
  parentTypes?: Record<string, string>;
  /** Set when list support and parents were checked by hand rather than inferred. */
  listChecked?: boolean;
  /** Set for the hand-curated, most used types. */
  curated?: boolean;
  synonyms?: string[];
}

const entrySchema = z.object({
  type: z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/),
  service: z.string(),
  name: z.string(),
  primaryIdentifier: z.array(z.string()),
  list: z.boolean(),
  listParents: z.array(z.string()).optional(),
  parentTypes: z.record(z.string(), z.string()).optional(),
  listChecked: z.boolean().optional(),
  curated: z.boolean().optional(),
  synonyms: z.array(z.string()).optional(),
}) satisfies z.ZodType<ResourceTypeEntry>;
const fileSchema = z.object({ types: z.array(entrySchema) });

export type ResourceLookup =
  | { kind: 'match'; type: string; needsParent: string[]; listable: boolean }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown'; suggestions: string[] };

/** What a whole question names: nothing, or a lookup together with the words it used. */
export type ResourceMention = { kind: 'none' } | (ResourceLookup & { phrase: string; span: [number, number] });

interface Phrase {
  display: string;
  words: string[];
  types: string[];
}

interface Catalog {
  entries: ResourceTypeEntry[];
  byType: Map<string, ResourceTypeEntry>;
  /** Every plural/singular spelling of every synonym, spaces removed, to the types it names. */
  byKey: Map<string, string[]>;
  phrases: Phrase[];
  maxWords: number;
}

let loaded: Catalog | undefined;

function catalog(): Catalog {
  if (loaded) return loaded;
  const { types } = loadShippedJson('resource-types.json', fileSchema);
  const byType = new Map(types.map((entry) => [entry.type.toLowerCase(), entry]));
  const byKey = new Map<string, string[]>();
  const phrasesByDisplay = new Map<string, Phrase>();
  for (const entry of types) {
    for (const synonym of entry.synonyms ?? []) {
      for (const key of phraseKeys(synonym)) addUnique(byKey, key, entry.type);
      const phrase = phrasesByDisplay.get(synonym) ?? { display: synonym, words: wordsOf(synonym), types: [] };
      phrase.types.push(entry.type);
      phrasesByDisplay.set(synonym, phrase);
    }
  }
  const phrases = [...phrasesByDisplay.values()];
  loaded = { entries: types, byType, byKey, phrases, maxWords: Math.max(...phrases.map((p) => p.words.length)) };
  return loaded;
}

function addUnique(map: Map<string, string[]>, key: string, type: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(type)) list.push(type);
  map.set(key, list);
}

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Plural and singular spellings of a word, most literal first ("policies" → policy, "aliases" →
 * alias). In what a user typed, "-es" is a plural ending only after s, x, z, ch and sh ("names" is
 * not "nam"); the catalog's own words keep every spelling, so typos of them stay close.
 */
export function spellings(word: string, typed = false): string[] {
  const out = [word];
  if (word.length >= 3 && word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  if (word.length >= 4 && (typed ? /(?:s|x|z|ch|sh)es$/.test(word) : word.endsWith('es'))) out.push(word.slice(0, -2));
  if (word.length >= 5 && word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  return out;
}

/**
 * Lookup keys of a phrase: its words joined without spaces (so "nodegroups" meets "node groups"),
 * in each plural/singular spelling. The generator uses the same keys to keep synonyms unambiguous.
 */
export function phraseKeys(text: string): string[] {
  return spellings(wordsOf(text).join(''));
}

export function resourceTypes(): readonly ResourceTypeEntry[] {
  return catalog().entries;
}

export function resourceTypeInfo(type: string): ResourceTypeEntry | undefined {
  return catalog().byType.get(type.toLowerCase());
}

const typeNamePattern = /\b[a-z0-9]+::[a-z0-9]+::[a-z0-9]+\b/i;

/** Resolves a resource phrase on its own: "lambda functions", "buckts", "aws::s3::bucket". */
export function findResourceType(phrase: string): ResourceLookup {
  const trimmed = phrase.trim();
  if (trimmed.includes('::')) {
    const entry = resourceTypeInfo(trimmed);
    return entry ? matchOf(entry.type) : { kind: 'unknown', suggestions: suggestResourceTypes(trimmed) };
  }
  const words = wordsOf(trimmed);
  return exactLookup(words) ?? fuzzyLookup(words) ?? { kind: 'unknown', suggestions: suggestResourceTypes(trimmed) };
}

function matchOf(type: string): Extract<ResourceLookup, { kind: 'match' }> {
  const entry = resourceTypeInfo(type);
  return { kind: 'match', type, needsParent: entry?.listParents ?? [], listable: entry?.list ?? false };
}

function lookupOf(types: string[]): Exclude<ResourceLookup, { kind: 'unknown' }> {
  const [only] = types;
  return types.length === 1 && only ? matchOf(only) : { kind: 'ambiguous', candidates: types };
}

function exactLookup(words: string[]): Exclude<ResourceLookup, { kind: 'unknown' }> | undefined {
  if (words.length === 0) return undefined;
  for (const key of spellings(words.join(''), true)) {
    const types = catalog().byKey.get(key);
    if (types) return lookupOf(types);
  }
  return undefined;
}

/** Words of 4+ letters may be one edit off (two from 8 letters); shorter words must be exact. */
function allowedEdits(word: string): number {
  if (word.length >= 8) return 2;
  return word.length >= 4 ? 1 : 0;
}

function wordDistance(typed: string, known: string, limit = Infinity): number {
  let best = limit + 1;
  for (const a of spellings(typed, true)) for (const b of spellings(known)) best = Math.min(best, editDistance(a, b, best - 1));
  return best;
}

/** Sum of word edits when every word is within its allowance, else undefined. */
function phraseDistance(words: string[], phrase: Phrase): number | undefined {
  if (words.length !== phrase.words.length) {
    const typed = words.join('');
    const known = phrase.words.join('');
    const distance = wordDistance(typed, known, allowedEdits(known));
    return distance <= allowedEdits(known) ? distance : undefined;
  }
  let total = 0;
  for (const [i, known] of phrase.words.entries()) {
    const typed = words[i] ?? '';
    const distance = wordDistance(typed, known, allowedEdits(known));
    if (distance > 0 && (distance > allowedEdits(known) || typed.length < 4)) return undefined;
    total += distance;
  }
  return total;
}

function fuzzyLookup(words: string[]): Exclude<ResourceLookup, { kind: 'unknown' }> | undefined {
  if (words.length === 0) return undefined;
  let best = Infinity;
  let types: string[] = [];
  for (const phrase of catalog().phrases) {
    if (Math.abs(phrase.words.join('').length - words.join('').length) > 3) continue;
    const distance = phraseDistance(words, phrase);
    if (distance === undefined || distance > best) continue;
    if (distance < best) types = [];
    best = distance;
    for (const type of phrase.types) if (!types.includes(type)) types.push(type);
  }
  return types.length > 0 ? lookupOf(types) : undefined;
}

/**
 * "Did you mean" candidates: the nearest synonyms (one per type), or type names for AWS::… input.
 * A score counts edits, and 1 for an abbreviation ("fns" for "functions").
 */
export function suggestResourceTypes(text: string, limit = 3, maxScore?: number): string[] {
  const typedWords = wordsOf(text);
  if (typedWords.length === 0) return [];
  const threshold = maxScore ?? Math.max(2, Math.ceil(typedWords.join('').length * 0.3));
  const scored: Array<{ label: string; type: string; score: number }> = [];
  if (text.includes('::')) {
    for (const entry of catalog().entries) scored.push({ label: entry.type, type: entry.type, score: editDistance(text.trim().toLowerCase(), entry.type.toLowerCase(), threshold) });
  } else {
    for (const phrase of catalog().phrases) {
      const score = closeness(typedWords, phrase.words, threshold);
      for (const type of phrase.types) scored.push({ label: phrase.display, type, score });
    }
  }
  const curatedFirst = (type: string): number => (resourceTypeInfo(type)?.curated ? 0 : 1);
  const suggestions: string[] = [];
  const seen = new Set<string>();
  for (const candidate of scored.filter((s) => s.score <= threshold).sort((a, b) => a.score - b.score || curatedFirst(a.type) - curatedFirst(b.type))) {
    if (seen.has(candidate.type) || suggestions.includes(candidate.label)) continue;
    seen.add(candidate.type);
    suggestions.push(candidate.label);
    if (suggestions.length === limit) break;
  }
  return suggestions;
}

/** Word by word when the counts agree (so "lamda fns" is close to "lambda functions"), else as one string. */
function closeness(typed: string[], known: string[], limit: number): number {
  if (typed.length !== known.length) return editDistance(typed.join(''), known.join(''), limit);
  let sum = 0;
  for (const [i, word] of typed.entries()) {
    sum += isAbbreviation(word, known[i] ?? '') ? 1 : wordDistance(word, known[i] ?? '', limit - sum);
    if (sum > limit) break;
  }
  return sum;
}

/** "fns" for "functions": same first letter, the rest in order. */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

/**
 * Optimal string alignment distance: insert, delete, substitute, swap two neighbours. Stops early
 * once the distance must exceed `limit` (returning limit + 1), which keeps question scans fast.
 */
function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    [beforePrevious, previous] = [previous, current];
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}

// Words of a question that are never a resource noun, so typo tolerance cannot turn them into one.
export const questionWords = new Set(
  'a about across after all am an and any are as at be been before between by can cost costs count did do does each every find for from give had has have how i in into is it its last list many me mine month most much my named of on or our over per please show since some tagged than that the their them there these they this those to top total under used was week were what when where which who why with year yesterday you your today running stopped region regions enabled called'.split(' '),
);

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokensOf(text: string): Token[] {
  return [...text.matchAll(/[a-z0-9]+/gi)].map((m) => ({ word: m[0].toLowerCase(), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/**
 * Finds the resource phrase in a whole question ("how many lambda functions do I have in all
 * regions"). An exact AWS::… name wins, then the longest synonym (exact before typo). An
 * ambiguous phrase is settled when the rest of the question names one candidate's qualifier
 * ("clusters on eks"). With no match, a near miss among the other words is reported as unknown
 * with suggestions ("lamda fns").
 */
export function findResourceInQuestion(question: string): ResourceMention {
  const literal = new RegExp(typeNamePattern.source, 'gi');
  for (const m of question.matchAll(literal)) {
    const entry = resourceTypeInfo(m[0]);
    if (entry) return { ...matchOf(entry.type), phrase: m[0], span: [m.index ?? 0, (m.index ?? 0) + m[0].length] };
  }
  const tokens = tokensOf(question);
  const found = scanTokens(tokens);
  if (!found) return nearMiss(question, tokens);
  const span: [number, number] = [tokens[found.from]?.start ?? 0, tokens[found.to - 1]?.end ?? 0];
  const phrase = question.slice(...span);
  if (found.lookup.kind === 'ambiguous') {
    const others = new Set(tokens.filter((_, i) => i < found.from || i >= found.to).map((t) => t.word));
    const preferred = found.lookup.candidates.filter((type) => qualifiersOf(type, found.words).some((q) => others.has(q)));
    const [only] = preferred;
    if (preferred.length === 1 && only) return { ...matchOf(only), phrase, span };
  }
  return { ...found.lookup, phrase, span };
}

/** The first run of non-question words (two words, then one) close enough to a synonym to suggest it. */
function nearMiss(question: string, tokens: Token[]): ResourceMention {
  const content = tokens.map((t, i) => ({ ...t, i })).filter((t) => !questionWords.has(t.word) && !/^\d+$/.test(t.word));
  for (const size of [2, 1]) {
    for (let k = 0; k + size <= content.length; k++) {
      const window = content.slice(k, k + size);
      const first = window[0];
      const last = window[window.length - 1];
      if (!first || !last || last.i - first.i !== size - 1 || window.every((t) => t.word.length < 4)) continue;
      const span: [number, number] = [first.start, last.end];
      // Stricter than a lookup's suggestions: about one edit a word, as these words may not be meant as a resource.
      const suggestions = suggestResourceTypes(question.slice(...span), 3, size);
      if (suggestions.length > 0) return { kind: 'unknown', suggestions, phrase: question.slice(...span), span };
    }
  }
  return { kind: 'none' };
}

/**
 * Longest phrase first; at each length an exact synonym beats a typo, and a typo never involves a
 * question word. Single letters together are no phrase: "%s%n" or "s n" does not spell "sns".
 */
function scanTokens(tokens: Token[]): { lookup: Exclude<ResourceLookup, { kind: 'unknown' }>; from: number; to: number; words: string[] } | undefined {
  for (let size = Math.min(catalog().maxWords, tokens.length); size >= 1; size--) {
    const windows = Array.from({ length: tokens.length - size + 1 }, (_, from) => ({ from, words: tokens.slice(from, from + size).map((t) => t.word) })).filter(
      ({ words }) => size === 1 || words.some((word) => word.length > 1),
    );
    for (const { from, words } of windows) {
      const lookup = exactLookup(words);
      if (lookup) return { lookup, from, to: from + size, words };
    }
    for (const { from, words } of windows) {
      const lookup = words.some((w) => questionWords.has(w)) ? undefined : fuzzyLookup(words);
      if (lookup) return { lookup, from, to: from + size, words };
    }
  }
  return undefined;
}

/** Words that single out a type among the candidates of a shared phrase: its service and synonym words. */
function qualifiersOf(type: string, sharedWords: string[]): string[] {
  const entry = resourceTypeInfo(type);
  if (!entry) return [];
  const shared = new Set(sharedWords.flatMap((word) => spellings(word)));
  const words = [entry.service.toLowerCase(), ...(entry.synonyms ?? []).flatMap(wordsOf)];
  return [...new Set(words)].filter((w) => !spellings(w).some((s) => shared.has(s)));
}

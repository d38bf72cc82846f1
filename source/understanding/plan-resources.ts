import { regionScopeLabel, type PlanResult, type RegionScope, type ResourcePlan } from './plan.js';
import { closestPhrasings, didYouMean, helpPlan, parseTopN, reply } from './replies.js';
import { findResourceInQuestion, findResourceType, resourceTypeInfo, suggestResourceTypes, type ResourceMention } from './resource-catalog.js';
import { readFilters, scopedChildType, tagPhrase } from './resource-filters.js';
import { findRegions, mentionedScope } from './regions.js';
import { resolveParent } from './resource-parents.js';

export const countWords = /\bhow many\b|\bcount\b|\bnumber of\b|\btotal number\b/i;
export const listWords = /^(?:please )?(?:list|enumerate)\b|\b(?:list|enumerate) (?:all|my|the|every)\b|\ball (?:of )?(?:my|the)\b/i;
export const describeWords = /\b(?:describe|details?|detail of|tell me about|info(?:rmation)? (?:on|about|for)|properties of|configuration of|config of|look up|lookup|what is|what's|show me the|get)\b/i;
const helpWords = /\b(?:help|what can you|how do i use|examples?)\b/i;
/** Resource IDs and ARNs that name one resource whatever the words around them. */
const explicitIdentifier = /(?<![\w-])(?:arn:aws[\w-]*:[^\s"'`]+|(?:i|vol|vpc|subnet|sg|ami|eni|igw|nat|rtb|acl|snap|eipalloc|lt|tgw|vpce|pcx)-[0-9a-f]{8,17})(?![\w-])/i;
/** 'orders-api', "my bucket", `logs`: a quote not inside a word ("what's"). */
const quoted = /(?<!\w)(["'`])([^"'`]{0,256})\1(?!\w)/;
/** A word with digits and a hyphen, underscore or bar: "ng-1", "my-bucket-123456", "prod|ng-1". */
const numberedName = /^(?=.*\d)(?=.*[-_|])/;
const literalTypeName = /\b[a-z0-9]+::[a-z0-9]+::[a-z0-9]+\b/i;
/** The word after a resource noun, past "details for" and "named": "bucket details for logs-archive", "function named orders-api". */
const wordAfterNoun = /^\s+(?:(?:details|info|information|properties|config|configuration|status|settings)\s+(?:for|of|on|about)\s+)?(named |called |with (?:name|id) |id )?([A-Za-z0-9][\w.:/@+|-]{0,255})(?![\w=])/i;
/** "list widgets", "how many gizmos": the up to two words a resource verb asks for. */
const askedFor = /\b(?:list|count|how many|number of|show(?: me)?|describe|find)\s+(?:(?:all|my|the|of|our|every|any)\s+)*([a-z][a-z0-9-]*(?:\s+[a-z][a-z0-9-]*)?)/i;
/** Words that may follow a resource noun without naming a resource. */
const notAName = new Set(
  [
    'in on at across over for from with without by per each and or but that which where who of to than a an the my our all every any',
    'tagged named called containing matching whose',
    'are is was do does did have has had exist exists there here please now today yet currently right everywhere anywhere globally worldwide',
    'running stopped pending terminated available active inactive failed deleting creating only total count list show i we you me',
    'details info information properties config configuration status state',
  ].join(' ').split(' '),
);

export interface ResourcePlannerContext {
  regions: RegionScope;
}

export function planResources(text: string, context: ResourcePlannerContext): PlanResult {
  const literal = literalTypeName.exec(text)?.[0];
  if (literal && !resourceTypeInfo(literal)) return unknownTypeName(literal);
  const scoped = scopedChildType(text);
  const found: ResourceMention = scoped ? { kind: 'match', type: scoped.type, needsParent: [], listable: true, phrase: text.slice(...scoped.span), span: scoped.span } : findResourceInQuestion(withoutNames(text));
  if (found.kind !== 'match') return unmatchedResource(text, found);

  const read = readFilters(text, found.type, found.span);
  // An ID a filter reads names the parent, not the resource: "subnets in vpc vpc-0abc…".
  const explicitMatch = explicitIdentifier.exec(text);
  const explicit = explicitMatch && !read.used.some(([from, to]) => explicitMatch.index >= from && explicitMatch.index < to) ? explicitMatch[0] : undefined;
  const identifier = explicit ?? (explicitMatch ? null : nameAfterNoun(text, found.span));
  // A plain word after the noun that is one slip from a resource noun is a misspelling, never a name: "cloudfront distros".
  const intent = resourceIntent(text, found.phrase, identifier);
  const misspelt = intent === 'describe' && !explicit && identifier && !quoted.test(text) && !describeWords.test(text) && /^[a-z]+$/.test(identifier) ? suggestResourceTypes(identifier, 2).filter((s) => s !== identifier && s.startsWith(identifier.slice(0, 3))) : [];
  if (misspelt.length > 0 && identifier) return reply('clarify', `I don't know what "${identifier}" means here.${didYouMean(misspelt)}`, misspelt.map((s) => `list ${s}`));
  const parent = resolveParent(found.type, text);
  if (parent.kind === 'missing' && !(intent === 'describe' && identifier?.includes('|'))) return reply('clarify', parent.message, parent.examples);
  const resourceModel = parent.kind === 'resolved' ? parent.resourceModel : null;
  const common = { family: 'resources' as const, resourceType: found.type, resourceModel, regions: context.regions };
  const plan: ResourcePlan =
    intent === 'describe' && identifier
      ? { ...common, intent, identifier: compositeIdentifier(found.type, resourceModel, identifier) }
      : { ...common, intent: intent === 'count' ? 'count' : 'list', filters: read.filters, limit: parseTopN(text), ignored: [...new Set([...ignoredQualifier(text, found.span, read.used), ...read.unread, ...ignoredRanking(text, found.span, read.used)])] };
  return { kind: 'plan', plan };
}

/**
 * Count for "how many"; describe for one named resource ("describe bucket logs", "show function
 * orders-api", "instance i-0abc…"); otherwise list.
 */
function resourceIntent(text: string, phrase: string, identifier: string | null): ResourcePlan['intent'] {
  if (countWords.test(text)) return 'count';
  if (!identifier || listWords.test(text)) return 'list';
  const explicit = explicitIdentifier.test(identifier) || identifier.includes('|');
  return explicit || describeWords.test(text) || isSingular(phrase) ? 'describe' : 'list';
}

/** "bucket", "rds", "ec2 instance" are singular; "buckets", "lambdas" are not. */
function isSingular(phrase: string): boolean {
  const last = phrase.trim().split(/\s+/).pop() ?? '';
  return last.length <= 3 || !/s$/i.test(last) || /(?:ss|us|is)$/i.test(last) || last.includes('::');
}

/** The resource a question names: quoted, or the word after the noun unless it is a common word ("in", "tagged", "running"). */
function nameAfterNoun(text: string, span: [number, number]): string | null {
  const inQuotes = quoted.exec(text)?.[2];
  if (inQuotes !== undefined) return inQuotes.trim() || null;
  const after = wordAfterNoun.exec(text.slice(span[1]));
  const word = after?.[2];
  if (!after || word === undefined) return null;
  return after[1] || !notAName.has(word.toLowerCase()) ? word : null;
}

/**
 * Hides names ("ng-1", "my-bucket-123456", quoted text) from the catalog, so "nodegroup ng-1" is
 * not read as a misspelt "node groups". Lengths are kept, so spans still point into the question.
 */
function withoutNames(text: string): string {
  const blank = (name: string) => ' '.repeat(name.length);
  return text.replace(new RegExp(quoted.source, 'g'), blank).replace(/[^\s"'`]+/g, (word) => (numberedName.test(word) && !literalTypeName.test(word) ? blank(word) : word));
}

/** Types identified by their parent and their own name ("prod|ng-1") get the parent from the question. */
function compositeIdentifier(type: string, model: Record<string, string> | null, name: string): string {
  const parts = resourceTypeInfo(type)?.primaryIdentifier ?? [];
  if (!model || parts.length < 2 || name.includes('|') || explicitIdentifier.test(name)) return name;
  const own = parts.filter((part) => !(part in model));
  if (own.length !== 1) return name;
  return parts.map((part) => model[part] ?? name).join('|');
}

/**
 * "resources tagged env=prod", "everything tagged team=payments", "what's running in eu-west-1": qchat lists one type at a time
 * (Cloud Control's ListResources takes a TypeName), so it asks for the type and keeps the tag.
 */
function taggedAnyType(text: string): PlanResult | undefined {
  const { tags } = readFilters(text, '').filters;
  const regions = mentionedScope(findRegions(text));
  const where = regions ? regionScopeLabel(regions) : '';
  // A tag says resources are meant ("all tagged env=prod"); a region alone needs words that ask what is there.
  const anyType = tags.length > 0 ? /\b(?:resources|everything|anything|all|what(?:'s| is)?)\b/i : /\b(?:resources|everything|anything|what(?:'s| is) (?:running|there|deployed)|what do (?:i|we) have)\b/i;
  if (!anyType.test(text) || (tags.length === 0 && where === '')) return undefined;
  const scope = [...tags.map(tagPhrase), where].filter(Boolean).join(' ');
  return reply('clarify', `I list one resource type at a time: which resources ${scope}? For example "ec2 instances ${scope}" or "lambda functions ${scope}".`, [`list ec2 instances ${scope}`, `list lambda functions ${scope}`, `list s3 buckets ${scope}`]);
}

/** No single resource type: an unknown type name, a noun to correct, help, or nothing we can answer. */
function unmatchedResource(text: string, found: ResourceMention): PlanResult {
  if (found.kind === 'ambiguous') {
    return reply('clarify', `"${found.phrase}" could mean several resource types: ${found.candidates.join(', ')}. Which one?`, found.candidates.map((type) => `list ${type}`));
  }
  if (found.kind === 'unknown') {
    return reply('clarify', `I don't know the resource type "${found.phrase}".${didYouMean(found.suggestions)}`, found.suggestions.map((s) => `list ${s}`));
  }
  const tagged = taggedAnyType(text);
  if (tagged) return tagged;
  const noun = askedForNoun(text);
  if (noun) {
    const suggestions = suggestResourceTypes(noun);
    const hint = suggestions.length > 0 ? didYouMean(suggestions) : ' Name it as people do ("lambda functions", "security groups") or by its type, e.g. AWS::Lambda::Function.';
    return reply(suggestions.length > 0 ? 'clarify' : 'unsupported', `I don't know the resource type "${noun}".${hint}`, suggestions.length > 0 ? suggestions.map((s) => `list ${s}`) : closestPhrasings(text));
  }
  if (helpWords.test(text)) return helpPlan;
  return reply('unsupported', "I couldn't tell which AWS resources or costs you mean, so I haven't asked AWS anything.", closestPhrasings(text));
}

function unknownTypeName(literal: string): PlanResult {
  const lookup = findResourceType(literal);
  const suggestions = lookup.kind === 'unknown' ? lookup.suggestions : [];
  return reply('clarify', `There is no resource type ${literal}.${didYouMean(suggestions)}`, suggestions.length > 0 ? suggestions.map((type) => `list ${type}`) : closestPhrasings(literal));
}

/** The noun after "list", "how many", "count", "show me": what the question wanted listed. */
function askedForNoun(text: string): string | undefined {
  const words = askedFor.exec(text)?.[1]?.split(/\s+/).filter((word) => !notAName.has(word.toLowerCase())) ?? [];
  return words.length > 0 ? words.join(' ') : undefined;
}

/** Words before a resource noun that qualify it in ways qchat can read (the rest, "idle", "old", "unused", are named as ignored). */
const readQualifiers = new Set([...notAName, ...'how many number of list show me find get describe count total please can you could what which are do i have there s3 ec2 aws amazon'.split(' ')]);

/** Superlatives a listing cannot sort by (ListResources has no order): "which instances are the biggest", "the newest buckets". */
const rankingWords = /\b(?:biggest|largest|smallest|newest|oldest|latest|most recent|least recent|busiest|most used|least used|most expensive|least expensive)\b/gi;

/** Groupings a listing does not make ("instances by instance type", "functions per runtime"); "by region" counts region by region. */
const groupingWords = /\b(?:(?:grouped|broken down|split) )?(?:by|per) (?!regions?\b|cost\b|spend\b)[a-z]+(?:[ -]type)?\b/gi;

function ignoredRanking(text: string, noun: [number, number], used: Array<[number, number]>): string[] {
  const free = (at: number, length: number) => !used.some(([from, to]) => at < to && at + length > from) && !(at < noun[1] && at + length > noun[0]);
  return [...text.matchAll(rankingWords), ...text.matchAll(groupingWords)].filter((m) => free(m.index, m[0].length)).map((m) => m[0]);
}

/** The word just before the resource noun, when it qualifies the noun and no filter read it: "idle" in "my idle instances". */
function ignoredQualifier(text: string, span: [number, number], used: Array<[number, number]>): string[] {
  const before = /([A-Za-z]+)\s+$/.exec(text.slice(0, span[0]));
  const word = before?.[1];
  if (!before || !word || readQualifiers.has(word.toLowerCase())) return [];
  const at = before.index;
  return used.some(([from, to]) => at < to && at + word.length > from) ? [] : [word];
}

import { findCostServices } from './cost-services.js';
import { costLookbackStart, findPeriod, forecastHorizon, historyEnd, iso, precedingPeriod, startOfDay, type Period, type PeriodMention } from './period.js';
import type { Intent, ListFilters, Plan, PlanResult } from './plan.js';
import { findRegions, nearestRegionCodes, type RegionMention } from './regions.js';
import { findResourceInQuestion, findResourceType, resolveParent, resourceTypeInfo, suggestResourceTypes, type ResourceMention } from './resource-catalog.js';
import { fixTypos } from './typos.js';

export interface PlannerContext {
  now: Date;
  /** The session's region: resource questions default to it. */
  region: string;
}

export const maxQuestionLength = 2000;

export const examplePhrasings = [
  'how many lambda functions do I have in all regions',
  'list running ec2 instances in Frankfurt',
  'show s3 buckets tagged env=prod',
  'describe bucket my-bucket-123456',
  'node groups in cluster prod',
  'what did I spend last month',
  'what did I spend on EC2 last month',
  'top 5 services by cost this month',
  'cost by region last month',
  'daily cost trend for the last 30 days',
  'forecast for the rest of this month',
  'this month vs last month',
];

type ReplyReason = Extract<PlanResult, { kind: 'reply' }>['reason'];

// ---------- What the question asks ----------

const costWords = /(?<![\w-])(?:spend|spent|spending|spends|cost|costs|costing|bill|bills|billing|billed|charges?|charged|pay|paid|paying|expensive|cheapest|forecast|forecasts|projected|invoice|money|dollars?)(?![\w-])|\bhow much\b(?! (?:storage|memory|capacity|space|disk))/i;
/** "top 5 services", "top ten services": a ranking of services is always about cost. */
const topServices = /\b(?:top|biggest|largest)\s+(?:\d{1,3}\s+|[a-z]+\s+)?services?\b/i;
const forecastWords = /(?<![\w-])(?:forecasts?|projected|projections?|predict(?:ed|ion|s)?|will|going to|expected)(?![\w-])/i;
const pastTense = /\b(?:did|spent|was|were|paid|billed|charged|had)\b/i;
/** The words between the two sides of "A vs B", "A compared to B". */
const versusWords = /\b(?:vs\.?|versus|compared? (?:to|with))(?![\w-])/i;
/** Any wording of a comparison, with or without its second side. */
const comparisonWords = /\b(?:vs\.?|versus|compare[ds]?)(?![\w-])/i;
/** "compare October with September": the first period follows "compare", the second the joining word. */
const compareFirst = /\bcompare\b(?<left>.*?)\b(?:with|to|and|against)\b(?<right>.*)$/i;
/** "the month before", "the previous one": the second period of a comparison, read relative to the first. */
const periodBefore = /\b(?:the )?(?:month|quarter|year|week|period|one) before\b|\bthe (?:previous|prior) (?:one|period)\b|\bbefore that\b/i;
const byServiceWords = /\b(?:by|per|each) services?\b|\b(?:most expensive|priciest|which|what) services?\b|\bservices? (?:breakdown|cost the most|costs the most)\b|\bbreakdown(?! by region)\b|\bwhere (?:is|does) (?:my|the) money go\b/i;
const byRegionWords = /\b(?:by|per|each) regions?\b|\b(?:top|biggest|largest)\s+(?:\d{1,3}\s+|[a-z]+\s+)?regions\b|\b(?:which|what|most expensive|priciest) regions?\b|\bregions? breakdown\b|\bbreakdown by region\b/i;
const trendWords = /\b(?:trends?|daily|per day|each day|day by day|over time|month by month|per month|monthly|month over month|history|historical|evolution|changed?|changing|going (?:up|down)|increas(?:e|ed|ing)|decreas(?:e|ed|ing)|rising|growing)\b/i;
const dailyWords = /\b(?:daily|per day|each day|day by day)\b/i;
const monthlyWords = /\b(?:monthly|per month|month by month|month over month)\b/i;
/** A singular noun in a ranking asks for the one top entry: "which service costs the most". */
const singleRanking = /\b(?:which|what|the|my|most expensive|priciest|biggest|largest|top) (?:most expensive |priciest |biggest |largest )?(?:service|region)\b(?!s)/i;
const countWords = /\bhow many\b|\bcount\b|\bnumber of\b|\btotal number\b/i;
const listWords = /^(?:please )?(?:list|enumerate)\b|\b(?:list|enumerate) (?:all|my|the|every)\b|\ball (?:of )?(?:my|the)\b/i;
const describeWords = /\b(?:describe|details?|detail of|tell me about|info(?:rmation)? (?:on|about|for)|properties of|configuration of|config of|look up|lookup|what is|what's|show me the|get)\b/i;
/** The whole question asks for help and nothing else. */
const onlyHelp = /^(?:\/?help|\?+|what can (?:you|i) (?:do|ask)|what do you do|what can i ask you|how do i use (?:this|you|qchat|it)|how does this work|commands|usage|examples?)[\s?.!]*$/i;
const helpWords = /\b(?:help|what can you|how do i use|examples?)\b/i;
const topN = /\b(?:top|first|biggest|largest)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\b(?! (?:days?|weeks?|months?|quarters?|years?)\b)/i;
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

// ---------- The planner ----------

/** Turns a question into a plan, or into a reply that explains what to ask instead. Calls nothing. */
export function planQuestion(rawQuestion: string, context: PlannerContext): PlanResult {
  const question = normalise(rawQuestion);
  if (!question) return reply('unsupported', 'Ask a question about your AWS resources or costs.', examplePhrasings.slice(0, 4));
  if (question.length > maxQuestionLength) {
    return reply('unsupported', `That question is ${question.length.toLocaleString('en-US')} characters long; questions are limited to ${maxQuestionLength.toLocaleString('en-US')}. Ask one short question at a time.`, examplePhrasings.slice(0, 4));
  }
  const text = fixTypos(question);
  if (onlyHelp.test(text)) return { kind: 'plan', plan: basePlan('help', context) };
  return asksAboutCost(text, context.now) ? planCost(text, context) : planResources(text, context);
}

/**
 * Control characters, zero-width spaces, lone surrogates and runs of spaces become single spaces;
 * invisible format characters (joiners, direction marks and overrides, byte-order marks) go.
 */
function normalise(question: string): string {
  return question
    .replace(/[\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Cost words ("spend", "bill", "how much"), a ranking of services, a comparison of two periods,
 * or a billed service with a period and no resource verb ("ec2 last month").
 */
function asksAboutCost(text: string, now: Date): boolean {
  if (costWords.test(text) || topServices.test(text)) return true;
  if (comparisonWords.test(text)) return findPeriod(text, now) !== undefined;
  return !countWords.test(text) && !listWords.test(text) && !describeWords.test(text) && findCostServices(text).length > 0 && findPeriod(text, now) !== undefined;
}

// ---------- Costs ----------

function planCost(text: string, context: PlannerContext): PlanResult {
  const regions = findRegions(text);
  if (regions.kind === 'unknown') return unknownRegions(text, regions);
  let intent = costIntent(text);
  const plan = basePlan(intent, context);
  const services = findCostServices(text);
  if (services.length > 0) {
    plan.service = services.flatMap((service) => service.values);
    plan.serviceName = services.map((service) => service.name).join(' and ');
  }
  plan.regions = regions.kind === 'named' ? regions.codes : 'all';

  if (intent === 'cost-compare') return planComparison(text, plan, context);

  const found = findPeriod(text, context.now, { prefer: intent === 'forecast' ? 'future' : 'past' });
  // "cost next month", "bill for December 2026": a period still ahead, not asked about in the past tense, is a forecast.
  if (found && intent === 'cost-total' && !pastTense.test(text) && liesAhead(found, context.now)) intent = 'forecast';
  plan.intent = intent;
  const named = found ?? defaultPeriod(intent, text, context.now);
  const fitted = intent === 'forecast' ? fitForecast(named, context.now) : fitHistory(named, context.now);
  if (fitted.kind === 'reply') return fitted;
  plan.period = fitted.period;
  plan.periodLabel = named.label;
  plan.groupBy = intent === 'cost-by-service' ? 'SERVICE' : intent === 'cost-by-region' ? 'REGION' : null;
  plan.limit = rankingLimit(text, intent);
  plan.granularity = granularityFor(intent, fitted.period, text);
  return { kind: 'plan', plan };
}

function costIntent(text: string): Intent {
  if (forecastWords.test(text)) return 'forecast';
  if (comparisonWords.test(text)) return 'cost-compare';
  if (byRegionWords.test(text)) return 'cost-by-region';
  if (byServiceWords.test(text) || topServices.test(text)) return 'cost-by-service';
  if (trendWords.test(text)) return 'cost-trend';
  return 'cost-total';
}

/** "this month vs last month", "compare October with September", "how does this month compare to the month before". */
function planComparison(text: string, plan: Plan, context: PlannerContext): PlanResult {
  const sides = comparedTexts(text) ?? { left: text, right: '' };
  const [leftService, rightService] = [findCostServices(sides.left)[0], findCostServices(sides.right)[0]];
  if (leftService && rightService && leftService.values.join() !== rightService.values.join()) {
    const when = findPeriod(text, context.now)?.label ?? 'this month';
    return reply('clarify', `I compare periods, not services. To see ${leftService.name} and ${rightService.name} side by side, ask for the cost by service.`, [`cost by service ${when}`, `${leftService.name} cost ${when} vs the month before`]);
  }
  const leftFound = findPeriod(sides.left, context.now);
  const rightFound = periodBefore.test(sides.right) ? undefined : findPeriod(sides.right, context.now);
  if (!leftFound && !rightFound) {
    return reply('clarify', 'Name the two periods to compare, for example "this month vs last month" or "March vs April".', ['this month vs last month', 'last month compared to the month before', 'Q2 vs Q3']);
  }
  const left = leftFound ?? findPeriod('this month', context.now)!;
  const right = rightFound ?? { ...left, ...precedingPeriod(left.period) };
  const [first, second] = [fitHistory(left, context.now), fitHistory(right, context.now)];
  if (first.kind === 'reply') return first;
  if (second.kind === 'reply') return second;
  plan.period = first.period;
  plan.periodLabel = left.label;
  plan.comparePeriod = second.period;
  plan.comparePeriodLabel = right.label;
  plan.granularity = 'MONTHLY';
  return { kind: 'plan', plan };
}

/** The text on each side of a comparison, or nothing when the question does not have two sides. */
function comparedTexts(text: string): { left: string; right: string } | undefined {
  const versus = versusWords.exec(text);
  if (versus) return { left: text.slice(0, versus.index), right: text.slice(versus.index + versus[0].length) };
  const compare = compareFirst.exec(text);
  return compare?.groups ? { left: compare.groups.left!, right: compare.groups.right! } : undefined;
}

/** From today on and past it: "next month", "the rest of this month", but not "today". */
function liesAhead(found: PeriodMention, now: Date): boolean {
  return found.period.start >= iso(startOfDay(now)) && found.future;
}

function defaultPeriod(intent: Intent, text: string, now: Date): PeriodMention {
  if (intent === 'forecast') return findPeriod('the rest of this month', now)!;
  if (intent === 'cost-trend') return monthlyWords.test(text) ? findPeriod('the last 6 months', now)! : findPeriod('the last 30 days', now)!;
  return findPeriod('this month', now)!;
}

type Fitted = { kind: 'period'; period: Period } | Extract<PlanResult, { kind: 'reply' }>;

/**
 * Cost Explorer answers for the current month and the 12 before it, up to today: a period that
 * runs past today is answered to date; one before the lookback or not yet begun is refused.
 */
function fitHistory(found: PeriodMention, now: Date): Fitted {
  const earliest = iso(costLookbackStart(now));
  const end = iso(historyEnd(now));
  const { start } = found.period;
  if (start < earliest) {
    const overlap = found.period.end > earliest ? ` To see the part Cost Explorer has, ask "what did I spend since ${earliest}".` : '';
    return reply('out-of-range', `Cost Explorer keeps 13 months of cost history, from ${earliest}; ${found.label} starts ${start}.${overlap}`, [`what did I spend since ${earliest}`, 'what did I spend last month', 'cost trend for the last 12 months']);
  }
  if (start >= end) {
    return reply('out-of-range', `${capitalize(found.label)} has not happened yet (it starts ${start}), so there is no spend to report. Ask for a forecast instead, e.g. "forecast for ${found.label}".`, [`forecast for ${found.label}`, 'forecast for the rest of this month']);
  }
  return { kind: 'period', period: { start, end: found.period.end < end ? found.period.end : end } };
}

/** Forecasts start today and reach at most 12 months ahead. */
function fitForecast(found: PeriodMention, now: Date): Fitted {
  const today = iso(startOfDay(now));
  const horizon = iso(forecastHorizon(now));
  if (found.period.end <= today) {
    return reply('out-of-range', `A forecast looks ahead, but ${found.label} is already over. Ask what you spent instead, e.g. "what did I spend ${found.label}".`, [`what did I spend ${found.label}`, 'forecast for the rest of this month', 'forecast for next month']);
  }
  if (found.period.end > horizon) {
    return reply('out-of-range', `Cost Explorer forecasts reach 12 months ahead, to ${horizon}; ${found.label} runs to ${found.period.end}.`, ['forecast for the next 12 months', 'forecast for next month', 'forecast for next quarter']);
  }
  return { kind: 'period', period: { start: found.period.start > today ? found.period.start : today, end: found.period.end } };
}

function granularityFor(intent: Intent, period: Period, text: string): 'DAILY' | 'MONTHLY' {
  if (dailyWords.test(text)) return 'DAILY';
  if (monthlyWords.test(text)) return 'MONTHLY';
  const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
  if (intent === 'cost-trend' || intent === 'forecast') return days > 62 ? 'MONTHLY' : 'DAILY';
  return 'MONTHLY';
}

/** How many rows a ranking asks for: "top 3", "top services" (5), "which service costs the most" (1). */
function rankingLimit(text: string, intent: Intent): number | null {
  if (intent !== 'cost-by-service' && intent !== 'cost-by-region') return null;
  return parseTopN(text) ?? (singleRanking.test(text) ? 1 : /\btop\b/i.test(text) ? 5 : null);
}

// ---------- Resources ----------

function planResources(text: string, context: PlannerContext): PlanResult {
  const regions = findRegions(text);
  if (regions.kind === 'unknown') return unknownRegions(text, regions);
  const literal = literalTypeName.exec(text)?.[0];
  if (literal && !resourceTypeInfo(literal)) return unknownTypeName(literal);
  const found = findResourceInQuestion(withoutNames(text));
  if (found.kind !== 'match') return unmatchedResource(text, found, context);

  const identifier = explicitIdentifier.exec(text)?.[0] ?? nameAfterNoun(text, found.span);
  const intent = resourceIntent(text, found.phrase, identifier);
  const plan = basePlan(intent, context);
  plan.resourceType = found.type;
  plan.regions = regions.kind === 'all' ? 'all' : regions.kind === 'named' ? regions.codes : [context.region];

  const parent = resolveParent(found.type, text);
  if (parent.kind === 'missing' && !(intent === 'describe' && identifier?.includes('|'))) return reply('clarify', parent.message, parent.examples);
  if (parent.kind === 'resolved') plan.resourceModel = parent.resourceModel;

  if (intent === 'describe') {
    plan.identifier = compositeIdentifier(found.type, plan.resourceModel, identifier!);
    return { kind: 'plan', plan };
  }
  plan.filters = parseFilters(text);
  plan.limit = parseTopN(text);
  return { kind: 'plan', plan };
}

/**
 * Count for "how many"; describe for one named resource ("describe bucket logs", "show function
 * orders-api", "instance i-0abc…"); otherwise list.
 */
function resourceIntent(text: string, phrase: string, identifier: string | null): Intent {
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
  const inQuotes = quoted.exec(text);
  if (inQuotes) return inQuotes[2]!.trim() || null;
  const after = wordAfterNoun.exec(text.slice(span[1]));
  if (!after) return null;
  const [, introduced, word] = after;
  return introduced || !notAName.has(word!.toLowerCase()) ? word! : null;
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

/** No single resource type: an unknown type name, a noun to correct, help, or nothing we can answer. */
function unmatchedResource(text: string, found: ResourceMention, context: PlannerContext): PlanResult {
  if (found.kind === 'ambiguous') {
    return reply('clarify', `"${found.phrase}" could mean several resource types: ${found.candidates.join(', ')}. Which one?`, found.candidates.map((type) => `list ${type}`));
  }
  if (found.kind === 'unknown') {
    return reply('clarify', `I don't know the resource type "${found.phrase}".${didYouMean(found.suggestions)}`, found.suggestions.map((s) => `list ${s}`));
  }
  const noun = askedForNoun(text);
  if (noun) {
    const suggestions = suggestResourceTypes(noun);
    const hint = suggestions.length > 0 ? didYouMean(suggestions) : ' Name it as people do ("lambda functions", "security groups") or by its type, e.g. AWS::Lambda::Function.';
    return reply(suggestions.length > 0 ? 'clarify' : 'unsupported', `I don't know the resource type "${noun}".${hint}`, suggestions.length > 0 ? suggestions.map((s) => `list ${s}`) : closestPhrasings(text));
  }
  if (helpWords.test(text)) return { kind: 'plan', plan: basePlan('help', context) };
  return reply('unsupported', "I couldn't tell which AWS resources or costs you mean, so I haven't asked AWS anything.", closestPhrasings(text));
}

function unknownTypeName(literal: string): PlanResult {
  const lookup = findResourceType(literal);
  const suggestions = lookup.kind === 'unknown' ? lookup.suggestions : [];
  return reply('clarify', `There is no resource type ${literal}.${didYouMean(suggestions)}`, suggestions.length > 0 ? suggestions.map((type) => `list ${type}`) : closestPhrasings(literal));
}

/** The noun after "list", "how many", "count", "show me": what the question wanted listed. */
function askedForNoun(text: string): string | undefined {
  const asked = askedFor.exec(text);
  const words = asked?.[1]!.split(/\s+/).filter((word) => !notAName.has(word.toLowerCase())) ?? [];
  return words.length > 0 ? words.join(' ') : undefined;
}

function didYouMean(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
}

/** "eu-west-9 is not an AWS region. Did you mean eu-west-1 or eu-west-2?", suggesting the question with each. */
function unknownRegions(text: string, regions: Extract<RegionMention, { kind: 'unknown' }>): PlanResult {
  const [first] = regions.codes;
  const nearest = nearestRegionCodes(first!, 2);
  const suggestion = nearest.length > 0 ? ` Did you mean ${nearest.join(' or ')}?` : '';
  const unknownCode = new RegExp(escapeRegExp(first!), 'i');
  return reply('clarify', `${regions.codes.join(', ')} ${regions.codes.length === 1 ? 'is not an AWS region' : 'are not AWS regions'}.${suggestion}`, nearest.map((code) => text.replace(unknownCode, code)));
}

/** "tagged env=prod", "with tag team", "tagged with team:payments". */
const taggedPhrase = /\b(?:tagged(?: with)?|with (?:the )?tags?|tags?)\s+([\w.:/+@-]+)(?:\s*=\s*([\w.:/+@-]+))?/gi;
/** "functions with env=dev": key=value on its own. */
const bareTag = /(?<![\w:/-])([A-Za-z][\w.:-]{0,127})=([\w.:/+@-]+)/g;
/** "named web", "whose name contains api", "containing orders". */
const nameFilter = /\b(?:named|called|with names? (?:containing|like|matching)|whose names? (?:contains?|includes?|has)|names? contain(?:s|ing)?|containing|matching)\s+["'`]?([^"'`\s]+)/i;
const stateFilter = /\b(running|stopped|stopping|pending|terminated|available|in-use|active|inactive|creating|deleting|failed)\b/i;

/** Keys may hold colons ("aws:cloudformation:stack-name"); a single colon with no "=" separates key and value ("team:payments"). */
function tagOf(key: string, value: string | undefined): ListFilters['tags'][number] {
  if (value !== undefined) return { key, value };
  const parts = key.split(':');
  return parts.length === 2 && parts[0] && parts[1] ? { key: parts[0], value: parts[1] } : { key, value: null };
}

function parseFilters(text: string): ListFilters {
  const tags = [...text.matchAll(taggedPhrase)].map((match) => tagOf(match[1]!, match[2]));
  if (tags.length === 0) tags.push(...[...text.matchAll(bareTag)].map((match) => tagOf(match[1]!, match[2])));
  const name = nameFilter.exec(text);
  const state = stateFilter.exec(text);
  return { tags, nameContains: name?.[1] ?? null, state: state?.[1]?.toLowerCase() ?? null };
}

const numberWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20 };

/** "top 5", "first ten": how many rows to keep. */
function parseTopN(text: string): number | null {
  const match = topN.exec(text);
  if (!match) return null;
  const limit = numberWords[match[1]!.toLowerCase()] ?? Number(match[1]);
  return limit > 0 ? limit : null;
}

function basePlan(intent: Intent, context: PlannerContext): Plan {
  return {
    intent,
    resourceType: null,
    resourceModel: null,
    identifier: null,
    regions: [context.region],
    period: null,
    comparePeriod: null,
    periodLabel: null,
    comparePeriodLabel: null,
    service: null,
    serviceName: null,
    groupBy: null,
    granularity: null,
    limit: null,
    filters: { tags: [], nameContains: null, state: null },
  };
}

function reply(reason: ReplyReason, message: string, suggestions: string[]): Extract<PlanResult, { kind: 'reply' }> {
  return { kind: 'reply', reason, message, suggestions };
}

/** The supported phrasings closest to a question, by shared words. */
export function closestPhrasings(question: string, count = 3): string[] {
  const words = new Set(question.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  return examplePhrasings
    .map((phrasing, index) => {
      const shared = (phrasing.match(/[a-z0-9]+/g) ?? []).filter((word) => words.has(word)).length;
      return { phrasing, score: shared - index / 100 };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((entry) => entry.phrasing);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

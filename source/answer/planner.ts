import { findCostService } from './cost-services.js';
import { costLookbackStart, findPeriod, iso, startOfDay, type PeriodMention } from './period.js';
import type { Intent, ListFilters, Plan, PlanResult } from './plan.js';
import { findRegions } from './regions.js';
import { findResourceInQuestion, resolveParent } from './resource-catalog.js';
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

const costWords = /\b(?:spend|spent|spending|cost|costs|costing|bill|billing|billed|charges?|charged|pay|paid|paying|expensive|cheapest|forecast|projected)\b|\bhow much\b(?! (?:storage|memory|capacity))/i;
const forecastWords = /\b(?:forecast|projected|projection|predict(?:ed|ion)?|will (?:i|we) (?:spend|pay)|going to (?:spend|cost)|expected (?:spend|cost|bill)|end of (?:the )?month|next month)\b/i;
const compareWords = /\b(?:vs\.?|versus|compared? (?:to|with)|compare|against)\b/i;
const byServiceWords = /\b(?:by|per|each) service\b|\btop\s*(?:\d+|five|ten|three)?\s*services?\b|\b(?:most expensive|biggest|largest|which|what) services?\b|\bservices? breakdown\b|\bbreakdown(?! by region)\b/i;
const byRegionWords = /\b(?:by|per|each) region\b|\b(?:which|what|most expensive) regions?\b|\bregions? breakdown\b|\bbreakdown by region\b/i;
const trendWords = /\b(?:trend|trends|daily|per day|each day|day by day|over time|month by month|per month|monthly|history|historical|evolution)\b/i;
const countWords = /\bhow many\b|\bcount\b|\bnumber of\b|\btotal number\b/i;
const describeWords = /\b(?:describe|details?|detail of|tell me about|info(?:rmation)? (?:on|about)|properties of|configuration of|config of|look up|lookup)\b/i;
const helpWords = /^(?:\/?help|\?|what can (?:you|i) (?:do|ask)|how do i use|what do you do|commands|usage)\b/i;
const topN = /\b(?:top|first|biggest|largest)\s+(\d{1,3}|three|five|ten|twenty)\b/i;
const identifierPattern = /\b(?:arn:aws[\w-]*:[^\s]+|(?:i|vol|vpc|subnet|sg|ami|eni|igw|nat|rtb|acl|snap|eipalloc|lt)-[0-9a-f]{8,17})\b/i;

/** Turns a question into a plan, or into a reply that explains what to ask instead. Calls nothing. */
export function planQuestion(rawQuestion: string, context: PlannerContext): PlanResult {
  const question = rawQuestion.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!question) return reply('unsupported', 'Ask a question about your AWS resources or costs.', examplePhrasings.slice(0, 4));
  if (question.length > maxQuestionLength) {
    return reply('unsupported', `That question is ${question.length.toLocaleString('en-US')} characters long; questions are limited to ${maxQuestionLength.toLocaleString('en-US')}.`, []);
  }
  const text = fixTypos(question);
  if (helpWords.test(text)) return { kind: 'plan', plan: basePlan('help', context) };
  return costWords.test(text) ? planCost(text, context) : planResources(text, context);
}

function planCost(text: string, context: PlannerContext): PlanResult {
  const today = startOfDay(context.now);
  const intent = costIntent(text);
  const plan = basePlan(intent, context);
  const service = findCostService(text);
  if (service) {
    plan.service = service.values;
    plan.serviceName = service.name;
  }
  const regions = findRegions(text);
  plan.regions = regions.kind === 'named' ? regions.codes : 'all';
  plan.limit = parseTopN(text) ?? (intent === 'cost-by-service' && /\btop\b/i.test(text) ? 5 : null);
  plan.groupBy = intent === 'cost-by-service' ? 'SERVICE' : intent === 'cost-by-region' ? 'REGION' : null;

  let period: PeriodMention | undefined;
  if (intent === 'cost-compare') {
    const split = compareWords.exec(text)!;
    const left = findPeriod(text.slice(0, split.index), context.now);
    const right = findPeriod(text.slice(split.index + split[0].length), context.now);
    if (!left || !right) {
      return reply('clarify', 'Name the two periods to compare, for example "this month vs last month" or "March vs April".', ['this month vs last month', 'last month compared to the month before', 'Q2 vs Q3']);
    }
    period = left;
    plan.comparePeriod = right.period;
    plan.comparePeriodLabel = right.label;
  } else {
    period = findPeriod(text, context.now) ?? defaultPeriod(intent, context.now);
  }

  if (intent === 'forecast') {
    if (period.period.end <= iso(today)) return reply('clarify', `A forecast looks ahead, but ${period.label} is already over. Ask what you spent instead, or for a forecast of the rest of this month.`, ['forecast for the rest of this month', 'forecast for next month']);
    if (period.period.start < iso(today)) period = { ...period, period: { ...period.period, start: iso(today) } };
  } else {
    for (const checked of [period, ...(plan.comparePeriod ? [{ period: plan.comparePeriod, label: plan.comparePeriodLabel! }] : [])]) {
      const problem = outOfRange(checked.period.start, checked.period.end, checked.label, context.now);
      if (problem) return reply('out-of-range', problem, ['what did I spend last month', 'cost trend for the last 6 months']);
    }
  }
  plan.period = period.period;
  plan.periodLabel = period.label;
  plan.granularity = granularityFor(intent, period, text);
  return { kind: 'plan', plan };
}

function costIntent(text: string): Intent {
  if (forecastWords.test(text)) return 'forecast';
  if (compareWords.test(text)) return 'cost-compare';
  if (byRegionWords.test(text)) return 'cost-by-region';
  if (byServiceWords.test(text)) return 'cost-by-service';
  if (trendWords.test(text)) return 'cost-trend';
  return 'cost-total';
}

function defaultPeriod(intent: Intent, now: Date): PeriodMention {
  if (intent === 'forecast') return findPeriod('rest of this month', now)!;
  if (intent === 'cost-trend') return { ...findPeriod('last 30 days', now)!, label: 'the last 30 days' };
  return findPeriod('this month', now)!;
}

function granularityFor(intent: Intent, period: PeriodMention, text: string): 'DAILY' | 'MONTHLY' {
  if (/\b(?:daily|per day|each day|day by day)\b/i.test(text)) return 'DAILY';
  if (/\b(?:monthly|per month|month by month)\b/i.test(text)) return 'MONTHLY';
  const days = (Date.parse(period.period.end) - Date.parse(period.period.start)) / 86_400_000;
  if (intent === 'cost-trend' || intent === 'forecast') return days > 62 ? 'MONTHLY' : 'DAILY';
  return 'MONTHLY';
}

/** Cost Explorer answers for the current month and the 12 before it, and nothing after today. */
function outOfRange(start: string, end: string, label: string, now: Date): string | undefined {
  const earliest = iso(costLookbackStart(now));
  const tomorrow = iso(new Date(startOfDay(now).getTime() + 86_400_000));
  if (start < earliest) return `Cost Explorer keeps 13 months of cost history, from ${earliest}; ${label} starts ${start}. Ask about a period from ${earliest} on.`;
  if (start >= tomorrow) return `${capitalize(label)} has not happened yet (it starts ${start}). Ask for a forecast instead, e.g. "forecast for next month".`;
  if (end > tomorrow) return undefined; // a period running into the future is answered to date
  return undefined;
}

function planResources(text: string, context: PlannerContext): PlanResult {
  const found = findResourceInQuestion(text);
  if (found.kind === 'none') {
    return reply('unsupported', "I couldn't tell which resources or costs you mean.", closestPhrasings(text));
  }
  if (found.kind === 'unknown') {
    const didYouMean = found.suggestions.length > 0 ? ` Did you mean ${found.suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    return reply('clarify', `I don't know the resource type "${found.phrase}".${didYouMean}`, found.suggestions.map((s) => `list ${s}`));
  }
  if (found.kind === 'ambiguous') {
    return reply('clarify', `"${found.phrase}" could mean several resource types: ${found.candidates.join(', ')}. Which one?`, found.candidates.map((type) => `list ${type}`));
  }
  const identifier = identifierPattern.exec(text)?.[0] ?? namedIdentifier(text, found.span);
  // "describe bucket X" or "show function X" (a singular noun followed by a name) asks for one resource.
  const singular = !/s$/i.test(found.phrase.trim());
  const intent: Intent = countWords.test(text) ? 'count' : identifier && (describeWords.test(text) || singular) ? 'describe' : 'list';
  const plan = basePlan(intent, context);
  plan.resourceType = found.type;
  if (intent === 'describe') plan.identifier = identifier;

  const parent = resolveParent(found.type, text);
  if (parent.kind === 'missing') {
    return reply('clarify', parent.message, parent.examples);
  }
  if (parent.kind === 'resolved') plan.resourceModel = parent.resourceModel;

  const regions = findRegions(text);
  plan.regions = regions.kind === 'all' ? 'all' : regions.kind === 'named' ? regions.codes : [context.region];
  plan.filters = parseFilters(text);
  plan.limit = parseTopN(text);
  return { kind: 'plan', plan };
}

/** "describe bucket my-bucket-123456", "details of function 'orders-api'": the token after the resource noun. */
function namedIdentifier(text: string, span: [number, number]): string | null {
  const quoted = /["'`]([^"'`]{1,256})["'`]/.exec(text);
  if (quoted) return quoted[1]!;
  const after = /^\s+(?:named |called )?([A-Za-z0-9][\w.:/@+-]{2,255})/.exec(text.slice(span[1]));
  if (!after) return null;
  const word = after[1]!;
  return /^(?:in|on|at|across|for|from|with|tagged|named|called|and|that|which|where|of|by|are|is|do|does|have|all|every)$/i.test(word) ? null : word;
}

function parseFilters(text: string): ListFilters {
  const tags: ListFilters['tags'] = [];
  for (const match of text.matchAll(/\b(?:tagged(?: with)?|with tag|tag)\s+([\w.:/+@-]+)(?:\s*[=:]\s*([\w.:/+@-]+))?/gi)) {
    tags.push({ key: match[1]!, value: match[2] ?? null });
  }
  if (tags.length === 0) {
    for (const match of text.matchAll(/(?<![\w:/-])([A-Za-z][\w.-]{0,127})=([\w.:/+@-]+)/g)) tags.push({ key: match[1]!, value: match[2]! });
  }
  const name = /\b(?:named|called|with names? (?:containing|like|matching)|whose names? (?:contains?|includes?|has)|names? contain(?:s|ing)?|containing)\s+["']?([^"'\s]+)/i.exec(text);
  const state = /\b(running|stopped|stopping|pending|terminated|available|in-use|active|inactive|creating|deleting|failed)\b/i.exec(text);
  return { tags, nameContains: name?.[1] ?? null, state: state?.[1]?.toLowerCase() ?? null };
}

function parseTopN(text: string): number | null {
  const match = topN.exec(text);
  if (!match) return null;
  const words: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };
  return words[match[1]!.toLowerCase()] ?? Number(match[1]);
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

function reply(reason: 'unsupported' | 'clarify' | 'out-of-range', message: string, suggestions: string[]): PlanResult {
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { costServiceOf, findCostServices } from './cost-services.js';
import { findThreshold, thresholdWords, unusedCostWords } from './cost-words.js';
import { weekStart } from './calendar.js';
import { costLookbackStart, findPeriod, forecastHorizon, historyEnd, iso, precedingPeriod, rangeLabel, startOfDay, type Period, type PeriodMention } from './period.js';
import { isCostPlan, type AnyCostPlan, type ComparePlan, type CostMetric, type CostPlan, type CostService, type PlanResult, type RegionScope } from './plan.js';
import { capitalize, parseTopN, reply, type Reply } from './replies.js';
import { findResourceInQuestion, resourceTypeInfo } from './resource-catalog.js';

export interface CostPlannerContext {
  now: Date;
  regions: RegionScope;
}

const forecastWords = /(?<![\w-])(?:forecasts?|projected|projections?|predict(?:ed|ion|s)?|will|going to|expected)(?![\w-])/i;
/** "what will this month end at", "month-end estimate": the forecast through the end of this month. */
export const monthEndWords = /\b(?:this|the) month (?:will |going to )?(?:end|finish|land|close)(?: up)?(?: at| near| around)?\b|\bmonth[- ]end (?:total|bill|figure|number|estimate|cost|spend)\b|\bend[- ]of[- ](?:the[- ])?month (?:total|bill|figure|number|estimate)\b/i;
const pastTense = /\b(?:did|spent|was|were|paid|billed|charged|had)\b/i;
/** The words between the two sides of "A vs B", "A compared to B". */
const versusWords = /\b(?:vs\.?|versus|compared? (?:to|with))(?![\w-])/i;
/** Any wording of a comparison, with or without its second side. */
export const comparisonWords = /\b(?:vs\.?|versus|compare[ds]?)(?![\w-])/i;
/** "compare October with September": the first period follows "compare", the second the joining word. */
const compareFirst = /\bcompare\b(?<left>.*?)\b(?:with|to|and|against)\b(?<right>.*)$/i;
/** "compare regions", "regions that grew most", "region's cost rose": a comparison region by region. */
const regionsCompared = /\bcompare (?:the |my |our )?regions\b|\bregions? (?:(?:that|which) )?(?:(?:have )?(?:grew|grown|increased|risen)|rose|went up|jumped)\b|\bregion's (?:cost|spend|bill)\b/i;
/** "which services grew most between September and October", "… from Q2 to Q3": growth from one period to the next. */
const growthSpan = /\b(?:between|from)\b(?<left>.*?)\b(?:and|to|until)\b(?<right>.*)$/i;
/** "the year before", "the same month last year", "a year ago": the first period moved back a year. */
const yearBefore = /\b(?:the |a )?year (?:before|earlier|ago)\b|\b(?:the )?same (?:month|quarter|week|days|period) (?:of |in )?last year\b/i;
/** "the month before", "the previous one": the second period of a comparison, read relative to the first. */
const periodBefore = /\b(?:the )?(?:month|quarter|year|week|period|one) before\b|\bthe (?:previous|prior) (?:one|period)\b|\bbefore that\b/i;
/** "what grew most", "fastest growing services", "biggest increases", "which services increased": a comparison ranked by growth. */
export const growthWords = /\b(?:grew|grown|grow|growing|increased|rose|risen|went up|gone up|jumped)(?: the)? (?:most|fastest)\b|\bfastest[- ]growing\b|\bbiggest (?:increases?|growth|jumps?|risers?)\b|\btop (?:\d{1,3} |[a-z]+ )?(?:risers|growers)\b|\b(?:services|regions) (?:(?:that|which) )?(?:(?:have )?(?:grew|grown|increased|risen)|rose|went up)\b/i;
/** "top 5 services", "top ten services": a ranking of services is always about cost. */
export const topServices = /\b(?:top|biggest|largest)\s+(?:\d{1,3}\s+|[a-z]+\s+)?(?:(?:most|highest|largest|biggest)[- ](?:cost|costly|expensive|spend)\s+)?services?\b/i;
const byServiceWords = /\b(?:by|per|each) services?\b|\b(?:most expensive|priciest|cheapest|least expensive|least costly|lowest[- ]cost(?:ing)?|which|what) services?\b|\bservices (?:(?:that|which) )?(?:cost|costing|spent|spend)\b|\bservices?\s+(?=(?:more than|greater than|over|above|exceeding|at least|less than|under|below|at most)\s+\$?\d)|\bservices? (?:(?:that|which) )?(?:breakdown|cost the most|costs the most)\b|\bbreakdown(?! by region)\b|\bwhere (?:is|does) (?:my|the) money go\b|\b(?:biggest|largest|highest|top) (?:costs?|expenses?|spend)\b/i;
const byRegionWords = /\b(?:by|per|each) regions?\b|\b(?:top|biggest|largest)\s+(?:\d{1,3}\s+|[a-z]+\s+)?regions\b|\b(?:which|what|most expensive|priciest|cheapest|least expensive|least costly|lowest[- ]cost(?:ing)?) regions?\b|\bregions (?:(?:that|which) )?(?:cost|costing|spent|spend)\b|\bregions?\s+(?=(?:more than|greater than|over|above|exceeding|at least|less than|under|below|at most)\s+\$?\d)|\bregions? breakdown\b|\bbreakdown by region\b/i;
/** "weekly", "per week", "week by week": a series summed into Monday-start weeks (Cost Explorer has no weekly granularity). */
export const weeklyWords = /\b(?:weekly|per week|each week|every week|week by week|week[- ]over[- ]week|by week)\b/i;
const dailyWords = /\b(?:daily|per day|each day|day by day)\b/i;
const monthlyWords = /\b(?:monthly|per month|month by month|month over month)\b/i;
const trendWords = new RegExp(
  [weeklyWords, dailyWords, monthlyWords, /\b(?:trends?|over time|history|historical|evolution|changed?|changing|going (?:up|down)|increas(?:e|ed|ing)|decreas(?:e|ed|ing)|rising|growing)\b/].map((words) => words.source).join('|'),
  'i',
);
/** A singular noun in a ranking asks for the one top entry: "which service costs the most". */
const singleRanking = /\b(?:which|what|the|my|most expensive|priciest|biggest|largest|top) (?:aws )?(?:most expensive |priciest |biggest |largest )?(?:service|region)\b(?!s)|\b(?:biggest|largest|highest) (?:cost|expense)\b(?!s)/i;
/** "the cheapest services", "which region costs the least": a breakdown ranked from the bottom. */
const ascendingWords = /\bcheapest\b|\bleast (?:expensive|costly)\b|\blowest[- ](?:cost(?:ing)?|spend)\b|\bsmallest\b|\b(?:costs?|spent|spend) the least\b/i;
/** "amortized", "net unblended", "blended": the metric asked for; unblended when none is named. */
const metricWords: Array<[RegExp, CostMetric]> = [
  [/\bnet[\s-]+amorti[sz](?:ed|ation)\b/i, 'NetAmortizedCost'],
  // "net cost" alone is net unblended: the console's "Net unblended costs".
  [/\bnet[\s-]+(?:unblended\b)?/i, 'NetUnblendedCost'],
  [/\bamorti[sz](?:ed|ation)\b/i, 'AmortizedCost'],
  [/\bunblended\b/i, 'UnblendedCost'],
  [/\bblended\b/i, 'BlendedCost'],
];

type CostIntent = AnyCostPlan['intent'];

export function planCost(text: string, context: CostPlannerContext): PlanResult {
  const perResource = perResourceReply(text, context.now);
  if (perResource) return perResource;
  const planned = planCostWords(text, context);
  if (planned.kind !== 'plan' || !isCostPlan(planned.plan)) return planned;
  const applied = 'threshold' in planned.plan && planned.plan.threshold !== undefined;
  const unused = unusedCostWords(text, context.now, [...plannerWords, ...(applied ? [thresholdWords] : [])]);
  const threshold = applied ? undefined : findThreshold(text);
  const ignored = [...(threshold ? [text.slice(...threshold.span).trim()] : []), ...unused];
  return ignored.length > 0 ? { ...planned, plan: { ...planned.plan, ignored } } : planned;
}

/** Before a resource noun, words that rank or split spend by resource: "the priciest", "top 5", "per", "each". */
const rankedBefore = /\b(?:(?:most|least) expensive|priciest|costliest|cheapest|highest[- ]cost(?:ing)?|top(?: \d{1,3})?|biggest|largest)\s+(?:(?:of )?(?:my|the|our)\s+)?$/i;
const splitBefore = /\b(?:per|each|every|by|for each|for every)\s+$/i;
/** After a resource noun: "which instance costs the most", "functions by cost". */
const rankedAfter = /^\s*(?:(?:that|which) )?(?:costs?|cost me|spent|spend) (?:the )?(?:most|least)\b|^\s*by (?:cost|spend)\b/i;

/**
 * Spend per resource ("the priciest lambda functions", "cost per instance"): the Cost Explorer
 * figures qchat reads are per service. Cost per resource comes from GetCostAndUsageWithResources,
 * "an opt-in only feature" enabled on the Cost Explorer Settings page, whose range "must be within
 * the last 14 days" (its documentation in botocore ce/2017-10-25); qchat does not call it, so it
 * says so and offers the service's total and the list of resources.
 */
function perResourceReply(text: string, now: Date): Reply | undefined {
  const found = findResourceInQuestion(text);
  if (found.kind !== 'match') return undefined;
  const [before, after] = [text.slice(0, found.span[0]), text.slice(found.span[1])];
  const plural = /s$/i.test(found.phrase);
  if (!((plural && rankedBefore.test(before)) || splitBefore.test(before) || rankedAfter.test(after))) return undefined;
  const info = resourceTypeInfo(found.type);
  const synonyms = info?.synonyms ?? [];
  const noun = synonyms.find((synonym) => synonym.startsWith(info?.service.toLowerCase() ?? '-')) ?? synonyms[0] ?? found.type;
  const service = info?.service ?? findCostServices(text)[0]?.name ?? 'the service';
  const when = findPeriod(text, now)?.label ?? 'this month';
  return reply(
    'unsupported',
    `I can't rank or split spend by individual ${noun}: the Cost Explorer figures I read are per service, and cost per resource needs Cost Explorer's resource-level data (opt-in on the Cost Explorer Settings page, last 14 days only), which I don't read. I can show what ${service} cost in total and list the ${noun}.`,
    [`what did I spend on ${service} ${when}`, `list ${noun}`],
  );
}

/** The patterns whose words the cost planner reads: a question's words they match are used. */
const plannerWords = [forecastWords, monthEndWords, pastTense, versusWords, comparisonWords, yearBefore, periodBefore, growthWords, topServices, ascendingWords, ...metricWords.map(([pattern]) => pattern)];

function planCostWords(text: string, context: CostPlannerContext): PlanResult {
  const scopeBase = { service: costService(text), regions: context.regions, metric: costMetric(text) };
  let intent = costIntent(text);
  if (intent === 'cost-compare') return planComparison(text, scopeBase, context.now);

  const found = findPeriod(text, context.now, { prefer: intent === 'forecast' ? 'future' : 'past' });
  // "cost next month", "bill for December 2026": a period still ahead, not asked about in the past tense, is a forecast.
  if (found && intent === 'cost-total' && !pastTense.test(text) && liesAhead(found, context.now)) intent = 'forecast';
  const weekly = intent === 'cost-trend' && weeklyWords.test(text) && !dailyWords.test(text) && !monthlyWords.test(text);
  const [said, mentioned] = found ? [text, found] : weekly ? ['the last 8 weeks', knownPeriod('the last 8 weeks', context.now)] : [text, defaultPeriod(intent, text, context.now)];
  const named = weekly ? inWeeks(mentioned, said, context.now) : mentioned;
  const fitted = intent === 'forecast' ? fitForecast(named, context.now) : fitHistory(named, context.now);
  if (fitted.kind === 'reply') return fitted;
  const scope = { period: fitted.period, periodLabel: named.label, ...scopeBase };
  const granularity = weekly ? 'DAILY' : granularityFor(intent, fitted.period, text);
  if (intent === 'forecast') return { kind: 'plan', plan: { family: 'forecast', intent, ...scope, granularity } };
  const stated = findThreshold(text);
  const threshold = stated ? { threshold: { op: stated.op, amount: stated.amount } } : {};
  const ranking = { limit: rankingLimit(text), ...threshold, ...(ascendingWords.test(text) ? { order: 'ascending' as const } : {}) };
  const plan: CostPlan =
    intent === 'cost-by-service'
      ? { family: 'costs', intent, ...scope, granularity, groupBy: 'SERVICE', ...ranking }
      : intent === 'cost-by-region'
        ? { family: 'costs', intent, ...scope, granularity, groupBy: 'REGION', ...ranking }
        : intent === 'cost-total'
          ? { family: 'costs', intent, ...scope, granularity, ...threshold }
          : { family: 'costs', intent, ...scope, granularity, ...(weekly ? { bucket: 'week' as const } : {}) };
  return { kind: 'plan', plan };
}

function costService(text: string): CostService | null {
  return costServiceOf(findCostServices(text));
}

function costMetric(text: string): CostMetric {
  return metricWords.find(([pattern]) => pattern.test(text))?.[1] ?? 'UnblendedCost';
}

function costIntent(text: string): CostIntent {
  if (growthWords.test(text) || comparisonWords.test(text)) return 'cost-compare';
  if (forecastWords.test(text) || (monthEndWords.test(text) && !pastTense.test(text))) return 'forecast';
  if (byRegionWords.test(text)) return 'cost-by-region';
  if (byServiceWords.test(text) || topServices.test(text)) return 'cost-by-service';
  if (trendWords.test(text)) return 'cost-trend';
  return 'cost-total';
}

/** "this month vs last month", "compare October with September", "how does this month compare to the month before". */
function planComparison(text: string, scope: { service: CostService | null; regions: RegionScope; metric: CostMetric }, now: Date): PlanResult {
  // Stryker disable next-line StringLiteral: equivalent, any right side without a period, a service or "before" words ("Stryker was here!") reads as no right side
  const sides = comparedTexts(text) ?? { left: text, right: '' };
  const [leftService, rightService] = [findCostServices(sides.left)[0], findCostServices(sides.right)[0]];
  if (leftService && rightService && leftService.values.join() !== rightService.values.join()) {
    const when = findPeriod(text, now)?.label ?? 'this month';
    return reply('clarify', `I compare periods, not services. To see ${leftService.name} and ${rightService.name} side by side, ask for the cost by service.`, [`cost by service ${when}`, `${leftService.name} cost ${when} vs the month before`]);
  }
  const leftFound = findPeriod(sides.left, now);
  // The right side is read after its joining word, so a bare month there reads as one ("march vs may").
  const rightFound = yearBefore.test(sides.right) && leftFound ? yearEarlier(leftFound) : periodBefore.test(sides.right) ? undefined : findPeriod(`vs ${sides.right}`, now);
  if (!leftFound && !rightFound && !growthWords.test(text)) {
    return reply('clarify', 'Name the two periods to compare, for example "this month vs last month" or "March vs April".', ['this month vs last month', 'last month compared to the month before', 'Q2 vs Q3']);
  }
  const periods = comparedPeriods(leftFound ?? thisMonth(now), rightFound, now);
  if ('kind' in periods) return periods;
  const growth = growthWords.test(text);
  const byRegion = byRegionWords.test(text) || regionsCompared.test(text);
  return { kind: 'plan', plan: { family: 'compare', intent: 'cost-compare', ...periods, ...scope, order: growth ? 'growth' : 'change', limit: parseTopN(text) ?? (growth ? 5 : null), ...(byRegion ? { groupBy: 'REGION' as const } : {}) } };
}

/** The same period one year earlier ("this month vs the year before": November 2025). */
function yearEarlier(found: PeriodMention): PeriodMention {
  const back = (day: string) => { const date = new Date(`${day}T00:00:00Z`); return new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate())); };
  const [start, end] = [back(found.period.start), back(found.period.end)];
  return { ...found, period: { start: iso(start), end: iso(end) }, label: rangeLabel(start, end), future: false };
}

type ComparedPeriods = Pick<ComparePlan, 'period' | 'periodLabel' | 'comparePeriod' | 'comparePeriodLabel'>;

/** Two periods in date order, whichever the question named first; the second defaults to the one before the first. */
function comparedPeriods(left: PeriodMention, rightFound: PeriodMention | undefined, now: Date): ComparedPeriods | Reply {
  const right = rightFound ?? { ...left, ...precedingPeriod(left.period) };
  const [first, second] = [fitHistory(left, now), fitHistory(right, now)];
  if (first.kind === 'reply') return first;
  if (second.kind === 'reply') return second;
  const [earlier, later] = first.period.start <= second.period.start ? [{ fitted: first, named: left }, { fitted: second, named: right }] : [{ fitted: second, named: right }, { fitted: first, named: left }];
  const sameDays = sameDaysBefore(earlier.fitted.period, later.fitted.period, later.named.period);
  return {
    period: sameDays ?? earlier.fitted.period,
    periodLabel: sameDays ? `the same days of ${earlier.named.label}` : earlier.named.label,
    comparePeriod: later.fitted.period,
    comparePeriodLabel: sameDays ? `${later.named.label} so far` : later.named.label,
  };
}

/** A cost plan over another period, as a follow-up names it ("what about last month?"). */
export function refitPeriod(plan: AnyCostPlan, found: PeriodMention, now: Date): { kind: 'plan'; plan: AnyCostPlan } | Reply {
  if (plan.family === 'compare') {
    const periods = comparedPeriods(found, undefined, now);
    return 'kind' in periods ? periods : { kind: 'plan', plan: { ...plan, ...periods } };
  }
  const fitted = plan.family === 'forecast' ? fitForecast(found, now) : fitHistory(found, now);
  if (fitted.kind === 'reply') return fitted;
  return { kind: 'plan', plan: { ...plan, period: fitted.period, periodLabel: found.label } };
}

/**
 * A period still running (this month to date) is compared with as many days of the earlier one
 * (the same days of last month), not with all of it; undefined when the later period is whole.
 */
function sameDaysBefore(earlier: Period, later: Period, laterAsNamed: Period): Period | undefined {
  if (later.end >= laterAsNamed.end) return undefined;
  const days = (Date.parse(later.end) - Date.parse(later.start)) / 86_400_000;
  const end = iso(new Date(Date.parse(earlier.start) + days * 86_400_000));
  return end < earlier.end ? { start: earlier.start, end } : undefined;
}

/** The text on each side of a comparison, or nothing when the question does not have two sides. */
function comparedTexts(text: string): { left: string; right: string } | undefined {
  const versus = versusWords.exec(text);
  if (versus) return { left: text.slice(0, versus.index), right: text.slice(versus.index + versus[0].length) };
  const groups = compareFirst.exec(text)?.groups ?? (growthWords.test(text) ? growthSpan.exec(text)?.groups : undefined);
  return groups?.left !== undefined && groups.right !== undefined ? { left: groups.left, right: groups.right } : undefined;
}

/** From today on and past it: "next month", "the rest of this month", but not "today". */
function liesAhead(found: PeriodMention, now: Date): boolean {
  return found.period.start >= iso(startOfDay(now)) && found.future;
}

/** A phrase the period reader always knows. */
function knownPeriod(phrase: string, now: Date): PeriodMention {
  const found = findPeriod(phrase, now);
  // Stryker disable next-line StringLiteral: equivalent, only fixed phrases the period reader knows reach here, so it never throws
  if (!found) throw new Error(`the period reader does not know "${phrase}"`);
  return found;
}

const thisMonth = (now: Date) => knownPeriod('this month', now);

function defaultPeriod(intent: CostIntent, text: string, now: Date): PeriodMention {
  if (intent === 'forecast') return knownPeriod('the rest of this month', now);
  if (intent === 'cost-trend') return knownPeriod(monthlyWords.test(text) ? 'the last 6 months' : 'the last 30 days', now);
  return thisMonth(now);
}

/**
 * "weekly cost for the last 8 weeks": the 8 Monday-start weeks up to this one (so far), not 56
 * days that split a week at each end. Other periods ("this month", "since October") stay as named;
 * their first and last weeks may be partial, and the answer says so.
 */
function inWeeks(found: PeriodMention, text: string, now: Date): PeriodMention {
  const rolling = /^last (\d+) days$/.exec(found.label);
  if (!rolling || !/\bweeks?\b/i.test(text.slice(...found.span))) return found;
  const weeks = Number(rolling[1]) / 7;
  const today = startOfDay(now);
  return { ...found, period: { start: iso(weekStart(today, -(weeks - 1))), end: iso(historyEnd(now)) }, label: `the last ${weeks} weeks` };
}

type Fitted = { kind: 'period'; period: Period } | Reply;

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

function granularityFor(intent: CostIntent, period: Period, text: string): 'DAILY' | 'MONTHLY' {
  if (dailyWords.test(text)) return 'DAILY';
  if (monthlyWords.test(text)) return 'MONTHLY';
  const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
  if (intent === 'cost-trend' || intent === 'forecast') return days > 62 ? 'MONTHLY' : 'DAILY';
  return 'MONTHLY';
}

/** How many rows a ranking asks for: "top 3", "top services" (5), "which service costs the most" (1). */
function rankingLimit(text: string): number | null {
  return parseTopN(text) ?? (singleRanking.test(text) ? 1 : /\btop\b/i.test(text) ? 5 : null);
}

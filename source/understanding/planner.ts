import { findCostServices } from './cost-services.js';
import { findThreshold } from './cost-words.js';
import { findPeriod } from './period.js';
import { unreadablePeriod } from './period-phrases.js';
import { withView, type Plan, type PlanResult, type RegionScope } from './plan.js';
import { applyFollowUp, changesCostService } from './follow-up.js';
import { comparisonWords, growthWords, monthEndWords, planCost, topServices } from './plan-costs.js';
import { analysisReply, readOnlyReply } from './out-of-scope.js';
import { countWords, describeWords, listWords, planResources } from './plan-resources.js';
import { findRegions, nearestRegionCodes, type RegionMention } from './regions.js';
import { escapeRegExp, examplePhrasings, helpPlan, reply } from './replies.js';
import { fixTypos } from './typos.js';
import { readView } from './view-words.js';

export { closestPhrasings, examplePhrasings } from './replies.js';

export interface PlannerContext {
  now: Date;
  /** The session's region: resource questions default to it. */
  region: string;
  /** The conversation's last plan: a follow-up ("what about last month?") changes it. */
  previous?: Plan | undefined;
}

export const maxQuestionLength = 2000;

/** Words that make a question a cost question; exported for its table of rows (a misspelt "charge" reaches it as "charges", fixed by typos.ts). */
export const costWords = /(?<![\w-])(?:spend|spent|spending|spends|cost|costs|costing|bill|bills|billing|billed|charges?|charged|pay|paid|paying|expensive|expenses?|cheapest|priciest|costliest|forecast|forecasts|projected|invoice|money|dollars?)(?![\w-])|\bhow much\b(?! (?:storage|memory|capacity|space|disk))/i;
/** The whole question asks for help and nothing else (exported for its rows: "help" and "examples" reach help through the resource planner's help words too). */
export const onlyHelp = /^(?:\/?help|\?|what can (?:you|i) (?:do|ask)|what do you do|what can i ask you|how do i use (?:this|you|qchat|it)|how does this work|commands|usage|examples?)[\s?.!]*$/i;

/**
 * Turns a question into a plan, or into a reply that explains what to ask instead. Calls nothing.
 * A question that is not complete on its own may be a follow-up that changes the previous plan.
 */
export function planQuestion(rawQuestion: string, context: PlannerContext): PlanResult {
  const fresh = planAlone(rawQuestion, context);
  const text = fixTypos(normalise(rawQuestion));
  if (!context.previous || (fresh.kind === 'plan' && !changesCostService(text, context.previous, context.now))) return fresh;
  // A request to change something, or a question qchat cannot answer, is never a follow-up: "terminate the stopped ones" is not "only the stopped ones".
  if ((fresh.kind === 'reply' && fresh.reason === 'read-only') || analysisReply(text)) return fresh;
  const followUp = applyFollowUp(text, context.previous, context.now);
  if (!followUp) return fresh;
  return 'kind' in followUp ? followUp : { kind: 'plan', plan: followUp.plan, followUp: followUp.changed };
}

function planAlone(rawQuestion: string, context: PlannerContext): PlanResult {
  const question = normalise(rawQuestion);
  // An empty question, or view words alone ("as a table"), gets its reply from planWords.
  if (question.length > maxQuestionLength) {
    return reply('unsupported', `That question is ${question.length.toLocaleString('en-US')} characters long; questions are limited to ${maxQuestionLength.toLocaleString('en-US')}. Ask one short question at a time.`, examplePhrasings.slice(0, 4));
  }
  const { view, rest: text } = readView(fixTypos(question));
  if (onlyHelp.test(text)) return helpPlan;
  const planned = planWords(text, context);
  return planned.kind === 'plan' ? { ...planned, plan: withView(planned.plan, view) } : planned;
}

/** The question's words, without how to show the answer, as a plan or a reply. */
function planWords(text: string, context: PlannerContext): PlanResult {
  if (!text) return reply('unsupported', 'Ask a question about your AWS resources or costs.', examplePhrasings.slice(0, 4));
  const outOfScope = readOnlyReply(text, (nearest) => planQuestion(nearest, context)) ?? analysisReply(text);
  if (outOfScope) return outOfScope;
  const unreadable = unreadablePeriod(text, context.now);
  if (unreadable) return reply('clarify', unreadable.message, unreadable.suggestions);
  const regions = findRegions(text);
  if (regions.kind === 'unknown') return unknownRegions(text, regions);
  const group = regions.kind === 'group' ? { group: regions.label, codes: regions.codes } : undefined;
  if (asksAboutCost(text, context.now)) return planCost(text, { now: context.now, regions: group ?? (regions.kind === 'named' ? regions.codes : 'all') });
  const scope: RegionScope = group ?? (regions.kind === 'all' ? 'all' : regions.kind === 'named' ? regions.codes : [context.region]);
  const planned = planResources(text, { regions: scope });
  if (regions.kind !== 'none' || planned.kind !== 'plan' || planned.plan.family !== 'resources' || planned.plan.intent === 'describe') return planned;
  return { ...planned, plan: { ...planned.plan, defaultRegion: true } };
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
 * Cost words ("spend", "bill", "how much"), a money threshold ("services over $1,000"), a ranking of services, a comparison of two periods,
 * or a billed service with a period and no resource verb ("ec2 last month").
 */
function asksAboutCost(text: string, now: Date): boolean {
  if (costWords.test(text) || topServices.test(text) || growthWords.test(text) || monthEndWords.test(text) || findThreshold(text) !== undefined) return true;
  if (comparisonWords.test(text)) return findPeriod(text, now) !== undefined;
  return !countWords.test(text) && !listWords.test(text) && !describeWords.test(text) && findCostServices(text).length > 0 && findPeriod(text, now) !== undefined;
}

/** "eu-west-9 is not an AWS region. Did you mean eu-west-1 or eu-west-2?", suggesting the question with each. */
function unknownRegions(text: string, regions: Extract<RegionMention, { kind: 'unknown' }>): PlanResult {
  // Stryker disable next-line StringLiteral: findRegions says 'unknown' only with at least one code, so the default is never used
  const [first = ''] = regions.codes;
  const nearest = nearestRegionCodes(first, 2);
  const suggestion = nearest.length > 0 ? ` Did you mean ${nearest.join(' or ')}?` : '';
  const unknownCode = new RegExp(escapeRegExp(first), 'i');
  return reply('clarify', `${regions.codes.join(', ')} ${regions.codes.length === 1 ? 'is not an AWS region' : 'are not AWS regions'}.${suggestion}`, nearest.map((code) => text.replace(unknownCode, code)));
}

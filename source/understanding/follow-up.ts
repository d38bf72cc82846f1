// A follow-up changes the previous question: "what about last month?", "and in eu-west-1?",
// "only the stopped ones", "by region", "top 3", "show all". It names only what changes; the
// rest of the previous plan stands, and the answer says what changed.
import { costServiceOf, findCostServices } from './cost-services.js';
import { blank } from './cost-words.js';
import { findPeriod } from './period.js';
import { hasRows, hasViews, regionScopeLabel, withRegions, withView, type CostService, type Plan, type PlanResult } from './plan.js';
import { refitPeriod } from './plan-costs.js';
import { findRegions, mentionedScope } from './regions.js';
import { parseTopN, reply } from './replies.js';
import { filterLabels, mergeFilters, readFilters } from './resource-filters.js';
import { readView, type AnswerView } from './view-words.js';

/** Words that open a follow-up rather than a new question. */
const opener = /^(?:(?:and|but|ok(?:ay)?|so|now|then|also|hmm|what about|how about|same(?: question| thing)?(?: for| in| but)?|just|only|show me|show|give me|make it|try)\b[\s,]*)+/i;
const showAll = /^(?:(?:show|list|give me|see)\s+)?(?:them\s+)?(?:all|everything|every row|all rows|all of them|the rest|more|all \d+)(?:\s+(?:of them|rows|results))?[\s?.!]*$/i;
const byService = /\b(?:by|per) service\b/i;
const byRegion = /\b(?:by|per) region\b/i;
/** "for all services", "every service": a cost question's service filter dropped. */
const everyService = /^(?:for |on |across )?(?:all|every|any) services?[\s?.!]*$/i;
/** What may stand around a service name in a follow-up that only changes the service: "only EC2", "for Lambda instead?". */
const serviceFiller = /^[\s?.!,]*(?:(?:for|on|of|the|my|spend|spending|costs?|instead|too|as well|then)\b[\s?.!,]*)*$/i;

export interface FollowUp {
  plan: Plan;
  /** What changed, for "Same question, last month: …". */
  changed: string;
}

/**
 * The previous plan changed by what a follow-up names, or undefined when the text is not a
 * follow-up of it (it names something the previous plan cannot take, or nothing at all).
 */
export function applyFollowUp(text: string, previous: Plan, now: Date): FollowUp | Extract<PlanResult, { kind: 'reply' }> | undefined {
  if (previous.family === 'help') return undefined;
  const { view, rest: unviewed } = readView(text);
  const rest = unviewed.replace(opener, '').trim();
  if (showAll.test(rest) || (!view && showAll.test(text))) return showEverything(previous);
  const changes: string[] = [];
  let plan: Plan = previous;
  if (view && hasViews(plan)) {
    plan = withView(plan, view);
    changes.push(viewLabels[view]);
  }

  const period = findPeriod(rest, now, { prefer: previous.family === 'forecast' ? 'future' : 'past' });
  if (period) {
    if (plan.family === 'resources') return reply('clarify', `The last question was about ${plan.resourceType} now, not over a period; I can't list them as they were ${period.label}.`, [`what did I spend ${period.label}`]);
    const refitted = refitPeriod(plan, period, now);
    if (refitted.kind === 'reply') return refitted;
    plan = refitted.plan;
    changes.push(period.label);
  }

  const regions = findRegions(rest);
  if (regions.kind === 'unknown') return undefined;
  // "by region" groups costs; only for resources does it mean every region.
  if (regions.kind !== 'none' && !(regions.kind === 'all' && byRegion.test(rest) && plan.family !== 'resources')) {
    const scope = mentionedScope(regions)!;
    plan = withRegions(plan, scope);
    changes.push(regionScopeLabel(scope));
  }

  if (plan.family === 'resources' && plan.intent !== 'describe') {
    const { filters } = readFilters(rest, plan.resourceType);
    const labels = filterLabels(filters);
    if (labels.length > 0) {
      plan = { ...plan, filters: mergeFilters(plan.filters, filters) };
      // "only stopped", "only on Python", "only tagged env=prod".
      changes.push(`only ${labels.map((label) => label.replace(/^in state /, '')).join(', ')}`);
    }
  }

  if (plan.family !== 'resources') {
    const service = changedService(rest, period?.span);
    if (service !== undefined) {
      plan = { ...plan, service };
      changes.push(service ? `only ${service.values.join(' and ')}` : 'every service');
    }
  }

  if (plan.family === 'costs' && (byService.test(rest) || byRegion.test(rest))) {
    const limit = parseTopN(rest);
    // A grouped answer is no series: a weekly trend's bucket goes.
    const { bucket: _series, ...ungrouped } = plan as typeof plan & { bucket?: 'week' };
    plan = byService.test(rest) ? { ...ungrouped, intent: 'cost-by-service', groupBy: 'SERVICE', limit } : { ...ungrouped, intent: 'cost-by-region', groupBy: 'REGION', limit };
    changes.push(byService.test(rest) ? 'by service' : 'by region');
  }

  const top = parseTopN(rest);
  if (top !== null && !changes.some((change) => change.startsWith('by '))) {
    if (plan.family === 'resources' && plan.intent === 'list') plan = { ...plan, limit: top };
    else if (plan.family === 'costs' && (plan.intent === 'cost-by-service' || plan.intent === 'cost-by-region')) plan = { ...plan, limit: top };
    else if (plan.family === 'compare') plan = { ...plan, limit: top };
    else return undefined;
    changes.push(`top ${top}`);
  }
  return changes.length > 0 ? { plan, changed: changes.join(', ') } : undefined;
}

/**
 * After a cost question, "only EC2" or "what about Lambda?" changes its service, though either also
 * reads as a question alone ("only EC2" would list instances): in a conversation the follow-up wins.
 */
export function changesCostService(text: string, previous: Plan | undefined, now: Date): boolean {
  if (!previous || previous.family === 'resources' || previous.family === 'help' || !opener.test(text)) return false;
  const rest = readView(text).rest.replace(opener, '').trim();
  return changedService(rest, findPeriod(rest, now)?.span) !== undefined;
}

/**
 * The service a cost follow-up narrows to ("only EC2", "what about Lambda?"), null for "all
 * services", undefined when the follow-up names no service or says more than a service (then it
 * is a new question: "list lambda functions").
 */
function changedService(rest: string, period: [number, number] | undefined): CostService | null | undefined {
  const unperiod = period ? blank(rest, period) : rest;
  if (everyService.test(unperiod.trim())) return null;
  const services = findCostServices(unperiod);
  if (services.length === 0) return undefined;
  const remainder = services.reduce((text, { span }) => blank(text, span), unperiod);
  return serviceFiller.test(remainder.replace(/\band\b/gi, ' ')) ? costServiceOf(services) : undefined;
}

const viewLabels: Record<AnswerView, string> = { table: 'as a table', chart: 'as a chart', both: 'as a chart and a table' };

function showEverything(previous: Exclude<Plan, { family: 'help' }>): FollowUp | undefined {
  return hasRows(previous) ? { plan: { ...previous, limit: null, allRows: true }, changed: 'every row' } : undefined;
}

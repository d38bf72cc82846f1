// A follow-up changes the previous question: "what about last month?", "and in eu-west-1?",
// "only the stopped ones", "by region", "top 3", "show all". It names only what changes; the
// rest of the previous plan stands, and the answer says what changed.
import { findPeriod } from './period.js';
import { hasRows, hasViews, regionScopeLabel, withRegions, withView, type Plan, type PlanResult, type RegionScope } from './plan.js';
import { refitPeriod } from './plan-costs.js';
import { findRegions } from './regions.js';
import { parseTopN, reply } from './replies.js';
import { filterLabels, mergeFilters, readFilters } from './resource-filters.js';
import { readView, type AnswerView } from './view-words.js';

/** Words that open a follow-up rather than a new question. */
const opener = /^(?:(?:and|but|ok(?:ay)?|so|now|then|also|hmm|what about|how about|same(?: question| thing)?(?: for| in| but)?|just|only|show me|show|give me|make it|try)\b[\s,]*)+/i;
const showAll = /^(?:(?:show|list|give me|see)\s+)?(?:them\s+)?(?:all|everything|every row|all rows|all of them|the rest|more|all \d+)(?:\s+(?:of them|rows|results))?[\s?.!]*$/i;
const byService = /\b(?:by|per) service\b/i;
const byRegion = /\b(?:by|per) region\b/i;

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
    const scope: RegionScope = regions.kind === 'all' ? 'all' : regions.kind === 'group' ? { group: regions.label, codes: regions.codes } : regions.codes;
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

  if (plan.family === 'costs' && (byService.test(rest) || byRegion.test(rest))) {
    const limit = parseTopN(rest);
    plan = byService.test(rest) ? { ...plan, intent: 'cost-by-service', groupBy: 'SERVICE', limit } : { ...plan, intent: 'cost-by-region', groupBy: 'REGION', limit };
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

const viewLabels: Record<AnswerView, string> = { table: 'as a table', chart: 'as a chart', both: 'as a chart and a table' };

function showEverything(previous: Exclude<Plan, { family: 'help' }>): FollowUp | undefined {
  return hasRows(previous) ? { plan: { ...previous, limit: null, allRows: true }, changed: 'every row' } : undefined;
}

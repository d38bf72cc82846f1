import type { Period } from './period.js';
import type { AnswerView } from './view-words.js';

export type { AnswerView } from './view-words.js';

/** What a list or count keeps: every filter must hold (source/understanding/resource-filters.ts reads them). */
export interface ListFilters {
  tags: TagFilter[];
  name: NameFilter | null;
  properties: PropertyFilter[];
}

/** A tag key with a value, any value (value null), or a value under any key (key null: "tag value prod"). */
export interface TagFilter {
  key: string | null;
  value: string | null;
  /** "tagged production": the word as a key (any value) or as a value under any key; people say both. */
  orValue?: true;
}

export interface NameFilter {
  match: 'contains' | 'prefix' | 'suffix';
  value: string;
}

/**
 * A property of the type's resource model (a dotted path into it, "State.Name"), as a qualifier of
 * the question names it: "running", "python", "t3", "larger than 100 GB", "in the payments cluster".
 */
export interface PropertyFilter {
  property: string;
  /** is / prefix / contains compare text without case (on any element of a list); named also takes an ARN ending in the value; true / false read a flag that is false when absent. */
  op: 'is' | 'prefix' | 'contains' | 'named' | 'above' | 'below' | 'at-least' | 'at-most' | 'true' | 'false';
  value: string;
  /** How the answer names the filter: "running", "with runtime python*", "in cluster payments". */
  label: string;
}

/** Region codes, "all" for every enabled region, or a named group of them ("Europe", "all regions except us-east-1"): the enabled ones among `codes`. */
export type RegionScope = string[] | 'all' | RegionGroup;

export interface RegionGroup {
  group: string;
  codes: string[];
}

/** Whether answering asks more than one region (which needs cross-region consent). */
export function isMultiRegion(scope: RegionScope): boolean {
  return !Array.isArray(scope) || scope.length > 1;
}

/** "in all regions", "in Europe", "in eu-west-1, eu-west-2". */
export function regionScopeLabel(scope: RegionScope): string {
  if (scope === 'all') return 'in all regions';
  return Array.isArray(scope) ? `in ${scope.join(', ')}` : `in ${scope.group}`;
}

/**
 * The Cost Explorer metrics a question may ask for (GetCostAndUsage `Metrics`; botocore
 * ce/2017-10-25 lists them, and GetCostForecast takes the same names in SCREAMING_SNAKE_CASE).
 */
export const costMetrics = ['UnblendedCost', 'AmortizedCost', 'NetUnblendedCost', 'NetAmortizedCost', 'BlendedCost'] as const;
export type CostMetric = (typeof costMetrics)[number];

/** A billed service as the question named it ("EC2") and the Cost Explorer SERVICE values it stands for. */
export interface CostService {
  name: string;
  values: string[];
}

/** List or count resources of one type. */
export interface ResourceListPlan {
  family: 'resources';
  intent: 'list' | 'count';
  /** CloudFormation type name, e.g. AWS::Lambda::Function. */
  resourceType: string;
  /** Parent properties for types that need them (AWS::EKS::Nodegroup needs ClusterName). */
  resourceModel: Record<string, string> | null;
  regions: RegionScope;
  filters: ListFilters;
  limit: number | null;
  /** Every row, not the first `tableRows` ("show all", `qchat ask --all`, `--json`). */
  allRows?: true;
  /** Words of the question the plan does not use ("idle"), named in the answer. */
  ignored: string[];
  /** The view the question asked for ("as a chart"); otherwise the answer's shape chooses. */
  view?: AnswerView;
  /** The question named no region, so only the session's was asked: the answer offers the others. */
  defaultRegion?: true;
}

/** Read one named resource. */
export interface ResourceDescribePlan {
  family: 'resources';
  intent: 'describe';
  resourceType: string;
  resourceModel: Record<string, string> | null;
  /** The resource's Cloud Control identifier ("my-bucket", "prod|ng-1"). */
  identifier: string;
  regions: RegionScope;
}

export type ResourcePlan = ResourceListPlan | ResourceDescribePlan;

/** What every cost question shares: the period asked about, what it is filtered to, the metric. */
interface CostScope {
  period: Period;
  /** How the question named the period ("last month"). */
  periodLabel: string;
  /** The service filter, or null for every service. */
  service: CostService | null;
  regions: RegionScope;
  metric: CostMetric;
  /** The view the question asked for ("as a table"); otherwise the answer's shape chooses. */
  view?: AnswerView;
  /** Words of the question no part of the plan uses ("t3"), named in the answer; absent when every word was used. */
  ignored?: string[];
}

/** A money threshold ("services that cost more than $100"): breakdowns keep the rows past it, a total says which side it is on. */
export interface CostThreshold {
  op: 'above' | 'at-least' | 'below' | 'at-most';
  amount: number;
}

/** How a breakdown ranks its rows: most expensive first, or cheapest first ("the cheapest services"). */
interface Ranking {
  limit: number | null;
  allRows?: true;
  threshold?: CostThreshold;
  order?: 'ascending';
}

/** Spend over one period: a total, a series over time, or a breakdown by service or region. */
export type CostPlan = CostScope & { family: 'costs'; granularity: 'DAILY' | 'MONTHLY' } & (
    | { intent: 'cost-total'; threshold?: CostThreshold }
    | { intent: 'cost-trend'; /** week: the DAILY series summed into Monday-start weeks. */ bucket?: 'week' }
    | ({ intent: 'cost-by-service'; groupBy: 'SERVICE' } & Ranking)
    | ({ intent: 'cost-by-region'; groupBy: 'REGION' } & Ranking)
  );

/** Spend in two periods, service by service; `period` is the earlier one, so the change reads in date order. */
export interface ComparePlan extends CostScope {
  family: 'compare';
  intent: 'cost-compare';
  comparePeriod: Period;
  comparePeriodLabel: string;
  /** change: biggest moves either way first; growth: biggest increases first ("what grew most"). */
  order: 'change' | 'growth';
  /** How many services (or regions) to show, when the question says ("top 3 risers"). */
  limit: number | null;
  /** REGION: region by region ("which regions grew most"); absent: service by service. */
  groupBy?: 'REGION';
  allRows?: true;
}

/** Cost Explorer's forecast from today on. */
export interface ForecastPlan extends CostScope {
  family: 'forecast';
  intent: 'forecast';
  granularity: 'DAILY' | 'MONTHLY';
}

export interface HelpPlan {
  family: 'help';
  intent: 'help';
}

/** What a question asks for, decided before any AWS call (`qchat ask --explain` prints it). One shape per intent family, so no plan lacks what its family needs. */
export type Plan = ResourcePlan | CostPlan | ComparePlan | ForecastPlan | HelpPlan;
export type Intent = Plan['intent'];
/** The plans that call Cost Explorer. */
export type AnyCostPlan = CostPlan | ComparePlan | ForecastPlan;

export type PlanResult =
  /** `followUp` says what a follow-up changed in the previous plan ("last month", "in eu-west-1"). */
  | { kind: 'plan'; plan: Plan; followUp?: string }
  /** The question cannot be answered as asked; nothing is called. */
  | { kind: 'reply'; reason: ReplyReason; message: string; suggestions: string[] };

/** read-only: a request to change the account; unsupported: nothing qchat can answer as asked. */
export type ReplyReason = 'unsupported' | 'clarify' | 'out-of-range' | 'read-only';

export function isCostPlan(plan: Plan): plan is AnyCostPlan {
  return plan.family === 'costs' || plan.family === 'compare' || plan.family === 'forecast';
}

/** The same plan over other regions, as named (no longer the session's by default); help has none. */
export function withRegions<P extends Plan>(plan: P, regions: RegionScope): P {
  if (plan.family === 'help') return plan;
  const { defaultRegion: _defaulted, ...named } = plan as P & { defaultRegion?: true };
  return { ...named, regions } as P;
}

/** Plans whose answer may be drawn as a chart or a table of the same numbers. */
export type ViewPlan = ResourceListPlan | AnyCostPlan;

export function hasViews(plan: Plan): plan is ViewPlan {
  return (plan.family === 'resources' && plan.intent !== 'describe') || isCostPlan(plan);
}

/** The same plan shown as `view`; plans with one view only are unchanged. */
export function withView<P extends Plan>(plan: P, view: AnswerView | undefined): P {
  return view !== undefined && hasViews(plan) ? { ...plan, view } : plan;
}

/** Plans whose answer is a table of rows the question may cap ("top 5") or ask for all of. */
export type RowsPlan = ResourceListPlan | Extract<CostPlan, { intent: 'cost-by-service' | 'cost-by-region' }> | ComparePlan;

export function hasRows(plan: Plan): plan is RowsPlan {
  return (plan.family === 'resources' && plan.intent !== 'describe') || plan.family === 'compare' || (plan.family === 'costs' && (plan.intent === 'cost-by-service' || plan.intent === 'cost-by-region'));
}

/** The same plan with every row (`all`) and/or at most `limit` rows; plans without rows are unchanged. */
export function withRows<P extends Plan>(plan: P, rows: { all?: boolean; limit?: number }): P {
  if (!hasRows(plan)) return plan;
  return { ...plan, ...(rows.all ? { allRows: true } : {}), ...(rows.limit !== undefined ? { limit: rows.limit } : {}) };
}

/** How many rows an answer's table holds: the question's limit, else every row or the first `tableRows`. */
export function rowsCap(plan: RowsPlan, tableRows: number): number {
  return Math.min(plan.limit ?? Number.POSITIVE_INFINITY, plan.allRows ? Number.POSITIVE_INFINITY : tableRows);
}

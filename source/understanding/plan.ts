import type { Period } from './period.js';

export const intents = ['list', 'count', 'describe', 'cost-total', 'cost-by-service', 'cost-by-region', 'cost-trend', 'forecast', 'cost-compare', 'help'] as const;
export type Intent = (typeof intents)[number];

export interface ListFilters {
  tags: Array<{ key: string; value: string | null }>;
  nameContains: string | null;
  state: string | null;
}

/** What a question asks for, decided before any AWS call (`qchat ask --explain` prints it). */
export interface Plan {
  intent: Intent;
  /** CloudFormation type name, e.g. AWS::Lambda::Function. */
  resourceType: string | null;
  /** Parent properties for types that need them (AWS::EKS::Nodegroup needs ClusterName). */
  resourceModel: Record<string, string> | null;
  /** The resource to describe. */
  identifier: string | null;
  /** Region codes, or "all" for every enabled region. */
  regions: string[] | 'all';
  period: Period | null;
  /** The second period of a comparison. */
  comparePeriod: Period | null;
  periodLabel: string | null;
  comparePeriodLabel: string | null;
  /** Cost Explorer SERVICE dimension values to filter on. */
  service: string[] | null;
  /** The name the question used for the service, e.g. "EC2". */
  serviceName: string | null;
  groupBy: 'SERVICE' | 'REGION' | null;
  granularity: 'DAILY' | 'MONTHLY' | null;
  limit: number | null;
  filters: ListFilters;
}

export type PlanResult =
  | { kind: 'plan'; plan: Plan }
  /** The question cannot be answered as asked; nothing is called. */
  | { kind: 'reply'; reason: 'unsupported' | 'clarify' | 'out-of-range'; message: string; suggestions: string[] };

export function isCostIntent(intent: Intent): boolean {
  return intent.startsWith('cost') || intent === 'forecast';
}

export function isResourceIntent(intent: Intent): boolean {
  return intent === 'list' || intent === 'count' || intent === 'describe';
}

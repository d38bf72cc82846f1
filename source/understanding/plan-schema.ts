// A plan read back from history (a restored conversation's last plan, which its first follow-up
// changes) is checked against the plan's shape before it is used: the file may be an older qchat's
// or damaged, and a plan is what decides which AWS calls are made. The schema is typed as Plan, so
// it cannot drift from plan.ts without the type check failing.
import { z } from 'zod';
import { costMetrics, type ComparePlan, type CostPlan, type ForecastPlan, type HelpPlan, type Plan, type ResourceDescribePlan, type ResourceListPlan } from './plan.js';
import { resourceTypeInfo } from './resource-catalog.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const period = z.object({ start: isoDay, end: isoDay }).refine((p) => p.start < p.end, 'must start before it ends');
const regions = z.union([z.literal('all'), z.array(z.string().min(1)).min(1), z.object({ group: z.string(), codes: z.array(z.string()) })]);
const view = z.enum(['table', 'chart', 'both']).optional();
const limit = z.number().int().positive().nullable();
const allRows = z.literal(true).optional();
const resourceType = z.string().refine((type) => resourceTypeInfo(type) !== undefined, 'is not a resource type qchat knows');
const resourceModel = z.record(z.string(), z.string()).nullable();

const filters = z.object({
  tags: z.array(z.object({ key: z.string().nullable(), value: z.string().nullable(), orValue: z.literal(true).optional() })),
  name: z.object({ match: z.enum(['contains', 'prefix', 'suffix']), value: z.string() }).nullable(),
  properties: z.array(
    z.object({
      property: z.string(),
      op: z.enum(['is', 'prefix', 'contains', 'named', 'above', 'below', 'at-least', 'at-most', 'true', 'false']),
      value: z.string(),
      label: z.string(),
    }),
  ),
});

const listPlan: z.ZodType<ResourceListPlan> = z.object({
  family: z.literal('resources'),
  intent: z.enum(['list', 'count']),
  resourceType,
  resourceModel,
  regions,
  filters,
  limit,
  allRows,
  ignored: z.array(z.string()),
  view,
  defaultRegion: z.literal(true).optional(),
});

const describePlan: z.ZodType<ResourceDescribePlan> = z.object({ family: z.literal('resources'), intent: z.literal('describe'), resourceType, resourceModel, identifier: z.string().min(1), regions });

const costScope = {
  period,
  periodLabel: z.string(),
  service: z.object({ name: z.string(), values: z.array(z.string()).min(1) }).nullable(),
  regions,
  metric: z.enum(costMetrics),
  view,
  ignored: z.array(z.string()).optional(),
};
const threshold = z.object({ op: z.enum(['above', 'at-least', 'below', 'at-most']), amount: z.number().nonnegative() }).optional();
const ranking = { limit, allRows, threshold, order: z.literal('ascending').optional() };
const granularity = z.enum(['DAILY', 'MONTHLY']);

const costs = { ...costScope, family: z.literal('costs'), granularity };
const costPlans: Record<CostPlan['intent'], z.ZodType<CostPlan>> = {
  'cost-total': z.object({ ...costs, intent: z.literal('cost-total'), threshold }),
  'cost-trend': z.object({ ...costs, intent: z.literal('cost-trend'), bucket: z.literal('week').optional() }),
  'cost-by-service': z.object({ ...costs, intent: z.literal('cost-by-service'), groupBy: z.literal('SERVICE'), ...ranking }),
  'cost-by-region': z.object({ ...costs, intent: z.literal('cost-by-region'), groupBy: z.literal('REGION'), ...ranking }),
};

const comparePlan: z.ZodType<ComparePlan> = z.object({
  ...costScope,
  family: z.literal('compare'),
  intent: z.literal('cost-compare'),
  comparePeriod: period,
  comparePeriodLabel: z.string(),
  order: z.enum(['change', 'growth']),
  limit,
  groupBy: z.literal('REGION').optional(),
  allRows,
});

const forecastPlan: z.ZodType<ForecastPlan> = z.object({ ...costScope, family: z.literal('forecast'), intent: z.literal('forecast'), granularity });
const helpPlan: z.ZodType<HelpPlan> = z.object({ family: z.literal('help'), intent: z.literal('help') });

/** The schema of the plan's own family and intent, so a problem is named in that plan's terms. */
function schemaFor(value: Record<string, unknown>): z.ZodType<Plan> | undefined {
  const { family, intent } = value;
  if (family === 'resources') return intent === 'describe' ? describePlan : listPlan;
  if (family === 'costs') return typeof intent === 'string' && Object.hasOwn(costPlans, intent) ? costPlans[intent as CostPlan['intent']] : undefined;
  return ({ compare: comparePlan, forecast: forecastPlan, help: helpPlan } as Record<string, z.ZodType<Plan>>)[String(family)];
}

/** A stored plan as a Plan, or what is wrong with it ("a costs plan whose period.start must be a date"), for a notice. */
export function readStoredPlan(value: unknown): { ok: true; plan: Plan } | { ok: false; problem: string } {
  const schema = value && typeof value === 'object' ? schemaFor(value as Record<string, unknown>) : undefined;
  if (!schema) return { ok: false, problem: 'it is not a plan of a kind qchat knows' };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `its ${issue.path.join('.') || 'shape'} ${issue.message.replace(/^Invalid input: /, '')}` };
}

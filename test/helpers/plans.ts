// Reading plans in the planner's tests: every table runs with now = 2026-11-22T10:00:00Z (a Sunday)
// in us-east-1, and a question must give a plan (or a reply) or the row fails with what it gave.
import type { Plan, PlanResult } from '../../source/understanding/plan.js';
import { planQuestion } from '../../source/understanding/planner.js';

export const plannerContext = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
export type Reply = Extract<PlanResult, { kind: 'reply' }>;

/** A plan read field by field, whatever its family; toMatchObject checks the family's shape. */
export type PlanFields = Plan & Record<string, any>;

/** The plan of `question` (a follow-up of `previous` when given). */
export function plan(question: string, previous?: Plan): PlanFields {
  const result = planQuestion(question, { ...plannerContext, previous });
  if (result.kind !== 'plan') throw new Error(`"${question}" gave a ${result.reason} reply: ${result.message}`);
  return result.plan;
}

export function replyTo(question: string): Reply {
  const result = planQuestion(question, plannerContext);
  if (result.kind !== 'reply') throw new Error(`"${question}" gave a ${result.plan.intent} plan, not a reply`);
  return result;
}

export const period = (start: string, end: string) => ({ start, end });

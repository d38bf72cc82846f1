import { planningRegion } from '../aws/target.js';
import type { RunContext } from '../config/run-context.js';
import type { PlanResult } from '../understanding/plan.js';
import { planQuestion } from '../understanding/planner.js';

/**
 * `ask --explain`: the plan a session would make for `question`, with the same planner, clock and
 * region choice, and no AWS call (so no sandbox is started and no credential is read).
 */
export async function explainQuestion(context: RunContext, question: string): Promise<PlanResult> {
  return planQuestion(question, { now: context.clock(), region: await planningRegion(context.settings, context.env) });
}

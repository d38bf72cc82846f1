import { answerView, emptyAnswer, type Answer } from './answer.js';
import { answerCosts } from './execute-costs.js';
import { answerResources } from './execute-resources.js';
import type { ExecutionContext } from './execution-context.js';
import { isCostPlan, type Plan } from '../understanding/plan.js';
import { examplePhrasings } from '../understanding/replies.js';

/** Runs a plan against AWS and returns the structured answer. Partial failure is an answer. */
export async function executePlan(plan: Plan, context: ExecutionContext): Promise<Answer> {
  if (plan.family === 'help') return helpAnswer();
  const answer = isCostPlan(plan) ? await answerCosts(plan, context) : await answerResources(plan, context);
  const ignored = ignoredWarning(plan);
  if (ignored) answer.warnings.push(ignored);
  const view = answerView(answer, plan.family === 'resources' && plan.intent === 'describe' ? undefined : plan.view);
  if (view) answer.view = view;
  return answer;
}

/** 'Ignored: "t3" — …': the words of the question the plan does not use, and what the answer covers instead. */
function ignoredWarning(plan: Plan): string | undefined {
  const words = plan.family === 'resources' && plan.intent !== 'describe' ? plan.ignored : isCostPlan(plan) ? (plan.ignored ?? []) : [];
  if (words.length === 0) return undefined;
  const covers = isCostPlan(plan) ? `cost figures cannot be narrowed by that, so they cover ${plan.service ? `all of ${plan.service.values.join(' and ')}` : 'every service'}` : 'qchat cannot filter, sort or group a listing by that, so the answer covers them all, in the order AWS listed them';
  return `Ignored: ${words.map((word) => `"${word}"`).join(', ')} — ${covers}.`;
}

export function helpAnswer(): Answer {
  const answer = emptyAnswer('Ask about your AWS resources (through Cloud Control) and costs (through Cost Explorer) in plain English, for example:');
  answer.table = { columns: ['Try'], rows: examplePhrasings.map((phrasing) => [phrasing]) };
  return answer;
}

import type { PlanResult } from './plan.js';

export const helpPlan: PlanResult = { kind: 'plan', plan: { family: 'help', intent: 'help' } };

export type Reply = Extract<PlanResult, { kind: 'reply' }>;

export const examplePhrasings = [
  'how many lambda functions do I have in all regions',
  'list running ec2 instances in Frankfurt',
  'show s3 buckets tagged env=prod',
  'describe bucket my-bucket-123456',
  'node groups in cluster prod',
  'what did I spend last month',
  'what did I spend on EC2 last month',
  'top 5 services by cost this month',
  'cost by region last month',
  'daily cost trend for the last 30 days',
  'forecast for the rest of this month',
  'this month vs last month',
];

export function reply(reason: Reply['reason'], message: string, suggestions: string[]): Reply {
  return { kind: 'reply', reason, message, suggestions };
}

/** The supported phrasings closest to a question, by shared words. */
export function closestPhrasings(question: string, count = 3): string[] {
  const words = new Set(question.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  return examplePhrasings
    .map((phrasing, index) => {
      const shared = (phrasing.match(/[a-z0-9]+/g) ?? []).filter((word) => words.has(word)).length;
      return { phrasing, score: shared - index / 100 };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((entry) => entry.phrasing);
}

export function didYouMean(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const numberWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20 };
const topN = /\b(?:top|first|biggest|largest)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\b(?! (?:days?|weeks?|months?|quarters?|years?)\b)|\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) (?:most expensive|priciest|costliest|highest[- ]cost(?:ing)?|cheapest|least expensive|least costly|lowest[- ]cost(?:ing)?)\b/i;

/** "top 5", "first ten", "the 3 most expensive": how many rows to keep. */
export function parseTopN(text: string): number | null {
  const found = topN.exec(text);
  const count = found?.[1] ?? found?.[2];
  if (count === undefined) return null;
  const limit = numberWords[count.toLowerCase()] ?? Number(count);
  return limit > 0 ? limit : null;
}

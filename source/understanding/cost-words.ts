// Every word of a cost question accounted for: after the period, the services, the regions, the
// metric and the threshold are taken out, what is left must be words of asking about cost ("what
// did I spend", "by service", "compare"). Anything else ("t3", "prod", "bedrock" when Cost
// Explorer's names do not include it) is named in the answer as ignored, so a qualifier qchat
// cannot apply never narrows the figures silently.
import { findCostServices } from './cost-services.js';
import { findPeriod } from './period.js';
import type { CostThreshold } from './plan.js';
import { exclusion, findArea } from './region-groups.js';
import { findRegions } from './regions.js';
import { findResourceInQuestion, questionWords } from './resource-catalog.js';

/** Words of asking about spend, ranking and comparing; with the resource catalog's question words. */
const costVocabulary = new Set(
  `
  spend spent spending spends cost costs costing costed bill bills billing billed charge charges charged pay paid paying
  expensive expense expenses cheapest cheap cheaper priciest pricey costliest costly forecast forecasts forecasted projected
  projection projections predict predicted prediction predictions invoice invoices money dollars dollar usd amount amounts
  aws account accounts total totals overall altogether sum so far until till up now currently current expected going will
  would should end ending likely estimate estimated estimates breakdown break down split grouped group broken service
  services region regions top most least highest lowest biggest largest smallest high low big large much many more less
  than over under above below compare compared comparing comparison versus vs against grew grow grown growing growth
  increase increased increases increasing decrease decreased decreasing rose risen rise rising jumped jump jumps risers
  growers went gone fastest change changed changes changing trend trends daily day days per each weekly week weeks monthly
  months month quarterly quarter quarters yearly year years annual history historical evolution time timeline by spend
  where go goes going money did does do doing was were is are be been has have had get got give show tell me us we i my
  our the a an of on in for to from with at and or vs also just only please can could you what which how who whose that
  this these those it its their there here then than as so into out all any every total been being am ok okay hey hi
  know see want need like let lets let's am using used use spent incurred incur accrued across between since during
  within through last past previous prior next coming following rest remaining remainder same before after ago earlier
  later first second third fourth half halves full whole entire partial today yesterday tomorrow date dates period
  periods range so-far to-date mtd ytd qtd unblended blended amortized amortised amortization net cost-wise overview
  summary report details detail figure figures number numbers value values look looking check view list top-level
  one two three four five six seven eight nine ten eleven twelve fifteen twenty
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** A money threshold, "more than $100", "over 1,000 dollars", "under $5": the amount and its side. */
export const thresholdWords =
  /\b(?<side>more than|greater than|higher than|over|above|exceeding|at least|less than|lower than|under|below|at most)\s+(?:\$\s?(?<dollars>\d[\d,]*(?:\.\d+)?)\s*(?<k1>k\b)?|(?<amount>\d[\d,]*(?:\.\d+)?)\s*(?<k2>k\b)?\s*(?:dollars|usd)\b)/i;

export function findThreshold(text: string): (CostThreshold & { span: [number, number] }) | undefined {
  const match = thresholdWords.exec(text);
  const groups = match?.groups;
  if (!match || !groups) return undefined;
  const side = groups.side!.toLowerCase();
  const digits = (groups.dollars ?? groups.amount)!.replace(/,/g, '');
  const amount = Number(digits) * (groups.k1 || groups.k2 ? 1000 : 1);
  const op = side === 'at least' ? 'at-least' : side === 'at most' ? 'at-most' : /less|lower|under|below/.test(side) ? 'below' : 'above';
  return { op, amount, span: [match.index, match.index + match[0].length] };
}

/** The text with a span of it turned to spaces, so the other spans keep their places. */
export const blank = (text: string, [from, to]: [number, number]) => text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);

/**
 * The words of a cost question that nothing read: the period, services, regions and `used`
 * patterns (the metric, the planner's ranking words, an applied threshold) are blanked first.
 */
export function unusedCostWords(text: string, now: Date, used: RegExp[] = []): string[] {
  let rest = text;
  // Read before anything is blanked: "except" looks ahead to the region it leaves out.
  const excluded = [...text.matchAll(new RegExp(exclusion.source, 'gi'))].map((m): [number, number] => [m.index, m.index + m[0].length]);
  for (let found = findPeriod(rest, now), guard = 0; found && guard < 4; found = findPeriod(rest, now), guard++) rest = blank(rest, found.span);
  for (const service of findCostServices(rest)) rest = blank(rest, service.span);
  // A resource noun ("instances", "lambda functions") stands for its service's spend; its other words ("spot", "t3") do not.
  for (let found = findResourceInQuestion(rest), guard = 0; found.kind === 'match' && guard < 4; found = findResourceInQuestion(rest), guard++) rest = blank(rest, found.span);
  const regions = findRegions(rest);
  if (regions.kind === 'named') for (const span of regions.spans) rest = blank(rest, span);
  if (regions.kind === 'all') rest = blank(rest, regions.span);
  let areas = 0;
  for (let area = findArea(rest); area && areas < 4; area = findArea(rest), areas++) rest = blank(rest, area.span);
  if (regions.kind !== 'none' || areas > 0) for (const span of excluded) rest = blank(rest, span);
  for (const pattern of used) rest = rest.replace(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`), (m) => ' '.repeat(m.length));
  // A possessive left behind by a blanked period or service ("yesterday's cost", "EC2's spend") is no word.
  rest = rest.replace(/(?<=\s)['’]s\b/gi, '  ');
  // Numbers are counts and amounts the patterns read ("top 5", "8 weeks"); a long one (an account ID) is not.
  const words = rest.match(/[a-z][a-z0-9'.-]*[a-z0-9]|[a-z]|\d{6,}/gi) ?? [];
  const unused = words.filter((word) => {
    const lower = word.toLowerCase().replace(/'s$/, '');
    return !costVocabulary.has(lower) && !questionWords.has(lower);
  });
  return [...new Set(unused)];
}

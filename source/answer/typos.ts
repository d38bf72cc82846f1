/**
 * Corrects misspelt question words (not resource names: the catalog has its own tolerance) so
 * "hwo mnay lambdas" and "waht did i spned" still plan. Damerau-Levenshtein distance 1 for words
 * of 4+ letters against a small vocabulary of the words the planner looks for.
 */
const vocabulary = [
  'how', 'many', 'count', 'number', 'list', 'show', 'describe', 'details', 'spend', 'spent', 'spending', 'cost', 'costs',
  'bill', 'billing', 'charges', 'forecast', 'projected', 'predict', 'trend', 'compare', 'compared', 'versus', 'service',
  'services', 'region', 'regions', 'daily', 'monthly', 'running', 'stopped', 'tagged', 'named', 'everywhere', 'every',
  'across', 'total', 'expensive', 'breakdown', 'month', 'months', 'week', 'weeks', 'year', 'days', 'yesterday', 'today',
  'last', 'this', 'what', 'which', 'since', 'between', 'quarter', 'help',
];
const vocabularySet = new Set(vocabulary);
/** Real words one edit away from a vocabulary word that must stay as they are. */
const keep = new Set(['most', 'host', 'lost', 'post', 'past', 'fast', 'list', 'lust', 'mist', 'cast', 'coat', 'many', 'mine', 'shown', 'dally', 'shot', 'slow', 'snow', 'that', 'then', 'them', 'thus', 'hist', 'year', 'wear', 'dear', 'near', 'hear', 'tear', 'week', 'seek', 'geek', 'spent', 'sense', 'costa', 'bills', 'tags', 'name', 'names', 'every', 'weak', 'moth', 'mouth', 'call', 'calls', 'costly', 'regional', 'totals', 'servers', 'service', 'stopper', 'count', 'counts']);

export function fixTypos(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    const lower = word.toLowerCase();
    if (lower.length < 3 || vocabularySet.has(lower) || keep.has(lower)) return word;
    if (lower.length < 4 && !['hwo', 'waht', 'teh'].includes(lower)) return word;
    const match = vocabulary.find((candidate) => Math.abs(candidate.length - lower.length) <= 1 && withinOneEdit(lower, candidate));
    return match ?? word;
  });
}

/** True when a and b differ by one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0]! + 1 && a[diffs[0]!] === b[diffs[1]!] && a[diffs[1]!] === b[diffs[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

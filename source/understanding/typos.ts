/**
 * Corrects misspelt question words (not resource names: the catalog has its own tolerance) so
 * "hwo mnay lambdas" and "waht did i spned" still plan. Damerau-Levenshtein distance 1 for words
 * of 4+ letters against a small vocabulary of the words the planner looks for, plus a few common
 * three-letter slips ("hwo", "lst"). Words inside names ("my-lost-bucket", "env=prod") are left alone.
 */
const vocabulary = [
  'how', 'many', 'count', 'number', 'list', 'show', 'describe', 'details', 'spend', 'spent', 'spending', 'cost', 'costs',
  'bill', 'billing', 'charges', 'forecast', 'projected', 'predict', 'trend', 'compare', 'compared', 'versus', 'service',
  'services', 'region', 'regions', 'daily', 'monthly', 'running', 'stopped', 'tagged', 'named', 'everywhere', 'every',
  'across', 'total', 'expensive', 'breakdown', 'month', 'months', 'week', 'weeks', 'year', 'days', 'yesterday', 'today',
  'last', 'this', 'what', 'which', 'since', 'between', 'quarter', 'help', 'globally', 'previous', 'much',
  'january', 'february', 'april', 'august', 'september', 'october', 'november', 'december',
];
const vocabularySet = new Set(vocabulary);
/** Real words one edit away from a vocabulary word that must stay as they are. */
const keep = new Set([
  'most', 'host', 'hosts', 'lost', 'post', 'posts', 'past', 'fast', 'vast', 'east', 'least', 'list', 'lust', 'mist', 'cast', 'casts', 'coat',
  'coats', 'many', 'mine', 'shown', 'dally', 'shot', 'slow', 'snow', 'that', 'then', 'them', 'thus', 'hist', 'chat', 'year', 'yeah', 'wear',
  'dear', 'near', 'hear', 'tear', 'gear', 'fear', 'bear', 'rear', 'week', 'seek', 'geek', 'weak', 'ways', 'says', 'spent', 'speed', 'sense',
  'costa', 'bills', 'will', 'till', 'fill', 'kill', 'mill', 'hill', 'ball', 'bell', 'bull', 'held', 'tags', 'name', 'names', 'ever', 'very',
  'every', 'cross', 'mouth', 'such', 'mach', 'touch', 'call', 'calls', 'costly', 'regional', 'totals', 'servers', 'stopper', 'counts',
]);

/** A word standing on its own: not part of a name such as "my-lost-bucket", "env=prod" or "v2.daily". */
const standaloneWord = /(?<![\w./:=@-])[A-Za-z]+(?![\w/:=@-]|\.\w)/g;
/** Three-letter slips common enough to correct; other short words are left alone. */
const shortTypos = new Map([['hwo', 'how'], ['hw', 'how'], ['teh', 'the'], ['cot', 'cost'], ['lst', 'last'], ['hte', 'the']]);

export function fixTypos(text: string): string {
  return text.replace(standaloneWord, (word) => {
    const lower = word.toLowerCase();
    if (vocabularySet.has(lower) || keep.has(lower)) return word;
    if (lower.length < 4) return shortTypos.get(lower) ?? word;
    return vocabulary.find((candidate) => Math.abs(candidate.length - lower.length) <= 1 && withinOneEdit(lower, candidate)) ?? word;
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

// Shared by every benchmark: each result is one JSON line on stdout prefixed with BENCH, which
// run-all.mjs gathers into one table. Progress goes to stderr.
export function report(figure, value, target, holds) {
  console.log(`BENCH ${JSON.stringify({ figure, value, target, holds })}`);
}

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const format = (n, digits = 2) => Number(n).toFixed(digits);

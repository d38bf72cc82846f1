/** Money as people read it: "$1,234.56" for USD, "1,234.56 EUR" otherwise. */
export function formatMoney(amount: number, unit: string): string {
  const digits = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return unit === 'USD' ? `${amount < 0 ? '-' : ''}$${digits.replace('-', '')}` : `${digits} ${unit}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction !== 0 && Math.abs(fraction) < 0.1 ? 1 : 0)}%`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** "2026-10-01 to 2026-10-31" from an end-exclusive period. */
export function describePeriod(period: { start: string; end: string }): string {
  const last = new Date(Date.parse(period.end) - 86_400_000).toISOString().slice(0, 10);
  return last === period.start ? period.start : `${period.start} to ${last}`;
}

/** A trend point's label as a sentence says it: "in October 2026" for a month ("2026-10"), else as periodPhrase does. */
export function pointPhrase(label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (!month) return periodPhrase(label);
  const name = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return `in ${name} ${month[1]}`;
}

/**
 * A period's label as it reads after "you spent $X": "in March 2026", "in Q3 2026", "over the last
 * 7 days", "over the last 3 full weeks", "on 2026-10-05", "from 2026-10-01 to 2026-10-15"; labels
 * that read on their own stay as they are ("last month", "this week so far", "year to date",
 * "yesterday", "since 2026-11-01").
 */
export function periodPhrase(label: string): string {
  if (/^(?:the )?(?:last|past) \d/i.test(label)) return `over ${label.replace(/^(?:the )?(?:last|past) /i, 'the last ')}`;
  if (/^the same days\b/i.test(label)) return `over ${label}`;
  if (/^(?:last|this|next|since|yesterday|today|tomorrow|the month before last)\b|\b(?:to date|so far)$/i.test(label)) return label;
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return `on ${label}`;
  if (/^\d{4}-\d{2}-\d{2} to /.test(label)) return `from ${label}`;
  if (/^the (?:start|beginning) of\b/i.test(label)) return `at ${label}`;
  return `in ${label}`;
}

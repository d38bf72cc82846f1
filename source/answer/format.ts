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

/** UTC calendar arithmetic for periods: days, Monday-start weeks, months, quarters, years. */
export const dayMs = 86_400_000;
export const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A UTC midnight; months and days past their range roll over. Years 0-99 stay themselves (Date.UTC would read them as 1900-1999). */
export function utc(year: number, month: number, date = 1): Date {
  const result = new Date(Date.UTC(year, month, date));
  if (year >= 0 && year < 100) result.setUTCFullYear(result.getUTCFullYear() - 1900);
  return result;
}
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * dayMs);
export const monthStart = (date: Date, offset = 0): Date => utc(date.getUTCFullYear(), date.getUTCMonth() + offset);
export const quarterStart = (date: Date, offset = 0): Date => utc(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3 + offset * 3);
export const yearStart = (date: Date, offset = 0): Date => utc(date.getUTCFullYear() + offset, 0);
/** Monday of the week, offset by whole weeks. */
export const weekStart = (date: Date, offset = 0): Date => addDays(date, -((date.getUTCDay() + 6) % 7) + offset * 7);

/** The same day of the month `months` later, or the month's last day when it is shorter. */
export function addMonths(date: Date, months: number): Date {
  const target = utc(date.getUTCFullYear(), date.getUTCMonth() + months);
  const lastDay = utc(target.getUTCFullYear(), target.getUTCMonth() + 1, 0).getUTCDate();
  return utc(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDay));
}

import { quoteValue } from './json-text.js';

/**
 * The one source of "now". `QCHAT_NOW` (ISO 8601) pins it so relative dates, monthly limits and
 * expiry are reproducible in scripts and tests.
 */
export type Clock = () => Date;

export class InvalidClockError extends Error {}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.QCHAT_NOW?.trim();
  if (!pinned) return () => new Date();
  const at = Date.parse(pinned);
  if (Number.isNaN(at) || !isCalendarDate(pinned.slice(0, 10))) {
    throw new InvalidClockError(`QCHAT_NOW must be an ISO 8601 date or date-time (e.g. 2026-11-22T10:00:00Z), got ${quoteValue(pinned)}`);
  }
  if (at < saneRange.from || at >= saneRange.to) {
    // A year-999 month would lock the user out until then; a year-2999 one would expire everything.
    throw new InvalidClockError(`QCHAT_NOW must be between 2000 and 2100 (a pinned clock for tests and scripts), got ${quoteValue(pinned)}`);
  }
  return () => new Date(at);
}

/** The years a pinned clock may name: limits, expiry and retention all trust it. */
const saneRange = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) };

/** "2026-02-28", not "2026-02-30" (which Date.parse quietly reads as March 2). */
export function isCalendarDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

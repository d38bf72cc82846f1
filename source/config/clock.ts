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
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(pinned)) {
    throw new InvalidClockError(`QCHAT_NOW must be an ISO 8601 date or date-time (e.g. 2026-11-22T10:00:00Z), got "${pinned}"`);
  }
  return () => new Date(at);
}

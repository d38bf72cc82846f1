import { expect } from 'vitest';
import type { CliResult } from '../../helpers/cli.js';

/** A stack frame line as Node prints them: "\n    at fn (file:1:2)". */
const stackFrame = /\n\s+at /;
/** What text output may never carry: C0 controls but newline, DEL, C1 controls (ESC, BEL, CSI, OSC … among them). */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

export interface Outcome {
  /** Exit codes the case allows. */
  codes: number[];
  /** --json output: stdout must parse; controls are then JSON escapes, not raw bytes. */
  json?: boolean;
}

/**
 * What every hostile case must show whatever it feeds qchat: an allowed exit code, no stack trace
 * anywhere, no raw control bytes in text output, and a failure that says something short and
 * readable (one paragraph: no blank line, at most a few lines) on stderr or as the JSON error.
 */
export function expectClean(result: CliResult, outcome: Outcome): void {
  const shown = `exit ${result.code}\n--- stdout\n${result.stdout.slice(0, 600)}\n--- stderr\n${result.stderr.slice(0, 600)}`;
  expect(outcome.codes, shown).toContain(result.code);
  expect(stackFrame.test(result.stdout) || stackFrame.test(result.stderr), `stack trace in output\n${shown}`).toBe(false);
  expect(result.stderr, `unexpected error\n${shown}`).not.toContain('unexpected error');
  expect(rawControl.exec(result.stderr)?.[0], `raw control byte on stderr\n${shown}`).toBeUndefined();
  if (outcome.json) {
    expect(() => JSON.parse(result.stdout), shown).not.toThrow();
  } else {
    expect(rawControl.exec(result.stdout)?.[0], `raw control byte on stdout\n${shown}`).toBeUndefined();
  }
  if (outcome.json || result.code === 0) return;
  if (result.code === 6 && result.stdout) {
    // The answer is the message: it names what failed where.
    expect(result.stdout, shown).toContain('Failed:');
    return;
  }
  const message = result.stderr
    .split('\n')
    .filter((line) => !line.startsWith('qchat: warning:'))
    .join('\n')
    .trim();
  expect(message.length, `no message for exit ${result.code}\n${shown}`).toBeGreaterThan(0);
  expect(message, `not one paragraph\n${shown}`).not.toMatch(/\n\s*\n/);
  expect(message.split('\n').length, `message too long\n${shown}`).toBeLessThanOrEqual(3);
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeOf, QchatError } from '../source/errors.js';
import { loadTierPolicy, type TierPolicy } from '../source/tiers/policy.js';

const dir = mkdtempSync(join(tmpdir(), 'qchat-tiers-policy-'));
let n = 0;
function policyFile(content: unknown): string {
  const file = join(dir, `tiers-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const shipped = (): TierPolicy => loadTierPolicy();

function loadError(file: string): QchatError {
  try {
    loadTierPolicy(file);
  } catch (error) {
    expect(error).toBeInstanceOf(QchatError);
    return error as QchatError;
  }
  throw new Error('expected loadTierPolicy to throw');
}

describe('tier policy', () => {
  it('ships the defaults from DESIGN.md', () => {
    const policy = shipped();
    expect(policy.free.limits).toEqual({ requestsPerMonth: 50, requestsPerMinute: 5 });
    expect(policy.pro.limits).toEqual({ requestsPerMonth: 1000, requestsPerMinute: 30 });
    expect(policy.free.features).toEqual({
      diagnose: true,
      history: false,
      resourceQuestions: false,
      costQuestions: false,
      crossRegion: false,
    });
    expect(Object.values(policy.pro.features).every(Boolean)).toBe(true);
  });

  it('loads a complete override file instead of the shipped one', () => {
    const custom = shipped();
    custom.free.limits.requestsPerMonth = 7;
    custom.pro.features.crossRegion = false;
    expect(loadTierPolicy(policyFile(custom))).toEqual(custom);
  });

  it.each<[string, (p: Record<string, any>) => unknown, string]>([
    ['a negative limit', (p) => ((p.free.limits.requestsPerMonth = -1), p), 'free.limits.requestsPerMonth: must be 0 or more (got -1)'],
    ['a per-minute limit of 0', (p) => ((p.pro.limits.requestsPerMinute = 0), p), 'pro.limits.requestsPerMinute: must be 1 or more (got 0)'],
    ['a fractional limit', (p) => ((p.pro.limits.requestsPerMonth = 2.5), p), 'pro.limits.requestsPerMonth: must be a whole number (got 2.5)'],
    ['a limit as a string', (p) => ((p.free.limits.requestsPerMinute = '5'), p), 'free.limits.requestsPerMinute: must be a number (got "5")'],
    ['a missing feature', (p) => (delete p.pro.features.history, p), 'pro.features.history: is missing'],
    ['a feature that is not a boolean', (p) => ((p.free.features.diagnose = 'yes'), p), 'free.features.diagnose: must be true or false (got "yes")'],
    ['an unknown key', (p) => ((p.free.limits.requestPerMonth = 5), p), 'free.limits.requestPerMonth: is not a known key'],
    ['a missing tier', (p) => (delete p.pro, p), 'pro: is missing'],
    ['an array at the top level', () => [], '(top level): must be an object (got [])'],
  ])('rejects %s, naming the file and the key', (_, breakIt, problem) => {
    const file = policyFile(breakIt(structuredClone(shipped())));
    const error = loadError(file);
    expect(error.message).toBe(`Bad tiers file ${file}: ${problem}`);
    expect(error.code).toBe('BAD_TIERS_FILE');
    expect(exitCodeOf(error)).toBe(ExitCode.usage);
  });

  it('rejects a file that is not JSON', () => {
    const file = policyFile('{ "free": ');
    const error = loadError(file);
    expect(error.message).toMatch(new RegExp(`^Bad tiers file ${file}: is not valid JSON \\(.+\\)$`));
    expect(error.code).toBe('BAD_TIERS_FILE');
  });

  it('rejects a file that cannot be read', () => {
    const file = join(dir, 'no-such-tiers.json');
    expect(loadError(file).message).toBe(`Bad tiers file ${file}: cannot be read (ENOENT)`);
  });

  it('lists every problem in one message', () => {
    const broken = structuredClone(shipped());
    broken.free.limits.requestsPerMonth = -5;
    broken.pro.limits.requestsPerMinute = -1;
    const file = policyFile(broken);
    expect(loadError(file).message).toBe(
      `Bad tiers file ${file}: free.limits.requestsPerMonth: must be 0 or more (got -5); pro.limits.requestsPerMinute: must be 1 or more (got -1)`,
    );
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { tiersCases, type TiersCase } from './corpus/tiers.js';
import { expectClean } from './helpers/expect-clean.js';
import { runHostile } from './helpers/run.js';

const sandbox = useSandbox();

function tiersFile(content: TiersCase['content']): string {
  if (typeof content === 'object' && 'path' in content) return content.path;
  const file = join(tempHome(), 'tiers.json');
  if (typeof content === 'object' && 'directory' in content) mkdirSync(file);
  else writeFileSync(file, content);
  return file;
}

describe('broken tiers files (QCHAT_TIERS_FILE on the sandbox)', () => {
  for (const c of tiersCases) {
    it(c.name, async () => {
      const file = tiersFile(c.content);
      const before = typeof c.content === 'string' || Buffer.isBuffer(c.content) ? readFileSync(file) : undefined;
      const result = await runHostile(['ask', 'how many lambda functions in us-east-1', '--endpoint-url', sandbox.current.url, '--sandbox-user', 'alice'], { QCHAT_TIERS_FILE: file });
      expectClean(result, { codes: [2] });
      expect(result.stderr).toContain(`qchat: Bad tiers file ${file}: `);
      expect(result.stderr).toMatch(c.says);
      if (before) expect(readFileSync(file).equals(before)).toBe(true);
    });
  }

  it('whoami stops on a broken tiers file too', async () => {
    const result = await runHostile(['whoami', '--endpoint-url', sandbox.current.url, '--sandbox-user', 'alice'], { QCHAT_TIERS_FILE: tiersFile('[]') });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/Bad tiers file .*: \(top level\): must be an object/);
  });
});

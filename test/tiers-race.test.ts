import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { loadTierPolicy } from '../source/tiers/policy.js';
import { usageFilePath } from '../source/tiers/usage-file.js';

const processes = 8;
const attemptsEach = 10;
const dir = mkdtempSync(join(tmpdir(), 'qchat-tiers-race-'));
const childScript = join(dir, 'tiers-consume-child.mjs');

// `node --import tsx` runs the fixture too, but spends over a second of CPU per process starting
// up; bundled once, 8 plain node processes start in a fraction of that.
beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/tiers-consume-child.ts', import.meta.url))],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Bundled CommonJS dependencies (proper-lockfile) still call require() for Node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});

/** Collects a child's stdout; the returned function resolves once it has printed `marker`. */
function watch(proc: ChildProcessWithoutNullStreams) {
  let out = '';
  proc.stdout.on('data', (chunk) => (out += String(chunk)));
  const exited = once(proc, 'exit');
  return async (marker: string): Promise<string> => {
    while (!out.includes(marker)) {
      const ended = await Promise.race([once(proc.stdout, 'data').then(() => false), exited.then(() => true)]);
      if (ended && !out.includes(marker)) throw new Error(`child exited before printing "${marker}": ${out}`);
    }
    return out;
  };
}

it('never lets concurrent processes of one user exceed the monthly quota together', async () => {
  const policy = loadTierPolicy();
  policy.free.limits = { requestsPerMonth: 50, requestsPerMinute: 100_000 };
  const tiersFile = join(dir, 'tiers.json');
  writeFileSync(tiersFile, JSON.stringify(policy));
  const dataDir = join(dir, 'data');
  const userId = 'd-9067642ac7.race-user';

  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, [childScript, dataDir, tiersFile, userId, String(attemptsEach)], { stdio: 'pipe' }),
  );
  const stderr = children.map((proc) => {
    let text = '';
    proc.stderr.on('data', (chunk) => (text += String(chunk)));
    return () => text;
  });
  const outputs = children.map(watch);
  // Everyone waits at the start line, so the processes really do contend for the lock.
  await Promise.all(outputs.map((until) => until('ready\n')));
  for (const proc of children) proc.stdin.write('go\n');
  const results = await Promise.all(outputs.map((until) => until('}\n')));

  const allowed = results.map((out) => JSON.parse(out.slice(out.indexOf('{'))).allowed as number);
  expect(stderr.map((read) => read())).toEqual(Array(processes).fill(''));
  expect(allowed.reduce((sum, n) => sum + n, 0)).toBe(50);
  expect(JSON.parse(readFileSync(usageFilePath(dataDir, userId), 'utf8')).monthlyUsed).toBe(50);
});

#!/usr/bin/env node
// `npm run mutation [-- module…]`: StrykerJS over the core, one module at a time (see modules.mjs),
// then the score per module (summary.mjs). Incremental: a rerun re-tests only what changed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { modules } from './modules.mjs';
import { summarize } from './summary.mjs';

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = asked.filter((name) => !(name in modules));
if (unknown.length > 0) {
  console.error(`unknown module ${unknown.join(', ')}: one of ${Object.keys(modules).join(', ')}`);
  process.exit(2);
}
const passThrough = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const stryker = fileURLToPath(new URL('../../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
const failed = [];
for (const name of asked.length > 0 ? asked : Object.keys(modules)) {
  process.stderr.write(`\nmutation testing ${name}…\n`);
  const result = spawnSync(process.execPath, [stryker, 'run', ...passThrough], { stdio: 'inherit', env: { ...process.env, QCHAT_MUTATION_MODULE: name } });
  if (result.status !== 0) failed.push(name);
}
summarize();
if (failed.length > 0) {
  console.error(`Stryker failed for ${failed.join(', ')}`);
  process.exit(1);
}

#!/usr/bin/env node
// The last mutation score per core module, as `npm run mutation` recorded it (Stryker is far too
// slow to run inside the benchmarks): one row per module, target 80%.
import { existsSync, readFileSync } from 'node:fs';
import { report } from './report.mjs';

const file = new URL('./mutation-score.json', import.meta.url);
const recorded = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).modules : {};
if (Object.keys(recorded).length === 0) report('mutation score (npm run mutation has not recorded one)', 'n/a', '>= 80%', false);
for (const [name, r] of Object.entries(recorded)) report(`mutation score: ${name} (${r.files.join(', ')}; measured ${r.measured})`, r.score === null ? 'n/a' : `${r.score}%`, '>= 80%', r.score !== null && r.score >= 80);

// An all-regions listing against the sandbox with injected per-call latency, through the same
// code path as a question. Prints the ratio to the slowest single region's time (target <= 1.3)
// and to a sequential loop over the regions, measured in this one run. The question is a count, so
// every region does the same work in both: a listed answer describes the rows it shows (GetResource
// for the columns the identifier-only listing lacks), at most 50 spread over 17 regions' buckets
// against one region's every log group at its 10 a second, and its single region took 3 s to all
// regions' 0.9 (0.29x, a ratio of different work).
import { tsImport } from 'tsx/esm/api';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, median, report } from './report.mjs';

const load = (path) => tsImport(path, import.meta.url);
const { loadRunContext } = await load('../../source/config/run-context.ts');
const { ChatSession } = await load('../../source/chat/session.ts');

const env = { QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-')), QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_SANDBOX_FAULTS: 'latency=50ms' };
const session = await ChatSession.open(loadRunContext({ sandbox: true }, env));
const planned = session.plan('how many log groups in all regions');
if (planned.kind !== 'plan') throw new Error(planned.result?.message ?? 'no plan');
const regions = (await session.answer({ ...planned.plan, regions: 'all' })).calls.filter((c) => c.operation === 'ListResources').map((c) => c.region);

async function timed(plan) {
  const start = performance.now();
  const answer = await session.answer(plan);
  if (answer.failures.length > 0) throw new Error(`unexpected failures: ${JSON.stringify(answer.failures)}`);
  return performance.now() - start;
}

const rounds = 3;
const allTimes = [];
const perRegion = new Map(regions.map((r) => [r, []]));
for (let round = 0; round < rounds; round++) {
  allTimes.push(await timed({ ...planned.plan, regions: 'all' }));
  for (const region of regions) perRegion.get(region).push(await timed({ ...planned.plan, regions: [region] }));
}
const all = median(allTimes);
const single = new Map([...perRegion].map(([region, times]) => [region, median(times)]));
const slowest = Math.max(...single.values());
const sequential = [...single.values()].reduce((a, b) => a + b, 0);
await session.close();

process.stderr.write(`all regions ${format(all, 0)} ms; slowest single region ${format(slowest, 0)} ms; sequential loop ${format(sequential, 0)} ms\n`);
report(`all ${regions.length} regions / slowest single region (latency 50 ms)`, `${format(all / slowest)}x (${format(all, 0)} vs ${format(slowest, 0)} ms)`, '<= 1.3x', all / slowest <= 1.3);
report(`all ${regions.length} regions / sequential region loop`, `${format(all / sequential)}x (${format(all, 0)} vs ${format(sequential, 0)} ms)`, 'well under 1x', all / sequential < 0.5);

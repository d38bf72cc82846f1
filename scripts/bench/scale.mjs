// The sandbox at scale 1, 10 and 100 (setting sandboxScale: every fixture resource stands for that
// many), with 20 ms latency per call and the sandbox's rate limits on, through the same code path as
// a question. The sandbox runs as `qchat sandbox serve` in a process of its own, as AWS is not in
// qchat's process: in-process, its work of building every region's pages would land on qchat's one
// thread and be counted as qchat's. Each (scale, question) runs in its own qchat process, so its
// peak memory is its own. Prints:
// - "how many lambda functions in all regions": time against the physical limit (the slowest
//   region's page chain: its pages × latency, or its pages past the burst at the rate limit,
//   whichever is longer; at scale 1 and 10 the median of 5 runs, each run's wall and CPU time
//   printed, with the load average), and peak memory from scale 1 to 100 (flat: the count streams);
// - "list lambda functions in all regions": peak memory from scale 1 to 100 (bounded by the rows shown);
// - "how many lambda functions tagged env=prod in all regions": through the Tagging API, against
//   the time GetResource for every function would take at least (N / the rate limit, per region).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { format, median, report } from './report.mjs';

const latencyMs = 20;
// The sandbox's Cloud Control and Tagging quota (source/sandbox/rate-limits.ts).
const rate = { perSecond: 10, burst: 20 };
const questions = {
  count: 'how many lambda functions in all regions',
  list: 'list lambda functions in all regions',
  tagged: 'how many lambda functions tagged env=prod in all regions',
};

const now = '2026-11-22T10:00:00Z';

if (process.argv[2] === '--child') {
  const [, , , endpointUrl, scale, which] = process.argv;
  const { tsImport } = await import('tsx/esm/api');
  const load = (path) => tsImport(path, import.meta.url);
  const { loadRunContext } = await load('../../source/config/run-context.ts');
  const { ChatSession } = await load('../../source/chat/session.ts');
  const env = { QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-')), QCHAT_NOW: now };
  const session = await ChatSession.open(loadRunContext({ sandboxUser: 'alice', endpointUrl, listCap: 100_000 }, env));
  await session.identify();
  // Warm: every region's SDK client made and connected, so the figure is the question's own time.
  await session.ask('how many kms keys in all regions', { crossRegionConsent: true });
  // The count is asked `runs` times (the median is reported, every run printed), each after the
  // buckets (qchat's and the sandbox's: two seconds of requests) have refilled; the list and the
  // tagged count once. The first run also pays the planner's first use of the type's tables.
  const runs = which === 'count' && Number(scale) < 100 ? 5 : 1;
  const timings = [];
  let result;
  for (let i = 0; i < runs; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, (rate.burst / rate.perSecond) * 1000 + 200));
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    result = await session.ask(questions[which], { crossRegionConsent: true });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    timings.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
    if (result.kind !== 'answer' || result.answer.failures.length > 0) throw new Error(`${which}: ${JSON.stringify(result).slice(0, 400)}`);
  }
  const pages = Object.fromEntries(result.answer.calls.filter((c) => c.operation === 'ListResources' || c.operation === 'GetResources').map((c) => [`${c.operation}@${c.region}`, c.pages]));
  const count = Number(/([\d,]+) Lambda/.exec(result.answer.summary)?.[1]?.replace(/,/g, '') ?? NaN);
  await session.close();
  const perRegion = (result.answer.chart?.points ?? []).map((point) => point.value);
  const ms = median(timings.map((t) => t.ms));
  process.stdout.write(JSON.stringify({ ms, timings, maxRssKb: process.resourceUsage().maxRSS, pages, count, perRegion }));
  process.exit(0);
}

/** `qchat sandbox serve` at this scale, with the latency; resolves to its URL once it listens. */
async function serveSandbox(scale) {
  const cli = fileURLToPath(new URL('../../source/cli.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const env = { ...process.env, QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-sandbox-')), QCHAT_NOW: now, QCHAT_SANDBOX_SCALE: String(scale) };
  const server = spawn(tsx, [cli, 'sandbox', 'serve', '--faults', `latency=${latencyMs}ms`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: server.stdout })) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    if (url) return { url, stop: () => server.kill('SIGTERM') };
  }
  throw new Error(`qchat sandbox serve (scale ${scale}) exited before listening`);
}

function run(url, scale, which) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', url, String(scale), which], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`scale ${scale} ${which} failed`);
  return JSON.parse(child.stdout);
}

/** The slowest region's page chain: pages × latency, or pages past the burst at the rate. */
function pageChainMs(pages, operation) {
  const perRegion = Object.entries(pages).filter(([key]) => key.startsWith(operation)).map(([, n]) => Math.max(n * latencyMs, ((n - rate.burst) / rate.perSecond) * 1000));
  return Math.max(...perRegion);
}

/** The 1, 5 and 15 minute load averages: every figure here is wall time on a shared machine. */
const loadAverage = () => loadavg().map((n) => format(n, 1)).join(' / ');

const scales = [1, 10, 100];
process.stderr.write(`load average at start ${loadAverage()}\n`);
const results = {};
for (const scale of scales) {
  // One sandbox per scale, and a pause after each question so its buckets are full again for the next.
  const sandbox = await serveSandbox(scale);
  try {
    results[scale] = {};
    for (const which of Object.keys(questions)) {
      results[scale][which] = run(sandbox.url, scale, which);
      await new Promise((resolve) => setTimeout(resolve, (rate.burst / rate.perSecond) * 1000));
    }
  } finally {
    sandbox.stop();
  }
}
for (const scale of scales) {
  const { count, list, tagged } = results[scale];
  process.stderr.write(`scale ${scale}: ${count.count} functions; count ${format(count.ms, 0)} ms, ${format(count.maxRssKb / 1024, 0)} MB; list ${format(list.ms, 0)} ms, ${format(list.maxRssKb / 1024, 0)} MB; tagged ${tagged.count} in ${format(tagged.ms, 0)} ms\n`);
  const limit = pageChainMs(count.pages, 'ListResources');
  const runs = count.timings.map((t) => `${format(t.ms, 0)} ms (${format(t.cpuMs, 0)} ms CPU)`).join(', ');
  process.stderr.write(`scale ${scale}: count runs ${runs}; load average ${loadAverage()}\n`);
  const median = count.timings.length > 1 ? `median of ${count.timings.length}: ` : '';
  report(`scale ${scale}: all-regions count / slowest region's page chain`, `${format(count.ms / limit)}x (${median}${format(count.ms, 0)} vs ${format(limit, 0)} ms)`, '<= 1.3x', count.ms / limit <= 1.3);
  // GetResource for every function: at least N_r / rate per region, the slowest region decides.
  const slowestDescribes = (Math.max(...count.perRegion) / rate.perSecond) * 1000;
  report(`scale ${scale}: tag-filtered count, Tagging API / GetResource lower bound`, `${format(tagged.ms / slowestDescribes)}x (${format(tagged.ms, 0)} vs >= ${format(slowestDescribes, 0)} ms)`, 'well under 1x', tagged.ms < slowestDescribes);
}
const flat = (which) => results[100][which].maxRssKb / results[1][which].maxRssKb;
report('all-regions count: peak memory scale 100 / scale 1', `${format(flat('count'))}x (${format(results[100].count.maxRssKb / 1024, 0)} vs ${format(results[1].count.maxRssKb / 1024, 0)} MB, ${results[100].count.count} vs ${results[1].count.count} functions)`, '<= 1.5x (flat)', flat('count') <= 1.5);
report('listed answer: peak memory scale 100 / scale 1', `${format(flat('list'))}x (${format(results[100].list.maxRssKb / 1024, 0)} vs ${format(results[1].list.maxRssKb / 1024, 0)} MB)`, '<= 1.5x (bounded by rows shown)', flat('list') <= 1.5);

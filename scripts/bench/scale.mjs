// The sandbox at scale 1, 10 and 100 (setting sandboxScale: every fixture resource stands for that
// many), with the sandbox's rate limits on, through the same code path as a question. The sandbox
// runs as `qchat sandbox serve` in a process of its own, as AWS is not in qchat's process: in-process,
// its work of building every region's pages would land on qchat's one thread and be counted as
// qchat's. Each (scale, question) runs in its own qchat process, so its peak memory is its own.
// Two latencies (scale-sandbox.mjs): `from us-east-1`, each region's service time plus its round
// trip from the session's region, for the rows with targets; and `uniform`, 20 ms everywhere, at
// scale 1 and 10 for the count only, as information on qchat's own cost. Prints:
// - "how many lambda functions in all regions": time against the physical limit (the slowest
//   region's page chain: its pages × its latency, or its pages past the burst at the rate limit,
//   whichever is longer; at scale 1 and 10 the median of 5 runs, each run's wall and CPU time
//   printed, with the load average), and against that chain as the sandbox really serves it (a
//   bare client asking the same pages back to back), and peak memory from scale 1 to 100 (flat:
//   the count streams);
// - "list lambda functions in all regions": peak memory from scale 1 to 100 (bounded by the rows shown);
// - "how many lambda functions tagged env=prod in all regions": through the Tagging API, against
//   the time GetResource for every function would take at least (N / the rate limit, per region).
import { spawnSync } from 'node:child_process';
import dc from 'node:diagnostics_channel';
import { request as httpRequest, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { format, median, report } from './report.mjs';
import { latencies, openWarmSession, questions, rate, refilled, serveSandbox } from './scale-sandbox.mjs';

if (process.argv[2] === '--child') {
  const [, , , endpointUrl, scale, which, latency] = process.argv;
  // The first ListResources request of each region as qchat signed it, to ask the served chain below.
  const firstRequests = new Map();
  dc.subscribe('http.client.request.start', ({ request }) => {
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/cloudcontrolapi\//.exec(String(request.getHeader('authorization')))?.[1];
    if (scope && String(request.getHeader('x-amz-target')).endsWith('.ListResources') && !firstRequests.has(scope)) firstRequests.set(scope, { path: request.path, headers: request.getHeaders() });
  });
  const session = await openWarmSession(endpointUrl);
  firstRequests.clear();
  // The count is asked `runs` times (the median is reported, every run printed), each after the
  // buckets (qchat's and the sandbox's: two seconds of requests) have refilled; the list and the
  // tagged count once. The first run also pays the planner's first use of the type's tables.
  const runs = which === 'count' && Number(scale) < 100 ? 5 : 1;
  const timings = [];
  let result;
  for (let i = 0; i < runs; i++) {
    if (i > 0) await refilled();
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
  const maxRssKb = process.resourceUsage().maxRSS;
  const served = which === 'count' ? await servedChain(endpointUrl, firstRequests, pages, runs, latencies[latency].of) : undefined;
  process.stdout.write(JSON.stringify({ ms, timings, maxRssKb, pages, count, perRegion, served }));
  process.exit(0);
}

/**
 * The slowest region's page chain (by its pages × its latency) as the sandbox serves it: the same pages asked one after the
 * other by a bare HTTP client, each as soon as the reply before it has ended, `runs` times after
 * the buckets refill (the median); none past the burst. Each request is qchat's first one of that region with the next
 * NextToken in its body: the sandbox reads the access key from the signature but does not check
 * the signature, so no SDK work is on this chain, only the sandbox's own (reading, paging,
 * serialising, its latency timer) and the loopback's. What the count takes past it is qchat's.
 */
async function servedChain(endpointUrl, firstRequests, pages, runs, latencyOf) {
  const chainMs = ([name, n]) => n * latencyOf(name.slice(name.indexOf('@') + 1));
  const [key, chain] = Object.entries(pages).filter(([name]) => name.startsWith('ListResources@')).sort((a, b) => chainMs(b) - chainMs(a))[0];
  // Past the burst the chain is the rate's, not the sandbox's speed; a bare client would be throttled.
  if (chain > rate.burst) return undefined;
  const region = key.slice(key.indexOf('@') + 1);
  const first = firstRequests.get(region);
  if (!first) throw new Error(`no ListResources request of ${region} was seen`);
  const { hostname, port } = new URL(endpointUrl);
  const agent = new Agent({ keepAlive: true });
  const ask = (body) =>
    new Promise((resolve, reject) => {
      const headers = { ...first.headers, 'content-length': Buffer.byteLength(body) };
      const req = httpRequest({ hostname, port, method: 'POST', path: first.path, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`served chain: ${res.statusCode} ${Buffer.concat(chunks)}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const times = [];
  for (let i = 0; i < runs; i++) {
    await refilled();
    const start = performance.now();
    let served = 0;
    let token;
    do {
      const page = await ask(JSON.stringify({ TypeName: 'AWS::Lambda::Function', ...(token ? { NextToken: token } : {}) }));
      served++;
      token = page.NextToken;
    } while (token);
    times.push(performance.now() - start);
    if (served !== chain) throw new Error(`served chain: ${served} pages where the count read ${chain}`);
  }
  agent.destroy();
  return { region, pages: chain, ms: median(times), times };
}

function run(url, scale, which, latency) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', url, String(scale), which, latency], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`scale ${scale} ${which} failed`);
  return JSON.parse(child.stdout);
}

/** The slowest region's page chain: its pages × its latency, or its pages past the burst at the rate. */
function pageChainMs(pages, operation, latencyOf) {
  const perRegion = Object.entries(pages)
    .filter(([key]) => key.startsWith(operation))
    .map(([key, n]) => Math.max(n * latencyOf(key.slice(key.indexOf('@') + 1)), ((n - rate.burst) / rate.perSecond) * 1000));
  return Math.max(...perRegion);
}

/** The 1, 5 and 15 minute load averages: every figure here is wall time on a shared machine. */
const loadAverage = () => loadavg().map((n) => format(n, 1)).join(' / ');

const scales = [1, 10, 100];
const uniformScales = [1, 10];
const pause = () => new Promise((resolve) => setTimeout(resolve, (rate.burst / rate.perSecond) * 1000));
process.stderr.write(`load average at start ${loadAverage()}\n`);
const results = {};
const uniform = {};
for (const scale of scales) {
  // One sandbox per (scale, latency), and a pause after each question so its buckets are full again for the next.
  const sandbox = await serveSandbox(scale, 'from us-east-1');
  try {
    results[scale] = {};
    for (const which of Object.keys(questions)) {
      results[scale][which] = run(sandbox.url, scale, which, 'from us-east-1');
      await pause();
    }
  } finally {
    sandbox.stop();
  }
  if (!uniformScales.includes(scale)) continue;
  const flatSandbox = await serveSandbox(scale, 'uniform');
  try {
    uniform[scale] = run(flatSandbox.url, scale, 'count', 'uniform');
    await pause();
  } finally {
    flatSandbox.stop();
  }
}

/** The count's rows at one latency: against the slowest chain, and against that chain served to a bare client. */
function countRows(scale, count, latency, target) {
  const { of } = latencies[latency];
  const limit = pageChainMs(count.pages, 'ListResources', of);
  const runs = count.timings.map((t) => `${format(t.ms, 0)} ms (${format(t.cpuMs, 0)} ms CPU)`).join(', ');
  process.stderr.write(`scale ${scale}, latency ${latency}: count runs ${runs}; load average ${loadAverage()}\n`);
  const median = count.timings.length > 1 ? `median of ${count.timings.length}: ` : '';
  const ratio = count.ms / limit;
  report(`scale ${scale}: all-regions count / slowest region's page chain, latency ${latency}`, `${format(ratio)}x (${median}${format(count.ms, 0)} vs ${format(limit, 0)} ms)`, target ? '<= 1.3x' : 'information', target ? ratio <= 1.3 : true);
  // The same chain as the sandbox serves it to a bare client: what of the count's time is the sandbox's own.
  const { served } = count;
  if (served) {
    process.stderr.write(`scale ${scale}, latency ${latency}: ${served.region}'s ${served.pages} pages served to a bare client in ${served.times.map((ms) => `${format(ms, 0)} ms`).join(', ')}\n`);
    report(
      `scale ${scale}: all-regions count / the same chain served to a bare client, latency ${latency}`,
      `${format(count.ms / served.ms)}x (${format(count.ms, 0)} vs ${format(served.ms, 0)} ms; the bare client's chain / its latency: ${format(served.ms / (served.pages * of(served.region)))}x)`,
      'information',
      true,
    );
  }
}

for (const scale of scales) {
  const { count, list, tagged } = results[scale];
  process.stderr.write(`scale ${scale}: ${count.count} functions; count ${format(count.ms, 0)} ms, ${format(count.maxRssKb / 1024, 0)} MB; list ${format(list.ms, 0)} ms, ${format(list.maxRssKb / 1024, 0)} MB; tagged ${tagged.count} in ${format(tagged.ms, 0)} ms\n`);
  countRows(scale, count, 'from us-east-1', true);
  if (uniform[scale]) countRows(scale, uniform[scale], 'uniform', false);
  // GetResource for every function: at least N_r / rate per region, the slowest region decides.
  const slowestDescribes = (Math.max(...count.perRegion) / rate.perSecond) * 1000;
  report(`scale ${scale}: tag-filtered count, Tagging API / GetResource lower bound`, `${format(tagged.ms / slowestDescribes)}x (${format(tagged.ms, 0)} vs >= ${format(slowestDescribes, 0)} ms)`, 'well under 1x', tagged.ms < slowestDescribes);
}
const flat = (which) => results[100][which].maxRssKb / results[1][which].maxRssKb;
report('all-regions count: peak memory scale 100 / scale 1', `${format(flat('count'))}x (${format(results[100].count.maxRssKb / 1024, 0)} vs ${format(results[1].count.maxRssKb / 1024, 0)} MB, ${results[100].count.count} vs ${results[1].count.count} functions)`, '<= 1.5x (flat)', flat('count') <= 1.5);
report('listed answer: peak memory scale 100 / scale 1', `${format(flat('list'))}x (${format(results[100].list.maxRssKb / 1024, 0)} vs ${format(results[1].list.maxRssKb / 1024, 0)} MB)`, '<= 1.5x (bounded by rows shown)', flat('list') <= 1.5);

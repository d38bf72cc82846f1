// What the scale benchmark and its profiler share: the sandbox they ask (a `qchat sandbox serve`
// child at a scale, with a latency and its rate limits on) and the session that asks it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/**
 * The sandbox's latency per call, two ways. `uniform`: 20 ms in every region, as if each region were
 * the caller's own; there the slowest chain is the home region's few pages, and what the count takes
 * past it is mostly qchat's CPU for one signed request per region. `from us-east-1`: what a caller in
 * us-east-1 (the session's region) waits for a far region: 20 ms of service time plus the round trip
 * from us-east-1. The round trips are third-party measurements, not AWS's (AWS publishes its own
 * only to signed-in accounts, in Network Manager's Infrastructure Performance): the averages of the
 * 2017 "Latency Between AWS Global Regions" table (reproduced at
 * acomputerscientistlearnsaws.blogspot.com/2017/04/aws-regions.html), rounded; the seven regions
 * that table lacks take the figure of their nearest region in it (Ohio and Canada Central: N.
 * Virginia's own; London and Paris: Ireland's; Stockholm: Frankfurt's; Mumbai: Singapore's; Osaka:
 * Tokyo's). Real round trips move by hour and route; the point is their spread, not the figures.
 */
const serviceMs = 20;
const roundTripFromUsEast1 = {
  'us-east-1': 0, 'us-east-2': 0, 'ca-central-1': 0, 'us-west-1': 73, 'us-west-2': 87, 'sa-east-1': 120,
  'eu-west-1': 81, 'eu-west-2': 81, 'eu-west-3': 81, 'eu-central-1': 89, 'eu-north-1': 89,
  'ap-northeast-1': 145, 'ap-northeast-3': 145, 'ap-northeast-2': 178, 'ap-southeast-1': 217, 'ap-south-1': 217, 'ap-southeast-2': 230,
};
export const latencies = {
  uniform: { spec: `latency=${serviceMs}ms`, of: () => serviceMs },
  'from us-east-1': {
    spec: `latency=${[`${serviceMs}ms`, ...Object.entries(roundTripFromUsEast1).map(([region, ms]) => `${region}:${serviceMs + ms}ms`)].join('+')}`,
    of: (region) => serviceMs + (roundTripFromUsEast1[region] ?? 0),
  },
};
// The sandbox's Cloud Control and Tagging quota (source/sandbox/rate-limits.ts).
export const rate = { perSecond: 10, burst: 20 };
export const questions = {
  count: 'how many lambda functions in all regions',
  list: 'list lambda functions in all regions',
  tagged: 'how many lambda functions tagged env=prod in all regions',
};
export const now = '2026-11-22T10:00:00Z';

/** `qchat sandbox serve` at this scale, with one of the latencies above; resolves to its URL once it listens. */
export async function serveSandbox(scale, latency = 'uniform') {
  const cli = fileURLToPath(new URL('../../source/cli.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const env = { ...process.env, QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-sandbox-')), QCHAT_NOW: now, QCHAT_SANDBOX_SCALE: String(scale) };
  const server = spawn(tsx, [cli, 'sandbox', 'serve', '--faults', latencies[latency].spec], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: server.stdout })) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    if (url) return { url, stop: () => server.kill('SIGTERM') };
  }
  throw new Error(`qchat sandbox serve (scale ${scale}) exited before listening`);
}

/**
 * A signed-in session on the sandbox at `endpointUrl`, through the source (tsx), warmed: every
 * region's SDK client made and connected, so what is timed next is a question's own work.
 */
export async function openWarmSession(endpointUrl) {
  const { tsImport } = await import('tsx/esm/api');
  const load = (path) => tsImport(path, import.meta.url);
  const { loadRunContext } = await load('../../source/config/run-context.ts');
  const { ChatSession } = await load('../../source/chat/session.ts');
  const env = { QCHAT_HOME: mkdtempSync(join(tmpdir(), 'qchat-bench-')), QCHAT_NOW: now };
  const session = await ChatSession.open(loadRunContext({ sandboxUser: 'alice', endpointUrl, listCap: 100_000 }, env));
  await session.identify();
  await session.ask('how many kms keys in all regions', { crossRegionConsent: true });
  return session;
}

/** Waits until the buckets (qchat's and the sandbox's: two seconds of requests) have refilled. */
export const refilled = () => new Promise((resolve) => setTimeout(resolve, (rate.burst / rate.perSecond) * 1000 + 200));

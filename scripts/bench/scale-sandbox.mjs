// What the scale benchmark and its profiler share: the sandbox they ask (a `qchat sandbox serve`
// child at a scale, with the latency and its rate limits on) and the session that asks it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const latencyMs = 20;
// The sandbox's Cloud Control and Tagging quota (source/sandbox/rate-limits.ts).
export const rate = { perSecond: 10, burst: 20 };
export const questions = {
  count: 'how many lambda functions in all regions',
  list: 'list lambda functions in all regions',
  tagged: 'how many lambda functions tagged env=prod in all regions',
};
export const now = '2026-11-22T10:00:00Z';

/** `qchat sandbox serve` at this scale, with the latency; resolves to its URL once it listens. */
export async function serveSandbox(scale) {
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

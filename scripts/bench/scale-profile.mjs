// Where an all-regions count's CPU goes, measured in-process so the other load on the machine does
// not count: a sandbox as scale.mjs starts it, one warmed session, then the V8 profiler around
// `runs` counts (each after the buckets refill). Prints CPU per count and, per question, the
// self and inclusive time of each source file and package; writes the .cpuprofile for a closer look.
//   node scripts/bench/scale-profile.mjs [scale=1] [runs=10] [out=scale.cpuprofile] [question=count]
// With out `-`, no profiler (it costs CPU of its own): only each count's wall and CPU time.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { format, median } from './report.mjs';
import { openWarmSession, questions, refilled, serveSandbox } from './scale-sandbox.mjs';

const [scale = '1', runs = '10', out = 'scale.cpuprofile', which = 'count'] = process.argv.slice(2);
const sandbox = await serveSandbox(Number(scale));
try {
  const session = await openWarmSession(sandbox.url);
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 250 });
  const cpu = [];
  let profiling = false;
  for (let i = 0; i < Number(runs); i++) {
    await refilled();
    if (!profiling && out !== '-') {
      await inspector.post('Profiler.start');
      profiling = true;
    }
    const before = process.cpuUsage();
    const start = performance.now();
    const result = await session.ask(questions[which] ?? which, { crossRegionConsent: true });
    const ms = performance.now() - start;
    const used = process.cpuUsage(before);
    if (result.kind !== 'answer' || result.answer.failures.length > 0) throw new Error(JSON.stringify(result).slice(0, 400));
    cpu.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
  const profile = profiling ? (await inspector.post('Profiler.stop')).profile : undefined;
  await session.close();
  const cpuMs = cpu.map((c) => c.cpuMs);
  process.stderr.write(`runs: ${cpu.map((c) => `${format(c.ms, 0)} ms (${format(c.cpuMs, 0)} CPU)`).join(', ')}\nmedian ${format(median(cpu.map((c) => c.ms)), 0)} ms wall, ${format(median(cpuMs), 0)} ms CPU (least ${format(Math.min(...cpuMs), 0)})\n`);
  if (profile) {
    writeFileSync(out, JSON.stringify(profile));
    summarise(profile, Number(runs));
  }
} finally {
  sandbox.stop();
}

/** A frame's group: the source file under source/, else the package under node_modules, else the URL (or "(native)"). */
function groupOf(url) {
  if (!url) return '(native/idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist-cjs\/)?(?:submodules\/)?([^/]+)?/.exec(url);
  if (pkg) return pkg[2] && pkg[2] !== 'index.js' ? `${pkg[1]}/${pkg[2]}` : pkg[1];
  const source = /\/(source\/[^?]+)/.exec(url);
  return source ? source[1] : url.replace(/^file:\/\//, '');
}

function summarise(profile, perRuns) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const functions = new Map();
  const inclusiveFunctions = new Map();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
    const group = groupOf(node.callFrame.url);
    self.set(group, (self.get(group) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${group}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const g = groupOf(frame.url);
      if (!seen.has(g)) inclusive.set(g, (inclusive.get(g) ?? 0) + ms);
      seen.add(g);
      const f = `${frame.functionName || '(anonymous)'} ${g}:${frame.lineNumber + 1}`;
      if (!seen.has(f)) inclusiveFunctions.set(f, (inclusiveFunctions.get(f) ?? 0) + ms);
      seen.add(f);
    }
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${format(v / perRuns, 2).padStart(7)} ms  ${k}`).join('\n');
  process.stderr.write(`busy per question ${format(total / perRuns, 1)} ms\nself, per question:\n${top(self, 25)}\ninclusive, per question:\n${top(inclusive, 25)}\ntop functions (self):\n${top(functions, 30)}\ntop functions (inclusive):\n${top(inclusiveFunctions, 50)}\n`);
}

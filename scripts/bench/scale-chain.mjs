// Where the wall time of an all-regions count goes, on the slowest region's chain of pages: from
// the question to that region's first request (planning, the count against the limits, the first
// request's SDK work), per page the round trip (request to reply headers: the latency, the
// sandbox's own time, any wait for qchat's thread) and qchat's turn (reply headers to the next
// request: reading and parsing the page, building and signing the next), and from the last reply
// to the answer. Timestamps come from Node's http diagnostics channels; one warmed session, in
// one process, each count after the buckets refill. Not a benchmark of its own (run-all skips it).
//   node scripts/bench/scale-chain.mjs [scale=1] [runs=6]
import dc from 'node:diagnostics_channel';
import { format, median } from './report.mjs';
import { openWarmSession, questions, refilled, serveSandbox } from './scale-sandbox.mjs';

const [scale = '1', runs = '6'] = process.argv.slice(2);
const sandbox = await serveSandbox(Number(scale));
try {
  const session = await openWarmSession(sandbox.url);
  let events = [];
  const regionOf = (request) => /Credential=[^/]+\/\d{8}\/([^/]+)\/cloudcontrolapi\//.exec(String(request.getHeader('authorization')))?.[1];
  dc.subscribe('http.client.request.start', ({ request }) => events.push({ at: performance.now(), kind: 'request', region: regionOf(request) }));
  dc.subscribe('http.client.response.finish', ({ request }) => events.push({ at: performance.now(), kind: 'reply', region: regionOf(request) }));
  const rows = [];
  for (let i = 0; i < Number(runs); i++) {
    await refilled();
    events = [];
    const start = performance.now();
    const result = await session.ask(questions.count, { crossRegionConsent: true });
    const end = performance.now();
    if (result.kind !== 'answer' || result.answer.failures.length > 0) throw new Error(JSON.stringify(result).slice(0, 400));
    const [slowest] = result.answer.calls.filter((call) => call.operation === 'ListResources').sort((a, b) => b.pages - a.pages);
    const chain = events.filter((event) => event.region === slowest.region);
    const requests = chain.filter((event) => event.kind === 'request').map((event) => event.at);
    const replies = chain.filter((event) => event.kind === 'reply').map((event) => event.at);
    const trip = replies.map((at, page) => at - requests[page]);
    const turn = requests.slice(1).map((at, page) => at - replies[page]);
    const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    rows.push({ wall: end - start, before: requests[0] - start, trip: mean(trip), turn: mean(turn), after: end - replies.at(-1), pages: slowest.pages, region: slowest.region });
    const row = rows.at(-1);
    process.stderr.write(
      `${format(row.wall, 1)} ms: ${format(row.before, 1)} before ${row.region}'s first request; ${row.pages} pages, each ${format(row.trip, 2)} ms request to reply and ${format(row.turn, 2)} ms reply to next request; ${format(row.after, 1)} ms after the last reply\n`,
    );
  }
  await session.close();
  // The first count also pays the planner's first use of the type's tables.
  const later = rows.slice(1);
  const m = (key) => format(median(later.map((row) => row[key])), 2);
  process.stderr.write(`median of counts 2–${rows.length}: ${m('wall')} ms = ${m('before')} before + ${rows[0].pages} × (${m('trip')} + ${m('turn')}) + ${m('after')} after (the turns: one fewer)\n`);
} finally {
  sandbox.stop();
}

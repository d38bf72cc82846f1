// Chat history: append latency per message and restore time, for conversations of 100, 1,000 and
// 10,000 messages so the growth shows. Targets (DESIGN.md): under 5 ms per append and under
// 100 ms to restore 10,000 messages. Every message goes through the real store: `append` resolves
// once the line is on disk (what the chat waits for), and the locked index update follows in the
// background, so both are timed: the append alone, and the append with its index update (flush).
// Restoring opens a fresh store and reads the conversation as the chat does on start (its last
// turns parsed from the file's end, the earlier ones only counted); a full read (`history show`,
// /resume) is timed beside it. Ratios, from this one run: the restore over the full read of the
// same 10,000 messages (what reading only the shown turns saves), and the restore of 10,000
// messages over that of 100 (flat but for noise: a restore reads the end of the file and takes
// the earlier turns from the index's count).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { format, median, report } from './report.mjs';

const { openHistory } = await tsImport('../../source/history/store.ts', import.meta.url);

const sizes = [100, 1_000, 10_000];
const timedAppends = 200; // the last appends of each size, when the conversation is nearly full
const restoreRuns = 5;
const restoredTurns = 3; // what Conversation.open reads back (source/chat/conversation.ts)
const restoreBySize = new Map();
const clock = () => new Date();

// A typical exchange: a question, then an answer with a summary and a small table.
const answer = {
  summary: '8 instances running in eu-west-1',
  table: {
    columns: ['instance', 'type', 'state', 'launched'],
    rows: Array.from({ length: 8 }, (_, i) => [`i-0${i}4f9c2d1e8b7a6`, 't3.micro', 'running', '2026-11-01T10:00:00Z']),
  },
};
const message = (i) => (i % 2 ? { role: 'assistant', text: answer.summary, answer } : { role: 'user', text: `how many instances run in eu-west-1? (${i})` });

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)];

for (const size of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qchat-bench-history-'));
  try {
    const store = await openHistory({ dataDir, userId: 'bench', clock });
    const { id } = await store.create('benchmark');
    const latencies = [];
    const withIndex = [];
    for (let i = 0; i < size; i++) {
      const start = performance.now();
      await store.append(id, message(i));
      latencies.push(performance.now() - start);
      await store.flush();
      withIndex.push(performance.now() - start);
      if ((i + 1) % 1000 === 0) process.stderr.write(`history: ${i + 1}/${size} messages appended\n`);
    }
    for (const [label, all] of [['append', latencies], ['append + index update', withIndex]]) {
      const timed = all.slice(-timedAppends);
      const ms = median(timed);
      report(`history ${label}, ${size} messages`, `${format(ms)} ms median, ${format(percentile(timed, 0.95))} ms p95`, '< 5 ms', ms < 5);
    }

    const restores = [];
    const fullReads = [];
    for (let run = 0; run < restoreRuns; run++) {
      const resumed = await openHistory({ dataDir, userId: 'bench', clock });
      let start = performance.now();
      const latest = await resumed.latest();
      const recent = await resumed.readRecent(latest.id, restoredTurns);
      restores.push(performance.now() - start);
      if (recent.messages.length !== restoredTurns * 2 || recent.earlierTurns !== size / 2 - restoredTurns) throw new Error(`restored ${recent.messages.length} messages after ${recent.earlierTurns} turns of ${size}`);
      start = performance.now();
      const messages = await resumed.read(id);
      fullReads.push(performance.now() - start);
      if (messages.length !== size) throw new Error(`read ${messages.length} of ${size} messages`);
    }
    const restoreMs = median(restores);
    restoreBySize.set(size, { restore: restoreMs, full: median(fullReads) });
    const kilobytes = statSync(join(store.dir, `${id}.jsonl`)).size / 1024;
    report(`history restore (the chat's last ${restoredTurns} turns), ${size} messages (${format(kilobytes, 0)} KB)`, `${format(restoreMs)} ms`, '< 100 ms', restoreMs < 100);
    report(`history full read (history show, /resume), ${size} messages`, `${format(median(fullReads))} ms`, 'for reference', true);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const largest = restoreBySize.get(10_000);
const saved = largest.restore / largest.full;
report('history restore / full read, 10,000 messages', `${format(saved, 2)}x`, '< 0.5x', saved < 0.5);
report('history restore, 10,000 messages / 100 messages', `${format(largest.restore / restoreBySize.get(100).restore, 1)}x`, 'for reference (flat but for noise)', true);

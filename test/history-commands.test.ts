import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeOf, QchatError } from '../source/errors.js';
import { historyDelete, historyExport, historyList, historyShow } from '../source/headless/history-output.js';
import { openHistory } from '../source/history/store.js';
import { steppingClock, tempDataDir } from './fixtures/history-helpers.js';

class Output extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function storeWithTwoConversations() {
  const store = await openHistory({ dataDir: tempDataDir(), userId: 'alice', clock: steppingClock('2026-11-22T10:00:00Z', 60_000) });
  const buckets = await store.create('List my S3 buckets');
  await store.append(buckets.id, { id: 'm1', role: 'user', text: 'List my S3 buckets' });
  await store.append(buckets.id, { id: 'm2', role: 'assistant', text: '2 buckets', answer: { table: { columns: ['name'], rows: [['logs'], ['site']] } } });
  await store.setFeedback(buckets.id, 'm2', { rating: 'up' });
  const costs = await store.create('What did EC2 cost last month?');
  await store.append(costs.id, { id: 'm3', role: 'user', text: 'What did EC2 cost last month?' });
  return { store, buckets, costs };
}

async function run(command: (out: Output) => Promise<void>): Promise<string> {
  const out = new Output();
  await command(out);
  return out.text;
}

describe('qchat history commands', () => {
  it('lists conversations newest first, as text and JSON', async () => {
    const { store, buckets, costs } = await storeWithTwoConversations();
    expect(await run((out) => historyList(store, out))).toBe(
      ['#  updated (UTC)     messages  title', '1  2026-11-22 10:06         1  What did EC2 cost last month?', '2  2026-11-22 10:04         2  List my S3 buckets', ''].join('\n'),
    );
    const listed = JSON.parse(await run((out) => historyList(store, out, { json: true })));
    expect(listed.map(({ position, id }: { position: number; id: string }) => [position, id])).toEqual([
      [1, costs.id],
      [2, buckets.id],
    ]);
    const empty = await openHistory({ dataDir: tempDataDir(), userId: 'bob', clock: steppingClock() });
    expect(await run((out) => historyList(empty, out))).toBe('no saved conversations\n');
  });

  it('shows a conversation by position or id', async () => {
    const { store, buckets } = await storeWithTwoConversations();
    const text = await run((out) => historyShow(store, '2', out));
    expect(text).toBe(
      [
        'List my S3 buckets',
        `${buckets.id} · started 2026-11-22 10:02 UTC · 2 messages`,
        '',
        '[2026-11-22 10:03] you: List my S3 buckets',
        '',
        '[2026-11-22 10:04] qchat: 2 buckets (rated up)',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(await run((out) => historyShow(store, buckets.id, out, { json: true })))).toEqual(JSON.parse(await run((out) => historyExport(store, '2', out))));
  });

  it('exports a conversation as JSON with its structured answers', async () => {
    const { store, buckets } = await storeWithTwoConversations();
    const exported = JSON.parse(await run((out) => historyExport(store, buckets.id, out)));
    expect(exported.conversation).toMatchObject({ id: buckets.id, title: 'List my S3 buckets', messageCount: 2 });
    expect(exported.messages).toEqual([
      { id: 'm1', role: 'user', at: '2026-11-22T10:03:00.000Z', text: 'List my S3 buckets' },
      { id: 'm2', role: 'assistant', at: '2026-11-22T10:04:00.000Z', text: '2 buckets', answer: { table: { columns: ['name'], rows: [['logs'], ['site']] } }, feedback: { rating: 'up' } },
    ]);
  });

  it('deletes a conversation', async () => {
    const { store, buckets, costs } = await storeWithTwoConversations();
    expect(await run((out) => historyDelete(store, '1', out))).toBe(`deleted ${costs.id} "What did EC2 cost last month?"\n`);
    expect(JSON.parse(await run((out) => historyDelete(store, buckets.id, out, { json: true })))).toMatchObject({ deleted: { id: buckets.id } });
    expect(await store.list()).toEqual([]);
  });

  it('rejects an unknown conversation with a usage error that says what to run', async () => {
    const { store } = await storeWithTwoConversations();
    for (const command of [historyShow, historyDelete, historyExport]) {
      const failure = await command(store, 'xyz', new Output()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QchatError);
      expect(failure).toMatchObject({ message: `no conversation "xyz"; run 'qchat history list'` });
      expect(exitCodeOf(failure)).toBe(ExitCode.usage);
    }
    await expect(historyShow(store, '3', new Output())).rejects.toThrow(`no conversation "3"`);
  });
});

import { Readable, Writable } from 'node:stream';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { layoutAnswer } from '../source/present/answer-layout.js';
import { renderAnswerText } from '../source/present/answer-text.js';
import { AnswerView } from '../source/ui/components/answer-view.js';
import { runCli } from '../source/cli/program.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { askAnswer, sandboxSession } from './helpers/session.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const sparkBlocks = /[▁▂▃▄▅▆▇█]{20,}/;
const trend60 = 'daily cost trend for the last 60 days';

/** The lines an Ink frame shows, without the padding Ink adds at line ends. */
const lines = (text: string) => text.split('\n').map((line) => line.trimEnd());

describe('one answer layout for ask and the chat', () => {
  it('draws the sparkline of a 60-day trend in ask as in the chat', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, trend60);
    expect(answer.chart?.points).toHaveLength(60);
    const options = { width: 100, tableRows: 50, wrap: true };
    const chart = layoutAnswer(answer, options).find((section) => section.kind === 'chart');
    const sparkline = chart?.lines[0]?.[0]?.text ?? '';
    expect(sparkline).toMatch(/^2026-09-2\d [▁▂▃▄▅▆▇█]+ 2026-11-2\d$/);

    const text = renderAnswerText(answer, options);
    expect(lines(text)).toContain(sparkline);
    const ink = render(<AnswerView answer={answer} width={100} tableRows={50} />);
    expect(lines(ink.lastFrame() ?? '')).toContain(sparkline);
    ink.unmount();
  });

  it('prints the same lines in ask as the chat shows', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, 'top 5 services by cost last month');
    const ink = render(<AnswerView answer={answer} width={80} tableRows={50} />);
    // The chat adds where to see every call and how to get every row; everything else is the same text.
    expect(lines(ink.lastFrame() ?? '')).toEqual(lines(renderAnswerText(answer, { width: 80, tableRows: 50, wrap: true, callsHint: '(/calls lists each)', moreRows: "say 'show all' for every row" }).trimEnd()));
    ink.unmount();
  });

  it('fits a long series into a narrow width', async () => {
    const session = await sandboxSession();
    const { answer } = await askAnswer(session, trend60);
    const chart = layoutAnswer(answer, { width: 40, tableRows: 50, wrap: true }).find((section) => section.kind === 'chart')!;
    expect([...chart.lines[0]![0]!.text]).toHaveLength(40);
  });
});

describe('the row cap applies to every table', () => {
  // A trend is a chart unless the question asks for its table; then the table alone, capped.
  it('caps a cost trend table to tableRows in ask, and says how many rows there were', async () => {
    const result = await runQchat(['ask', `${trend60} as a table`, '--sandbox'], { QCHAT_TABLE_ROWS: '5' });
    expect(result.code).toBe(0);
    const days = result.stdout.split('\n').filter((line) => /^2026-\d\d-\d\d +\$/.test(line));
    expect(days).toHaveLength(5);
    expect(result.stdout).toContain('(showing 5 of 60 rows — `--all` for every row)');
    expect(result.stdout).not.toMatch(sparkBlocks);
  });

  it('caps the same table in the chat', async () => {
    const { ui, waitFor, type, press } = renderWithProviders({ flags: { tableRows: 5 } });
    await waitFor('›');
    await type(`${trend60} as a table`);
    await press(keys.enter);
    const frame = await waitFor('showing 5 of 60 rows');
    expect(frame.split('\n').filter((line) => /^2026-\d\d-\d\d +\$/.test(line))).toHaveLength(5);
    expect(frame).not.toMatch(sparkBlocks);
    ui.unmount();
  });

  it('keeps the note of a table that the answer itself capped', async () => {
    const session = await sandboxSession({ tableRows: 3 });
    const { answer } = await askAnswer(session, 'top 10 services by cost last month');
    expect(renderAnswerText(answer, { width: 100, tableRows: 3, wrap: false })).toMatch(/\(showing 3 of \d+ services\)/);
  });
});

/** Runs a headless command with stdout a terminal of `columns` cells. */
async function onTerminal(args: string[], columns: number): Promise<string> {
  let text = '';
  const stdout = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }), { columns, isTTY: true });
  const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
  await runCli(args, { stdin: Readable.from(['']), stdout, stderr, stdinIsTTY: false, stdoutIsTTY: true, env: { QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_HOME: tempHome(), PATH: process.env.PATH } });
  return text;
}

describe('ask and diagnose wrap text on a terminal, never inside a command', () => {
  const diagnose = ['diagnose', '--sandbox', '--error', 'The bucket you tried to delete is not empty', '--url', 'https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2'];
  const command = 'aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2';

  it('fits every line into 60 columns but the command, which is whole on its own line', async () => {
    const out = lines(await onTerminal(diagnose, 60));
    expect(out).toContain(command);
    expect(out.filter((line) => line !== command && !line.startsWith('aws ')).every((line) => [...line].length <= 60)).toBe(true);
  });

  it('keeps whole lines into a pipe', async () => {
    const result = await runQchat(diagnose);
    expect(result.stdout.split('\n').some((line) => line.length > 100 && line.endsWith(command))).toBe(true);
  });
});


// A filter that needs more GetResource reads than describeLimit: `ask` answers without the filter
// and exits 2 (a usage matter: --details, not an AWS failure); the chat asks y/n mid-question.
// Real SDK clients over HTTP against the in-process sandbox (listProperties identifiers).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../source/cli/program.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { fixtureCount } from './helpers/session.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const question = 'list stopped ec2 instances in us-east-1';
const instances = fixtureCount('AWS::EC2::Instance', 'us-east-1');
const ready = /› +Ask about your AWS account, or \/help\n/;

describe('qchat ask past describeLimit', () => {
  it('claims no filtered figure and exits 2 (needs --details), with outcome unapplied in JSON', async () => {
    const result = await runQchat(['ask', question, '--sandbox', '--json'], { QCHAT_DESCRIBE_LIMIT: '5' });
    expect(result.code).toBe(2);
    const { answer, calls } = JSON.parse(result.stdout);
    expect(answer.outcome).toBe('unapplied');
    expect(answer.summary).toContain(`would read each of the ${instances} EC2 instances with GetResource: ${instances} calls`);
    expect(answer.table).toBeUndefined();
    expect(calls.map((call: { operation: string }) => call.operation)).toEqual(['ListResources']);
  });

  it('makes the reads with --details and exits 0', async () => {
    const result = await runQchat(['ask', question, '--sandbox', '--json', '--details'], { QCHAT_DESCRIBE_LIMIT: '5' });
    expect(result.code).toBe(0);
    const { answer, calls } = JSON.parse(result.stdout);
    expect(answer.outcome).toBe('answered');
    expect(answer.summary).toMatch(/^Found \d+ EC2 instances in state stopped in us-east-1\.$/);
    expect(calls.filter((call: { operation: string }) => call.operation === 'GetResource')).toHaveLength(instances);
  });
});

describe('the chat asks before passing describeLimit', () => {
  const start = async () => {
    const chat = renderWithProviders({ flags: { describeLimit: 5 } });
    await chat.waitFor(ready);
    await chat.type(question);
    await chat.press(keys.enter);
    await chat.waitFor('Make these calls?');
    return chat;
  };

  it('y makes the reads and answers with the filter applied', async () => {
    const { frame, waitFor, press, ui } = await start();
    expect(frame()).toMatchSnapshot('describe-limit-prompt');
    await press('y');
    await waitFor(/Found \d+ EC2 instances in state stopped in us-east-1\./);
    await waitFor(ready);
    expect(frame()).not.toContain('Make these calls?');
    ui.unmount();
  });

  it('n answers without claiming the filter', async () => {
    const { frame, waitFor, press, ui } = await start();
    await press('n');
    await waitFor('Could not apply the filter in state stopped to EC2 instances.');
    await waitFor(ready);
    expect(frame()).not.toMatch(/Found \d+ EC2 instances/);
    ui.unmount();
  });

  it('Esc cancels the question: not counted', async () => {
    const { waitFor, press, ui } = await start();
    await press(keys.escape);
    await waitFor('Cancelled: not counted against your limits.');
    ui.unmount();
  });
});

describe('the plain chat asks the same', () => {
  it('a y line makes the reads, an n line answers without the filter', async () => {
    let stdout = '';
    const code = await runCli([], {
      stdin: Readable.from([`${question}\n`, 'y\n', `${question}\n`, 'n\n', '/quit\n']),
      stdout: { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WritableStream,
      stderr: { write: () => true } as unknown as NodeJS.WritableStream,
      stdinIsTTY: true,
      stdoutIsTTY: false,
      env: { QCHAT_SANDBOX: 'true', QCHAT_DESCRIBE_LIMIT: '5', QCHAT_HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z', PATH: process.env.PATH },
    });
    expect(code).toBe(0);
    expect(stdout.match(/Make these calls\? y \/ n: /g)).toHaveLength(2);
    expect(stdout).toMatch(/Make these calls\? y \/ n: Found \d+ EC2 instances in state stopped in us-east-1\./);
    expect(stdout).toMatch(/Make these calls\? y \/ n: Could not apply the filter in state stopped to EC2 instances\./);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../source/present/terminal-text.js';
import { tempHome } from './helpers/cli.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const ready = /› +Ask about your AWS account, or \/help\n/;

describe('a 60-column terminal', () => {
  it('a listing leaves out its low-value columns, says which, and keeps IDs and names whole', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ columns: 60, flags: { tableRows: 3 } });
    await waitFor(ready);
    await type('list ec2 instances in us-east-1');
    await press(keys.enter);
    const shown = await waitFor('left out to fit 60 columns');
    const turn = shown.slice(shown.indexOf('› list ec2'), shown.indexOf('Calls:'));
    expect(turn).toMatchSnapshot('narrow-listing');
    expect(turn).toContain('(Type and Zone left out to fit 60 columns)');
    expect(turn).not.toContain('…');
    expect(frame().split('\n').every((line) => cellWidth(line) <= 60)).toBe(true);
    ui.unmount();
  });
});

describe('a 60-column terminal: the screen qchat shows when it cannot start', () => {
  it('wraps its message at spaces and keeps the command of the remedy whole on one line, to copy', async () => {
    const home = tempHome();
    const { waitFor, ui, exits } = renderWithProviders({
      columns: 60,
      flags: { sandbox: false, profile: 'nope' },
      env: { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
    });
    const shown = (await waitFor('qchat could not start')).replaceAll(home, '<home>');
    expect(shown).toMatchSnapshot('could-not-start-60-columns');
    expect(shown.split('\n').some((line) => line.includes('aws configure sso --profile nope'))).toBe(true);
    expect(shown.split('\n').every((line) => cellWidth(line) <= 60)).toBe(true);
    await waitFor(() => exits.length > 0);
    expect(exits).toEqual([3]);
    ui.unmount();
  });
});

describe('a 60-column terminal: a diagnosis', () => {
  it('leaves out the table’s From column before it cuts a value, and keeps the step’s command whole', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ columns: 60 });
    await waitFor(ready);
    await type('/diagnose');
    await press(keys.enter);
    await waitFor('Paste the error message');
    await type('Error: Bucket is not empty');
    await press(keys.enter);
    await waitFor('The console URL where it happened');
    await type('https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2');
    await press(keys.enter);
    const shown = await waitFor('Was this helpful? (y/n)');
    const table = shown.slice(shown.indexOf('Read '), shown.indexOf('Calls:'));
    expect(table).toMatchSnapshot('narrow-diagnosis-table');
    expect(table).toContain('(From left out to fit 60 columns)');
    expect(table).toMatch(/^bucket ARN +arn:aws:s3:::my-bucket-123456$/m);
    expect(shown.split('\n')).toContain('aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2');
    // Only what must not break is wider than the screen, each on a line of its own: the URL asked about and the command.
    expect(frame().split('\n').filter((line) => cellWidth(line) > 60)).toEqual([
      '(https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2)',
      'aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2',
    ]);
    ui.unmount();
  });
});

describe('a 60-column terminal: /help', () => {
  it('wraps each description beside its name with a hanging indent, never back under the names or after a stray space', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ columns: 60, flags: { sandboxUser: 'carol' } });
    await waitFor(ready);
    await type('/help');
    await press(keys.enter);
    const shown = await waitFor(/Ctrl\+L +clear and redraw the screen/);
    const help = shown.slice(shown.indexOf('On Free you can chat'), shown.indexOf('clear and redraw the screen'));
    const lines = help.split('\n');
    expect(lines.every((line) => cellWidth(line) <= 60)).toBe(true);
    // Ink's own wrapping began a continued line with the space it broke at: " the Free tier because…".
    expect(lines.filter((line) => /^ \S/.test(line))).toEqual([]);
    const keysAt = lines.indexOf('Keys:');
    const commands = lines.slice(lines.findIndex((line) => line.startsWith('  /help')), keysAt);
    // Every line of the commands and keys is a row (two spaces, a name) or the continuation of one, indented to its description.
    const strays = (rows: string[], indent: number) => rows.filter((line) => !/^  \S/.test(line) && !new RegExp(`^ {${indent}}\\S`).test(line));
    expect(commands.length).toBeGreaterThan(10);
    expect(strays(commands, 13)).toEqual([]);
    expect(strays(lines.slice(keysAt + 1), 24)).toEqual([]);
    expect(help).toMatch(/^  Enter {17}send \(while a question runs: queue\n {24}it\)$/m);
    expect(help).toMatch(/^  Ctrl\+D {16}delete under the cursor; on an empty\n {24}prompt, quit$/m);
    expect(frame()).toContain('\nKeys:\n');
    ui.unmount();
  });
});

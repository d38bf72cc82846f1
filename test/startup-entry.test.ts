import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandNames, opensChat } from '../source/cli/mode.js';
import { chatContext } from '../source/cli/program.js';
import { QchatError } from '../source/errors.js';
import { runQchat, tempHome } from './helpers/cli.js';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built entry; with `closeStdout` its stdout pipe is closed at once, as by a reader that stopped (`| head -1`). */
function runEntry(args: string[], { closeStdout = false } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { env: { PATH: process.env.PATH, HOME: '/nonexistent', QCHAT_NOW: '2026-11-22T10:00:00Z' } });
    const run: Run = { code: null, stdout: '', stderr: '' };
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

describe('the built entry (dist/cli.js)', () => {
  it('answers --version and -v by itself, and the parser answers --version among other flags the same', async () => {
    for (const args of [['--version'], ['-v'], ['--sandbox', '--version']]) {
      expect(await runEntry(args)).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
    }
  });

  it('stops quietly with exit 0 when the reader of its output goes away (`qchat --help | head -1`)', async () => {
    expect(await runEntry(['--help'], { closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('still sanitizes what the parser quotes back: an escape sequence typed as a flag is not drawn', async () => {
    const run = await runEntry(['--\u001b]0;pwned\u0007x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("qchat: unknown option '--x'\nRun 'qchat --help' for usage.\n");
  });
});

describe('the chat drawn before the argument parser', () => {
  const terminal = { stdinIsTTY: true, stdoutIsTTY: true, env: {} };

  it('is taken only for a terminal and settings flags; a command, a bare word, a short flag, --help, --version or --plain goes through the parser first', () => {
    expect(opensChat([], terminal)).toBe(true);
    expect(opensChat(['--sandbox', '--region', 'eu-west-1', '--no-color'], terminal)).toBe(true);
    for (const argv of [['ask', 'x'], ['--region', 'eu-west-1', 'history'], ['-h'], ['-vh'], ['--help'], ['--sandbox', '--version'], ['--plain'], ['--', 'x'], ['frobnicate'], ['--region=eu-west-1', 'histroy']]) {
      expect(opensChat(argv, terminal)).toBe(false);
    }
    expect(opensChat([], { ...terminal, stdoutIsTTY: false })).toBe(false);
    expect(opensChat([], { ...terminal, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('knows every command the parser declares', async () => {
    const help = await runQchat(['--help']);
    const declared = help.stdout.slice(help.stdout.indexOf('Commands:')).match(/^  ([a-z]+)/gm)!.map((line) => line.trim());
    expect([...declared].sort()).toEqual([...commandNames].sort());
  });

  it('parses argv behind the prompt as the parser does: the flags are settings, a refused flag is a usage error the chat shows', async () => {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, ...terminal, env: { QCHAT_HOME: tempHome(), HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z' } };
    const context = await chatContext(['--sandbox', '--region', 'eu-west-1'], io);
    expect(context.settings).toMatchObject({ sandbox: true, region: 'eu-west-1' });
    const refused = await chatContext(['--frobnicate'], io).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QchatError);
    expect(refused).toMatchObject({ code: 'USAGE', message: "unknown option '--frobnicate'\nRun 'qchat --help' for usage." });
  });
});

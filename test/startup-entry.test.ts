import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../source/cli/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** A fresh QCHAT_HOME for one test. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'qchat-test-'));
}

/**
 * Runs the CLI in-process, headless, with a clean environment: no AWS configuration (HOME is a
 * fresh directory, so the machine's ~/.aws is never read), the clock pinned.
 */
export async function runQchat(args: string[], env: NodeJS.ProcessEnv = {}, stdinText: string | Buffer = ''): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, {
    stdin: Readable.from([stdinText]),
    stdout,
    stderr,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: { QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_HOME: tempHome(), HOME: tempHome(), PATH: process.env.PATH, ...env },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

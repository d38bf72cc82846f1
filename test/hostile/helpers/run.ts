import { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { runCli } from '../../../source/cli/program.js';
import { tempHome, type CliResult } from '../../helpers/cli.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * `runQchat` (test/helpers/cli.ts) with raw bytes allowed on stdin, so invalid UTF-8 reaches qchat
 * as it would from a pipe. In-process and headless, with a fresh QCHAT_HOME and the pinned clock.
 */
export async function runHostile(args: string[], env: NodeJS.ProcessEnv = {}, stdin: string | Buffer = ''): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: { QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_HOME: tempHome(), PATH: process.env.PATH, ...env },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

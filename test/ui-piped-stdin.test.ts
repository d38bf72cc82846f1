import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../source/cli/program.js';
import { runQchat, tempHome } from './helpers/cli.js';

const env = { QCHAT_SANDBOX: 'true' };

describe('questions on piped stdin', () => {
  it('`echo "how many s3 buckets" | qchat` answers it, as qchat ask would', async () => {
    const result = await runQchat([], env, 'how many s3 buckets\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^You have \d+ S3 buckets in the account\./);
  });

  it("`printf 'q1\\nq2\\n' | qchat ask` answers each line, in order", async () => {
    const result = await runQchat(['ask'], env, 'how many vpcs\n\nhow many subnets\n');
    expect(result.code).toBe(0);
    const vpcs = result.stdout.indexOf('› how many vpcs\nYou have');
    const subnets = result.stdout.indexOf('› how many subnets\nYou have');
    expect(vpcs).toBe(0);
    expect(subnets).toBeGreaterThan(vpcs);
  });

  it('with --json, one JSON line per question; the exit code is the first that was not 0', async () => {
    const result = await runQchat(['ask', '--json'], env, 'how many vpcs\nwhat is the meaning of life\nhow many subnets\n');
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string });
    expect(lines.map((line) => line.question)).toEqual(['how many vpcs', 'what is the meaning of life', 'how many subnets']);
    expect(result.code).toBe(2);
  });
});

describe('the plain chat', () => {
  /** The chat with a terminal on stdin but not on stdout, fed `lines`. */
  async function plainChat(lines: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const code = await runCli([], {
      stdin: Readable.from(lines),
      stdout: { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WritableStream,
      stderr: { write: () => true } as unknown as NodeJS.WritableStream,
      stdinIsTTY: true,
      stdoutIsTTY: false,
      env: { ...env, QCHAT_HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z', PATH: process.env.PATH },
    });
    return { code, stdout };
  }

  it('with a terminal on stdin but not on stdout: line by line, no cursor movement, /quit leaves', async () => {
    const { code, stdout } = await plainChat(['how many vpcs\n', '/regions\n', '/quit\n']);
    expect(code).toBe(0);
    expect(stdout).toContain('qchat (plain mode)');
    expect(stdout).toMatch(/› You have \d+ EC2 VPCs in us-east-1[.;]/);
    expect(stdout).toContain('Cross-region questions: not decided yet');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('Ctrl+D (the end of input) at the prompt leaves with exit 0 and ends the prompt’s line, so the shell’s prompt starts on its own', async () => {
    const { code, stdout } = await plainChat(['how many vpcs\n']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n\n› \n')).toBe(true);
  });
});

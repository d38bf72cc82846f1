import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatMode, isInteractive } from '../source/cli/mode.js';
import { loadSettings } from '../source/config/load-settings.js';
import { runQchat, tempHome } from './helpers/cli.js';

function homeWithSettings(settings: string): string {
  const home = tempHome();
  mkdirSync(join(home, 'config'), { recursive: true });
  writeFileSync(join(home, 'config', 'settings.json'), settings);
  return home;
}

describe('qchat command line', () => {
  it('prints the version and help', async () => {
    const version = await runQchat(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n` });
    const help = await runQchat(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--profile', '--region', '--endpoint-url', '--sandbox', '--sandbox-user', '--no-color', 'sandbox']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('rejects an unknown command or flag with one line, a usage hint and exit 2', async () => {
    const command = await runQchat(['frobnicate']);
    expect(command).toMatchObject({ code: 2, stdout: '' });
    expect(command.stderr).toBe("qchat: unknown command 'frobnicate'\nRun 'qchat --help' for usage.\n");
    const flag = await runQchat(['--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--frobnicate'");
    const subFlag = await runQchat(['sandbox', 'serve', '--port']);
    expect(subFlag.code).toBe(2);
    expect(subFlag.stderr).toContain("option '--port <n>' argument missing");
  });

  it('without a terminal, reads questions from stdin: none is a usage error', async () => {
    const result = await runQchat([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ask needs a question');
  });

  it('names the file, key and what is allowed for a bad settings value', async () => {
    const home = homeWithSettings('{"retryMode": "sometimes"}');
    const result = await runQchat(['sandbox', 'env'], { QCHAT_HOME: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`qchat: ${join(home, 'config', 'settings.json')}: retryMode: "sometimes" is not allowed; use one of standard, adaptive, legacy\n`);
  });

  it('reports a bad setting as JSON when --json was asked for', async () => {
    const home = homeWithSettings('{"maxAttempts": "lots"}');
    const result = await runQchat(['ask', 'how many vpcs', '--json'], { QCHAT_HOME: home });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: 'USAGE', message: `${join(home, 'config', 'settings.json')}: maxAttempts: "lots" is not valid: a whole number from 1 to 10`, remedy: null, details: {} },
    });
  });

  it('reports a settings file that is not JSON, without a stack trace', async () => {
    const home = homeWithSettings('{ region: ');
    const result = await runQchat(['sandbox', 'env'], { QCHAT_HOME: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/settings\.json: \(file\): is not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the environment variable and the flag of a bad value', async () => {
    const env = await runQchat(['sandbox', 'env'], { QCHAT_MAX_ATTEMPTS: 'many' });
    expect(env).toMatchObject({ code: 2 });
    expect(env.stderr).toContain('environment: QCHAT_MAX_ATTEMPTS: "many" is not valid');
    const flag = await runQchat(['sandbox', 'env', '--region', 'moon-base-1x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('command line: --region: "moon-base-1x" is not valid: an AWS region code such as us-east-1');
  });

  it('warns about unknown keys and carries on', async () => {
    const home = homeWithSettings('{"regoin": "eu-west-1"}');
    const result = await runQchat(['sandbox', 'env'], { QCHAT_HOME: home, QCHAT_COLOUR: '1' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('unknown setting "regoin" ignored');
    expect(result.stderr).toContain('unknown variable QCHAT_COLOUR ignored');
  });

  it('rejects a QCHAT_NOW that is not ISO 8601', async () => {
    const result = await runQchat(['sandbox', 'env'], { QCHAT_NOW: 'next tuesday' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('QCHAT_NOW must be an ISO 8601 date');
  });

  it('prints sandbox credentials for the AWS CLI and rejects unknown sandbox users', async () => {
    const bob = await runQchat(['sandbox', 'env', '--sandbox-user', 'bob', '--endpoint-url', 'http://127.0.0.1:4566']);
    expect(bob.code).toBe(0);
    expect(bob.stdout).toContain('export AWS_ACCESS_KEY_ID=ASIAQSBXBOB');
    expect(bob.stdout).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    const nobody = await runQchat(['sandbox', 'env', '--sandbox-user', 'mallory']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('unknown sandbox user "mallory"; choose one of alice, bob');
  });

  it('rejects a malformed fault spec naming the bad part', async () => {
    const result = await runQchat(['sandbox', 'serve', '--faults', 'latency=50ms,throttle=lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad fault "throttle=lots": throttle takes a rate from 0 to 1');
  });
});

describe('settings layers', () => {
  it('applies defaults < file < environment < flags', () => {
    const home = homeWithSettings('{"region": "eu-west-1", "maxAttempts": 5, "retryMode": "adaptive"}');
    const file = join(home, 'config', 'settings.json');
    const { settings } = loadSettings({ file, env: { QCHAT_REGION: 'eu-west-2', QCHAT_MAX_ATTEMPTS: '7' }, flags: { region: 'ap-south-1' } });
    expect(settings).toMatchObject({ region: 'ap-south-1', maxAttempts: 7, retryMode: 'adaptive', color: true, sandbox: false });
  });
});

describe('interactivity', () => {
  it('is interactive only with a TTY on both ends and no CI', () => {
    expect(isInteractive({ stdinIsTTY: true, stdoutIsTTY: true, env: {} })).toBe(true);
    expect(isInteractive({ stdinIsTTY: false, stdoutIsTTY: true, env: {} })).toBe(false);
    expect(isInteractive({ stdinIsTTY: true, stdoutIsTTY: undefined, env: {} })).toBe(false);
    expect(isInteractive({ stdinIsTTY: true, stdoutIsTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(isInteractive({ stdinIsTTY: true, stdoutIsTTY: true, env: { CI: 'false' } })).toBe(true);
  });

  it('piped stdin asks; TERM=dumb, a stdout that is not a terminal or --plain chat line by line; CI gets no chat', () => {
    const tty = { stdinIsTTY: true, stdoutIsTTY: true };
    expect(chatMode({ stdinIsTTY: false, stdoutIsTTY: true, env: {} })).toBe('ask-stdin');
    expect(chatMode({ stdinIsTTY: false, stdoutIsTTY: false, env: { CI: 'true' } })).toBe('ask-stdin');
    expect(chatMode({ ...tty, env: { TERM: 'dumb' } })).toBe('plain');
    expect(chatMode({ stdinIsTTY: true, stdoutIsTTY: false, env: {} })).toBe('plain');
    expect(chatMode({ ...tty, env: {} }, { plain: true })).toBe('plain');
    expect(chatMode({ ...tty, env: { CI: '1' } })).toBe('not-a-terminal');
    expect(chatMode({ ...tty, env: { TERM: 'xterm-256color' } })).toBe('interactive');
  });
});

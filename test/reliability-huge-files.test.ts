import { mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../source/cli/program.js';
import { safeUserDirName } from '../source/config/safe-user-id.js';
import { openHistory } from '../source/history/store.js';
import { tempHome, type CliResult } from './helpers/cli.js';
import { useSandbox } from './helpers/sandbox.js';
import { expectClean } from './hostile/helpers/expect-clean.js';
import { runHostile } from './hostile/helpers/run.js';

// Issue 16 item 12: history and usage files past 512 MB (the longest string V8 can make) once
// crashed `history show` and the chat with "Invalid string length", and a 600 MB usage file made
// every command exit 1. Each file here is 600 MB but sparse (truncated to size), so making it
// takes no time and no disk; qchat refuses it by its size, before reading it.
const sandbox = useSandbox();
const asAlice = () => ['--endpoint-url', sandbox.current.url, '--sandbox-user', 'alice'];
const hugeBytes = 600 * 1024 * 1024;
const pinned = '2026-11-22T10:00:00Z';
const stamp = '20261122T100000Z';
let aliceId = '';
beforeAll(async () => {
  aliceId = (JSON.parse((await runHostile(['whoami', '--json', ...asAlice()])).stdout) as { userId: string }).userId;
});

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function home(): { home: string; data: string } {
  const dir = tempHome();
  homes.push(dir);
  return { home: dir, data: join(dir, 'data') };
}

/** Makes `file` 600 MB: what it held, then a hole of zero bytes (no newline: one endless line). */
function grow(file: string): void {
  truncateSync(file, hugeBytes);
  expect(statSync(file).size).toBe(hugeBytes);
}

/** Alice's history with one conversation of one turn, as qchat wrote it. */
async function historyWithOneTurn(data: string): Promise<{ dir: string; file: string }> {
  const store = await openHistory({ dataDir: data, userId: aliceId, clock: () => new Date(pinned) });
  const { id } = await store.create('how many lambda functions');
  await store.append(id, { role: 'user', text: 'how many lambda functions' });
  await store.append(id, { role: 'assistant', text: 'You have 3 Lambda functions.' });
  await store.flush();
  return { dir: store.dir, file: join(store.dir, `${id}.jsonl`) };
}

/** The plain chat (a terminal on stdin, none on stdout), in-process, typing `lines`. */
async function plainChat(env: NodeJS.ProcessEnv, lines: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (chunk: string) => void) => new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const code = await runCli(asAlice(), {
    stdin: Readable.from(lines.map((line) => `${line}\n`)),
    stdout: sink((chunk) => (stdout += chunk)),
    stderr: sink((chunk) => (stderr += chunk)),
    stdinIsTTY: true,
    stdoutIsTTY: false,
    env: { QCHAT_NOW: pinned, PATH: process.env.PATH, ...env },
  });
  return { code, stdout, stderr };
}

const tooLarge = (max: string) => `(629,145,600 bytes; at most ${max} are read)`;

describe('600 MB history and usage files (issue 16 item 12)', () => {
  it('history show: a 600 MB conversation file is moved aside and named, not read', async () => {
    const { home: dir, data } = home();
    const { file } = await historyWithOneTurn(data);
    grow(file);
    const result = await runHostile(['history', 'show', '1', ...asAlice()], { QCHAT_HOME: dir });
    expectClean(result, { codes: [0] });
    expect(result.stdout).toContain('how many lambda functions');
    expect(result.stderr).toContain(`qchat: warning: history: ${file} was unreadable ${tooLarge('67,108,864')}; moved it to ${file}.corrupt-${stamp}`);
    expect(statSync(`${file}.corrupt-${stamp}`).size).toBe(hugeBytes);
  });

  it('the chat: a 600 MB last conversation is moved aside and named; the chat answers and records', async () => {
    const { home: dir, data } = home();
    const { file } = await historyWithOneTurn(data);
    grow(file);
    const result = await plainChat({ QCHAT_HOME: dir }, ['how many vpcs in us-east-1', '/quit']);
    expectClean(result, { codes: [0] });
    expect(result.stdout).toContain(`history: ${file} was unreadable ${tooLarge('67,108,864')}; moved it to ${file}.corrupt-${stamp}`);
    expect(result.stdout).toMatch(/You have \d+ EC2 VPCs in us-east-1\./);
    // The turn went on in a fresh file of the same conversation.
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
  });

  it('history list: a 600 MB index.json is moved aside and named; the list is rebuilt from the conversation files', async () => {
    const { home: dir, data } = home();
    const { dir: historyDir } = await historyWithOneTurn(data);
    const index = join(historyDir, 'index.json');
    grow(index);
    const result = await runHostile(['history', 'list', ...asAlice()], { QCHAT_HOME: dir });
    expectClean(result, { codes: [0] });
    expect(result.stdout).toMatch(/ 2 {2}how many lambda functions/);
    expect(result.stderr).toContain(`qchat: warning: history: ${index} was unreadable ${tooLarge('8,388,608')}; moved it to ${index}.corrupt-${stamp}`);
  });

  for (const [name, fileName, max] of [
    ['usage file', (user: string) => `${user}.json`, '65,536'],
    ['month ledger', (user: string) => `${user}.2026-11.ledger`, '1,048,576'],
  ] as const) {
    it(`ask and whoami: a 600 MB ${name} is moved aside and named; the month counts as used (exit 5)`, async () => {
      const { home: dir, data } = home();
      const usage = join(data, 'usage');
      mkdirSync(usage, { recursive: true, mode: 0o700 });
      const file = join(usage, fileName(safeUserDirName(aliceId)));
      writeFileSync(file, '');
      grow(file);
      const ask = await runHostile(['ask', 'how many lambda functions in us-east-1', ...asAlice()], { QCHAT_HOME: dir });
      expectClean(ask, { codes: [5] });
      expect(ask.stderr).toContain(`qchat: warning: The usage file ${file} could not be read ${tooLarge(max)}; it was kept as ${file}.corrupt-${stamp}`);
      expect(ask.stderr).toMatch(/^qchat: Monthly limit of 1000 requests reached/m);
      expect(statSync(`${file}.corrupt-${stamp}`).size).toBe(hugeBytes);
      const whoami = await runHostile(['whoami', ...asAlice()], { QCHAT_HOME: dir });
      expectClean(whoami, { codes: [0] });
      expect(readdirSync(usage).filter((name) => name.includes('corrupt'))).toHaveLength(1);
    });
  }
});

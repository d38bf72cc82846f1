import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeUserDirName } from '../../source/config/safe-user-id.js';
import { tempHome } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { savedId, savedLines } from './corpus/history.js';
import { expectClean } from './helpers/expect-clean.js';
import { runHostile } from './helpers/run.js';

// The same damage as history.test.ts, seen through the commands a user runs.
const sandbox = useSandbox();
const asAlice = () => ['--endpoint-url', sandbox.current.url, '--sandbox-user', 'alice'];
let aliceId = '';
beforeAll(async () => {
  aliceId = (JSON.parse((await runHostile(['whoami', '--json', ...asAlice()])).stdout) as { userId: string }).userId;
});

function homeWithHistory(files: Record<string, string>): { home: string; dir: string } {
  const home = tempHome();
  const dir = join(home, 'data', 'history', safeUserDirName(aliceId));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { home, dir };
}

describe('damaged history and usage files through the commands', () => {
  it('history list: a corrupt index is moved aside, named in a warning, and the list rebuilt', async () => {
    const { home, dir } = homeWithHistory({ 'index.json': '{"version": 1, "conv', [`${savedId}.jsonl`]: `${savedLines.join('\n')}\n` });
    const result = await runHostile(['history', 'list', ...asAlice()], { QCHAT_HOME: home });
    expectClean(result, { codes: [0] });
    expect(result.stdout).toContain('how many lambda functions');
    expect(result.stderr).toContain(`qchat: warning: history: ${dir}/index.json was unreadable (not valid JSON); moved it to ${dir}/index.json.corrupt-`);
    expect(readFileSync(join(dir, 'index.json.corrupt-20261122T100000Z'), 'utf8')).toBe('{"version": 1, "conv');
  });

  it('history show: escape sequences stored in a message are not drawn', async () => {
    const line = JSON.stringify({ id: 'm1', role: 'user', at: '2026-11-22T09:00:00Z', text: '\u001b]0;pwned\u0007\u001b[2Jhow many \u009b31mlambda functions\u202e' });
    const { home } = homeWithHistory({ [`${savedId}.jsonl`]: `${line}\n` });
    const text = await runHostile(['history', 'show', '1', ...asAlice()], { QCHAT_HOME: home });
    expectClean(text, { codes: [0] });
    expect(text.stdout).toContain('how many lambda functions');
    const json = await runHostile(['history', 'export', '1', ...asAlice()], { QCHAT_HOME: home });
    expectClean(json, { codes: [0], json: true });
    // JSON keeps the text exactly as stored.
    expect((JSON.parse(json.stdout) as { messages: Array<{ text: string }> }).messages[0]!.text).toBe(JSON.parse(line).text);
  });

  it('history show: a 20 MB line is read and shown', async () => {
    const big = JSON.stringify({ id: 'm2', role: 'assistant', at: '2026-11-22T09:00:01Z', text: 'y'.repeat(20_000_000) });
    const { home } = homeWithHistory({ [`${savedId}.jsonl`]: `${savedLines[0]}\n${big}\n` });
    const result = await runHostile(['history', 'list', ...asAlice()], { QCHAT_HOME: home });
    expectClean(result, { codes: [0] });
    expect(result.stdout).toMatch(/ 2 {2}how many lambda functions/);
  });

  it('ask: a corrupt usage file is kept aside and the month counts as used (exit 5, told why)', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'data', 'usage'), { recursive: true });
    writeFileSync(join(home, 'data', 'usage', `${safeUserDirName(aliceId)}.json`), '\u0000garbage\u001b[2J');
    const result = await runHostile(['ask', 'how many lambda functions in us-east-1', ...asAlice()], { QCHAT_HOME: home });
    expectClean(result, { codes: [5] });
    expect(result.stderr).toMatch(/^qchat: warning: The usage file .* could not be read \(not valid JSON\); it was kept as /m);
    expect(result.stderr).toMatch(/^qchat: Monthly limit of 1000 requests reached/m);
  });

  it('ask: a usage folder that is a file is a clear error (exit 1)', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'data'), { recursive: true });
    writeFileSync(join(home, 'data', 'usage'), 'keep me');
    const result = await runHostile(['ask', 'how many lambda functions in us-east-1', ...asAlice()], { QCHAT_HOME: home });
    expectClean(result, { codes: [1] });
    expect(result.stderr).toMatch(/^qchat: Could not use the usage file .*, which keeps your request limits \(.*\/usage is a file, not a folder\)\. Move it away so qchat can create the folder\.$/m);
    expect(readFileSync(join(home, 'data', 'usage'), 'utf8')).toBe('keep me');
  });

  it('whoami: a usage file that is a folder is moved aside and named', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'data', 'usage', `${safeUserDirName(aliceId)}.json`), { recursive: true });
    const result = await runHostile(['whoami', ...asAlice()], { QCHAT_HOME: home });
    expectClean(result, { codes: [0] });
    expect(result.stderr).toMatch(/could not be read \(a folder, not a file\); it was kept as /);
  });
});

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { coercedNumberCases, envCases, settingsFileCases, wrongTypePerKey, type SettingsFileCase } from './corpus/settings.js';
import { expectClean } from './helpers/expect-clean.js';
import { runHostile } from './helpers/run.js';

// --explain plans without calling AWS, so every settings layer is read and nothing else is slow.
const explain = ['ask', '--explain', 'how many lambda functions'];

function homeWith(content: SettingsFileCase['content']): { home: string; file: string } {
  const home = tempHome();
  const file = join(home, 'config', 'settings.json');
  mkdirSync(join(home, 'config'), { recursive: true });
  if (typeof content === 'object' && 'directory' in content) mkdirSync(file);
  else writeFileSync(file, content);
  return { home, file };
}

function fileCase(c: SettingsFileCase) {
  it(c.name, async () => {
    const { home, file } = homeWith(c.content);
    const before = typeof c.content === 'object' && 'directory' in c.content ? undefined : readFileSync(file);
    const result = await runHostile(explain, { QCHAT_HOME: home });
    expectClean(result, { codes: [c.code] });
    if (c.code === 2) expect(result.stderr).toContain(`qchat: ${file}: `);
    if (c.says) expect(result.stderr).toMatch(c.says);
    // qchat never rewrites the settings file, whatever is in it.
    if (before) expect(readFileSync(file).equals(before)).toBe(true);
  });
}

describe('malformed settings.json', () => {
  settingsFileCases.forEach(fileCase);

  it('applies a settings file that starts with a byte-order mark', async () => {
    const { home } = homeWith(`\ufeff${JSON.stringify({ region: 'eu-west-1' })}`);
    const result = await runHostile(explain, { QCHAT_HOME: home });
    expect(result.stdout).toContain('["eu-west-1"]');
  });

  it.skipIf(process.getuid?.() === 0)('a settings file without read permission (skipped as root: root reads it anyway)', async () => {
    const { home, file } = homeWith(JSON.stringify({ region: 'eu-west-1' }));
    chmodSync(file, 0o000);
    const result = await runHostile(explain, { QCHAT_HOME: home });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/cannot be read \(EACCES\)/);
  });
});

describe('a value of the wrong type for each setting', () => {
  wrongTypePerKey.forEach(fileCase);
  coercedNumberCases.forEach(fileCase);
});

describe('bad QCHAT_* environment values', () => {
  for (const c of envCases) {
    it(c.name, async () => {
      const result = await runHostile(explain, c.env);
      expectClean(result, { codes: [c.code] });
      expect(result.stderr).toMatch(c.says);
    });
  }

  it('QCHAT_SANDBOX_FAULTS that is not a fault spec', async () => {
    const result = await runHostile(['ask', 'how many lambda functions', '--sandbox'], { QCHAT_SANDBOX_FAULTS: 'latency=fast,\u001b[2J=1' });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/^qchat: --faults \/ QCHAT_SANDBOX_FAULTS: /);
  });

  it('QCHAT_SANDBOX_USER that names nobody', async () => {
    const result = await runHostile(['ask', 'how many lambda functions', '--sandbox'], { QCHAT_SANDBOX_USER: '../../mallory' });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/unknown sandbox user "..\/..\/mallory"; choose one of alice/);
  });
});

describe('QCHAT_HOME that cannot hold qchat files', () => {
  it('names a file', async () => {
    const file = join(tempHome(), 'not-a-folder');
    writeFileSync(file, 'keep me');
    const result = await runHostile(explain, { QCHAT_HOME: file });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toBe(`qchat: QCHAT_HOME: ${file} is not a directory; point it at a folder\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('names a path below a file', async () => {
    const file = join(tempHome(), 'not-a-folder');
    writeFileSync(file, 'keep me');
    const result = await runHostile(explain, { QCHAT_HOME: join(file, 'qchat') });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/^qchat: QCHAT_HOME: .* cannot be used \(ENOTDIR\)/);
  });

  it('holds a NUL byte', async () => {
    const result = await runHostile(explain, { QCHAT_HOME: `${tempHome()}\u0000x` });
    expectClean(result, { codes: [2] });
    expect(result.stderr).toMatch(/^qchat: QCHAT_HOME: .* cannot be used/);
  });
});

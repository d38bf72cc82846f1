import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../source/config/settings-doc.js';
import { settingDocs } from '../source/config/setting-docs.js';
import { settingKeys } from '../source/config/settings.js';
import { runQchat } from './helpers/cli.js';

describe('settings declared once', () => {
  it('the README settings table is the one the schema makes (npm run docs:settings prints it)', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`${settingsTable()}\n`);
  });

  it('every setting with a flag is an option of the commands its metadata names, with its description as help', async () => {
    const help = async (args: string[]) => (await runQchat([...args, '--help'])).stdout.replace(/\s+/g, ' ');
    for (const key of settingKeys) {
      const { flag, description, commands } = settingDocs[key];
      if (!flag) continue;
      for (const command of commands ?? ['']) {
        const text = await help(command === 'serve' ? ['sandbox', 'serve'] : command ? [command] : []);
        expect(text, `${flag} on ${command || 'qchat'}`).toContain(`${flag} `);
        expect(text).toContain(description.replace(/\s+/g, ' '));
      }
    }
  });

  it('a flag sets its setting, validated with the flag named', async () => {
    const result = await runQchat(['sandbox', 'serve', '--sandbox-approve', 'sometimes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('command line: --sandbox-approve: "sometimes" is not allowed; use one of manual, auto');
  });
});

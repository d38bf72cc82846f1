import { settingDocs } from './setting-docs.js';
import { defaultText, envNameFor, settingKeys, settingsSchema } from './settings.js';
import { z } from 'zod';

/**
 * The README's settings table, from the schema and its metadata (setting-docs.ts, which the
 * command-line flags come from too): `npm run docs:settings` prints it, and a test checks the README holds exactly this.
 */
export function settingsTable(): string {
  const rows = settingKeys.map((key) => {
    const { flag, description, commands } = settingDocs[key];
    const fixed = settingsSchema.shape[key] instanceof z.ZodDefault;
    const byDefault = defaultText(key);
    const shownDefault = byDefault === undefined ? '' : fixed ? `\`${byDefault}\`` : byDefault;
    const shownFlag = flag ? `\`${flag}\`${commands ? ` (${commands.join(', ')})` : ''}` : '';
    return `| \`${key}\` | \`${envNameFor(key)}\` | ${shownFlag} | ${shownDefault} | ${description.replaceAll('|', '\\|')} |`;
  });
  return ['| setting | env | flag | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

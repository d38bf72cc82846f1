import chalk from 'chalk';

/**
 * The chat's colours, named by what they mean; components use these names, never a colour.
 * With colour off (NO_COLOR, --no-color, the `color` setting) no colour is drawn at all, but the
 * cursor still is: it is reverse video (SGR 7), which is not a colour.
 */
export const theme = {
  prompt: 'cyan',
  accent: 'cyan',
  success: 'green',
  warning: 'yellow',
  error: 'red',
  pro: 'green',
  sandbox: 'yellow',
} as const;

let colorOff = false;

/** Applies the `color` setting: off removes every colour Ink and chalk would draw. */
export function applyColorSetting(enabled: boolean): void {
  colorOff = !enabled;
  if (colorOff) chalk.level = 0;
}

/**
 * How the cell under the cursor is drawn. With colour on, Ink's `inverse`; with colour off chalk
 * draws nothing, so the reverse-video bytes are written as they are (Ink keeps SGR sequences).
 */
export function cursorCell(text: string): { raw: string } | { inverse: string } {
  return colorOff ? { raw: text } : { inverse: text };
}

/**
 * Makes text from AWS or from history safe to draw: escape sequences (CSI, OSC such as window
 * titles, DCS, …) and other control characters are removed, so a tag value cannot move the cursor,
 * clear the screen or retitle the terminal. Bidirectional overrides, embeddings and isolates go
 * too, so a name cannot show its characters in another order than they have. Tabs and newlines
 * become spaces unless kept.
 */
const escapeSequences =
  // OSC … BEL/ST | DCS/SOS/PM/APC … ST | CSI … final | C1 CSI … final | ESC + one char
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[ -~]?/g;
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string, options: { keepNewlines?: boolean } = {}): string {
  const stripped = text.replace(escapeSequences, '').replace(controls, '');
  return options.keepNewlines ? stripped.replace(/\t/g, '  ') : stripped.replace(/[\t\n]/g, ' ');
}

/** Width of a string in terminal cells (wide East Asian characters and emoji take two). */
export function cellWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** Cuts text to at most `width` cells, ending in "…" when it was cut. */
export function truncate(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = isWide(char.codePointAt(0)!) ? 2 : 1;
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

export function padEndCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}

export function padStartCells(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - cellWidth(text))) + text;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

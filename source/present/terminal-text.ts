import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

/**
 * Makes text from AWS or from history safe to draw: escape sequences (CSI, OSC such as window
 * titles, DCS, …) and other control characters are removed, so a tag value cannot move the cursor,
 * clear the screen or retitle the terminal. Bidirectional marks, overrides, embeddings and isolates go
 * too, so a name cannot show its characters in another order than they have. Tabs and newlines
 * become spaces unless kept.
 */
const escapeSequences =
  // OSC … BEL/ST | DCS/SOS/PM/APC … ST | CSI … final | C1 CSI … final | ESC + one char (a lone ESC is
  // a control character: the next pattern removes it)
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[ -~]/g;
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string, options: { keepNewlines?: boolean } = {}): string {
  const stripped = text.replace(escapeSequences, '').replace(controls, '');
  return options.keepNewlines ? stripped.replace(/\t/g, '  ') : stripped.replace(/[\t\n]/g, ' ');
}

/**
 * Width of a string in terminal cells, as terminals draw it: wide East Asian characters and emoji
 * take two, combining marks and zero-width joiners none, an emoji sequence is one glyph.
 */
export function cellWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts text to at most `width` cells, ending in "…" when it was cut; never inside a grapheme. */
export function truncate(text: string, width: number): string {
  // cli-truncate 5 may end one cell over when a wide character meets the cut ("中文…" for 4), so
  // ask it for one cell less until the result fits.
  // Stryker disable next-line EqualityOperator: equivalent, asking for 0 cells gives '', which is what the loop's end returns.
  for (let asked = width; asked > 0; asked--) {
    const cut = cliTruncate(text, asked);
    if (cellWidth(cut) <= width) return cut;
  }
  return '';
}

/** Breaks text into lines of at most `width` cells, between graphemes (values such as ARNs have no spaces to wrap at). */
export function breakCells(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    if (line !== '' && cellWidth(line + segment) > width) {
      lines.push(line);
      line = '';
    }
    line += segment;
  }
  return line === '' && lines.length > 0 ? lines : [...lines, line];
}

export function padEndCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cellWidth(text)));
}

export function padStartCells(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - cellWidth(text))) + text;
}

/**
 * What the user typed or pasted, with every control character drawn as a visible symbol instead of
 * acting on the terminal: C0 controls as their control pictures (ESC as ␛, BEL as ␇), DEL as ␡, C1
 * controls and bidi controls by their code point (⟨U+009B⟩, ⟨U+202E⟩). Newlines stay.
 */
export function showControls(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.charCodeAt(0);
    // Stryker disable next-line EqualityOperator: equivalent, the pattern never matches 0x20 (a space).
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

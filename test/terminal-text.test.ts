// The terminal sanitizer byte by byte: each kind of escape sequence and control it removes, what
// it leaves, and the cell arithmetic around it. The property tests in hostile/ say "never"; these
// rows say exactly what comes out, so a loosened pattern or a changed replacement shows.
import { describe, expect, it } from 'vitest';
import { cellWidth, padEndCells, padStartCells, safeText, showControls, truncate } from '../source/present/terminal-text.js';

describe('safeText', () => {
  it.each([
    ['OSC title ended by BEL', 'a\u001b]0;evil title\u0007b', 'ab'],
    ['OSC 52 clipboard ended by ST', 'a\u001b]52;c;Zm9v\u001b\\b', 'ab'],
    ['OSC hyperlink, text kept', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'link'],
    ['OSC cut short at the next ESC', 'a\u001b]0;title\u001b[31mb', 'ab'],
    ['OSC never ended takes the rest', 'a\u001b]0;never ends', 'a'],
    ['DCS ended by ST', 'a\u001bP+q544e\u001b\\b', 'ab'],
    ['SOS, PM and APC', '\u001bXs\u001b\\1\u001b^p\u001b\\2\u001b_a\u001b\\3', '123'],
    ['APC never ended', 'a\u001b_apc', 'a'],
    ['CSI with parameters', 'a\u001b[2Jb\u001b[1;31mc', 'abc'],
    ['CSI private mode', 'a\u001b[?1049hb', 'ab'],
    ['CSI with an intermediate byte', 'a\u001b[2 qb', 'ab'],
    ['CSI cut short', 'a\u001b[12', 'a'],
    ['C1 CSI', 'a\u009b2Jb', 'ab'],
    ['C1 CSI with an intermediate byte', 'a\u009b1 qb', 'ab'],
    ['C1 CSI with several parameters', 'a\u009b1;31mb', 'ab'],
    ['C1 CSI cut short', 'a\u009b12', 'a'],
    ['ESC and one character', 'a\u001bcb\u001b7c', 'abc'],
    ['a lone ESC', 'ab\u001b', 'ab'],
    ['C0 controls', 'a\u0000b\u0007c\u0008d\u000be\u001ff', 'abcdef'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009fd', 'abcd'],
    ['carriage return', 'over\rwrite', 'overwrite'],
    ['bidi overrides, embeddings and isolates', 'a\u202eb\u202ac\u2066d\u2069e', 'abcde'],
    ['bidi marks', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['tabs and newlines as spaces', 'a\tb\nc', 'a b c'],
    ['printable text, wide and combining', 'héllo 中文 e\u0301 😀 ｶ', 'héllo 中文 e\u0301 😀 ｶ'],
    ['characters just outside the removed ranges', '\u0020\u00a0\u200d\u2070', '\u0020\u00a0\u200d\u2070'],
  ])('removes %s', (_case, text, expected) => {
    expect(safeText(text)).toBe(expected);
  });

  it('keeps newlines when asked, turning each tab into two spaces', () => {
    expect(safeText('a\tb\nc\u001b[2J', { keepNewlines: true })).toBe('a  b\nc');
    expect(safeText('a\tb\nc', { keepNewlines: false })).toBe('a b c');
  });
});

describe('cells', () => {
  it('measures terminal cells: wide characters two, combining marks none', () => {
    expect([cellWidth(''), cellWidth('abc'), cellWidth('中文'), cellWidth('e\u0301'), cellWidth('😀')]).toEqual([0, 3, 4, 1, 2]);
  });

  it.each([
    ['abcdef', 6, 'abcdef'],
    ['abcdef', 5, 'abcd…'],
    ['abcdef', 1, '…'],
    ['abcdef', 0, ''],
    ['中文字', 4, '中…'],
    ['中文字', 5, '中文…'],
    ['', 3, ''],
  ])('cuts %j to %i cells as %j', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
    expect(cellWidth(truncate(text, width))).toBeLessThanOrEqual(width);
  });

  it('pads to a width in cells on either side, never cutting', () => {
    expect(padEndCells('中a', 5)).toBe('中a  ');
    expect(padStartCells('中a', 5)).toBe('  中a');
    expect(padEndCells('abcdef', 3)).toBe('abcdef');
    expect(padStartCells('abc', 3)).toBe('abc');
  });
});

describe('showControls', () => {
  it.each([
    ['ESC and BEL as control pictures', 'a\u001b[2J\u0007', 'a␛[2J␇'],
    ['NUL, backspace, tab, CR and the last C0', '\u0000\u0008\t\r\u001f', '␀␈␉␍␟'],
    ['DEL', 'x\u007f', 'x␡'],
    ['C1 controls by code point', '\u0080\u009b\u009f', '⟨U+0080⟩⟨U+009B⟩⟨U+009F⟩'],
    ['bidi controls and marks by code point', '\u202e\u2066\u200e\u061c', '⟨U+202E⟩⟨U+2066⟩⟨U+200E⟩⟨U+061C⟩'],
    ['newlines as they are', 'a\nb', 'a\nb'],
    ['printable text as it is', 'héllo 中文 ~', 'héllo 中文 ~'],
  ])('shows %s', (_case, text, expected) => {
    expect(showControls(text)).toBe(expected);
  });
});

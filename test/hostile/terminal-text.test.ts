import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth, safeText, truncate } from '../../source/present/terminal-text.js';
import { safeUserDirName } from '../../source/config/safe-user-id.js';

// Text as hostile replies and files carry it: printable runs mixed with control characters,
// escape sequences of every kind (some cut short), bidi controls, wide characters and emoji.
const controls = fc.integer({ min: 0, max: 0x9f }).filter((code) => code < 0x20 || code >= 0x7f).map((code) => String.fromCharCode(code));
const sequences = fc.constantFrom(
  '\u001b[2J', '\u001b[31m', '\u001b[?1049h', '\u001b[6n', '\u001b[', '\u001b]0;title\u0007', '\u001b]52;c;Zm9v\u001b\\', '\u001b]8;;http://x\u0007',
  '\u001b]0;never ends', '\u001bP+q544e\u001b\\', '\u001b_apc', '\u001bX', '\u001b^pm\u001b\\', '\u001bc', '\u001b', '\u009b2J', '\u009d0;t\u009c', '\u0090dcs\u009c',
  '\u202e', '\u2066', '\u2069', '\u200f', '\u061c', '\r', '\u0007', '\u0000',
);
const printable = fc.string({ unit: fc.constantFrom(...'abc XYZ 012 -_/.:=', 'é', 'ß', '中', '文', '한', '😀', '👍🏽', 'ｶ', '\u0301') });
const hostile = fc.array(fc.oneof(printable, sequences, controls, fc.string({ unit: 'grapheme' })), { maxLength: 30 }).map((parts) => parts.join(''));

/** Bytes a terminal acts on: C0 controls (newline aside), DEL, C1 (ESC, BEL, CSI, OSC … among them), bidi controls. */
const actsOnTerminal = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it('never lets a control character, escape or bidi control through', () => {
    fc.assert(fc.property(hostile, (text) => !actsOnTerminal.test(safeText(text)) && !safeText(text).includes('\n')));
  });

  it('keeps newlines only when asked, and nothing else that acts on the terminal', () => {
    fc.assert(fc.property(hostile, (text) => !actsOnTerminal.test(safeText(text, { keepNewlines: true }))));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (text, keepNewlines) => {
        const once = safeText(text, { keepNewlines });
        return safeText(once, { keepNewlines }) === once;
      }),
    );
  });

  it('passes printable text without controls unchanged', () => {
    fc.assert(fc.property(printable, (text) => safeText(text) === text && safeText(text, { keepNewlines: true }) === text));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((text) => !actsOnTerminal.test(text) && !text.includes('\n')), (text) => safeText(text) === text));
  });

  it('never makes text longer, and removes only (tabs become spaces)', () => {
    fc.assert(fc.property(hostile, (text) => safeText(text).length <= text.replace(/\t/g, '  ').length));
  });

  it('keeps the printable text after a complete sequence', () => {
    // An unfinished one ("\u001b]0;…" with no end) may take the rest of the text with it, as a terminal would.
    const complete = fc.constantFrom('\u001b[2J', '\u001b[31m', '\u001b[?1049h', '\u001b]0;title\u0007', '\u001b]52;c;Zm9v\u001b\\', '\u001bP+q544e\u001b\\', '\u001bc', '\u009b2J', '\u202e', '\u0007', '\u0000', '\r');
    fc.assert(fc.property(printable, complete, printable, (before, sequence, after) => safeText(`${before}${sequence}${after}`) === `${before}${after}`));
  });
});

describe('cellWidth and truncate', () => {
  it('fits any text into any width', () => {
    fc.assert(fc.property(hostile.map((text) => safeText(text)), fc.integer({ min: 0, max: 120 }), (text, width) => cellWidth(truncate(text, width)) <= width));
  });

  it('leaves text that fits as it is, and ends cut text with an ellipsis', () => {
    fc.assert(
      fc.property(printable, fc.integer({ min: 1, max: 80 }), (text, width) => {
        const cut = truncate(text, width);
        return cellWidth(text) <= width ? cut === text : cut.endsWith('…') && text.startsWith(cut.slice(0, -1));
      }),
    );
  });

  it('counts each grapheme as at most two cells', () => {
    const graphemes = (text: string) => [...new Intl.Segmenter().segment(text)].length;
    fc.assert(fc.property(printable, (text) => cellWidth(text) <= 2 * graphemes(text)));
  });

  it('measures emoji, East Asian wide characters and combining marks as a terminal draws them', () => {
    expect(cellWidth('😀')).toBe(2);
    expect(cellWidth('👍🏽')).toBe(2); // an emoji and its skin tone are one glyph
    expect(cellWidth('👨‍👩‍👧')).toBe(2); // a ZWJ family is one glyph
    expect(cellWidth('🇩🇪')).toBe(2);
    expect(cellWidth('中文')).toBe(4);
    expect(cellWidth('한국')).toBe(4);
    expect(cellWidth('ｶﾀｶﾅ')).toBe(4); // half-width katakana
    expect(cellWidth('e\u0301')).toBe(1); // a combining acute takes no cell
    expect(cellWidth('Z\u0335\u0321\u0322')).toBe(1);
    expect(cellWidth('a\u200bb')).toBe(2); // zero-width space
  });

  it('cuts wide characters and emoji without going over the width or splitting a glyph', () => {
    expect(truncate('中文字符', 4)).toBe('中…');
    expect(truncate('😀😀😀', 4)).toBe('😀…');
    expect(truncate('👨‍👩‍👧👨‍👩‍👧', 3)).toBe('👨‍👩‍👧…');
    expect(truncate('cafe\u0301 au lait', 5)).toBe('cafe\u0301…');
    expect(truncate('中', 1)).toBe('…');
  });

  it('is additive over concatenation', () => {
    fc.assert(fc.property(printable, printable, (a, b) => cellWidth(a + b) === cellWidth(a) + cellWidth(b)));
  });

  it('never splits a surrogate pair', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0, max: 40 }), (text, width) => !/[\ud800-\udbff](?![\udc00-\udfff])/.test(truncate(text, width).replace(/…$/, ''))));
  });
});

describe('safeUserDirName', () => {
  const anyId = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom('.', '..', '', '/', '\\', '../..', 'a/../b', '..\\x', 'C:\\x', '\u0000', 'con', '.hidden', 'x'.repeat(128), 'x'.repeat(129)),
    fc.array(fc.constantFrom('..', '.', '/', '\\', 'a', 'd-9067642ac7', '-', '_', '\u0000', '😀'), { maxLength: 20 }).map((parts) => parts.join('')),
  );

  it('is never a path: no separator, never "." or "..", never empty', () => {
    fc.assert(
      fc.property(anyId, (userId) => {
        const name = safeUserDirName(userId);
        return !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..' && name.length > 0 && !name.includes('\u0000');
      }),
    );
  });

  it('stays directly inside its parent folder', () => {
    fc.assert(
      fc.property(anyId, (userId) => {
        const inside = relative('/data/history', join('/data/history', safeUserDirName(userId)));
        return !inside.includes(sep) && !inside.startsWith('..') && inside !== '';
      }),
    );
  });

  it('is at most 128 characters', () => {
    fc.assert(fc.property(anyId, (userId) => safeUserDirName(userId).length <= 128));
  });

  // Stable across runs and releases: a changed mapping would orphan every user's history, so the
  // names are pinned. The empty ID's name is the well-known SHA-256 of nothing (e3b0c442…).
  it.each([
    ['', 'u-e3b0c44298fc1c149afbf4c8996fb924'],
    ['..', 'u-5ec1f7e700f37c3d0b2981d04855fc34'],
    ['a/../b', 'u-900ea8b7e0d8fe30857c1bb629272e28'],
    ['.hidden', 'u-1692419006a88aab3372cf255367e2cc'],
    ['alice@example.com', 'u-ff8d9819fc0e12bf0d24892e45987e24'],
    ['x'.repeat(129), 'u-0ec9eb33e74510bcdd1f2ea55206e82f'],
    ['x'.repeat(128), 'x'.repeat(128)],
  ])('is stable: %j always names the folder %s', (userId, name) => {
    expect(safeUserDirName(userId)).toBe(name);
  });

  it('gives different IDs different names', () => {
    fc.assert(fc.property(anyId, anyId, (a, b) => a === b || safeUserDirName(a) !== safeUserDirName(b)));
  });

  it('keeps identity store IDs as they are', () => {
    fc.assert(fc.property(fc.uuid(), (uuid) => safeUserDirName(`d-9067642ac7.${uuid}`) === `d-9067642ac7.${uuid}`));
    expect(safeUserDirName('d-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666')).toBe('d-9067642ac7.0a1b2c3d-1111-2222-3333-444455556666');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module of the build, without types
import { applyPatch, patches, patchesFor } from '../scripts/build-deferrals.mjs';

interface YogaNode {
  setWidth(width: number): void;
  setHeight(height: number): void;
  setFlexGrow(grow: number): void;
  insertChild(child: YogaNode, index: number): void;
  calculateLayout(width: number | undefined, height: number | undefined): void;
  getComputedWidth(): number;
}

interface YogaLike {
  Node: { create(): YogaNode };
}

interface Patch {
  file: RegExp;
  find: string;
  only?: string;
  patch: (source: string, find: string) => string;
}

const stringWidthPatch = (patches as Patch[]).find((patch) => patch.find.includes('RGI_Emoji'))!;
const resolve = createRequire(import.meta.url).resolve;
const stringWidthFile = resolve('string-width');
const yogaDir = join(dirname(resolve('yoga-layout')), '..');
const yogaLoaderFile = join(yogaDir, 'binaries', 'yoga-wasm-base64-esm.js');

/** string-width as the bundle has it: the patched source, its own imports pointed at the installed packages. */
async function patchedStringWidth(): Promise<(text: string) => number> {
  const source = applyPatch(stringWidthPatch, stringWidthFile, readFileSync(stringWidthFile, 'utf8')) as string;
  const linked = source.replace(/from '([a-z-]+)'/g, (_match, name: string) => `from '${pathToFileURL(resolve(name, { paths: [dirname(stringWidthFile)] })).href}'`);
  const file = join(mkdtempSync(join(tmpdir(), 'qchat-string-width-')), 'index.mjs');
  writeFileSync(file, linked);
  return ((await import(pathToFileURL(file).href)) as { default: (text: string) => number }).default;
}

/** Every kind of RGI emoji sequence (Unicode's emoji-sequences.txt and emoji-zwj-sequences.txt), and text that only looks like one. */
const sequences = [
  '😀', '❤️', '☺️', '©️', '#️⃣', '1️⃣', '#⃣', '🇯🇵', '🇺🇳', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👍🏽', '🧑🏿‍🦱', '👨‍👩‍👧', '🏳️‍🌈', '🐻‍❄️', '🏻',
  '☺', '©', '↔', '中文', 'ｶﾞ', 'cafe\u0301', '한국어', '\u1100\u1161\u11a8', '› x', '⠋ Connecting…', 'a\u200db', '\u0000', 'e\u20e3',
];

describe('start-up deferrals in the bundle', () => {
  it('each patch still finds the code it defers in the installed dependency', () => {
    for (const patch of patches as Patch[]) {
      const file = patch.only ?? yogaLoaderFile;
      expect(patch.file.test(file)).toBe(true);
      expect(() => applyPatch(patch, file, readFileSync(file, 'utf8'))).not.toThrow();
    }
  });

  it('Yoga as the bundle has it (both patches) loads its WebAssembly without fetch or atob, and lays out', async () => {
    const source = (patchesFor(yogaLoaderFile) as Patch[]).reduce((text, patch) => applyPatch(patch, yogaLoaderFile, text) as string, readFileSync(yogaLoaderFile, 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'qchat-yoga-')), 'yoga.mjs');
    writeFileSync(file, source);
    const { atob, fetch } = globalThis;
    const refuse = () => {
      throw new Error('the patched loader called it');
    };
    Object.assign(globalThis, { atob: refuse, fetch: refuse });
    try {
      const loadYoga = ((await import(pathToFileURL(file).href)) as { default: () => Promise<unknown> }).default;
      const wrap = ((await import(pathToFileURL(join(yogaDir, 'src', 'wrapAssembly.js')).href)) as { default: (lib: unknown) => YogaLike }).default;
      const yoga = wrap(await loadYoga());
      const root = yoga.Node.create();
      root.setWidth(120);
      root.setHeight(10);
      const child = yoga.Node.create();
      child.setFlexGrow(1);
      root.insertChild(child, 0);
      root.calculateLayout(undefined, undefined);
      expect(child.getComputedWidth()).toBe(120);
    } finally {
      Object.assign(globalThis, { atob, fetch });
    }
  });

  it('every code point that is an RGI emoji passes the cheap test that now guards the RGI_Emoji expression', () => {
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    const mayBeEmoji = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20E3\uFE0F]/u;
    const missed: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const text = String.fromCodePoint(code);
      if (rgi.test(text) && !mayBeEmoji.test(text)) missed.push(code);
    }
    expect(missed).toEqual([]);
    expect(sequences.filter((text) => rgi.test(text) && !mayBeEmoji.test(text))).toEqual([]);
  });

  it('the patched string-width measures as string-width does', async () => {
    const patched = await patchedStringWidth();
    expect(sequences.map(patched)).toEqual(sequences.map((text) => stringWidth(text)));
    const differ: number[] = [];
    // Every code point of the blocks that hold symbols and emoji, and a sample of the rest.
    const dense = (code: number) => (code >= 0x2000 && code < 0x3300) || (code >= 0x1f000 && code < 0x1fb00);
    for (let code = 0x80; code <= 0x10ffff; code += dense(code) ? 1 : 211) {
      const text = `a${String.fromCodePoint(code)}\u{fe0f}`;
      if (patched(text) !== stringWidth(text) || patched(String.fromCodePoint(code)) !== stringWidth(String.fromCodePoint(code))) differ.push(code);
    }
    expect(differ).toEqual([]);
  }, 30_000);
});

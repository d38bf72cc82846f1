// Start-up work that two of Ink's dependencies do at import and that the chat's first frame does
// not need, deferred in the bundle, or done the cheap way. Each patch names what it replaces; the
// build fails when the dependency's code no longer has it (an upgrade changed it: look again, then
// change the patch). Measured with `--cpu-prof` on `qchat --sandbox` up to Ink's first render; see
// README "Start-up".
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The file a bare import of `specifier` loads from the project, as esbuild names it (symlinks resolved). */
const resolved = (specifier) => realpathSync(createRequire(import.meta.url).resolve(specifier));

export const patches = [
  {
    // Yoga (Ink's layout engine) ships its WebAssembly as a base64 data: URL. Its Emscripten
    // loader fetches that URL with the global fetch when there is one, which in Node loads undici
    // (about 45 ms) before the first frame; without fetch it decodes the base64 itself (its
    // `wa()` path). A module-scope `fetch` that is undefined sends it down that path.
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    find: '"function"!=typeof fetch',
    patch: (source) => `const fetch = undefined;\n${source}`,
  },
  {
    // The same loader then decodes the base64 (95 kB of WebAssembly) with atob and a charCodeAt
    // loop over every byte: about 5 ms of CPU before the first frame. Node's Buffer decodes it
    // natively in a tenth of that; the bytes are the same (test/startup-deferrals.test.ts).
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    find: 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    patch: (source, find) => source.replace(find, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'),
  },
  {
    // string-width's /^\p{RGI_Emoji}$/v is the costliest regular expression to build and
    // compile in the start-up path (about 40 ms, on the first non-ASCII text Ink measures: the
    // prompt's "›"). It is built on the first text that may be an emoji: every RGI emoji holds
    // an Extended_Pictographic character, a skin-tone modifier, a regional indicator (flags), a
    // keycap (U+20E3) or VS16 (U+FE0F) — test/startup-deferrals.test.ts checks it code point by
    // code point and on every kind of sequence, against string-width itself.
    file: /node_modules[\\/]string-width[\\/]index\.js$/,
    // The copy Ink and qchat import (wrap-ansi has an older one of its own, without this regex).
    only: resolved('string-width'),
    find: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    patch: (source, find) =>
      source.replace(
        find,
        [
          'const mayBeEmoji = /[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u20E3\\uFE0F]/u;',
          'let rgiEmojiPattern;',
          'const rgiEmojiRegex = { test: (segment) => mayBeEmoji.test(segment) && (rgiEmojiPattern ??= /^\\p{RGI_Emoji}$/v).test(segment) };',
        ].join('\n'),
      ),
  },
];

/** A dependency file's source with its patch applied; throws when the code to patch is gone. */
export function applyPatch(patch, path, source) {
  if (!source.includes(patch.find)) throw new Error(`${path} no longer contains ${patch.find}: see scripts/build-deferrals.mjs`);
  return patch.patch(source, patch.find);
}

/** The patches for the file at `path`, in order. */
export const patchesFor = (path) => patches.filter((patch) => patch.file.test(path) && (!patch.only || patch.only === path));

/** The esbuild plugin that applies the patches: one loader for all, as a file may have several. */
export const startupDeferrals = {
  name: 'startup-deferrals',
  setup(build) {
    build.onLoad({ filter: new RegExp(patches.map((patch) => patch.file.source).join('|')) }, ({ path }) => {
      const mine = patchesFor(path);
      if (mine.length === 0) return undefined;
      return { contents: mine.reduce((source, patch) => applyPatch(patch, path, source), readFileSync(path, 'utf8')), loader: 'js' };
    });
  },
};

#!/usr/bin/env node
// Bundles source/cli.ts into dist/ (ESM, code splitting) so the CLI starts fast and only loads
// Ink, React and the AWS SDK clients when a code path needs them.
// `--if-stale` skips the build when dist/cli.js is newer than every file under source/ and package.json.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupDeferrals } from './build-deferrals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli.js');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

if (process.argv.includes('--if-stale') && existsSync(entry)) {
  const built = statSync(entry).mtimeMs;
  const inputs = Math.max(newestMtime(join(root, 'source')), newestMtime(join(root, 'package.json')));
  if (built >= inputs) process.exit(0);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  metafile: true,
  entryPoints: { cli: join(root, 'source', 'cli.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ESM builds: smaller chunks, and dynamic import() of a CommonJS module under code
  // splitting would expose only its default export.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: process.env.QCHAT_BUILD_DEBUG ? false : true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some bundled CommonJS dependencies call require(); ESM output needs one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __qchatCreateRequire } from 'node:module';\nconst require = __qchatCreateRequire(import.meta.url);" },
  // Ink loads React DevTools only when DEV=true; it is not a dependency of qchat.
  external: ['react-devtools-core'],
  logLevel: 'warning',
  plugins: [startupDeferrals],
});
// Kept for the test that checks which modules `qchat --version` loads.
writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }>;
}

/** Every input bundled into the file `output` and the files it loads statically, i.e. before any dynamic import. */
function staticClosure(meta: Metafile, output: string): string[] {
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const file = meta.outputs[path];
    if (!file) return;
    for (const input of Object.keys(file.inputs)) inputs.add(input);
    for (const imported of file.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(output);
  return [...inputs];
}

/** The output file that holds `input` (a source file bundled on its own, as dynamically imported modules are). */
function outputHolding(meta: Metafile, input: string): string {
  const found = Object.keys(meta.outputs).find((output) => output.endsWith('.js') && input in meta.outputs[output]!.inputs);
  if (!found) throw new Error(`no output holds ${input}`);
  return found;
}

const meta = (): Metafile => JSON.parse(readFileSync('dist/meta.json', 'utf8')) as Metafile;

describe('start-up cost', () => {
  it('qchat --version loads only the entry, the version and the mode check: no argument parser, sanitizer, React, Ink, zod or AWS SDK', () => {
    expect(staticClosure(meta(), 'dist/cli.js').sort()).toEqual(['package.json', 'source/cli.ts', 'source/cli/mode.ts', 'source/version.ts']);
  });

  it('qchat --help loads the argument parser and the settings docs, but no string-width, React, Ink, zod or AWS SDK code', () => {
    const loaded = staticClosure(meta(), outputHolding(meta(), 'source/cli/program.ts'));
    expect(loaded).toContain('source/config/setting-docs.ts');
    expect(loaded.some((input) => input.includes('node_modules/commander/'))).toBe(true);
    expect(loaded.filter((input) => /node_modules\/(string-width|slice-ansi|cli-truncate|ink|react|react-reconciler|zod|@aws-sdk|@smithy)\//.test(input))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }>;
}

/** Every input bundled into the files `dist/cli.js` loads statically, i.e. before any dynamic import. */
function staticClosure(meta: Metafile, entry: string): Set<string> {
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    const file = meta.outputs[output];
    if (!file) return;
    for (const input of Object.keys(file.inputs)) inputs.add(input);
    for (const imported of file.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return inputs;
}

describe('start-up cost', () => {
  it('qchat --version loads no React, Ink, zod or AWS SDK code', () => {
    const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as Metafile;
    const loaded = [...staticClosure(meta, 'dist/cli.js')];
    expect(loaded.some((input) => input.includes('commander'))).toBe(true);
    expect(loaded.filter((input) => /node_modules\/(ink|react|react-reconciler|@inkjs|zod|@aws-sdk|@smithy)\//.test(input))).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const depcruise = resolve('node_modules/.bin/depcruise');
const config = resolve('.dependency-cruiser.cjs');

function cruise(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(depcruise, ['source', '--config', config], { cwd }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** A tree of its own with the project's tsconfig, holding only `files`. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'qchat-layers-'));
  copyFileSync('tsconfig.json', join(root, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the layer check (npm run lint:layers)', () => {
  it('passes on the real tree', async () => {
    const result = await cruise(process.cwd());
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  }, 60_000);

  it('fails on each kind of upward import, naming the rule it breaks', async () => {
    // One tree with one offence per rule: each must be reported.
    const result = await cruise(
      tree({
        // A feature importing the chat engine.
        'source/tiers/gate.ts': "import { ChatSession } from '../chat/session.js';\nexport const x = ChatSession;\n",
        'source/chat/session.ts': 'export class ChatSession {}\n',
        // A type-only upward import.
        'source/aws/clients.ts': "import type { Answer } from '../answer/answer.js';\nexport type A = Answer;\n",
        'source/answer/answer.ts': 'export interface Answer { summary: string }\n',
        // A lazy import of the sandbox outside the composition root.
        'source/identity/sign-in.ts': "export const load = () => import('../sandbox/server.js');\n",
        'source/sandbox/server.ts': 'export const startSandbox = 1;\n',
        // headless importing the CLI.
        'source/headless/ask.ts': "import type { CliIo } from '../cli/program.js';\nexport type I = CliIo;\n",
        'source/cli/program.ts': 'export interface CliIo { env: unknown }\n',
        // Ink below the UI.
        'source/chat/view.ts': "import { Text } from 'ink';\nexport const view = Text;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('error features-are-below-chat: source/tiers/gate.ts → source/chat/session.ts');
    expect(result.output).toContain('error aws-is-below-the-features: source/aws/clients.ts → source/answer/answer.ts');
    expect(result.output).toContain('error sandbox-only-from-the-composition-root: source/identity/sign-in.ts → source/sandbox/server.ts');
    expect(result.output).toContain('error front-ends-do-not-import-the-root: source/headless/ask.ts → source/cli/program.ts');
    expect(result.output).toContain('error only-ui-draws: source/chat/view.ts → ink');
  }, 60_000);
});

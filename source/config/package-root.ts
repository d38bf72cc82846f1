import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed package's root (where `config/` ships), from dist/ chunks or from source/ in tests. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('qchat: cannot find its package root');
    dir = parent;
  }
  cached = dir;
  return dir;
}

export function shippedConfigPath(...parts: string[]): string {
  return join(packageRoot(), 'config', ...parts);
}

import envPaths from 'env-paths';
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** Where qchat keeps its files: the platform directories, or everything under `QCHAT_HOME`. */
export interface Paths {
  config: string;
  data: string;
  cache: string;
  settingsFile: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env): Paths {
  const home = env.QCHAT_HOME?.trim();
  const base = home
    ? { config: join(home, 'config'), data: join(home, 'data'), cache: join(home, 'cache') }
    : envPaths('qchat', { suffix: '' });
  return {
    config: base.config,
    data: base.data,
    cache: base.cache,
    settingsFile: join(base.config, 'settings.json'),
  };
}

/** Why `QCHAT_HOME` cannot hold qchat's files (it names something that is not a folder), if it cannot. */
export function homeProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const home = env.QCHAT_HOME?.trim();
  if (!home) return undefined;
  try {
    const stat = statSync(home, { throwIfNoEntry: false });
    return stat && !stat.isDirectory() ? `QCHAT_HOME: ${home} is not a directory; point it at a folder` : undefined;
  } catch (error) {
    return `QCHAT_HOME: ${home} cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

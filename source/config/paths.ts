import envPaths from 'env-paths';
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

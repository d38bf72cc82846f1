import { clockFromEnv, InvalidClockError, type Clock } from './clock.js';
import { loadSettings, SettingsError } from './load-settings.js';
import { homeProblem, resolvePaths, type Paths } from './paths.js';
import type { SettingKey, Settings } from './settings.js';
import { UsageError } from '../errors.js';

/** What every command starts from: layered settings, the clock and the file locations. */
export interface RunContext {
  settings: Settings;
  warnings: string[];
  clock: Clock;
  paths: Paths;
  env: NodeJS.ProcessEnv;
}

export function loadRunContext(flags: Partial<Record<SettingKey, unknown>>, env: NodeJS.ProcessEnv): RunContext {
  try {
    const problem = homeProblem(env);
    if (problem) throw new UsageError(problem);
    const paths = resolvePaths(env);
    const clock = clockFromEnv(env);
    const { settings, warnings } = loadSettings({ file: paths.settingsFile, env, flags });
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') settings.color = false;
    return { settings, warnings, clock, paths, env };
  } catch (error) {
    if (error instanceof SettingsError || error instanceof InvalidClockError) throw new UsageError(error.message);
    throw error;
  }
}

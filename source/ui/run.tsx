import { render } from 'ink';
import type { RunContext } from '../cli/run-context.js';
import { ExitCode } from '../errors.js';
import { App } from './app.js';

/** Opens the interactive chat and resolves with the exit code when the user leaves. */
export async function runInteractive(context: RunContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const instance = render(<App context={context} onExit={(code) => (exitCode = code)} />, { exitOnCtrlC: true });
  await instance.waitUntilExit();
  return exitCode;
}

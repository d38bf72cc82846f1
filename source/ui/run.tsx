import { render } from 'ink';
import type { RunContext } from '../config/run-context.js';
import { ExitCode } from '../errors.js';
import { App } from './app.js';
import { ChatProvider } from './state/chat-provider.js';
import { sizedOutput } from './terminal-width.js';

/** The chat engine loads after the first frame is drawn: the AWS SDK, the planner and the catalogs are not needed to show "Connecting…". */
const openSession = async (context: RunContext) => (await import('../chat/session.js')).ChatSession.open(context);

const bracketedPaste = { on: '\u001b[?2004h', off: '\u001b[?2004l' };

/** Opens the interactive chat and resolves with the exit code when the user leaves. */
export async function runInteractive(loadContext: () => Promise<RunContext>): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Pastes arrive wrapped in markers, so a pasted newline is text and not Enter.
  process.stdout.write(bracketedPaste.on);
  const instance = render(
    <ChatProvider loadContext={loadContext} onExit={(code) => (exitCode = code)} openSession={openSession} terminal={{ stdinIsTTY: process.stdin.isTTY, stdoutIsTTY: process.stdout.isTTY }}>
      <App />
    </ChatProvider>,
    // Ink draws at most maxFps frames a second (30 by default): a key typed just after a frame
    // waited up to 33 ms to be echoed; at 60 it waits at most 17 ms, and the chat's frames are small.
    { exitOnCtrlC: false, maxFps: 60, stdout: sizedOutput(process.stdout) },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    process.stdout.write(bracketedPaste.off);
  }
  return exitCode;
}

import { render } from 'ink';
import type { RunContext } from '../cli/run-context.js';
import { ChatSession } from '../chat/session.js';
import { ExitCode } from '../errors.js';
import { App } from './app.js';
import { ChatProvider } from './state/chat-provider.js';

const bracketedPaste = { on: '\u001b[?2004h', off: '\u001b[?2004l' };

/** Opens the interactive chat and resolves with the exit code when the user leaves. */
export async function runInteractive(context: RunContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Pastes arrive wrapped in markers, so a pasted newline is text and not Enter.
  process.stdout.write(bracketedPaste.on);
  const instance = render(
    <ChatProvider context={context} onExit={(code) => (exitCode = code)} openSession={(c) => ChatSession.open(c)}>
      <App />
    </ChatProvider>,
    { exitOnCtrlC: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    process.stdout.write(bracketedPaste.off);
  }
  return exitCode;
}

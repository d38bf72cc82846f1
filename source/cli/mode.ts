/** How `qchat` with no command runs: the full chat, the line-by-line chat, or `ask` on piped stdin. */
export type ChatMode = 'interactive' | 'plain' | 'ask-stdin' | 'not-a-terminal';

interface ModeIo {
  stdinIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
  env: NodeJS.ProcessEnv;
}

/**
 * The one place that decides it. Piped stdin is questions (`echo "how many s3 buckets" | qchat`);
 * a terminal that cannot take cursor movement (TERM=dumb, stdout not a terminal) or `--plain`
 * gets the plain chat; CI never gets a chat.
 */
export function chatMode(io: ModeIo, { plain = false }: { plain?: boolean } = {}): ChatMode {
  if (!io.stdinIsTTY) return 'ask-stdin';
  if (inCi(io.env)) return 'not-a-terminal';
  if (plain || !io.stdoutIsTTY || io.env.TERM === 'dumb') return 'plain';
  return 'interactive';
}

/** The full Ink chat: a TTY on both ends, a terminal that moves the cursor, no CI. */
export function isInteractive(io: ModeIo): boolean {
  return chatMode(io) === 'interactive';
}

function inCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

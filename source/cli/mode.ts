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

/** The commands `qchat` takes (program.ts declares them; test/startup-entry.test.ts checks the two agree). */
export const commandNames = ['ask', 'diagnose', 'whoami', 'login', 'doctor', 'logout', 'history', 'sandbox'] as const;

/** `help` is no command, but a person who types it is not asking for the chat: the parser says so. */
const runsSomethingElse = new Set<string>([...commandNames, 'help', '--help', '--version', '--plain', '--']);

/**
 * Whether `qchat ARGS` opens the full chat, decided without the argument parser: the terminal
 * takes it, and no word of ARGS is a command, a short flag (`-h`, `-v`; the settings have none) or
 * a long one that runs something else (`--help`, `--version`, `--plain`). A flag's value that looks
 * like one of those only sends ARGS the long way, through the parser first. Otherwise the entry
 * draws the chat first and parses ARGS behind it: the parser and its flag definitions are about a
 * tenth of the CPU the chat takes to start, and the prompt does not need them.
 */
export function opensChat(argv: string[], io: ModeIo): boolean {
  return chatMode(io) === 'interactive' && !argv.some((word, at) => runsSomethingElse.has(word) || /^-[^-]/.test(word) || isBareWord(argv, at));
}

/**
 * A word that cannot be a flag's value: not a flag itself and not after a `--flag` without `=`.
 * `qchat frobnicate` (a mistyped command) then gets the parser's error on stderr, not a chat that
 * opens only to stop; `--sandbox frobnicate` still looks like a value and is refused behind the chat.
 */
function isBareWord(argv: string[], at: number): boolean {
  const previous = argv[at - 1];
  return !argv[at]!.startsWith('-') && !(previous?.startsWith('--') && !previous.includes('='));
}

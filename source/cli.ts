// The entry point. `qchat --version` is answered here, before the argument parser and everything
// it pulls in load: a version check is what scripts call most, and it should cost little more than
// starting node (scripts/bench/startup.mjs). Any other argv, `--version` with others among it
// included, goes to the parser, which prints the same version; the full chat is drawn before it.
import { opensChat } from './cli/mode.js';
import { version } from './version.js';

const argv = process.argv.slice(2);

// A reader that stops early (`qchat --help | head -3`) closes the pipe: qchat stops writing quietly,
// as other command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

const io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: process.stdin.isTTY,
  stdoutIsTTY: process.stdout.isTTY,
  env: process.env,
};

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${version}\n`);
} else if (opensChat(argv, io)) {
  // The chat's first frame before the argument parser: it parses argv behind the prompt.
  const { runInteractive } = await import('./ui/run.js');
  process.exitCode = await runInteractive(async () => (await import('./cli/program.js')).chatContext(argv, io));
} else {
  const { runCli } = await import('./cli/program.js');
  process.exitCode = await runCli(argv, io);
}

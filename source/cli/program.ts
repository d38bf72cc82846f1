import { Command, CommanderError, Option } from 'commander';
import { ExitCode, QchatError } from '../errors.js';
import type { SettingKey } from '../config/settings.js';
import { safeText } from '../present/terminal-text.js';
import { writeError, writeWarning } from '../headless/output.js';
import { version } from '../version.js';
import { isInteractive } from './mode.js';
import type { RunContext } from '../config/run-context.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdinIsTTY: boolean | undefined;
  stdoutIsTTY: boolean | undefined;
  env: NodeJS.ProcessEnv;
}

/** Global flags and the setting each one sets. */
const globalFlags: Array<{ flags: string; description: string; setting: SettingKey }> = [
  { flags: '--profile <name>', description: 'AWS profile from ~/.aws/config (SSO sessions included)', setting: 'profile' },
  { flags: '--region <code>', description: 'AWS region for questions (default: AWS_REGION, the profile, else us-east-1)', setting: 'region' },
  { flags: '--endpoint-url <url>', description: 'send every AWS call to this endpoint (e.g. a `qchat sandbox serve`)', setting: 'endpointUrl' },
  { flags: '--sandbox', description: 'use the built-in sandbox account even when AWS credentials exist', setting: 'sandbox' },
  { flags: '--sandbox-user <name>', description: 'act as this sandbox identity (alice, bob, carol, dave, erin, frank, grace, heidi, ivan, root); implies --sandbox', setting: 'sandboxUser' },
  { flags: '--subscription <name>', description: 'the subscription profile to use when you have several', setting: 'subscription' },
  { flags: '--no-color', description: 'plain output without colour (NO_COLOR is honoured too)', setting: 'color' },
];

/**
 * Parses argv and runs the command. Returns the exit code; never calls process.exit itself so
 * tests can drive it. Heavy modules (Ink, React, AWS SDK clients, the sandbox) load lazily.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('qchat')
    .description('Ask about your AWS accounts from the terminal: resources, costs and errors.')
    .version(version, '-v, --version', 'print the qchat version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // The text quotes what was typed (an unknown option or command), so it is made safe to draw.
      outputError: (text, write) => write(`qchat: ${safeText(text.replace(/^error: /, ''), { keepNewlines: true })}`),
    })
    .showHelpAfterError("Run 'qchat --help' for usage.")
    .exitOverride()
    .allowExcessArguments(true)
    .addHelpText('after', exitCodeHelp);
  for (const flag of globalFlags) program.addOption(new Option(flag.flags, flag.description));

  // Settings (zod) load only once a command runs, so --version and --help stay light.
  const context = async (command: Command, { printWarnings = true } = {}): Promise<RunContext> => {
    const loaded = (await import('../config/run-context.js')).loadRunContext(explicitFlags(command), io.env);
    if (printWarnings) for (const warning of loaded.warnings) writeWarning(io, warning);
    return loaded;
  };

  program.action(async (_options, command: Command) => {
    if (command.args.length > 0) {
      program.error(`unknown command '${command.args[0]}'`, { exitCode: ExitCode.usage, code: 'qchat.unknownCommand' });
    }
    if (!isInteractive(io)) {
      throw new QchatError('NOT_A_TERMINAL', "the chat needs an interactive terminal; for scripts use 'qchat --help' to see the headless commands");
    }
    // Ink first: the first frame is drawn before settings, AWS and the chat engine load.
    const { runInteractive } = await import('../ui/run.js');
    exitCode = await runInteractive(() => context(command, { printWarnings: false }));
  });

  program
    .command('ask')
    .description('answer one question and exit (text or JSON); the question may also come on stdin')
    .argument('[question...]', 'the question, e.g. "how many lambda functions do I have in all regions"')
    .option('--all-regions', 'ask every enabled region (consent for this question)')
    .option('--json', 'print the plan and the structured answer as JSON')
    .option('--explain', 'print the plan only; calls no AWS API')
    .option('--no-cache', 'ask Cost Explorer again instead of using cached answers')
    .addHelpText('after', askHelp)
    .action(async (words: string[], options: { allRegions?: boolean; json?: boolean; explain?: boolean; cache?: boolean }, command: Command) => {
      const { runAsk } = await import('../headless/ask.js');
      exitCode = await runAsk(await context(command), words, options, io);
    });

  program
    .command('diagnose')
    .description('explain a console error message and the steps to fix it; the error may also come on stdin')
    .option('--error <text>', 'the error message as the console showed it')
    .option('--url <url>', 'the console URL where it happened (service, region and resource are read from it)')
    .option('--json', 'print the diagnosis as JSON')
    .addHelpText('after', diagnoseHelp)
    .action(async (options: { error?: string; url?: string; json?: boolean }, command: Command) => {
      const { runDiagnose } = await import('../headless/diagnose.js');
      exitCode = await runDiagnose(await context(command), options, io);
    });

  program
    .command('whoami')
    .description('who you are: identity context, tier, subscription and remaining requests')
    .option('--json', 'print JSON (errors as {"error": {"code", "message"}})')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { runWhoami } = await import('../headless/identity-commands.js');
      exitCode = await runWhoami(await context(command), options, io);
    });
  program
    .command('login')
    .description('sign in with IAM Identity Center (device authorization) when your session needs it')
    .option('--json', 'print the resulting identity as JSON')
    .option('--no-browser', 'do not open the sign-in page; just print its URL and code')
    .option('--sandbox-approve <mode>', 'sandbox only: approve on the web page (manual) or after a short delay (auto)')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { runLogin } = await import('../headless/identity-commands.js');
      exitCode = await runLogin(await context(command), options, io);
    });
  program
    .command('logout')
    .description('forget the stored IAM Identity Center sign-ins of this AWS principal')
    .action(async (_options, command: Command) => {
      const { runLogout } = await import('../headless/identity-commands.js');
      exitCode = await runLogout(await context(command), io);
    });

  const history = program.command('history').description('your saved conversations (Pro): list, show, delete, export');
  for (const [action, description] of [
    ['list', 'list saved conversations, newest first'],
    ['show', 'print one conversation (ID or number from the list)'],
    ['delete', 'delete one conversation'],
    ['export', 'print one conversation as JSON, answers included'],
  ] as const) {
    const sub = history.command(action).description(description);
    if (action !== 'list') sub.argument('<id>', 'conversation ID, or its number in `qchat history list`');
    if (action !== 'export') sub.option('--json', 'print JSON');
    sub.action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const options = args.at(-2) as { json?: boolean };
      const ref = action === 'list' ? undefined : (args[0] as string);
      const { runHistory } = await import('../headless/history-command.js');
      exitCode = await runHistory(await context(command), action, ref, options, io);
    });
  }

  const sandbox = program.command('sandbox').description('the built-in sandbox account: a local endpoint speaking the AWS wire protocols');
  sandbox
    .command('serve')
    .description('run the sandbox endpoint on 127.0.0.1 for any AWS client (--endpoint-url)')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--faults <spec>', 'fault injection, e.g. latency=50ms,throttle=0.2,error5xx=0.05,down=ap-south-1,deny=eu-west-3,seed=7')
    .addOption(new Option('--sandbox-approve <mode>', 'approve device sign-ins on the web page (manual) or after a short delay (auto)').choices(['manual', 'auto']))
    .option('--verbose', 'log every request')
    .action(async (options: { port?: string; faults?: string; sandboxApprove?: 'manual' | 'auto'; verbose?: boolean }, command: Command) => {
      const { serveSandbox } = await import('../headless/sandbox-commands.js');
      exitCode = await serveSandbox(await context(command), options, io);
    });
  sandbox
    .command('env')
    .description('print shell exports of a sandbox identity\'s credentials, for the AWS CLI')
    .action(async (_options, command: Command) => {
      const { printSandboxEnv } = await import('../headless/sandbox-commands.js');
      printSandboxEnv(await context(command), io);
    });

  for (const command of [program, ...program.commands, ...sandbox.commands, ...history.commands]) {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError("Run 'qchat --help' for usage.");
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, argv.includes('--json'));
  }
}

/** A QchatError before the command ran (a bad setting, a bad clock) is JSON too when --json was asked for. */
function reportError(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof QchatError) return writeError(io, json, error);
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`qchat: unexpected error: ${safeText(message, { keepNewlines: true })}\n`);
  if (io.env.QCHAT_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

/** Only flags the user actually typed, as settings (so file and environment layers are not overridden by defaults). */
function explicitFlags(command: Command): Partial<Record<SettingKey, unknown>> {
  const flags: Partial<Record<SettingKey, unknown>> = {};
  for (let current: Command | null = command; current; current = current.parent) {
    for (const { setting } of globalFlags) {
      if (flags[setting] === undefined && current.getOptionValueSource(setting) === 'cli') flags[setting] = current.getOptionValue(setting);
    }
    if (current.getOptionValueSource('sandboxApprove') === 'cli') flags.sandboxApprove ??= current.getOptionValue('sandboxApprove');
    if (current.getOptionValueSource('faults') === 'cli') flags.sandboxFaults ??= current.getOptionValue('faults');
    if (current.getOptionValueSource('browser') === 'cli') flags.browser ??= current.getOptionValue('browser');
  }
  return flags;
}

const askHelp = `
Examples:
  qchat ask "how many lambda functions do I have in all regions"
  qchat ask "list running ec2 instances in Frankfurt tagged env=prod"
  qchat ask "what did I spend on EC2 last month" --json
  qchat ask "top 5 services by cost this month"
  echo "cost trend for the last 30 days" | qchat ask
  qchat ask --explain --json "node groups in cluster prod"
`;

const diagnoseHelp = `
Examples:
  qchat diagnose --error "The bucket you tried to delete is not empty" \\
    --url "https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2"
  pbpaste | qchat diagnose --json
`;

const exitCodeHelp = `
Exit codes (headless commands):
  0  answered              3  identity or sign-in required   5  rate limited
  1  unexpected failure    4  not allowed by your tier       6  AWS error for every region asked
  2  usage error

Environment: QCHAT_HOME (data and config directory), QCHAT_NOW (pin the clock, ISO 8601),
QCHAT_<SETTING> for any setting (e.g. QCHAT_REGION), NO_COLOR, AWS_PROFILE, AWS_REGION.
`;

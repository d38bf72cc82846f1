import { Command, CommanderError, Option } from 'commander';
import { ExitCode, QchatError, UsageError } from '../errors.js';
import { settingDocs } from '../config/setting-docs.js';
import type { SettingKey } from '../config/settings.js';
import type { CliIo } from '../headless/io.js';
import type { AskFlags } from '../headless/ask.js';
import { version } from '../version.js';
import { chatMode } from './mode.js';
import type { RunContext } from '../config/run-context.js';


/** Settings that are command-line flags, from the schema's metadata: the option, and the commands that take it (none: all). */
const settingFlags = (Object.keys(settingDocs) as SettingKey[]).flatMap((setting) => {
  const { flag, description, commands, defaultText } = settingDocs[setting];
  if (!flag) return [];
  const option = new Option(flag);
  const byDefault = option.negate ? undefined : defaultText;
  const help = `${option.negate ? 'turn off: ' : ''}${description}${byDefault ? ` (default: ${byDefault})` : ''}`;
  return [{ setting, flag, help, commands, attribute: option.attributeName() }];
});

/** The options of the settings flags a command takes (`command` undefined: the global ones). */
function settingOptions(command?: string): Option[] {
  return settingFlags.filter((flag) => (command ? flag.commands?.includes(command) : !flag.commands)).map((flag) => new Option(flag.flag, flag.help));
}

function withSettingOptions(command: Command): Command {
  for (const option of settingOptions(command.name())) command.addOption(option);
  return command;
}

/**
 * Parses argv and runs the command. Returns the exit code; never calls process.exit itself so
 * tests can drive it. Heavy modules (Ink, React, AWS SDK clients, the sandbox) load lazily, and so
 * does the text sanitizer (string-width and its grapheme segmenter): `--help` does not need it.
 */
export async function runCli(argv: string[], io: CliIo, openChat: OpenChat = openFullChat): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Commander's own errors quote what was typed (an unknown option or command), so they are made
  // safe to draw; they are held until parsing ends, when the sanitizer has loaded.
  const parserErrors: string[] = [];
  const program = new Command('qchat')
    .description('Ask about your AWS accounts from the terminal: resources, costs and errors.')
    .version(version, '-v, --version', 'print the qchat version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => parserErrors.push(text),
      outputError: (text, write) => write(`qchat: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError("Run 'qchat --help' for usage.")
    .exitOverride()
    .allowExcessArguments(true)
    .addHelpText('after', exitCodeHelp);
  for (const option of settingOptions()) program.addOption(option);
  program.option('--plain', 'the chat line by line, without cursor movement (TERM=dumb or a stdout that is not a terminal chooses it too)');

  // Settings (zod) load only once a command runs, so --version and --help stay light.
  const context = async (command: Command, { printWarnings = true } = {}): Promise<RunContext> => {
    const loaded = (await import('../config/run-context.js')).loadRunContext(explicitFlags(command), io.env);
    if (printWarnings && loaded.warnings.length > 0) {
      const { writeWarning } = await import('../headless/output.js');
      for (const warning of loaded.warnings) writeWarning(io, warning);
    }
    return loaded;
  };

  program.action(async (_options, command: Command) => {
    if (command.args.length > 0) {
      program.error(`unknown command '${command.args[0]}'`, { exitCode: ExitCode.usage, code: 'qchat.unknownCommand' });
    }
    const mode = chatMode(io, { plain: Boolean((command.opts() as { plain?: boolean }).plain) });
    if (mode === 'not-a-terminal') {
      throw new QchatError('NOT_A_TERMINAL', "the chat needs an interactive terminal; for scripts use 'qchat --help' to see the headless commands");
    }
    if (mode === 'ask-stdin') {
      const { runAsk } = await import('../headless/ask.js');
      exitCode = await runAsk(await context(command), [], {}, io);
      return;
    }
    if (mode === 'plain') {
      const { runPlainChat } = await import('../headless/plain-chat.js');
      exitCode = await runPlainChat(await context(command), io);
      return;
    }
    exitCode = await openChat(() => context(command, { printWarnings: false }));
  });

  program
    .command('ask')
    .description('answer one question and exit (text or JSON); the question may also come on stdin')
    .argument('[question...]', 'the question, e.g. "how many lambda functions do I have in all regions"')
    .option('--all-regions', 'ask every enabled region (consent for this question)')
    .option('--json', 'print the plan and the structured answer as JSON')
    .option('--explain', 'print the plan only; calls no AWS API')
    .option('--no-cache', 'ask Cost Explorer again instead of using cached answers')
    .option('--details', 'read resources one by one (GetResource) when a filter needs it, even past describeLimit')
    .option('--all', 'every row of the answer (text shows the first tableRows; JSON always has every row)')
    .option('--limit <n>', 'at most N rows (as "top N" in the question)')
    .option('--continue', 'a follow-up to your last conversation ("only the stopped ones"), kept in it')
    .addHelpText('after', askHelp)
    .action(async (words: string[], options: AskFlags, command: Command) => {
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
  withSettingOptions(program.command('login'))
    .description('sign in with IAM Identity Center for Amazon Q Developer (in the browser; --device-code for a code)')
    .option('--json', 'print the resulting identity as JSON')
    .option('--device-code', 'sign in with a device code instead of the browser (chosen by itself over SSH or without a display)')
    .action(async (options: { json?: boolean; deviceCode?: boolean }, command: Command) => {
      const { runLogin } = await import('../headless/identity-commands.js');
      exitCode = await runLogin(await context(command), options, io);
    });
  program
    .command('doctor')
    .description('check every prerequisite of sign-in, subscriptions and features: passed, failed or unknown, with the fix')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { runDoctorCommand } = await import('../headless/doctor-command.js');
      exitCode = await runDoctorCommand(await context(command), options, io);
    });
  program
    .command('logout')
    .description('delete qchat’s stored IAM Identity Center sign-ins (tokens and client registrations); reaches no AWS account')
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
  withSettingOptions(sandbox.command('serve'))
    .description('run the sandbox endpoint on 127.0.0.1 for any AWS client (--endpoint-url)')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--verbose', 'log every request')
    .action(async (options: { port?: string; faults?: string; sandboxApprove?: 'manual' | 'auto'; verbose?: boolean }, command: Command) => {
      const { serveSandbox } = await import('./sandbox-commands.js');
      exitCode = await serveSandbox(await context(command), options, io);
    });
  sandbox
    .command('env')
    .description('print shell exports of a sandbox identity\'s credentials, for the AWS CLI')
    .action(async (_options, command: Command) => {
      const { printSandboxEnv } = await import('./sandbox-commands.js');
      printSandboxEnv(await context(command), io);
    });

  for (const command of [program, ...program.commands, ...sandbox.commands, ...history.commands]) {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError("Run 'qchat --help' for usage.");
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return await reportError(error, io, argv.includes('--json'));
  } finally {
    if (parserErrors.length > 0) {
      const { safeText } = await import('../present/terminal-text.js');
      io.stderr.write(safeText(parserErrors.join(''), { keepNewlines: true }));
    }
  }
}

/** Opens the full chat with its settings loaded by `load`; resolves with the exit code. */
type OpenChat = (load: () => Promise<RunContext>) => Promise<number>;

/** Ink first: the first frame is drawn before settings, AWS and the chat engine load. */
const openFullChat: OpenChat = async (load) => (await import('../ui/run.js')).runInteractive(load);

/**
 * The settings of a chat the entry has already drawn (mode.ts `opensChat`): argv parsed as `runCli`
 * parses it. What the parser refuses, or a bad setting, is the error the chat shows as it stops.
 */
export async function chatContext(argv: string[], io: CliIo): Promise<RunContext> {
  let context: Promise<RunContext> | undefined;
  let refused = '';
  const stderr = { write: (text: string) => ((refused += text), true) } as unknown as NodeJS.WritableStream;
  await runCli(argv, { ...io, stderr }, async (load) => {
    context = load();
    await context;
    return ExitCode.ok;
  });
  return context ?? Promise.reject(new UsageError(refused.replace(/^qchat: /, '').trim() || 'the arguments do not open the chat'));
}

/** A QchatError before the command ran (a bad setting, a bad clock) is JSON too when --json was asked for. */
async function reportError(error: unknown, io: CliIo, json: boolean): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  const [{ writeError }, { safeText }] = await Promise.all([import('../headless/output.js'), import('../present/terminal-text.js')]);
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
    for (const { setting, attribute } of settingFlags) {
      if (flags[setting] === undefined && current.getOptionValueSource(attribute) === 'cli') flags[setting] = current.getOptionValue(attribute);
    }
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
  qchat ask "list log groups" --all          every row, not the first tableRows
  qchat ask --continue "list ec2 instances"; qchat ask --continue "only the stopped ones"
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

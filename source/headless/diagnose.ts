import { renderAnswerText } from '../present/answer-text.js';
import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError, UsageError } from '../errors.js';
import { refusalError } from '../tiers/refusal.js';
import { accountJson, openIdentifiedSession, usingSession } from './open-session.js';
import { outputWidth, readStdinText, reportErrors, writeError, writeJson, writeWarnings } from './output.js';

export interface DiagnoseFlags {
  error?: string;
  url?: string;
  json?: boolean;
}

/** Most bytes read from stdin: console errors are short, and this keeps a runaway pipe harmless. */
const stdinLimit = 1024 * 1024;
const usage = 'diagnose needs the error text: qchat diagnose --error "..." [--url URL], or the text on stdin';

/**
 * `qchat diagnose`: explains one console error and the steps to fix it, as text or JSON. Exit 0
 * whether the error was recognised or honestly not; 2 without error text; 3/4/5 as for `ask`.
 */
export async function runDiagnose(context: RunContext, flags: DiagnoseFlags, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () => {
    const error = flags.error ?? (await readStdinText(io, stdinLimit, { missing: usage, tooLarge: `the error text on stdin is over ${stdinLimit / 1024 / 1024} MB; paste the error message itself` }));
    if (!error.trim()) throw new UsageError(usage);
    return usingSession(await openIdentifiedSession(context, io), async (session) => {
      writeWarnings(io, session.warnings);
      const result = await session.diagnose({ error, url: flags.url });
      writeWarnings(io, session.warnings);
      if (result.kind === 'refused') return writeError(io, json, refusalError(result.refusal));
      if (result.kind === 'sign-in-required') throw new QchatError('SIGN_IN_REQUIRED', result.message, { remedy: { kind: 'sign-in' } });
      if (json) {
        const { calls, failures, ...answer } = result.answer;
        writeJson(io, { account: accountJson(session), errorClass: result.errorClass, url: flags.url ?? null, answer, calls, failures });
      } else {
        io.stdout.write(renderAnswerText(result.answer, { width: outputWidth(io), tableRows: context.settings.tableRows, wrap: Boolean(io.stdoutIsTTY) }));
      }
      return ExitCode.ok;
    });
  });
}


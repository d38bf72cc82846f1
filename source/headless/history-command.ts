import type { CliIo } from '../cli/program.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError } from '../errors.js';
import { historyDelete, historyExport, historyList, historyShow } from '../history/commands.js';
import { refusalError } from '../tiers/refusal.js';
import { openIdentifiedSession, usingSession } from './open-session.js';
import { jsonSafe, reportErrors, terminalSafe, writeWarnings } from './output.js';

export type HistoryAction = 'list' | 'show' | 'delete' | 'export';

/** `qchat history list|show ID|delete ID|export ID [--json]`: the signed-in user's saved conversations (Pro). */
export async function runHistory(context: RunContext, action: HistoryAction, ref: string | undefined, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () => {
    if (action !== 'list' && !ref) throw new QchatError(`history ${action} needs a conversation ID or number; run 'qchat history list'`, ExitCode.usage, 'USAGE');
    return usingSession(await openIdentifiedSession(context), async (session) => {
      const opened = await session.history();
      if (opened.kind === 'refused') throw refusalError(opened.refusal);
      if (opened.kind === 'unidentified') throw new QchatError(opened.message, ExitCode.identity, 'UNIDENTIFIED_USER');
      if (opened.kind !== 'store') throw new QchatError('not signed in', ExitCode.identity, 'SIGN_IN_REQUIRED');
      // Titles and messages come from disk (and from AWS before that): text is drawn safe, JSON keeps
      // the exact value with what a terminal acts on escaped.
      const out = json || action === 'export' ? jsonSafe(io.stdout) : terminalSafe(io.stdout);
      if (action === 'list') await historyList(opened.store, out, { json });
      else if (action === 'show') await historyShow(opened.store, ref!, out, { json });
      else if (action === 'delete') await historyDelete(opened.store, ref!, out, { json });
      else await historyExport(opened.store, ref!, out);
      writeWarnings(io, session.warnings);
      writeWarnings(io, opened.store.warnings);
      return ExitCode.ok;
    });
  });
}

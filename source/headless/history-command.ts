import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError } from '../errors.js';
import { historyDelete, historyExport, historyList, historyShow } from './history-output.js';
import { refusalError } from '../tiers/refusal.js';
import { openIdentifiedSession, usingSession } from './open-session.js';
import { jsonSafe, reportErrors, terminalSafe, writeWarnings } from './output.js';

export type HistoryAction = 'list' | 'show' | 'delete' | 'export';

/** `qchat history list|show ID|delete ID|export ID [--json]`: the signed-in user's saved conversations (Pro). */
export async function runHistory(context: RunContext, action: HistoryAction, ref: string | undefined, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () => {
    if (action !== 'list' && !ref) throw new QchatError('USAGE', `history ${action} needs a conversation ID or number; run 'qchat history list'`);
    return usingSession(await openIdentifiedSession(context, io), async (session) => {
      const opened = await session.history();
      if (opened.kind === 'refused') throw refusalError(opened.refusal);
      if (opened.kind === 'unidentified') throw new QchatError('UNIDENTIFIED_USER', opened.message);
      if (opened.kind !== 'store') throw new QchatError('SIGN_IN_REQUIRED', 'not signed in', { remedy: { kind: 'sign-in' } });
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

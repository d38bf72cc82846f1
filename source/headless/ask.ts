import type { Answer } from '../answer/answer.js';
import type { ProgressEvent } from '../answer/execution-context.js';
import { explainQuestion } from '../chat/explain.js';
import { refusalError } from '../tiers/refusal.js';
import { accountJson, openIdentifiedSession } from './open-session.js';
import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError, UsageError } from '../errors.js';
import { maxQuestionLength, type planQuestion } from '../understanding/planner.js';
import { withRegions, withRows, type Plan } from '../understanding/plan.js';
import { ContinuedConversation } from './ask-continue.js';
import { outputWidth, readStdinText, writeError, writeJson, writeWarning, writeWarnings } from './output.js';
import { renderAnswerText } from '../present/answer-text.js';
import { safeText } from '../present/terminal-text.js';

export interface AskFlags {
  allRegions?: boolean;
  json?: boolean;
  explain?: boolean;
  cache?: boolean;
  details?: boolean;
  /** Every row of a table (text shows the first `tableRows` otherwise; JSON always has every row). */
  all?: boolean;
  /** At most this many rows (a whole number, as typed). */
  limit?: string;
  /** The question follows up the last conversation, and is kept in it. */
  continue?: boolean;
}

/**
 * `qchat ask`: the question in the arguments, or each line of stdin as its own question (so
 * `printf 'q1\nq2\n' | qchat ask` answers both, in order), as text or JSON (one JSON line each).
 * The exit code is the first question's that was not 0.
 */
export async function runAsk(context: RunContext, words: string[], flags: AskFlags, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  try {
    rowsLimit(flags);
    const questions = words.length > 0 ? [argumentsQuestion(words)] : await readQuestions(io);
    const codes: number[] = [];
    if (flags.explain) {
      for (const question of questions) codes.push(await explain(context, question, flags, io));
      return codes.find((code) => code !== ExitCode.ok) ?? ExitCode.ok;
    }
    const session = await openIdentifiedSession(context, io, { noCache: flags.cache === false });
    try {
      const thread = flags.continue ? await ContinuedConversation.open(session) : undefined;
      writeWarnings(io, session.warnings);
      if (thread) writeWarnings(io, thread.notices());
      for (const question of questions) {
        if (questions.length > 1 && !json) io.stdout.write(`${codes.length > 0 ? '\n' : ''}› ${safeText(question)}\n`);
        codes.push(await askOne(context, session, question, flags, io, questions.length > 1, thread).catch((error: unknown) => {
          if (error instanceof QchatError) return writeError(io, json, error, { lines: questions.length > 1 });
          throw error;
        }));
      }
      return codes.find((code) => code !== ExitCode.ok) ?? ExitCode.ok;
    } finally {
      await session.close();
    }
  } catch (error) {
    if (error instanceof QchatError) return writeError(io, json, error);
    throw error;
  }
}

type Session = Awaited<ReturnType<typeof openIdentifiedSession>>;

/** One question answered; `lines` writes its JSON on one line, as one of several. */
async function askOne(context: RunContext, session: Session, question: string, flags: AskFlags, io: CliIo, lines: boolean, thread?: ContinuedConversation): Promise<number> {
  const json = Boolean(flags.json);
  const planned = withFlags(session.plan(question, thread?.previous), flags);
  if (planned.kind === 'reply') {
    if (thread && !thread.previous && planned.reason === 'unsupported') writeWarning(io, nothingToContinue);
    await thread?.replied(question, planned.message);
    return writeReply(io, json, question, planned, lines);
  }
  const progress = progressLine(io);
  // A headless question that names its regions (or --all-regions) is its own consent.
  const result = await session.askPlan(planned.plan, { onProgress: progress.update, crossRegionConsent: true, ...(flags.details ? { details: true } : {}) });
  progress.clear();
  writeWarnings(io, session.warnings);
  if (result.kind === 'refused') return writeError(io, json, refusalError(result.refusal), { lines });
  if (result.kind !== 'answer') throw new QchatError('SIGN_IN_REQUIRED', result.kind === 'sign-in-required' ? result.message : 'unexpected state', { remedy: { kind: 'sign-in' } });
  if (planned.followUp) result.answer.summary = `Same question, ${planned.followUp}: ${result.answer.summary}`;
  await thread?.answered(question, result.plan, result.answer);
  if (json) writeJson(io, answerJson(question, accountJson(session), result.plan, result.answer), { lines });
  else io.stdout.write(renderAnswerText(result.answer, { width: outputWidth(io), tableRows: flags.all ? Number.MAX_SAFE_INTEGER : context.settings.tableRows, wrap: Boolean(io.stdoutIsTTY), moreRows: '`--all` for every row' }));
  return outcomeExitCode[result.answer.outcome];
}

/** Why a follow-up under --continue found nothing to change: plain `qchat ask` keeps no conversation. */
const nothingToContinue = 'your last conversation has no answered question to follow up, so this was read on its own (plain qchat ask keeps none; qchat ask --continue and the chat do).';

/**
 * A filter left unapplied (it needs more GetResource reads than describeLimit) is no AWS failure:
 * the question, as asked, needs `--details` or a narrower scope, so it is a usage error (2).
 */
const outcomeExitCode: Record<Answer['outcome'], number> = { answered: ExitCode.ok, partial: ExitCode.ok, failed: ExitCode.aws, unapplied: ExitCode.usage };

async function explain(context: RunContext, question: string, flags: AskFlags, io: CliIo): Promise<number> {
  const planned = withFlags(await explainQuestion(context, question), flags);
  if (planned.kind === 'reply') return writeReply(io, Boolean(flags.json), question, planned);
  if (flags.json) writeJson(io, { plan: planned.plan });
  else io.stdout.write(`${safeText(explainText(planned.plan), { keepNewlines: true })}\n`);
  return ExitCode.ok;
}

type Planned = ReturnType<typeof planQuestion>;

/** The plan as the flags change it: every region (--all-regions); every row (--all, and always in JSON); at most N rows (--limit). */
function withFlags(planned: Planned, flags: AskFlags): Planned {
  if (planned.kind === 'reply') return planned;
  const regions = flags.allRegions ? withRegions(planned.plan, 'all') : planned.plan;
  const limit = rowsLimit(flags);
  // JSON answers carry every row; the plan --explain prints is the question's own.
  return { ...planned, plan: withRows(regions, { all: Boolean(flags.all || (flags.json && !flags.explain)), ...(limit === undefined ? {} : { limit }) }) };
}

/** --limit as a number of rows: a whole number from 1 (a usage error otherwise). */
function rowsLimit(flags: AskFlags): number | undefined {
  if (flags.limit === undefined) return undefined;
  const limit = Number(flags.limit);
  if (!/^\d+$/.test(flags.limit.trim()) || !Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number of rows from 1, not "${flags.limit}"`);
  return limit;
}

function writeReply(io: CliIo, json: boolean, question: string, reply: Extract<Planned, { kind: 'reply' }>, lines = false): number {
  if (json) writeJson(io, { question, plan: null, reply: { reason: reply.reason, message: reply.message, suggestions: reply.suggestions } }, { lines });
  else io.stderr.write(`${safeText(reply.message)}${reply.suggestions.length > 0 ? `\nTry: ${reply.suggestions.map((s) => `"${safeText(s)}"`).join(', ')}` : ''}\n`);
  return ExitCode.usage;
}

export function answerJson(question: string, account: ReturnType<typeof accountJson>, plan: unknown, answer: Answer) {
  const { calls, failures, ...rest } = answer;
  return { question, account, plan, answer: rest, calls, failures };
}

function explainText(plan: Plan): string {
  return Object.entries(plan)
    .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key.padEnd(18)} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

const noQuestion = 'ask needs a question, as arguments or on stdin';

/** Arguments that hold only whitespace are no question, as an empty stdin is not. */
function argumentsQuestion(words: string[]): string {
  const question = words.join(' ');
  if (!question.trim()) throw new UsageError(noQuestion);
  return question;
}

/** Each non-empty line of stdin is a question. */
async function readQuestions(io: CliIo): Promise<string[]> {
  const limit = 1024 * 1024;
  const text = await readStdinText(io, limit, {
    missing: 'ask needs a question: qchat ask "how many lambda functions do I have"',
    tooLarge: `the questions on stdin are over ${limit / 1024 / 1024} MB; a question is limited to ${maxQuestionLength.toLocaleString('en-US')} characters`,
  });
  const questions = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (questions.length === 0) throw new UsageError(noQuestion);
  return questions;
}

/** A single updating progress line on stderr when it is a terminal; silent otherwise. */
function progressLine(io: CliIo) {
  const tty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  let shown = false;
  return {
    update: (event: ProgressEvent) => {
      if (!tty) return;
      const text = event.kind === 'regions' ? `Listing ${event.typeName} in ${event.total} regions — ${event.done} done` : event.kind === 'details' ? event.label : `Asking Cost Explorer (${event.operation})…`;
      io.stderr.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}

import { ChatSession, type SessionOptions } from '../chat/session.js';
import type { RunContext } from '../config/run-context.js';
import { IdentityError } from '../identity/identity-context.js';
import type { CliIo } from './io.js';
import { writeWarnings } from './output.js';

/** Opens a session for a headless command; on the sandbox, says so on stderr in one line, then any warnings so far. */
export async function openSession(context: RunContext, io: CliIo, options: SessionOptions = {}): Promise<ChatSession> {
  const session = await ChatSession.open(context, options);
  if (session.target.kind === 'sandbox') io.stderr.write(`qchat: ${session.target.notice}\n`);
  // Said now, so a command that fails later still tells them (e.g. a tiers file off the sandbox).
  writeWarnings(io, session.warnings);
  return session;
}

/**
 * Opens a session and resolves the identity. Headless commands never prompt: a missing or expired
 * sign-in is an error (exit 3) whose remedy is a sign-in (`qchat login`, or `aws sso login` for the AWS CLI's token).
 */
export async function openIdentifiedSession(context: RunContext, io: CliIo, options: SessionOptions = {}): Promise<ChatSession> {
  const session = await openSession(context, io, options);
  try {
    const state = await session.identify();
    if (state.kind === 'sign-in-required') {
      const code = state.resolution.reason === 'SIGN_IN_EXPIRED' ? 'SIGN_IN_EXPIRED' : 'SIGN_IN_REQUIRED';
      throw new IdentityError(code, state.resolution.message, { remedy: state.resolution.remedy });
    }
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Runs `body` with the session and closes it afterwards, whatever happens. */
export async function usingSession<T>(session: ChatSession, body: (session: ChatSession) => Promise<T>): Promise<T> {
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/** Which account answered, for `--json`: the sandbox (and which identity) or a real account (and which profile). */
export function accountJson(session: ChatSession) {
  const { target, caller } = session;
  return target.kind === 'sandbox'
    ? { kind: 'sandbox' as const, user: target.user, accountId: caller.accountId, endpoint: target.target.endpoint ?? null }
    : { kind: 'aws' as const, accountId: caller.accountId, profile: target.profile, region: target.target.region };
}

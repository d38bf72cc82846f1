import { ChatSession, type SessionOptions } from '../chat/session.js';
import type { RunContext } from '../config/run-context.js';
import { IdentityError } from '../identity/identity-context.js';

/**
 * Opens a session and resolves the identity for a headless command. Headless commands never
 * prompt: a missing or expired sign-in is an error (exit 3) that says to run `qchat login`.
 */
export async function openIdentifiedSession(context: RunContext, options: SessionOptions = {}): Promise<ChatSession> {
  const session = await ChatSession.open(context, options);
  try {
    const state = await session.identify();
    if (state.kind === 'sign-in-required') {
      const code = state.resolution.reason === 'SIGN_IN_EXPIRED' ? 'SIGN_IN_EXPIRED' : 'SIGN_IN_REQUIRED';
      throw new IdentityError(code, state.resolution.message, { remedy: { kind: 'sign-in' } });
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

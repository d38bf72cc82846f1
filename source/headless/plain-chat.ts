import { createInterface } from 'node:readline';
import type { DetailsRequest } from '../answer/execution-context.js';
import type { ChatReply, Conversation } from '../chat/conversation.js';
import { ChatSession } from '../chat/session.js';
import { replyPlainText } from '../chat/transcript.js';
import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode } from '../errors.js';
import type { SignInPrompt } from '../identity/oidc.js';
import { signInPageOpener } from '../identity/sign-in-page.js';
import { safeText } from '../present/terminal-text.js';

/**
 * The chat for a terminal that cannot take cursor movement (`TERM=dumb`, stdout not a terminal,
 * or `--plain`): one line in, the reply printed below it, no redraw. The terminal's own line
 * editing applies (its cooked mode: Backspace, Ctrl+U, Ctrl+W); Ctrl+D or /quit leaves.
 */
export async function runPlainChat(context: RunContext, io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(safeText(text, { keepNewlines: true }));
  const session = await ChatSession.open(context);
  const { Conversation } = await import('../chat/conversation.js');
  const chat = new Conversation(session);
  const lines = createInterface({ input: io.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = async (prompt: string): Promise<string | undefined> => {
    io.stdout.write(prompt);
    const line = await lines.next();
    return line.done ? undefined : line.value;
  };
  const openPage = signInPageOpener(context.settings.browser, io);
  const showSignInPrompt = (prompt: SignInPrompt) => {
    out(prompt.kind === 'device' ? `Open ${prompt.verificationUriComplete} and approve the request; code ${prompt.userCode}. Waiting…\n` : `Open ${prompt.authorizeUrl} in a browser on this computer and approve the request. Waiting…\n`);
    openPage?.(prompt);
  };
  try {
    out(`${session.target.kind === 'sandbox' ? `${session.target.notice}\n` : ''}qchat (plain mode): ask about your AWS account, /help for commands, Ctrl+D or /quit to leave.\n`);
    const identity = await session.identify();
    if (identity.kind === 'sign-in-required') {
      out(`${identity.resolution.message}\n`);
      await session.signIn(showSignInPrompt);
    }
    await chat.start();
    for (const notice of chat.notices.splice(0)) out(`${notice}\n`);
    for (;;) {
      const line = await next('› ');
      // Ctrl+D ends the input where the prompt is: the shell's prompt comes on a line of its own.
      if (line === undefined) return (io.stdout.write('\n'), ExitCode.ok);
      if (!line.trim()) continue;
      await chat.rememberInput(line);
      // Past describeLimit, the question asks before making the reads; anything but y answers without the filter.
      const confirmDetails = async (request: DetailsRequest) => (await next(`${safeText(request.text)} Make these calls? y / n: `))?.trim().toLowerCase() === 'y';
      let reply = await chat.submit(line, { confirmDetails });
      if (reply.kind === 'needs-consent') {
        const answer = (await next(`"${safeText(line)}" asks other regions than ${session.region}. Allow cross-region questions? y (remembered) / n (only ${session.region}) / anything else cancels: `))?.trim().toLowerCase();
        if (answer !== 'y' && answer !== 'n') {
          out('Cancelled: nothing was asked, and nothing counted against your limits.\n\n');
          continue;
        }
        await chat.setCrossRegionConsent(answer === 'y');
        reply = await chat.submit(line, { confirmDetails });
      }
      if (reply.kind === 'sign-in-required' || reply.kind === 'login') {
        await session.signIn(showSignInPrompt);
        await chat.start();
        reply = reply.kind === 'sign-in-required' && reply.question ? await chat.submit(reply.question) : { kind: 'text', text: 'Signed in.' };
      }
      if (reply.kind === 'quit') return ExitCode.ok;
      out(`${await plainReply(chat, line, reply)}\n\n`);
      if (reply.kind === 'write' && io.stdoutIsTTY) io.stdout.write(reply.bytes);
    }
  } finally {
    await session.close();
  }
}

/** A reply as lines of text; finished turns are kept in history as in the full chat. */
async function plainReply(chat: Conversation, question: string, reply: ChatReply): Promise<string> {
  switch (reply.kind) {
    case 'reset':
      return reply.text;
    case 'write':
      return reply.shown.text;
    case 'diagnose-form':
      return 'In plain mode, give the error with the command: /diagnose <the error message>.';
    case 'needs-consent':
    case 'sign-in-required':
    case 'login':
    case 'quit':
      return '';
    default:
      if (!question.trim().startsWith('/') || (reply.kind === 'answer' && reply.diagnosis !== undefined)) await chat.record({ question, reply });
      return replyPlainText(reply);
  }
}

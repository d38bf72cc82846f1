import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { devicePromptText, whoamiJson, whoamiText } from '../chat/identity-text.js';
import { ExitCode, QchatError } from '../errors.js';
import type { DevicePrompt } from '../identity/device-sign-in.js';
import { accountJson, openIdentifiedSession, openSession, usingSession } from './open-session.js';
import { reportErrors, writeJson, writeWarnings } from './output.js';

/** `qchat whoami [--json]`: the identity context, tier, subscription, why Free, and remaining requests. */
export async function runWhoami(context: RunContext, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () =>
    usingSession(await openIdentifiedSession(context, io), async (session) => {
      const state = session.identity!;
      if (state.kind !== 'ready') throw new QchatError('SIGN_IN_REQUIRED', 'not signed in', { remedy: { kind: 'sign-in' } });
      const usage = await session.usage();
      writeWarnings(io, session.warnings);
      if (json) writeJson(io, { account: accountJson(session), ...whoamiJson(state, usage) });
      else io.stdout.write(whoamiText(state, usage));
      return ExitCode.ok;
    }),
  );
}

/** `qchat login`: signs in with IAM Identity Center (device authorization) when the session needs it. */
export async function runLogin(context: RunContext, flags: { json?: boolean }, io: CliIo & { stdinIsTTY: boolean | undefined }): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () =>
    usingSession(await openSession(context, io), async (session) => {
      const before = await session.identify();
      if (before.kind === 'ready') {
        const how = before.context.signInMethod === 'identity-center' ? 'your access-portal session identifies you' : `signed in until ${before.context.expiresAt.replace('T', ' ').slice(0, 16)} UTC`;
        io.stderr.write(`Already signed in as ${before.context.userName || before.context.userId}: ${how}.\n`);
      } else {
        const onPrompt = (prompt: DevicePrompt) => {
          io.stderr.write(devicePromptText(prompt));
          if (context.settings.browser && io.stdinIsTTY && io.stdoutIsTTY) void openBrowser(prompt.verificationUriComplete);
          io.stderr.write('Waiting for approval… (Ctrl+C to cancel)\n');
        };
        await session.signIn(onPrompt);
      }
      const state = session.identity!;
      if (state.kind !== 'ready') throw new QchatError('SIGN_IN_REQUIRED', 'sign-in did not complete', { remedy: { kind: 'sign-in' } });
      const usage = await session.usage();
      writeWarnings(io, session.warnings);
      if (json) writeJson(io, { account: accountJson(session), ...whoamiJson(state, usage) });
      else io.stdout.write(`Signed in.\n${whoamiText(state, usage)}`);
      return ExitCode.ok;
    }),
  );
}

/** `qchat logout`: forgets the stored sign-ins of this AWS principal. */
export async function runLogout(context: RunContext, io: CliIo): Promise<number> {
  return reportErrors(io, false, async () =>
    usingSession(await openSession(context, io), async (session) => {
      const count = session.logout();
      io.stdout.write(count > 0 ? `Signed out: forgot ${count} stored sign-in${count === 1 ? '' : 's'} for ${session.caller.arn}.\n` : `No stored sign-in for ${session.caller.arn}.\n`);
      return ExitCode.ok;
    }),
  );
}

async function openBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import('open');
    await open(url);
  } catch {
    // No browser here: the URL is printed above.
  }
}

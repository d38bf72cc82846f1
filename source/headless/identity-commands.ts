import type { CliIo } from './io.js';
import type { RunContext } from '../config/run-context.js';
import { signInPromptText, whoamiJson, whoamiText } from '../chat/identity-text.js';
import { ExitCode, QchatError } from '../errors.js';
import { CredentialsFile } from '../identity/credentials-file.js';
import type { SignInPrompt } from '../identity/oidc.js';
import { signInPageOpener } from '../identity/sign-in-page.js';
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

export interface LoginFlags {
  json?: boolean;
  /** The device code flow even where a browser could open. */
  deviceCode?: boolean;
}

/**
 * `qchat login`: signs in to IAM Identity Center for Amazon Q Developer when the session needs it
 * (`--start-url` names another instance to sign in at): PKCE in the browser by default, the device code with
 * --device-code or where no browser can open.
 */
export async function runLogin(context: RunContext, flags: LoginFlags, io: CliIo & { stdinIsTTY: boolean | undefined }): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () =>
    usingSession(await openSession(context, io), async (session) => {
      const before = await session.identify();
      if (before.kind === 'ready') {
        io.stderr.write(`Already signed in${before.context.userName ? ` as ${before.context.userName}` : ''}, until ${before.context.expiresAt.replace('T', ' ').slice(0, 16)} UTC (refreshed by itself).\n`);
      } else {
        const openPage = signInPageOpener(context.settings.browser, io);
        const onPrompt = (prompt: SignInPrompt) => {
          io.stderr.write(signInPromptText(prompt));
          openPage?.(prompt);
          io.stderr.write('Waiting for approval… (Ctrl+C to cancel)\n');
        };
        const onFlow = (flow: string, why: string | undefined) => {
          if (why) io.stderr.write(`Signing in with a device code: ${why} (--device-code chooses it anywhere).\n`);
        };
        await session.signIn(onPrompt, { deviceCode: Boolean(flags.deviceCode), onFlow });
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

/**
 * `qchat logout`: deletes qchat's credentials file (tokens and client registrations). It reaches
 * no account: the file is qchat's own, so a lapsed or broken AWS configuration (the time one most
 * wants to sign out) cannot keep the tokens on disk.
 */
export async function runLogout(context: RunContext, io: CliIo): Promise<number> {
  return reportErrors(io, false, async () => {
    const credentials = new CredentialsFile(context.paths.data, context.clock);
    const count = credentials.remove();
    writeWarnings(io, credentials.warnings);
    io.stdout.write(count > 0 ? `Signed out: deleted ${count} IAM Identity Center sign-in${count === 1 ? '' : 's'} and their tokens.\n` : 'No stored sign-in to delete.\n');
    return ExitCode.ok;
  });
}

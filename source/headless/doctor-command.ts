import type { CliIo } from './io.js';
import type { ChatSession } from '../chat/session.js';
import type { RunContext } from '../config/run-context.js';
import { ExitCode, QchatError, remedyJson, remedyText } from '../errors.js';
import { runDoctor, type Check, type SignInFinding } from '../identity/doctor.js';
import { safeText } from '../present/terminal-text.js';
import { accountJson, openSession, usingSession } from './open-session.js';
import { reportErrors, writeJson } from './output.js';

const mark: Record<Check['status'], string> = { passed: 'ok', failed: 'FAIL', unknown: '??' };

/**
 * `qchat doctor [--json]`: every prerequisite, passed / failed / unknown, with the fix (its remedy,
 * worded for a shell; `--json` carries it as data with that text, as errors do). Exits 0
 * whatever it finds (a report, not a gate); only an unusable AWS setup (no credentials) fails.
 */
export async function runDoctorCommand(context: RunContext, flags: { json?: boolean }, io: CliIo): Promise<number> {
  const json = Boolean(flags.json);
  return reportErrors(io, json, async () =>
    usingSession(await openSession(context, io), async (session) => {
      const checks = await runDoctor({ clients: session.clients, caller: session.caller, costs: session.costs, homeRegion: session.region, now: context.clock(), signIn: await signInFinding(session) });
      if (json) writeJson(io, { account: accountJson(session), checks: checks.map((c) => ({ ...c, remedy: remedyJson(c.remedy) })) });
      else io.stdout.write(checks.map((c) => `${mark[c.status].padEnd(4)} ${c.title}: ${safeText(c.detail)}${c.remedy ? `\n     Fix: ${safeText(remedyText(c.remedy, 'shell'))}` : ''}\n`).join(''));
      return ExitCode.ok;
    }),
  );
}

async function signInFinding(session: ChatSession): Promise<SignInFinding> {
  try {
    const state = await session.identify();
    if (state.kind === 'sign-in-required') return { kind: 'sign-in-required', region: state.resolution.target.region, message: state.resolution.message, remedy: state.resolution.remedy };
    const profiles = state.entitlements.all;
    return {
      kind: 'ready',
      region: (await session.signInRegion()) ?? session.region,
      profiles,
      listingFailed: state.entitlements.assignment.tier === 'free' && state.entitlements.assignment.reason === 'profiles-unavailable',
      userIdKnown: Boolean(state.context.userId),
      identityStore: { arn: state.context.identityStoreArn, note: state.context.identityStoreNote },
    };
  } catch (error) {
    if (error instanceof QchatError && error.code === 'NO_START_URL') return { kind: 'no-start-url', message: error.message };
    return { kind: 'error', message: (error as Error).message };
  }
}

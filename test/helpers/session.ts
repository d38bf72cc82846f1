import { readFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { ChatSession } from '../../source/chat/session.js';
import { loadRunContext } from '../../source/config/run-context.js';
import type { SettingKey } from '../../source/config/settings.js';
import { tempHome } from './cli.js';

/** Opens a chat session on a fresh in-process sandbox (real SDK clients over HTTP), closed after the file. */
export async function sandboxSession(flags: Partial<Record<SettingKey, unknown>> = {}, options: { noCache?: boolean; home?: string } = {}): Promise<ChatSession> {
  const context = loadRunContext({ sandbox: true, ...flags }, { QCHAT_HOME: options.home ?? tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z' });
  const session = await ChatSession.open(context, { noCache: options.noCache ?? false });
  afterAll(() => session.close());
  await session.identify();
  return session;
}

/** Asks as a headless script would (naming regions is consent) and expects an answer. */
export async function askAnswer(session: ChatSession, question: string) {
  const result = await session.ask(question, { crossRegionConsent: true });
  if (result.kind !== 'answer') throw new Error(`no answer for "${question}": ${JSON.stringify(result)}`);
  return result;
}

interface FixtureResource {
  typeName: string;
  region: string;
  identifier: string;
}

const fixture = JSON.parse(readFileSync('config/sandbox/resources.json', 'utf8')) as { resources: FixtureResource[] };

/** How many resources of a type the sandbox fixture holds, in one region or all. */
export function fixtureCount(typeName: string, region?: string): number {
  return fixture.resources.filter((r) => r.typeName === typeName && (region === undefined || r.region === region)).length;
}

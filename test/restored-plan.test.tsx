// A conversation restored from history restores its last plan (issue 14, context): a follow-up right
// after a restart ("what about this month?") changes it, in the chat and with `qchat ask --continue`.
// The plan is read back as it was answered and checked against the plan's shape; a damaged one is
// named in a notice and left on disk as it is.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { keys, renderWithProviders } from './helpers/ui.js';

const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?(qchat |\[sandbox\] |Using )/;

async function conversationIn(home: string): Promise<Conversation> {
  const session = await ChatSession.open(loadRunContext({ sandbox: true }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' }));
  await session.identify();
  const conversation = new Conversation(session);
  conversation.crossRegionConsent = true;
  await conversation.start();
  return conversation;
}

async function askAndRecord(conversation: Conversation, question: string) {
  const reply = await conversation.submit(question);
  if (reply.kind !== 'answer' && reply.kind !== 'text') throw new Error(`unexpected ${reply.kind}`);
  await conversation.record({ question, reply });
  return reply;
}

/** The conversation files (JSON lines) under a QCHAT_HOME. */
function conversationFiles(home: string): string[] {
  return readdirSync(home, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.jsonl')).map((path) => join(home, path));
}

describe('a restored conversation keeps its last plan', () => {
  it('follows up the restored question in the chat engine, its region and filter kept', async () => {
    const home = tempHome();
    const first = await conversationIn(home);
    await askAndRecord(first, 'list ec2 instances in us-west-2');
    // A reply without a plan (qchat only reads) leaves the last plan standing, as in a live chat.
    expect(await askAndRecord(first, 'terminate my stopped instances')).toMatchObject({ kind: 'text' });
    await first.session.close();

    const second = await conversationIn(home);
    expect(second.previousPlan).toMatchObject({ resourceType: 'AWS::EC2::Instance', regions: ['us-west-2'] });
    const reply = await second.submit('only the stopped ones');
    if (reply.kind !== 'answer') throw new Error(JSON.stringify(reply));
    expect(reply.answer.summary).toMatch(/^Same question, only stopped: Found \d+ EC2 instances in state stopped in us-west-2\.$/);
    await second.session.close();
  });

  it('follows up a restored cost question in the chat after a restart', async () => {
    const home = tempHome();
    const first = renderWithProviders({ home });
    await first.waitFor(ready);
    await first.type('what did I spend on EC2 last month');
    await first.press(keys.enter);
    await first.waitFor((f) => f.includes('You spent $') && ready.test(f.slice(f.indexOf('You spent $'))));
    first.ui.unmount();

    const second = renderWithProviders({ home });
    await second.waitFor('Restored your last conversation');
    await second.waitFor(ready);
    await second.type('what about this month?');
    await second.press(keys.enter);
    const frame = await second.waitFor('Same question, this month:');
    expect(frame).toMatch(/Same question, this month: You have spent \$[\d,.]+ on Amazon Elastic Compute Cloud - Compute\sthis\smonth/);
    second.ui.unmount();
  }, 60_000);

  it('keeps what the flags changed with ask --continue: --all-regions stays for the follow-up', async () => {
    const home = tempHome();
    const ask = (...args: string[]) => runQchat(['ask', '--sandbox', '--continue', '--json', ...args], { QCHAT_HOME: home });
    const first = JSON.parse((await ask('--all-regions', 'how many ec2 instances')).stdout) as { plan: { regions: unknown } };
    expect(first.plan.regions).toBe('all');
    const follow = JSON.parse((await ask('only the stopped ones')).stdout) as { plan: { regions: unknown; filters: { properties: Array<{ value: string }> } }; answer: { summary: string } };
    expect(follow.plan.regions).toBe('all');
    expect(follow.plan.filters.properties.map((p) => p.value)).toEqual(['stopped']);
    expect(follow.answer.summary).toMatch(/^Same question, only stopped: You have \d+ EC2 instances in state stopped across 17 regions\.$/);
  }, 60_000);

  it('names a damaged stored plan, follows up nothing, and leaves the file as it was', async () => {
    const home = tempHome();
    const first = await conversationIn(home);
    await askAndRecord(first, 'what did I spend on EC2 last month');
    await first.session.close();
    const [file] = conversationFiles(home);
    const damaged = readFileSync(file!, 'utf8').replace('"periodLabel":"last month"', '"periodLabel":7');
    expect(damaged).toContain('"periodLabel":7');
    writeFileSync(file!, damaged);

    const second = await conversationIn(home);
    expect(second.restored.map((turn) => turn.question)).toEqual(['what did I spend on EC2 last month']);
    expect(second.notices).toContain(`The last question's plan could not be read back from history (its periodLabel expected string, received number), so a follow-up needs a whole question: ask "what did I spend on EC2 last month" again.`);
    expect(second.previousPlan).toBeUndefined();
    expect(await second.submit('what about this month?')).toMatchObject({ kind: 'text' });
    await second.session.close();
    expect(readFileSync(file!, 'utf8')).toBe(damaged);
  });
});

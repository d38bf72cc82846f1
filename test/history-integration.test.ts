import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { runQchat, tempHome } from './helpers/cli.js';

let ticks = 0;

async function conversationAs(user: string, home: string): Promise<Conversation> {
  const context = loadRunContext({ sandboxUser: user }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
  // A clock that moves a second per reading, so conversations order by time as they would for a person.
  let tick = Date.parse('2026-11-22T10:00:00Z') + ticks++ * 3_600_000;
  context.clock = () => new Date((tick += 1000));
  const session = await ChatSession.open(context);
  await session.identify();
  const conversation = new Conversation(session);
  await conversation.start();
  return conversation;
}

async function askAndRecord(conversation: Conversation, question: string) {
  const reply = await conversation.submit(question);
  if (reply.kind !== 'answer' && reply.kind !== 'text' && reply.kind !== 'refusal') throw new Error(`unexpected ${reply.kind}`);
  await conversation.record({ question, reply });
  return reply;
}

describe('chat history through the chat', () => {
  it('alice (Pro): two questions, quit, start again: the conversation is back with its answers', async () => {
    const home = tempHome();
    const first = await conversationAs('alice', home);
    expect(first.notices).toEqual([]);
    await askAndRecord(first, 'how many s3 buckets do I have');
    const costs = await askAndRecord(first, 'top 5 services by cost last month');
    await first.session.close();

    const second = await conversationAs('alice', home);
    expect(second.notices[0]).toBe('Restored your last conversation, "how many s3 buckets do I have" (4 messages). /clear starts a new one; /history lists the others.');
    expect(second.restored.map((turn) => turn.question)).toEqual(['how many s3 buckets do I have', 'top 5 services by cost last month']);
    // The structured answer comes back, so the same table and chart render.
    expect(second.restored[1]!.reply).toEqual(JSON.parse(JSON.stringify(costs)));
    const list = await second.submit('/history');
    expect(list.kind === 'text' && list.text).toContain('1. how many s3 buckets do I have  (4 messages');
    expect(await second.submit('/clear')).toMatchObject({ kind: 'reset', turns: [] });
    await askAndRecord(second, 'how many vpcs');
    expect(await second.submit('/resume 2')).toMatchObject({ kind: 'reset', text: 'Resumed "how many s3 buckets do I have".' });
    expect(await second.submit('/delete 1')).toMatchObject({ kind: 'text', text: 'Deleted "how many vpcs".' });
    await second.session.close();
  });

  it('restores only the last turns of a long conversation, counts the earlier ones, and /export still writes them all', async () => {
    const home = tempHome();
    const first = await conversationAs('alice', home);
    const questions = ['help', 'what can you do', 'how many s3 buckets do I have', 'how many vpcs', 'help me'];
    for (const question of questions) await askAndRecord(first, question);
    await first.session.close();

    const second = await conversationAs('alice', home);
    expect(second.restored.map((turn) => turn.question)).toEqual(questions.slice(-3));
    expect(second.earlierTurns).toBe(2);
    const exported = await second.submit(`/export ${join(home, 'all.md')}`);
    expect(exported).toMatchObject({ kind: 'text', text: `Wrote 5 turns to ${join(home, 'all.md')}.` });
    expect(readFileSync(join(home, 'all.md'), 'utf8').match(/^## .*$/gm)).toEqual(questions.map((question) => `## ${question}`));
    await second.session.close();
  });

  it('carol (Free): nothing is written, and she is told once why', async () => {
    const home = tempHome();
    const conversation = await conversationAs('carol', home);
    expect(conversation.notices).toEqual(['Chat history is a Pro feature: this conversation is not kept after you quit.']);
    await askAndRecord(conversation, 'help');
    await conversation.session.close();
    expect(existsSync(join(home, 'data', 'history'))).toBe(false);
  });

  it('keeps turns asked while history is still opening (a lock left by a killed qchat)', { timeout: 30_000 }, async () => {
    const home = tempHome();
    const first = await conversationAs('alice', home);
    await askAndRecord(first, 'how many s3 buckets do I have');
    await first.session.close();
    // Another qchat of alice's died holding the index lock: opening waits until it is stale.
    const lock = join(first.session.context.paths.data, 'history', readdirSync(join(home, 'data', 'history'))[0]!, 'index.json.lock');
    mkdirSync(lock);
    const context = loadRunContext({ sandboxUser: 'alice' }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const session = await ChatSession.open(context);
    await session.identify();
    const second = new Conversation(session);
    const starting = second.start();
    // The prompt is up before history is: the user asks and the turn is shown and recorded.
    const recorded = askAndRecord(second, 'how many vpcs');
    await Promise.all([starting, recorded]);
    await session.close();
    const third = await conversationAs('alice', home);
    expect(third.restored.map((turn) => turn.question)).toEqual(['how many s3 buckets do I have', 'how many vpcs']);
    await third.session.close();
  });

  it('remembers the cross-region answer per user (Pro)', async () => {
    const home = tempHome();
    const first = await conversationAs('alice', home);
    expect(await first.submit('how many lambda functions in all regions')).toMatchObject({ kind: 'needs-consent' });
    await first.setCrossRegionConsent(true);
    expect(await first.submit('how many lambda functions in all regions')).toMatchObject({ kind: 'answer' });
    await first.session.close();
    const second = await conversationAs('alice', home);
    expect(second.crossRegionConsent).toBe(true);
    await second.session.close();
  });
});

describe('qchat history', () => {
  it('lists, shows, exports and deletes alice\'s conversations; Free users are refused with exit 4', async () => {
    const home = tempHome();
    const conversation = await conversationAs('alice', home);
    await askAndRecord(conversation, 'how many s3 buckets do I have');
    await conversation.session.close();
    const env = { QCHAT_HOME: home };
    const list = await runQchat(['history', 'list', '--json', '--sandbox'], env);
    expect(list.code).toBe(0);
    const [entry] = JSON.parse(list.stdout) as Array<{ id: string; title: string }>;
    expect(entry!.title).toBe('how many s3 buckets do I have');
    const exported = await runQchat(['history', 'export', entry!.id, '--sandbox'], env);
    expect(JSON.parse(exported.stdout).messages[1].answer.kind).toBe('answer');
    expect((await runQchat(['history', 'show', '1', '--sandbox'], env)).stdout).toContain('how many s3 buckets do I have');
    expect((await runQchat(['history', 'delete', '1', '--sandbox'], env)).code).toBe(0);
    expect((await runQchat(['history', 'show', '1', '--sandbox'], env)).code).toBe(2);
    const carol = await runQchat(['history', 'list', '--sandbox-user', 'carol'], env);
    expect(carol.code).toBe(4);
    expect(carol.stderr).toContain('Keeping chat history between runs needs qchat Pro');
  });
});

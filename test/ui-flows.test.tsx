import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { keys, renderWithProviders } from './helpers/ui.js';

/** The prompt has the keys and the footer shows who is signed in. */
// The header line starts with qchat, or with [sandbox] when a long user name (an email) leaves no room for it.
const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?(qchat |\[sandbox\] )/;

describe('terminal UI flows', () => {
  it('Pro start with restored history', async () => {
    const home = tempHome();
    const context = loadRunContext({ sandbox: true }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const earlier = new Conversation(await ChatSession.open(context));
    await earlier.session.identify();
    await earlier.start();
    const reply = await earlier.submit('how many s3 buckets do I have');
    if (reply.kind !== 'answer') throw new Error(reply.kind);
    await earlier.record({ question: 'how many s3 buckets do I have', reply });
    await earlier.session.close();

    const { frame, waitFor, ui } = renderWithProviders({ home });
    await waitFor('Restored your last conversation');
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('pro-start-restored');
    ui.unmount();
  });

  it('Free start, then a refused resource question', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ flags: { sandboxUser: 'carol' } });
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('free-start');
    await type('how many lambda functions do I have');
    await press(keys.enter);
    await waitFor('need qchat Pro');
    expect(frame()).toMatchSnapshot('free-refused');
    ui.unmount();
  });

  it('sign-in required, then completed', async () => {
    const { frame, waitFor, ui } = renderWithProviders({ flags: { sandboxUser: 'bob', sandboxApprove: 'auto' }, env: { QCHAT_SANDBOX_APPROVE_DELAY_MS: '1500' } });
    await waitFor('Code: XXXX-XXXX');
    expect(frame()).toMatchSnapshot('sign-in-required');
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('signed-in');
    ui.unmount();
  });

  it('an expired sign-in: the sign-in screen says so once and does not send the user to a shell', async () => {
    const home = tempHome();
    expect((await runQchat(['login', '--sandbox-user', 'bob', '--sandbox-approve', 'auto'], { QCHAT_HOME: home, QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' })).code).toBe(0);
    // A day later the stored sign-in has run out.
    const { frame, waitFor, ui } = renderWithProviders({ flags: { sandboxUser: 'bob', sandboxApprove: 'auto' }, env: { QCHAT_NOW: '2026-11-23T10:00:00Z', QCHAT_SANDBOX_APPROVE_DELAY_MS: '1500' }, home });
    await waitFor('Code: XXXX-XXXX');
    expect(frame()).toMatchSnapshot('sign-in-expired');
    expect(frame()).not.toContain('qchat login');
    ui.unmount();
  });

  it('rate limit reached', async () => {
    const home = tempHome();
    const tiers = join(home, 'tiers.json');
    const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
    writeFileSync(tiers, JSON.stringify({ free: { features, limits: { requestsPerMonth: 50, requestsPerMinute: 5 } }, pro: { features, limits: { requestsPerMonth: 1000, requestsPerMinute: 1 } } }));
    const { frame, waitFor, type, press, ui } = renderWithProviders({ home, flags: { tiersFile: tiers } });
    await waitFor(ready);
    await type('how many vpcs');
    await press(keys.enter);
    await waitFor('EC2 VPCs in us-east-1');
    await waitFor(ready);
    await type('how many subnets');
    await press(keys.enter);
    await waitFor('Too many requests');
    expect(frame()).toMatchSnapshot('rate-limited');
    ui.unmount();
  });

  it('cross-region consent, then an all-regions answer with one failed region', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders({ flags: { sandboxFaults: 'down=ap-south-1' } });
    await waitFor(ready);
    await type('how many lambda functions do I have in all regions');
    await press(keys.enter);
    await waitFor('Allow cross-region questions?');
    expect(frame()).toMatchSnapshot('consent-prompt');
    await press('y');
    await waitFor('ap-south-1 is unavailable');
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('all-regions-one-failed');
    ui.unmount();
  });

  it('a cost breakdown chart', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders();
    await waitFor(ready);
    await type('top 5 services by cost last month');
    await press(keys.enter);
    await waitFor('showing 5 of');
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('cost-breakdown');
    ui.unmount();
  });

  it('slash command completion', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders();
    await waitFor(ready);
    await type('/h');
    expect(frame()).toMatchSnapshot('completion-candidates');
    await type('e');
    await press(keys.tab);
    expect(frame()).toContain('› /help');
    await press(keys.enter);
    await waitFor('/whoami    who you are');
    ui.unmount();
  });

  it('cancel a running question with Ctrl+C; twice quits', async () => {
    const { frame, waitFor, type, press, exits, ui } = renderWithProviders({ flags: { sandboxFaults: 'latency=400ms' } });
    await waitFor(ready);
    await type('how many log groups');
    await press(keys.enter);
    await waitFor('(Esc cancels)');
    await press(keys.ctrlC);
    await waitFor('Cancelled: not counted against your limits.');
    await waitFor(ready);
    expect(frame()).toMatchSnapshot('cancelled');
    await press(keys.ctrlC);
    await waitFor('Press Ctrl+C again within 2 s to quit.');
    await press(keys.ctrlC);
    expect(exits).toEqual([0]);
    ui.unmount();
  });

  it('a resource name containing an escape sequence is drawn inert', async () => {
    const { frame, waitFor, type, press, ui } = renderWithProviders();
    await waitFor(ready);
    await type('list ec2 instances in us-west-2');
    await press(keys.enter);
    await waitFor('DANGER build-box');
    const shown = frame();
    expect(shown).not.toMatch(/\u001b|\u009b|\u0007/);
    expect(shown).toMatchSnapshot('escape-sequence-neutralised');
    ui.unmount();
  });

  it('diagnose a console error: analysis, resolution, then feedback kept in history', async () => {
    const home = tempHome();
    const { frame, waitFor, type, press, ui } = renderWithProviders({ home });
    await waitFor(ready);
    await type('/diagnose');
    await press(keys.enter);
    await waitFor('Paste the error message');
    // A bracketed paste keeps the two-line message whole.
    await press('\u001b[200~Error: Bucket is not empty\nYou must delete all versions in the bucket.\u001b[201~');
    await press(keys.enter);
    await waitFor('The console URL where it happened');
    await type('https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2');
    await press(keys.enter);
    await waitFor('Was this helpful? (y/n)');
    expect(frame()).toMatchSnapshot('diagnose-analysis-and-resolution');
    await press('y');
    await waitFor('Thanks: noted as helpful.');
    ui.unmount();

    const { openHistory } = await import('../source/history/store.js');
    const context = loadRunContext({ sandbox: true }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const session = await ChatSession.open(context);
    const state = await session.identify();
    if (state.kind !== 'ready') throw new Error('expected ready');
    const store = await openHistory({ dataDir: context.paths.data, userId: state.context.userId, clock: context.clock });
    const [latest] = await store.list();
    const messages = await store.read(latest!.id);
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', feedback: { rating: 'up' } });
    await session.close();
  });
});

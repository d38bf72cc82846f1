import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation } from '../../source/chat/conversation.js';
import { ChatSession } from '../../source/chat/session.js';
import { loadRunContext } from '../../source/config/run-context.js';
import { tempHome } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { keys, renderWithProviders } from '../helpers/ui.js';
import { startHostileProxy, type HostileProxy, type HostileRule } from './helpers/hostile-proxy.js';

/*
 * Issue 16, item 3: the whole chat, drawn with hostile strings in every field AWS controls, writes
 * no escape sequence, C1 control or bidi control of theirs. Colours are off in tests, so Ink itself
 * writes none either: any such byte in any frame came from a hostile string.
 */

/** Bytes a terminal acts on (newline aside) and bidi controls. */
const actsOnTerminal = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every kind the issue names: OSC 52 (clipboard), OSC 0 (title), OSC 8 (link), SGR, BEL, C1 CSI, bidi override. */
const attack = '\u001b]52;c;cHduZWQ=\u0007\u001b]0;pwned\u0007\u001b]8;;https://evil.example/\u001b\\\u001b[5;31m\u0007\u009b2J\u202e\u2066\u200f';
/** The prompt has the keys and the footer shows who is signed in. */
const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?qchat /;

// Rate limits off: one attempt per call and no pacing (below), so a throttle would fail a case for a
// reason that is not this file's.
const sandbox = useSandbox({ approve: 'auto', rateLimits: false });
let proxy: HostileProxy;
beforeAll(async () => {
  proxy = await startHostileProxy(sandbox.current.url);
});
afterAll(async () => {
  await proxy.close();
});

type Json = Record<string, unknown>;
/** One rule that rewrites several operations, each with its own edit (a string is a 200 reply). */
type Edit = (body: string, json: Json | undefined, region: string) => string | { status: number; body: string };
function rewriting(edits: Record<string, Edit>): HostileRule {
  return {
    operations: Object.keys(edits),
    rewrite: (reply, request) => {
      const edited = edits[request.operation]!(reply.body, reply.json as Json | undefined, request.region);
      return { kind: 'reply', headers: reply.headers, ...(typeof edited === 'string' ? { status: 200, body: edited } : edited) };
    },
  };
}

/** Renders the whole chat through the proxy as a sandbox identity; returns every frame it wrote. */
function chat(user: string, options: { home?: string; env?: NodeJS.ProcessEnv } = {}) {
  return renderWithProviders({ flags: { endpointUrl: proxy.url, sandboxUser: user, maxAttempts: 1 }, env: { QCHAT_REGION_REQUESTS_PER_SECOND: '1000', ...options.env }, ...(options.home ? { home: options.home } : {}) });
}

function expectInert(frames: string[]): void {
  const all = frames.join('\n');
  const bad = actsOnTerminal.exec(all);
  expect(bad && `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(all.slice(Math.max(0, bad.index - 40), bad.index + 20))}`).toBeNull();
}

describe('the chat draws hostile AWS strings inert', () => {
  it('in the header (account), resource names, cost groups and region failures', async () => {
    proxy.use(
      rewriting({
        'sts.GetCallerIdentity': (body) => body.replace('<Account>111122223333</Account>', `<Account>1111${attack}22223333</Account>`),
        'CloudApiService.ListResources': (body, json, region) =>
          region === 'eu-west-1'
            ? { status: 400, body: JSON.stringify({ __type: 'AccessDeniedException', Message: `denied ${attack} in eu-west-1` }) }
            : JSON.stringify({ ...json, ResourceDescriptions: ((json?.ResourceDescriptions as Json[]) ?? []).map((d) => ({ ...d, Identifier: `fn${attack}-one` })) }),
        'AWSInsightsIndexService.GetCostAndUsage': (_body, json) =>
          JSON.stringify({ ...json, ResultsByTime: (json!.ResultsByTime as Json[]).map((r) => ({ ...r, Groups: ((r.Groups as Json[]) ?? []).map((g) => ({ ...g, Keys: [`Amazon${attack} EC2`] })) })) }),
      }),
    );
    const { ui, waitFor, type, press } = chat('alice');
    await waitFor(ready);
    await type('list lambda functions in us-east-1 and eu-west-1');
    await press(keys.enter);
    await waitFor('Allow cross-region questions?');
    await press('y');
    await waitFor('denied');
    await waitFor(ready);
    await type('cost by service last month');
    await press(keys.enter);
    const frame = await waitFor('the most went to');
    expect(frame).toContain('111122223333');
    expect(frame).toContain('fn-one');
    expect(frame).toContain('Amazon EC2');
    expectInert(ui.frames);
    ui.unmount();
  });

  it('on the sign-in screen (verification URI and user code)', async () => {
    proxy.use(
      rewriting({
        'POST /device_authorization': (_body, json) => JSON.stringify({ ...json, userCode: `WXYZ${attack}-QRS7`, verificationUriComplete: `${String(json!.verificationUriComplete)}${attack}` }),
      }),
    );
    const { ui, waitFor } = chat('bob', { env: { QCHAT_SANDBOX_APPROVE_DELAY_MS: '60000' } });
    const frame = await waitFor('Code: W');
    expect(frame).toContain('Code: WXYZ-QRS7');
    expectInert(ui.frames);
    ui.unmount();
  });

  it('in “qchat could not start: …”', async () => {
    proxy.use({
      operations: ['sts.GetCallerIdentity'],
      rewrite: () => ({
        kind: 'reply',
        status: 403,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no ${attack} way</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      }),
    });
    const { ui, waitFor } = chat('alice');
    const frame = await waitFor('qchat could not start');
    expect(frame).toMatch(/no +way/);
    expectInert(ui.frames);
    ui.unmount();
  });

  it('in a restored conversation’s title and in unknown variable names', async () => {
    proxy.use(undefined);
    const home = tempHome();
    const context = loadRunContext({ sandbox: true }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const earlier = new Conversation(await ChatSession.open(context));
    await earlier.session.identify();
    await earlier.start();
    const question = `how many s3 buckets do I have ${attack}`;
    const reply = await earlier.submit(question);
    if (reply.kind !== 'answer') throw new Error(reply.kind);
    await earlier.record({ question, reply });
    await earlier.session.close();

    const { ui, waitFor } = renderWithProviders({ home, env: { [`QCHAT_${attack}TYPO`]: '1' } });
    const frame = await waitFor('Restored your last conversation');
    expect(frame).toContain('Restored your last conversation, "how many s3 buckets do I have');
    expect(ui.frames.some((f) => /unknown variable QCHAT_TYPO/.test(f))).toBe(true);
    expectInert(ui.frames);
    ui.unmount();
  });

  it('shows control characters pasted into the prompt as visible symbols', async () => {
    proxy.use(undefined);
    const { ui, waitFor, press } = renderWithProviders();
    await waitFor(ready);
    await press(`\u001b[200~echo \u0007bell \u001b]0;title\u0007 \u009b \u202eabc\u001b[201~`);
    const frame = await waitFor('bell');
    // Inside a bracketed paste every byte is text, ESC included: all of it is shown, none acts.
    expect(frame).toContain('echo ␇bell ␛]0;title␇ ⟨U+009B⟩ ⟨U+202E⟩abc');
    expectInert(ui.frames);
    ui.unmount();
  });
});

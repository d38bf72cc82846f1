import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../source/chat/session.js';
import type { RunContext } from '../source/config/run-context.js';
import { applyColorSetting } from '../source/ui/theme.js';
import { tempHome } from './helpers/cli.js';
import { keys, manualClock, renderWithProviders } from './helpers/ui.js';

/** The prompt has the keys and the footer shows who is signed in. */
const ready = /› +Ask about your AWS account, or \/help\n(.*\n)?qchat /;
const written = (ui: { frames: string[] }) => ui.frames.join('');

afterEach(() => applyColorSetting(true));

describe('chat flows: quitting, running questions, the queue', () => {
  it('Ctrl+C at an empty prompt arms quitting for 2 s; the hint expires; two presses within the window quit', async () => {
    const clock = manualClock();
    const { frame, waitFor, press, type, exits, ui } = renderWithProviders({ clock });
    await waitFor(ready);
    await type('a draft');
    await press(keys.ctrlC);
    expect(frame()).not.toContain('a draft');
    expect(frame()).not.toContain('Press Ctrl+C again');
    await press(keys.ctrlC);
    await waitFor('Press Ctrl+C again within 2 s to quit.');
    clock.advance(2001);
    await waitFor((f: string) => !f.includes('Press Ctrl+C again'));
    await press(keys.ctrlC);
    await waitFor('Press Ctrl+C again within 2 s to quit.');
    clock.advance(1500);
    await press(keys.ctrlC);
    expect(exits).toEqual([0]);
    ui.unmount();
  });

  it('Ctrl+D before the session has opened quits, and the session that opens after is closed, so nothing keeps the process alive', async () => {
    let release = () => {};
    const opening = new Promise<void>((resolve) => (release = resolve));
    const closed: string[] = [];
    const openSession = async (context: RunContext) => {
      await opening;
      const session = await ChatSession.open(context);
      const close = session.close.bind(session);
      session.close = async () => {
        closed.push('closed');
        await close();
      };
      return session;
    };
    const { waitFor, press, exits, ui } = renderWithProviders({ openSession });
    await waitFor('Connecting…');
    await press(keys.ctrlD);
    expect(exits).toEqual([0]);
    release();
    await waitFor(() => closed.length > 0);
    expect(closed).toEqual(['closed']);
    ui.unmount();
  });

  it('while a question runs it stays on screen with elapsed seconds and region progress; typing goes on; Enter queues; Esc cancels without counting', async () => {
    const clock = manualClock();
    const { frame, waitFor, press, type, ui } = renderWithProviders({ clock, flags: { sandboxFaults: 'latency=300ms' } });
    await waitFor(ready);
    await type('how many lambda functions in us-east-1');
    await press(keys.enter);
    await waitFor('(Esc cancels)');
    clock.advance(3000);
    await waitFor('· 3 s');
    expect(frame()).toContain('› how many lambda functions in us-east-1');
    await waitFor(/Listing AWS::Lambda::Function: \d of 1 region /);
    await type('how many vpcs');
    await press(keys.enter);
    await waitFor('queued: how many vpcs');
    await type('kept draft');
    await waitFor('Lambda functions in us-east-1.');
    await waitFor('EC2 VPCs in us-east-1');
    expect(frame()).toContain('› kept draft');
    await press(keys.ctrlU);
    await type('how many log groups');
    await press(keys.enter);
    await waitFor('(Esc cancels)');
    await press(keys.escape);
    await waitFor('Cancelled: not counted against your limits.');
    await waitFor(ready);
    await type('/usage');
    await press(keys.enter);
    await waitFor('2 of 1000 requests used this month');
    ui.unmount();
  });

  it('a question typed before identity is known waits for it, then is answered', async () => {
    const { waitFor, ui } = renderWithProviders();
    await waitFor('Connecting…');
    ui.stdin.write('how many vpcs\r');
    await waitFor('EC2 VPCs in us-east-1');
    ui.unmount();
  });

  it('a resize clears the screen and the scrollback and draws the turns again, so no stale footer stays', async () => {
    const { waitFor, type, press, ui } = renderWithProviders();
    await waitFor(ready);
    await type('how many vpcs');
    await press(keys.enter);
    await waitFor(ready);
    const before = ui.frames.length;
    ui.stdout.emit('resize');
    await waitFor(() => ui.frames.length > before);
    const after = ui.frames.slice(before).join('');
    expect(after).toContain('\u001b[2J\u001b[3J\u001b[H');
    ui.unmount();
  });

  it('Ctrl+L clears the screen and redraws the live area', async () => {
    const { waitFor, press, ui } = renderWithProviders();
    await waitFor(ready);
    await press(keys.ctrlL);
    expect(written(ui)).toContain('\u001b[2J\u001b[H');
    ui.unmount();
  });
});

describe('chat flows: consent and tiers', () => {
  it('Esc at the consent prompt cancels the question: nothing asked, nothing counted, nothing remembered', async () => {
    const { frame, waitFor, press, type, ui } = renderWithProviders();
    await waitFor(ready);
    await type('how many lambda functions do I have in all regions');
    await press(keys.enter);
    await waitFor('Allow cross-region questions?');
    await press(keys.escape);
    await waitFor('Cancelled: nothing was asked');
    await waitFor(ready);
    expect(frame()).toContain('cross-region ask');
    await type('/usage');
    await press(keys.enter);
    await waitFor('0 of 1000 requests used this month');
    ui.unmount();
  });

  it('"n" answers for this region only; the footer and /regions then agree it is off', async () => {
    const { frame, waitFor, press, type, ui } = renderWithProviders();
    await waitFor(ready);
    await type('how many lambda functions do I have in all regions');
    await press(keys.enter);
    await waitFor('Allow cross-region questions?');
    await press('n');
    await waitFor('only us-east-1 was asked');
    await waitFor(ready);
    await waitFor('cross-region off');
    await type('/regions');
    await press(keys.enter);
    await waitFor('Cross-region questions: off (questions ask only us-east-1)');
    ui.unmount();
  });

  it('Free: the footer says cross-region is Pro only, /help is the Free help with the upgrade path, /regions on is refused', async () => {
    const { frame, waitFor, press, type, ui } = renderWithProviders({ flags: { sandboxUser: 'carol' } });
    await waitFor(ready);
    expect(frame()).toMatch(/Free · us-east-1 · cross-region Pro only/);
    await type('/help');
    await press(keys.enter);
    await waitFor('On Free you can chat');
    expect(frame()).toContain('Pro subscription');
    expect(frame()).not.toContain('how many lambda functions');
    await type('/regions on');
    await press(keys.enter);
    await waitFor(/Cross-region questions (are|need)/);
    expect(frame()).not.toContain('Cross-region questions are on');
    expect(frame()).toContain('cross-region Pro only');
    ui.unmount();
  });
});

describe('chat flows: sign-in', () => {
  it('a sign-in denied in the browser says to sign in with /login, not "Run qchat login"', async () => {
    const { ui, waitFor } = renderWithProviders({ flags: { sandboxUser: 'bob' } });
    await waitFor('Code: XXXX-XXXX');
    const [page, userCode] = /(http:\/\/127\.0\.0\.1:\d+\/device)\?user_code=([A-Z]{4}-[A-Z]{4})/.exec(ui.lastFrame() ?? '')!.slice(1);
    const denied = await fetch(page!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user_code=${userCode}&decision=deny` });
    expect(denied.status).toBe(200);
    const shown = await waitFor('The sign-in request was denied in the browser. Sign in with /login.');
    expect(shown).not.toContain('qchat login');
    ui.unmount();
  });
});

describe('chat flows: history, copy and export', () => {
  it('input history survives a restart, slash commands included, deduplicated', async () => {
    const home = tempHome();
    const first = renderWithProviders({ home });
    await first.waitFor(ready);
    for (const [line, answer] of [['how many vpcs', 'EC2 VPCs'], ['/usage', 'requests used'], ['how many vpcs', 'EC2 VPCs']] as const) {
      await first.type(line);
      await first.press(keys.enter);
      await first.waitFor((f) => f.split(`› ${line}\n`).length > 1 && f.split(`› ${line}\n`).at(-1)!.includes(answer) && ready.test(f));
    }
    await first.waitFor((f) => f.split('› how many vpcs\n').length === 3);
    first.ui.unmount();

    const second = renderWithProviders({ home });
    await second.waitFor('Restored your last conversation');
    // The prompt line is the one above the completions and the footer's sandbox notice.
    const promptShows = (text: string) => (f: string) => f.includes(`› ${text}\n`) && /\n(  \/.*\n)*Using the built-in/.test(f.slice(f.lastIndexOf(`› ${text}\n`)));
    await second.waitFor((f) => {
      second.ui.stdin.write(keys.up);
      return promptShows('how many vpcs')(f);
    });
    await second.press(keys.up);
    await second.waitFor(promptShows('/usage'));
    await second.press(keys.up);
    expect(promptShows('/usage')(second.frame())).toBe(true);
    second.ui.unmount();
  });

  it('a restored conversation shows its last three turns and how many earlier ones there are', async () => {
    const home = tempHome();
    const first = renderWithProviders({ home });
    await first.waitFor(ready);
    for (const question of ['how many vpcs', 'how many subnets', 'how many kms keys', 'how many sns topics', 'how many s3 buckets']) {
      await first.type(question);
      await first.press(keys.enter);
      await first.waitFor(new RegExp(`› ${question}\\nYou have`));
    }
    first.ui.unmount();

    const second = renderWithProviders({ home });
    await second.waitFor('2 earlier turns — /history to show');
    const shown = second.frame();
    expect(shown).toContain('› how many kms keys');
    expect(shown).not.toContain('› how many subnets');
    second.ui.unmount();
  });

  it('/copy sends the last answer with OSC 52, says what it copied and shows it unstyled; /copy command says when there is none', async () => {
    const { frame, waitFor, press, type, ui } = renderWithProviders();
    await waitFor(ready);
    await type('how many vpcs');
    await press(keys.enter);
    await waitFor(ready);
    await type('/copy');
    await press(keys.enter);
    await waitFor(/Copied the last answer \(\d+ lines?\) to the clipboard \(OSC 52\)\. If your terminal/);
    const osc = /\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007/.exec(written(ui));
    expect(Buffer.from(osc![1]!, 'base64').toString('utf8')).toMatch(/^You have \d+ EC2 VPCs in us-east-1; ask 'in all regions' for the other \d+\./);
    const before = ui.frames.length;
    await type('/copy command');
    await press(keys.enter);
    await waitFor('The last answer shows no command to copy; /copy copies all of it.');
    expect(ui.frames.slice(before).join('')).not.toMatch(/\u001b\]52/);
    expect(frame()).not.toMatch(/\u001b\]52/);
    ui.unmount();
  });

  it('/copy command copies exactly the command an answer shows (here a diagnosis step), with OSC 52, and names it', async () => {
    const { waitFor, press, type, ui } = renderWithProviders();
    await waitFor(ready);
    await type('/diagnose');
    await press(keys.enter);
    await waitFor('Paste the error message');
    await press(`${keys.pasteStart}Error: Bucket is not empty\nYou must delete all versions in the bucket.${keys.pasteEnd}`);
    await press(keys.enter);
    await waitFor('The console URL where it happened');
    await type('https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2');
    await press(keys.enter);
    await waitFor('Was this helpful? (y/n)');
    await press('y');
    await waitFor(ready);
    const before = ui.frames.length;
    await type('/copy command');
    await press(keys.enter);
    await waitFor("Copied the last answer's command to the clipboard (OSC 52).");
    const osc = /\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007/.exec(ui.frames.slice(before).join(''));
    expect(Buffer.from(osc![1]!, 'base64').toString('utf8')).toBe('aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2');
    await type('/copy');
    await press(keys.enter);
    await waitFor('/copy command copies only its command.');
    ui.unmount();
  });

  it('/export writes the conversation as Markdown to a new 0600 file and never overwrites one', async () => {
    const home = tempHome();
    const file = join(home, 'chat.md');
    const { waitFor, press, type, ui } = renderWithProviders({ home });
    await waitFor(ready);
    await type('how many vpcs');
    await press(keys.enter);
    await waitFor(ready);
    await type(`/export ${file}`);
    await press(keys.enter);
    await waitFor('Wrote 1 turn to');
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toMatch(/^# how many vpcs\n/);
    expect(markdown).toContain('## how many vpcs\n\n```text\nYou have');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await type(`/export ${file}`);
    await press(keys.enter);
    await waitFor('exists; qchat does not overwrite it');
    expect(readFileSync(file, 'utf8')).toBe(markdown);
    ui.unmount();
  });

  it('a command typed as the footer appears, while the last conversation is still being restored, waits for the restore and is not wiped by it', async () => {
    const home = tempHome();
    const first = renderWithProviders({ home });
    await first.waitFor(ready);
    await first.type('how many s3 buckets');
    await first.press(keys.enter);
    await first.waitFor(/You have \d+ S3 buckets/);
    first.ui.unmount();
    let release = () => {};
    const restoring = new Promise<void>((resolve) => (release = resolve));
    const openSession = async (context: RunContext) => {
      const session = await ChatSession.open(context);
      const history = session.history.bind(session);
      session.history = async () => {
        await restoring;
        return history();
      };
      return session;
    };
    const { waitFor, press, type, frame, ui } = renderWithProviders({ home, openSession });
    await waitFor(ready);
    await type('/clear');
    await press(keys.enter);
    release();
    await waitFor('Started a new conversation.');
    expect(frame()).not.toContain('You have');
    ui.unmount();
  });

  it('/clear clears the screen and the scrollback and starts a new conversation', async () => {
    const { waitFor, press, type, ui } = renderWithProviders();
    await waitFor(ready);
    await type('/clear');
    await press(keys.enter);
    await waitFor('Started a new conversation.');
    expect(written(ui)).toContain('\u001b[2J\u001b[3J\u001b[H');
    ui.unmount();
  });
});

describe('chat flows: colour', () => {
  it('NO_COLOR removes colour but the cursor is still drawn (reverse video)', async () => {
    const { frame, waitFor, type, ui } = renderWithProviders({ env: { NO_COLOR: '1' } });
    await waitFor(/qchat /);
    await type('abc');
    await waitFor('abc');
    expect(frame()).toContain('› abc\u001b[7m \u001b[27m');
    ui.unmount();
  });
});

describe('chat flows: commands in messages, sign-out', () => {
  it('/logout of an access-portal session keeps the footer true and draws its aws command whole on one line', async () => {
    const { frame, waitFor, press, type, ui } = renderWithProviders({ columns: 70 });
    await waitFor('cross-region ask');
    await type('/logout');
    await press(keys.enter);
    const shown = await waitFor('qchat cannot sign you out of them');
    expect(shown.split('\n').some((line) => line.includes('aws sso logout'))).toBe(true);
    await waitFor(/alice · 111122223333 · Pro|Pro \(example-corp-pro\) · us-east-1/);
    expect(frame()).not.toContain('not signed in');
    ui.unmount();
  });
});

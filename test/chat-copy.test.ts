import { describe, expect, it } from 'vitest';
import { emptyAnswer } from '../source/answer/answer.js';
import { Conversation } from '../source/chat/conversation.js';
import { osc52, replyCommands } from '../source/chat/transcript.js';
import { commandSpans, commandsIn } from '../source/present/commands-in-text.js';
import { wrapLine } from '../source/present/spans.js';
import { sandboxSession } from './helpers/session.js';

describe('commands in a reply’s text', () => {
  it.each([
    ['to sign out, run aws sso logout (or sign out of the access portal) and restart qchat.', ['aws sso logout']],
    ['AWS could not use your credentials (profile dev): Token expired. Sign in again with: aws sso login --profile dev', ['aws sso login --profile dev']],
    ['or use an AWS profile with an sso_session (aws configure sso).', ['aws configure sso']],
    ['Try again later; `qchat doctor` shows what failed.', ['qchat doctor']],
    ['Run: aws s3 rm s3://my-bucket --recursive, then delete it.', ['aws s3 rm s3://my-bucket --recursive']],
    [`Run aws iam put-role-policy --role-name app --policy-name s3 --policy-document '{"Version": "2012-10-17"}'.`, [`aws iam put-role-policy --role-name app --policy-name s3 --policy-document '{"Version": "2012-10-17"}'`]],
    ['The aws account is fine; the S3 console’s Empty action does, aws s3 rm does not.', []],
    ['You have 3 EC2 VPCs in us-east-1.', []],
  ])('%s', (text, commands) => {
    expect(commandsIn(text)).toEqual(commands);
    expect(commandSpans(text).map((span) => span.text).join('')).toBe(text);
  });

  it('a found command is a code span, so wrapping never breaks it', () => {
    const lines = wrapLine(commandSpans('To sign in again with this profile, run aws sso login --profile developer-sandbox and ask again.'), 30);
    expect(lines.map((line) => line.map((span) => span.text).join(''))).toContain('aws sso login --profile developer-sandbox');
  });
});

describe('/copy and /copy command', () => {
  it('copy the command of any reply that shows one, and say what they copied', async () => {
    const chat = new Conversation(await sandboxSession());
    chat.turns = [{ question: 'how many vpcs', reply: { kind: 'error', text: 'AWS could not use your credentials: Token expired. Sign in again with: aws sso login --profile dev' } }];
    const command = chat.copy('command');
    expect(command).toEqual({
      kind: 'write',
      bytes: osc52('aws sso login --profile dev'),
      shown: { kind: 'text', text: "Copied the last answer's command to the clipboard (OSC 52). If your terminal does not take OSC 52, select it here:\n\naws sso login --profile dev" },
    });
    expect(chat.copy('')).toMatchObject({
      bytes: osc52('AWS could not use your credentials: Token expired. Sign in again with: aws sso login --profile dev'),
      shown: { text: expect.stringMatching(/^Copied the last answer \(1 line\) to the clipboard \(OSC 52\)\. \/copy command copies only its command\./) },
    });

    chat.turns = [{ question: 'list buckets', reply: { kind: 'refusal', code: 'TIER', text: 'Try again later; `qchat doctor` shows what failed. Or run aws sso logout.' } }];
    expect(chat.copy('command')).toMatchObject({ bytes: osc52('qchat doctor\naws sso logout'), shown: { text: expect.stringMatching(/^Copied the last answer's 2 commands \(one a line\)/) } });

    chat.turns = [{ question: 'how many vpcs', reply: { kind: 'answer', answer: { ...emptyAnswer('You have 3 EC2 VPCs.'), warnings: ['Cost Explorer is off: turn it on, then run aws ce get-cost-and-usage --time-period Start=2026-11-01,End=2026-11-22 --granularity DAILY --metrics UnblendedCost.'] } } }];
    expect(replyCommands(chat.turns[0]!.reply)).toEqual(['aws ce get-cost-and-usage --time-period Start=2026-11-01,End=2026-11-22 --granularity DAILY --metrics UnblendedCost']);

    chat.turns = [{ question: 'how many vpcs', reply: { kind: 'text', text: 'You have 3 EC2 VPCs in us-east-1.' } }];
    expect(chat.copy('command')).toEqual({ kind: 'text', text: 'The last answer shows no command to copy; /copy copies all of it.' });
    expect(chat.copy('everything')).toMatchObject({ kind: 'error' });
  });
});

import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { runQchat, tempHome } from './helpers/cli.js';

/** What no JSON output may carry raw: DEL, C1 controls (CSI, OSC, …), bidi controls, line separators. */
const raw = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const hostile = 'how many lambda functions in us-east-1 \u009b2J\u009d0;title\u009c \u202eevil\u202c \u2066x\u2069 \u007f \u0085 \u2028';

describe('--json output escapes what a terminal acts on', () => {
  it('writes C1, bidi controls and DEL in a question as \\u escapes, and parses back to the same text', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', hostile]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(raw);
    expect(result.stdout).toContain('\\u009b2J\\u009d0;title\\u009c \\u202eevil\\u202c \\u2066x\\u2069 \\u007f \\u0085 \\u2028');
    expect(JSON.parse(result.stdout).question).toBe(hostile);
  });

  it('escapes them in a question it cannot answer', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'tell me a joke \u009b31m\u202e']);
    expect(result.code).toBe(2);
    expect(result.stdout).not.toMatch(raw);
    expect(JSON.parse(result.stdout).question).toBe('tell me a joke \u009b31m\u202e');
  });

  it('escapes them in a JSON error', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'how many vpcs'], { QCHAT_TABLE_ROWS: 'many\u009b2J\u202e' });
    expect(result.code).toBe(2);
    expect(result.stdout).not.toMatch(raw);
    expect(JSON.parse(result.stdout).error.message).toContain('many\u009b2J\u202e');
  });

  it('escapes them in history list, show and export, which history serialises itself', async () => {
    const home = tempHome();
    const context = loadRunContext({ sandbox: true }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const chat = new Conversation(await ChatSession.open(context));
    await chat.session.identify();
    await chat.start();
    const reply = await chat.submit(hostile);
    if (reply.kind !== 'answer') throw new Error(reply.kind);
    await chat.record({ question: hostile, reply });
    await chat.session.close();
    for (const args of [['list', '--json'], ['show', '1', '--json'], ['export', '1']]) {
      const result = await runQchat(['history', ...args, '--sandbox'], { QCHAT_HOME: home });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).not.toMatch(raw);
      // The messages keep the text as asked, escaped; a title is sanitized when it is made.
      if (args[0] === 'list') expect(result.stdout).not.toContain('\\u009b');
      else expect(result.stdout).toContain('\\u009b2J');
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    }
  });
});


import { describe, expect, it } from 'vitest';
import { chatReducer, initialChatState, type ChatAction } from '../source/ui/state/chat-state.js';

const run = (...actions: ChatAction[]) => actions.reduce(chatReducer, initialChatState);
const turn = (question: string) => ({ question, reply: { kind: 'text' as const, text: `re: ${question}` } });

describe('chat reducer', () => {
  it('a reset draws only the last few restored turns, counts the rest, and remounts <Static>', () => {
    const state = run({ type: 'reset', turns: ['a', 'b', 'c', 'd', 'e'].map(turn), shown: 3, notice: 'Restored' });
    expect(state.turns.map((t) => t.question)).toEqual(['c', 'd', 'e']);
    expect(state.hiddenTurns).toBe(2);
    expect(state.staticKey).toBe(1);
    expect(state.notices).toEqual(['Restored']);
    expect(chatReducer(state, { type: 'reset', turns: [] })).toMatchObject({ turns: [], hiddenTurns: 0, staticKey: 2, notices: [] });
  });

  it('turns get new ids and clear the notices', () => {
    const state = run({ type: 'notices', notices: ['x'] }, { type: 'turn', turn: turn('a') }, { type: 'turn', turn: turn('b') });
    expect(state.notices).toEqual([]);
    expect(new Set(state.turns.map((t) => t.id)).size).toBe(2);
  });

  it('progress changes the running question only while one runs', () => {
    expect(run({ type: 'progress', label: 'x' }).running).toBeUndefined();
    const running = run({ type: 'running', running: { question: 'q', label: 'Thinking…', startedAt: 5, progress: undefined } }, { type: 'progress', label: 'Listing: 3 of 17 regions', progress: { done: 3, total: 17 } });
    expect(running.running).toEqual({ question: 'q', label: 'Listing: 3 of 17 regions', startedAt: 5, progress: { done: 3, total: 17 } });
  });

  it('an overlay disarms quitting; the queue and input history are replaced whole', () => {
    const armed = run({ type: 'quit-armed', armed: true });
    expect(armed.quitArmed).toBe(true);
    expect(chatReducer(armed, { type: 'overlay', overlay: { kind: 'feedback' } }).quitArmed).toBe(false);
    expect(run({ type: 'queued', queued: ['a', 'b'] }).queued).toEqual(['a', 'b']);
    expect(run({ type: 'input-history', history: ['x'] }).inputHistory).toEqual(['x']);
  });

  it('ready and failed set the phase', () => {
    expect(run({ type: 'failed', message: 'no' })).toMatchObject({ phase: 'failed', failure: 'no' });
    const header = { user: 'alice', account: '1', tier: 'pro' as const, profile: undefined, region: 'us-east-1', crossRegion: undefined, sandboxUser: undefined, notice: undefined };
    expect(run({ type: 'ready', header, tableRows: 50 })).toMatchObject({ phase: 'ready', header, tableRows: 50 });
  });
});

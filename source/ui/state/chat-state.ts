import type { PastTurn } from '../../chat/conversation.js';
import type { DevicePrompt } from '../../identity/device-sign-in.js';

export interface Turn extends PastTurn {
  id: number;
}

/** What the header shows: who, where, which tier and profile, cross-region, sandbox. */
export interface HeaderInfo {
  user: string | undefined;
  account: string;
  tier: 'free' | 'pro' | undefined;
  profile: string | undefined;
  region: string;
  crossRegion: boolean | undefined;
  sandboxUser: string | undefined;
  notice: string | undefined;
}

/** The one live thing under the transcript: nothing, a running question, a sign-in or a consent prompt. */
export type Overlay =
  | { kind: 'none' }
  | { kind: 'busy'; label: string }
  | { kind: 'sign-in'; reason: string; prompt?: DevicePrompt }
  | { kind: 'consent'; question: string }
  /** /diagnose asks for the error text, then the console URL (optional). */
  | { kind: 'diagnose'; step: 'error' | 'url'; error?: string }
  /** After a diagnosis: "Was this helpful? (y/n)". */
  | { kind: 'feedback' };

export interface ChatState {
  phase: 'connecting' | 'failed' | 'ready';
  failure: string | undefined;
  header: HeaderInfo | undefined;
  overlay: Overlay;
  /** Finished turns; they go to <Static> and never change. */
  turns: Turn[];
  /** A new key remounts <Static>: /clear and /resume start a clean screen. */
  staticKey: number;
  notices: string[];
  /** Set after a first Ctrl+C at an idle prompt: a second one quits. */
  quitArmed: boolean;
  /** Most rows of an answer table (the tableRows setting); known once ready, before any turn is drawn. */
  tableRows: number;
}

export type ChatAction =
  | { type: 'ready'; header: HeaderInfo; tableRows: number }
  | { type: 'failed'; message: string }
  | { type: 'header'; header: HeaderInfo }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'turn'; turn: PastTurn }
  | { type: 'reset'; turns: PastTurn[]; notice?: string }
  | { type: 'notices'; notices: string[] }
  | { type: 'quit-armed'; armed: boolean };

export const initialChatState: ChatState = {
  phase: 'connecting',
  failure: undefined,
  header: undefined,
  overlay: { kind: 'none' },
  turns: [],
  staticKey: 0,
  notices: [],
  quitArmed: false,
  tableRows: 0,
};

let nextTurnId = 0;

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'ready':
      return { ...state, phase: 'ready', header: action.header, tableRows: action.tableRows };
    case 'failed':
      return { ...state, phase: 'failed', failure: action.message };
    case 'header':
      return { ...state, header: action.header };
    case 'overlay':
      return { ...state, overlay: action.overlay, quitArmed: false };
    case 'turn':
      return { ...state, turns: [...state.turns, { id: nextTurnId++, ...action.turn }], notices: [] };
    case 'reset':
      return {
        ...state,
        turns: action.turns.map((turn) => ({ id: nextTurnId++, ...turn })),
        staticKey: state.staticKey + 1,
        notices: action.notice ? [action.notice] : [],
      };
    case 'notices':
      return { ...state, notices: action.notices };
    case 'quit-armed':
      return { ...state, quitArmed: action.armed };
  }
}

import type { PastTurn } from '../../chat/conversation.js';
import type { SignInPrompt } from '../../identity/oidc.js';

export interface Turn extends PastTurn {
  id: number;
}

/** What the footer shows: who, where, which tier and profile, cross-region, sandbox. */
export interface HeaderInfo {
  user: string | undefined;
  account: string;
  tier: 'free' | 'pro' | undefined;
  profile: string | undefined;
  region: string;
  /** Cross-region questions: allowed, refused, not decided yet, or not on this tier. */
  crossRegion: boolean | undefined | 'not-on-tier';
  sandboxUser: string | undefined;
  notice: string | undefined;
}

/** The question being answered: it stays on screen with a spinner, elapsed time and progress. */
export interface Running {
  question: string;
  label: string;
  startedAt: number;
  progress: { done: number; total: number } | undefined;
}

/** A form or prompt that takes the keys instead of the line editor. */
export type Overlay =
  | { kind: 'none' }
  | { kind: 'sign-in'; reason: string; prompt?: SignInPrompt }
  | { kind: 'consent'; question: string; region: string }
  /** Mid-question: a filter needs more GetResource reads than describeLimit; `text` says how many. */
  | { kind: 'details'; text: string }
  /** /diagnose asks for the error text, then the console URL (optional). */
  | { kind: 'diagnose'; step: 'error' | 'url'; error?: string }
  /** After a diagnosis: "Was this helpful? (y/n)". */
  | { kind: 'feedback' };

export interface ChatState {
  phase: 'connecting' | 'failed' | 'ready';
  failure: string | undefined;
  header: HeaderInfo | undefined;
  overlay: Overlay;
  running: Running | undefined;
  /** Questions sent while another one runs (or before identity is known), answered in order. */
  queued: string[];
  /** Finished turns; they go to <Static> and never change. */
  turns: Turn[];
  /** Restored turns not drawn (only the last few of a restored conversation are). */
  hiddenTurns: number;
  /** A new key remounts <Static>: /clear and /resume start a clean screen. */
  staticKey: number;
  notices: string[];
  /** Earlier inputs for Up/Down and Ctrl+R, oldest first. */
  inputHistory: string[];
  /** Set by a first Ctrl+C at an empty prompt; a second one within the window quits. */
  quitArmed: boolean;
  /** Most rows of an answer table (the tableRows setting); known once ready, before any turn is drawn. */
  tableRows: number;
}

export type ChatAction =
  | { type: 'ready'; header: HeaderInfo; tableRows: number }
  | { type: 'failed'; message: string }
  | { type: 'header'; header: HeaderInfo }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'running'; running: Running | undefined }
  | { type: 'progress'; label: string; progress?: Running['progress'] }
  | { type: 'queued'; queued: string[] }
  | { type: 'turn'; turn: PastTurn }
  /** A new screen with these turns; `shown` keeps only the last few drawn; `earlier` turns came before them, not read. */
  | { type: 'reset'; turns: PastTurn[]; notice?: string; shown?: number; earlier?: number }
  | { type: 'notices'; notices: string[] }
  /** Draws the finished turns again (after the screen was cleared). */
  | { type: 'remount' }
  | { type: 'input-history'; history: string[] }
  | { type: 'quit-armed'; armed: boolean };

export const initialChatState: ChatState = {
  phase: 'connecting',
  failure: undefined,
  header: undefined,
  overlay: { kind: 'none' },
  running: undefined,
  queued: [],
  turns: [],
  hiddenTurns: 0,
  staticKey: 0,
  notices: [],
  inputHistory: [],
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
    case 'running':
      return { ...state, running: action.running };
    case 'progress':
      return state.running ? { ...state, running: { ...state.running, label: action.label, progress: action.progress } } : state;
    case 'queued':
      return { ...state, queued: action.queued };
    case 'turn':
      return { ...state, turns: [...state.turns, { id: nextTurnId++, ...action.turn }], notices: [] };
    case 'reset': {
      const shown = action.shown === undefined ? action.turns : action.turns.slice(-action.shown);
      return {
        ...state,
        turns: shown.map((turn) => ({ id: nextTurnId++, ...turn })),
        hiddenTurns: (action.earlier ?? 0) + action.turns.length - shown.length,
        staticKey: state.staticKey + 1,
        notices: action.notice ? [action.notice] : [],
      };
    }
    case 'notices':
      return { ...state, notices: action.notices };
    case 'remount':
      return { ...state, staticKey: state.staticKey + 1 };
    case 'input-history':
      return { ...state, inputHistory: action.history };
    case 'quit-armed':
      return { ...state, quitArmed: action.armed };
  }
}

import chalk from 'chalk';
import { useApp } from 'ink';
import { createContext, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { ChatReply, Conversation } from '../../chat/conversation.js';
import type { ChatSession } from '../../chat/session.js';
import type { RunContext } from '../../config/run-context.js';
import { describeError, ExitCode, exitCodeOf } from '../../errors.js';
import { chatReducer, initialChatState, type ChatState, type HeaderInfo } from './chat-state.js';

export interface ChatActions {
  /** Sends a question or a slash command. */
  submit(text: string): void;
  /** Ctrl+C: cancels the running question or sign-in; at an idle prompt, arms quitting. */
  interrupt(): void;
  quit(): void;
  answerConsent(allowed: boolean): void;
  /** The /diagnose form: the error text, then the URL (empty skips it); Esc cancels. */
  diagnoseInput(text: string | undefined): void;
  answerFeedback(helpful: boolean | undefined): void;
  /** Earlier inputs for Up/Down (persisted per user on Pro). */
  inputHistory(): Promise<string[]>;
}

const StateContext = createContext<ChatState | undefined>(undefined);
const ActionsContext = createContext<ChatActions | undefined>(undefined);

export function useChatState(): ChatState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useChatState must be used inside <ChatProvider>');
  return state;
}

export function useChatActions(): ChatActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useChatActions must be used inside <ChatProvider>');
  return actions;
}

export interface ChatProviderProps {
  /** Settings load after the first frame; a bad setting is shown and exits with its code. */
  loadContext: () => Promise<RunContext>;
  onExit: (code: number) => void;
  /** Opens the session; tests may pass their own. */
  openSession: (context: RunContext) => Promise<ChatSession>;
  children: ReactNode;
}

/**
 * Owns the chat's state and every effect: opening the session, identity and sign-in, questions
 * and their cancellation, history. Components read the state and call the actions.
 */
export function ChatProvider({ loadContext, onExit, openSession, children }: ChatProviderProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const conversation = useRef<Conversation | undefined>(undefined);
  const running = useRef<AbortController | undefined>(undefined);
  const stateRef = useRef(state);
  stateRef.current = state;

  const { actions, open } = useMemo(() => {
    const header = (): HeaderInfo => {
      const chat = conversation.current!;
      const { session } = chat;
      const identity = session.identity;
      const ready = identity?.kind === 'ready' ? identity : undefined;
      return {
        user: ready ? ready.context.userName || ready.context.userId : undefined,
        account: session.caller.accountId,
        tier: ready?.entitlements.assignment.tier,
        profile: ready?.entitlements.subscription?.profile.name,
        region: session.region,
        crossRegion: chat.crossRegionConsent,
        sandboxUser: session.target.kind === 'sandbox' ? session.target.user : undefined,
        notice: session.target.kind === 'sandbox' ? session.target.notice : undefined,
      };
    };

    const quit = (code: number = ExitCode.ok) => {
      running.current?.abort();
      onExit(code);
      void conversation.current?.session.close();
      exit();
    };

    /** Once the user is known: restore history (Pro) or say nothing is kept (Free). */
    const begin = async () => {
      const chat = conversation.current!;
      await chat.start();
      dispatch({ type: 'reset', turns: chat.restored });
      dispatch({ type: 'notices', notices: chat.notices.splice(0) });
      dispatch({ type: 'header', header: header() });
    };

    const signIn = async (reason: string): Promise<boolean> => {
      const chat = conversation.current!;
      const abort = new AbortController();
      running.current = abort;
      dispatch({ type: 'overlay', overlay: { kind: 'sign-in', reason } });
      try {
        await chat.session.signIn((prompt) => dispatch({ type: 'overlay', overlay: { kind: 'sign-in', reason, prompt } }), abort.signal);
        await begin();
        return true;
      } catch (error) {
        if (!abort.signal.aborted) dispatch({ type: 'turn', turn: { question: '/login', reply: { kind: 'error', text: describeError(error, 'chat') } } });
        else dispatch({ type: 'notices', notices: ['Sign-in cancelled. /login signs in when you are ready.'] });
        return false;
      } finally {
        running.current = undefined;
        dispatch({ type: 'overlay', overlay: { kind: 'none' } });
      }
    };

    const handle = async (text: string, reply: ChatReply): Promise<void> => {
      const chat = conversation.current!;
      switch (reply.kind) {
        case 'quit':
          quit();
          return;
        case 'login':
          if (await signIn('Sign in to use your subscription.')) dispatch({ type: 'turn', turn: { question: text, reply: { kind: 'text', text: 'Signed in.' } } });
          return;
        case 'reset':
          dispatch({ type: 'reset', turns: reply.turns, notice: reply.text });
          return;
        case 'needs-consent':
          dispatch({ type: 'overlay', overlay: { kind: 'consent', question: reply.question } });
          return;
        case 'diagnose-form':
          dispatch({ type: 'overlay', overlay: { kind: 'diagnose', step: 'error' } });
          return;
        case 'sign-in-required':
          // Sign in, then ask the same question again: nothing typed is lost.
          if ((await signIn(reply.text)) && reply.question) await ask(reply.question);
          return;
        default:
          dispatch({ type: 'turn', turn: { question: text, reply } });
          if (!text.trim().startsWith('/') || (reply.kind === 'answer' && reply.diagnosis !== undefined)) await chat.record({ question: text, reply });
          if (reply.kind === 'answer' && reply.diagnosis) dispatch({ type: 'overlay', overlay: { kind: 'feedback' } });
          dispatch({ type: 'header', header: header() });
          if (chat.notices.length > 0) dispatch({ type: 'notices', notices: chat.notices.splice(0) });
      }
    };

    /** Runs one request with a cancel handle and a busy line, then shows its reply. */
    const run = async (text: string, label: string, request: (signal: AbortSignal) => Promise<ChatReply>): Promise<void> => {
      const abort = new AbortController();
      running.current = abort;
      dispatch({ type: 'overlay', overlay: { kind: 'busy', label } });
      const reply = await request(abort.signal).catch((error: Error): ChatReply => (abort.signal.aborted ? { kind: 'text', text: 'Cancelled.' } : { kind: 'error', text: error.message }));
      running.current = undefined;
      dispatch({ type: 'overlay', overlay: { kind: 'none' } });
      await handle(text, reply);
    };

    const ask = async (text: string): Promise<void> => {
      const chat = conversation.current;
      if (!chat) return;
      const abort = new AbortController();
      running.current = abort;
      dispatch({ type: 'overlay', overlay: { kind: 'busy', label: 'Thinking…' } });
      const reply = await chat
        .submit(text, {
          signal: abort.signal,
          onProgress: (event) =>
            dispatch({
              type: 'overlay',
              overlay: { kind: 'busy', label: event.kind === 'regions' ? `Listing ${event.typeName} in ${event.total} regions — ${event.done} done` : `Asking Cost Explorer (${event.operation})…` },
            }),
        })
        .catch((error: Error): ChatReply => (abort.signal.aborted ? { kind: 'text', text: 'Cancelled.' } : { kind: 'error', text: error.message }));
      running.current = undefined;
      dispatch({ type: 'overlay', overlay: { kind: 'none' } });
      await handle(text, reply);
      if (!text.trim().startsWith('/')) await chat.rememberInput(text);
    };

    const open = async () => {
      const context = await loadContext();
      if (!context.settings.color) chalk.level = 0;
      const [session, { Conversation }] = await Promise.all([openSession(context), import('../../chat/conversation.js')]);
      conversation.current = new Conversation(session);
      const identity = await session.identify();
      dispatch({ type: 'ready', header: header(), tableRows: context.settings.tableRows });
      if (context.warnings.length > 0) dispatch({ type: 'notices', notices: context.warnings });
      if (identity.kind === 'sign-in-required') await signIn(identity.resolution.message);
      else await begin();
    };

    const actions: ChatActions = {
      submit: (text) => void ask(text),
      interrupt: () => {
        if (running.current) {
          running.current.abort();
          return;
        }
        if (stateRef.current.quitArmed) quit();
        else dispatch({ type: 'quit-armed', armed: true });
      },
      quit: () => quit(),
      answerConsent: (allowed) => {
        const overlay = stateRef.current.overlay;
        if (overlay.kind !== 'consent') return;
        dispatch({ type: 'overlay', overlay: { kind: 'none' } });
        void conversation.current!.setCrossRegionConsent(allowed).then(() => ask(overlay.question));
      },
      inputHistory: async () => (await conversation.current?.inputHistory()) ?? [],
      diagnoseInput: (text) => {
        const overlay = stateRef.current.overlay;
        if (overlay.kind !== 'diagnose') return;
        if (text === undefined || (overlay.step === 'error' && !text.trim())) {
          dispatch({ type: 'overlay', overlay: { kind: 'none' } });
          return;
        }
        if (overlay.step === 'error') {
          dispatch({ type: 'overlay', overlay: { kind: 'diagnose', step: 'url', error: text } });
          return;
        }
        const error = overlay.error!;
        const url = text.trim() || undefined;
        const title = `diagnose: ${error.split('\n')[0]!.slice(0, 100)}${url ? ` (${url})` : ''}`;
        void run(title, 'Diagnosing…', (signal) => conversation.current!.diagnose(error, url, signal));
      },
      answerFeedback: (helpful) => {
        dispatch({ type: 'overlay', overlay: { kind: 'none' } });
        if (helpful === undefined) return;
        void conversation.current?.recordFeedback(helpful).then(() => dispatch({ type: 'notices', notices: [helpful ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful.'] }));
      },
    };
    return { actions, open };
  }, [loadContext, exit, onExit, openSession]);

  useEffect(() => {
    open().catch((error: Error) => {
      dispatch({ type: 'failed', message: describeError(error, 'chat') });
      onExit(exitCodeOf(error));
      setTimeout(() => exit(), 0);
    });
    return () => {
      running.current?.abort();
      void conversation.current?.session.close();
    };
  }, [open, exit, onExit]);

  return (
    <StateContext.Provider value={state}>
      <ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>
    </StateContext.Provider>
  );
}

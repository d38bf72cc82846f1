import { useApp, useStdout } from 'ink';
import { createContext, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import type { ChatSession } from '../../chat/session.js';
import type { RunContext } from '../../config/run-context.js';
import { describeError, exitCodeOf } from '../../errors.js';
import { applyColorSetting } from '../theme.js';
import { useUiClock } from '../ui-clock.js';
import { createChatActions, type ChatActions } from './chat-actions.js';
import { chatReducer, initialChatState, type ChatState } from './chat-state.js';

export type { ChatActions } from './chat-actions.js';

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

/** Owns the chat's state; the effects live in createChatActions. Components read the state and call the actions. */
export function ChatProvider({ loadContext, onExit, openSession, children }: ChatProviderProps) {
  const { exit } = useApp();
  const { write } = useStdout();
  const clock = useUiClock();
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const chat = useMemo(() => {
    const load = async () => {
      const context = await loadContext();
      applyColorSetting(context.settings.color);
      return context;
    };
    return createChatActions({ dispatch, clock, loadContext: load, openSession, write, onExit, exit });
  }, [clock, loadContext, openSession, write, onExit, exit]);

  useEffect(() => {
    chat.open().catch((error: Error) => {
      dispatch({ type: 'failed', message: describeError(error, 'chat') });
      onExit(exitCodeOf(error));
      setTimeout(() => exit(), 0);
    });
    return chat.close;
  }, [chat, exit, onExit]);

  return (
    <StateContext.Provider value={state}>
      <ActionsContext.Provider value={chat.actions}>{children}</ActionsContext.Provider>
    </StateContext.Provider>
  );
}

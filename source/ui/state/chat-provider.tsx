import { useApp, useStdin, useStdout } from 'ink';
import { createContext, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import type { ChatSession } from '../../chat/session.js';
import type { RunContext } from '../../config/run-context.js';
import { describeError, exitCodeOf } from '../../errors.js';
import { applyColorSetting } from '../theme.js';
import { useUiClock } from '../ui-clock.js';
import type { OpenUrl, Terminal } from '../../identity/sign-in-page.js';
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
  /** Whether a person is at the terminal (decides, with the `browser` setting, whether the sign-in page opens); no TTY when not given. */
  terminal?: Terminal;
  openUrl?: OpenUrl;
  children: ReactNode;
}

/** How long the keyboard stays quiet before the session starts loading, and the latest it starts. */
const quietMs = 30;
const latestStartMs = 300;

/**
 * Runs `start` once the first frame is on screen and no key has come for `quietMs` (at the
 * latest after `latestStartMs`). Loading the session evaluates tens of milliseconds of modules
 * (settings and their schemas, the AWS SDK, the sandbox) in one go, during which no key can be
 * echoed: a key typed as the prompt appears is drawn first. Real time, not the UI clock: tests
 * that hold the UI clock still must not hold the start. Returns a function that cancels it.
 */
function whenKeyboardQuiet(input: NodeJS.EventEmitter, start: () => void): () => void {
  let quiet: NodeJS.Timeout | undefined;
  const go = () => {
    stop();
    start();
  };
  const wait = () => {
    clearTimeout(quiet);
    quiet = setTimeout(go, quietMs);
  };
  const latest = setTimeout(go, latestStartMs);
  const stop = () => {
    clearTimeout(quiet);
    clearTimeout(latest);
    input.off('input', wait);
  };
  input.on('input', wait);
  wait();
  return stop;
}

/** Owns the chat's state; the effects live in createChatActions. Components read the state and call the actions. */
const noTerminal: Terminal = { stdinIsTTY: false, stdoutIsTTY: false };

export function ChatProvider({ loadContext, onExit, openSession, terminal = noTerminal, openUrl, children }: ChatProviderProps) {
  const { exit } = useApp();
  const { write } = useStdout();
  const { internal_eventEmitter: input } = useStdin();
  const clock = useUiClock();
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const chat = useMemo(() => {
    const load = async () => {
      const context = await loadContext();
      applyColorSetting(context.settings.color);
      return context;
    };
    return createChatActions({ dispatch, clock, loadContext: load, openSession, write, onExit, exit, terminal, ...(openUrl ? { openUrl } : {}) });
  }, [clock, loadContext, openSession, write, onExit, exit, terminal, openUrl]);

  useEffect(() => {
    const stop = whenKeyboardQuiet(input, () => {
      chat.open().catch((error: Error) => {
        dispatch({ type: 'failed', message: describeError(error, 'chat') });
        onExit(exitCodeOf(error));
        setTimeout(() => exit(), 0);
      });
    });
    return () => {
      stop();
      chat.close();
    };
  }, [chat, exit, onExit, input]);

  return (
    <StateContext.Provider value={state}>
      <ActionsContext.Provider value={chat.actions}>{children}</ActionsContext.Provider>
    </StateContext.Provider>
  );
}

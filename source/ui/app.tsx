import { Box, Static, Text, useApp, useStdout } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunContext } from '../cli/run-context.js';
import { Conversation, type ChatReply, type PastTurn } from '../chat/conversation.js';
import { ChatSession } from '../chat/session.js';
import { ExitCode } from '../errors.js';
import type { DevicePrompt } from '../identity/device-sign-in.js';
import { ConsentPrompt } from './components/consent-prompt.js';
import { Header } from './components/header.js';
import { Prompt } from './components/prompt.js';
import { SignInScreen } from './components/sign-in-screen.js';
import { TurnView, type Turn } from './components/turn-view.js';

type Screen =
  | { kind: 'connecting' }
  | { kind: 'failed'; message: string }
  | { kind: 'chat' }
  | { kind: 'busy'; label: string }
  | { kind: 'sign-in'; reason: string; prompt?: DevicePrompt; pendingQuestion?: string }
  | { kind: 'consent'; question: string };

export function App({ context, onExit }: { context: RunContext; onExit: (code: number) => void }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [conversation, setConversation] = useState<Conversation>();
  const [screen, setScreen] = useState<Screen>({ kind: 'connecting' });
  const [turns, setTurns] = useState<Turn[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  /** A new key remounts <Static> so a cleared or resumed conversation starts on a clean screen. */
  const [staticKey, setStaticKey] = useState(0);
  const nextId = useRef(0);
  const signInAbort = useRef<AbortController | undefined>(undefined);

  const addTurn = useCallback((question: string, reply: Turn['reply']) => {
    setTurns((previous) => [...previous, { id: nextId.current++, question, reply }]);
  }, []);

  const showTurns = useCallback((past: PastTurn[]) => {
    setTurns(past.map((turn) => ({ id: nextId.current++, ...turn })));
    setStaticKey((key) => key + 1);
  }, []);

  /** Once the user is known: restore history (Pro) or say that nothing is kept (Free). */
  const begin = useCallback(
    async (chat: Conversation) => {
      await chat.start();
      showTurns(chat.restored);
      setNotices(chat.notices.splice(0));
    },
    [showTurns],
  );

  const signIn = useCallback(
    async (chat: Conversation, reason: string, pendingQuestion?: string) => {
      const abort = new AbortController();
      signInAbort.current = abort;
      setScreen({ kind: 'sign-in', reason, ...(pendingQuestion ? { pendingQuestion } : {}) });
      try {
        await chat.session.signIn((prompt) => setScreen({ kind: 'sign-in', reason, prompt, ...(pendingQuestion ? { pendingQuestion } : {}) }), abort.signal);
        setScreen({ kind: 'chat' });
        return true;
      } catch (error) {
        if (!abort.signal.aborted) addTurn('/login', { kind: 'error', text: (error as Error).message });
        setScreen({ kind: 'chat' });
        return false;
      }
    },
    [addTurn],
  );

  useEffect(() => {
    let opened: ChatSession | undefined;
    (async () => {
      opened = await ChatSession.open(context);
      const chat = new Conversation(opened);
      setConversation(chat);
      const state = await opened.identify();
      if (state.kind === 'sign-in-required') await signIn(chat, state.resolution.message.replace(/ Run qchat login \(or \/login in the chat\)\./, ''));
      else setScreen({ kind: 'chat' });
      if (opened.identity?.kind === 'ready') await begin(chat);
    })().catch((error: Error) => setScreen({ kind: 'failed', message: error.message }));
    return () => void opened?.close();
  }, [context, signIn, begin]);

  useEffect(() => {
    if (screen.kind !== 'failed') return;
    onExit(ExitCode.failure);
    exit();
  }, [screen, exit, onExit]);

  const submit = useCallback(
    async (text: string) => {
      if (!conversation) return;
      setScreen({ kind: 'busy', label: 'Thinking…' });
      const reply = await conversation
        .submit(text, {
          onProgress: (event) =>
            setScreen({ kind: 'busy', label: event.kind === 'regions' ? `Listing ${event.typeName} in ${event.total} regions — ${event.done} done` : `Asking Cost Explorer (${event.operation})…` }),
        })
        .catch((error: Error): ChatReply => ({ kind: 'error', text: error.message }));
      switch (reply.kind) {
        case 'quit':
          await conversation.session.close();
          exit();
          return;
        case 'login':
          if (await signIn(conversation, 'Sign in to use your subscription.')) {
            await begin(conversation);
            addTurn(text, { kind: 'text', text: 'Signed in.' });
          }
          return;
        case 'reset':
          showTurns(reply.turns);
          setNotices([reply.text]);
          setScreen({ kind: 'chat' });
          return;
        case 'needs-consent':
          setScreen({ kind: 'consent', question: reply.question });
          return;
        case 'sign-in-required':
          // Sign in, then ask the same question again: nothing typed is lost.
          if ((await signIn(conversation, reply.text, reply.question)) && reply.question) await submit(reply.question);
          else setScreen({ kind: 'chat' });
          return;
        default:
          addTurn(text, reply);
          setScreen({ kind: 'chat' });
          if (!text.trim().startsWith('/')) await conversation.record({ question: text, reply });
          setNotices(conversation.notices.splice(0));
      }
    },
    [conversation, exit, addTurn, signIn],
  );

  if (screen.kind === 'connecting') return <Spinner label="Connecting…" />;
  if (screen.kind === 'failed') return <Text color="red">qchat could not start: {screen.message}</Text>;
  const session = conversation!.session;
  const identity = session.identity;
  return (
    <Box flexDirection="column">
      <Static key={staticKey} items={turns}>
        {(turn) => <TurnView key={turn.id} turn={turn} width={stdout.columns || 80} />}
      </Static>
      {notices.map((notice) => (
        <Text key={notice} dimColor>
          {notice}
        </Text>
      ))}
      <Header
        caller={session.caller}
        region={session.region}
        sandboxUser={session.target.sandboxUser}
        notice={session.target.notice}
        user={identity?.kind === 'ready' ? identity.context.userName : undefined}
        tier={identity?.kind === 'ready' ? identity.entitlements.assignment.tier : undefined}
        profile={identity?.kind === 'ready' ? identity.entitlements.subscription?.profile.name : undefined}
      />
      {screen.kind === 'busy' ? <Spinner label={screen.label} /> : null}
      {screen.kind === 'sign-in' ? (
        <SignInScreen
          prompt={screen.prompt}
          reason={screen.reason}
          onCancel={() => {
            signInAbort.current?.abort();
            setScreen({ kind: 'chat' });
          }}
        />
      ) : null}
      {screen.kind === 'consent' ? (
        <ConsentPrompt
          question={screen.question}
          onAnswer={(allowed) => {
            void conversation!.setCrossRegionConsent(allowed).then(() => submit(screen.question));
          }}
        />
      ) : null}
      {screen.kind === 'chat' ? <Prompt onSubmit={(text) => void submit(text)} /> : null}
    </Box>
  );
}

import { Box, Static, Text, useApp, useStdout } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunContext } from '../cli/run-context.js';
import { Conversation, type ChatReply } from '../chat/conversation.js';
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
  const nextId = useRef(0);
  const signInAbort = useRef<AbortController | undefined>(undefined);

  const addTurn = useCallback((question: string, reply: Exclude<ChatReply, { kind: 'quit' }>) => {
    setTurns((previous) => [...previous, { id: nextId.current++, question, reply }]);
  }, []);

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
    })().catch((error: Error) => setScreen({ kind: 'failed', message: error.message }));
    return () => void opened?.close();
  }, [context, signIn]);

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
          if (await signIn(conversation, 'Sign in to use your subscription.')) addTurn(text, { kind: 'text', text: 'Signed in.' });
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
      <Static items={turns}>{(turn) => <TurnView key={turn.id} turn={turn} width={stdout.columns || 80} />}</Static>
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
            conversation!.crossRegionConsent = allowed;
            void submit(screen.question);
          }}
        />
      ) : null}
      {screen.kind === 'chat' ? <Prompt onSubmit={(text) => void submit(text)} /> : null}
    </Box>
  );
}

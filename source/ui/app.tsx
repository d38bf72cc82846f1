import { Box, Static, Text, useApp, useStdout } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunContext } from '../cli/run-context.js';
import { ChatSession, type ChatReply } from '../chat/session.js';
import { ExitCode } from '../errors.js';
import { Header } from './components/header.js';
import { Prompt } from './components/prompt.js';
import { TurnView, type Turn } from './components/turn-view.js';

type Connection = { state: 'connecting' } | { state: 'ready'; session: ChatSession } | { state: 'failed'; message: string };

export function App({ context, onExit }: { context: RunContext; onExit: (code: number) => void }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  const [turns, setTurns] = useState<Turn[]>([]);
  const nextId = useRef(0);

  useEffect(() => {
    let opened: ChatSession | undefined;
    ChatSession.open(context).then(
      (session) => {
        opened = session;
        setConnection({ state: 'ready', session });
      },
      (error: Error) => setConnection({ state: 'failed', message: error.message }),
    );
    return () => void opened?.close();
  }, [context]);

  useEffect(() => {
    if (connection.state !== 'failed') return;
    onExit(ExitCode.failure);
    exit();
  }, [connection, exit, onExit]);

  const [busy, setBusy] = useState<string | undefined>();
  const submit = useCallback(
    async (text: string) => {
      if (connection.state !== 'ready') return;
      setBusy('Thinking…');
      const reply: ChatReply = await connection.session
        .submit(text, {
          onProgress: (event) =>
            setBusy(event.kind === 'regions' ? `Listing ${event.typeName} in ${event.total} regions — ${event.done} done` : `Asking Cost Explorer (${event.operation})…`),
        })
        .catch((error: Error) => ({ kind: 'error' as const, text: error.message }))
        .finally(() => setBusy(undefined));
      if (reply.kind === 'quit') {
        await connection.session.close();
        exit();
        return;
      }
      setTurns((previous) => [...previous, { id: nextId.current++, question: text, reply }]);
    },
    [connection, exit],
  );

  if (connection.state === 'connecting') return <Spinner label="Connecting…" />;
  if (connection.state === 'failed') return <Text color="red">qchat could not start: {connection.message}</Text>;
  const { session } = connection;
  return (
    <Box flexDirection="column">
      <Static items={turns}>{(turn) => <TurnView key={turn.id} turn={turn} width={stdout.columns || 80} />}</Static>
      <Header caller={session.caller} region={session.target.target.region} sandboxUser={session.target.sandboxUser} notice={session.target.notice} />
      {busy ? <Spinner label={busy} /> : <Prompt onSubmit={submit} />}
    </Box>
  );
}

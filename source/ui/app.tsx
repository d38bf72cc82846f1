import { Box, Static, useInput, useStdout } from 'ink';
import { Text } from './components/safe-text.js';
import { useChatActions, useChatState } from './state/chat-provider.js';
import { Busy } from './components/busy.js';
import { ConsentPrompt } from './components/consent-prompt.js';
import { DiagnoseForm, FeedbackPrompt } from './components/diagnose-form.js';
import { Header } from './components/header.js';
import { Prompt } from './components/prompt.js';
import { SignInScreen } from './components/sign-in-screen.js';
import { TurnView } from './components/turn-view.js';
import { resolveKey } from './keys.js';

/** The chat screen: finished turns in <Static>, then a short live area: notices, header, one overlay or the prompt. */
export function App() {
  const state = useChatState();
  const actions = useChatActions();
  const { stdout } = useStdout();
  const width = Math.max(20, stdout.columns || 80);

  useInput((input, key) => {
    if (resolveKey(input, key, false).kind === 'interrupt') actions.interrupt();
  });

  if (state.phase === 'connecting') return <Busy label="Connecting…" />;
  if (state.phase === 'failed') return <Text color="red">qchat could not start: {state.failure}</Text>;
  const overlay = state.overlay;
  return (
    <Box flexDirection="column">
      <Static key={state.staticKey} items={state.turns}>
        {(turn) => <TurnView key={turn.id} turn={turn} width={width} tableRows={state.tableRows} />}
      </Static>
      {state.notices.map((notice) => (
        <Text key={notice} dimColor>
          {notice}
        </Text>
      ))}
      {state.header ? <Header info={state.header} /> : null}
      {overlay.kind === 'busy' ? <Busy label={`${overlay.label} (Ctrl+C cancels)`} /> : null}
      {overlay.kind === 'sign-in' ? <SignInScreen prompt={overlay.prompt} reason={overlay.reason} onCancel={actions.interrupt} /> : null}
      {overlay.kind === 'consent' ? <ConsentPrompt question={overlay.question} onAnswer={actions.answerConsent} /> : null}
      {overlay.kind === 'diagnose' ? <DiagnoseForm step={overlay.step} onInput={actions.diagnoseInput} onQuit={actions.quit} /> : null}
      {overlay.kind === 'feedback' ? <FeedbackPrompt onAnswer={actions.answerFeedback} /> : null}
      {overlay.kind === 'none' ? <Prompt onSubmit={actions.submit} onQuit={actions.quit} loadHistory={actions.inputHistory} /> : null}
      {state.quitArmed ? <Text dimColor>Press Ctrl+C again to quit.</Text> : null}
    </Box>
  );
}

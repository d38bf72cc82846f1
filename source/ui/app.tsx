import { Box, Static, useStdout } from 'ink';
import { Text } from './components/safe-text.js';
import { useCallback, useEffect } from 'react';
import { useChatActions, useChatState } from './state/chat-provider.js';
import { Busy } from './components/busy.js';
import { ConsentPrompt, DetailsPrompt } from './components/consent-prompt.js';
import { DiagnoseForm, FeedbackPrompt } from './components/diagnose-form.js';
import { Footer } from './components/footer.js';
import { MessageText } from './components/message-text.js';
import { Prompt } from './components/prompt.js';
import { RunningQuestion } from './components/running-question.js';
import { SignInScreen } from './components/sign-in-screen.js';
import { TurnView } from './components/turn-view.js';
import { theme } from './theme.js';
import { terminalWidth } from './terminal-width.js';
import { safeText } from '../present/terminal-text.js';

const redrawScreen = '\u001b[2J\u001b[H';

/**
 * The chat screen: finished turns in <Static>, then a short live area: notices, the running
 * question and the queue, one overlay or the prompt, and the footer. The prompt takes typing from
 * the first frame, while the session connects and while a question runs.
 */
export function App() {
  const state = useChatState();
  const actions = useChatActions();
  const { stdout, write } = useStdout();
  const width = terminalWidth(stdout.columns);
  const redraw = useCallback(() => write(redrawScreen), [write]);
  useEffect(() => {
    stdout.on('resize', actions.resized);
    return () => {
      stdout.off('resize', actions.resized);
    };
  }, [stdout, actions]);

  // Wrapped as messages are, so a command in the remedy (aws configure sso --profile …) stays whole to copy.
  if (state.phase === 'failed') return <MessageText text={safeText(`qchat could not start: ${state.failure}`, { keepNewlines: true })} style="error" width={width} />;
  const overlay = state.overlay;
  return (
    <Box flexDirection="column">
      <Static key={state.staticKey} items={state.turns}>
        {(turn) => <TurnView key={turn.id} turn={turn} width={width} tableRows={state.tableRows} />}
      </Static>
      {state.hiddenTurns > 0 ? <Text dimColor>{state.hiddenTurns === 1 ? '1 earlier turn' : `${state.hiddenTurns} earlier turns`} — /history to show</Text> : null}
      {state.notices.map((notice) => (
        <Text key={notice} dimColor>
          {notice}
        </Text>
      ))}
      {state.phase === 'connecting' ? <Busy label="Connecting…" /> : null}
      <RunningQuestion running={state.running} queued={state.queued} width={width} />
      {overlay.kind === 'sign-in' ? <SignInScreen prompt={overlay.prompt} reason={overlay.reason} onCancel={actions.cancel} /> : null}
      {overlay.kind === 'consent' ? <ConsentPrompt question={overlay.question} region={overlay.region} onAnswer={actions.answerConsent} /> : null}
      {overlay.kind === 'details' ? <DetailsPrompt text={overlay.text} onAnswer={actions.answerDetails} /> : null}
      {overlay.kind === 'diagnose' ? <DiagnoseForm step={overlay.step} onInput={actions.diagnoseInput} onQuit={actions.quit} /> : null}
      {overlay.kind === 'feedback' ? <FeedbackPrompt onAnswer={actions.answerFeedback} /> : null}
      {/* Always mounted, so a draft survives a form or a sign-in; only one thing takes the keys. */}
      <Prompt active={overlay.kind === 'none'} onSubmit={actions.submit} onQuit={actions.quit} onInterrupt={actions.interrupt} onCancel={actions.cancel} onRedraw={redraw} history={state.inputHistory} />
      {state.quitArmed ? <Text dimColor>Press Ctrl+C again within 2 s to quit.</Text> : null}
      {state.header ? <Footer info={state.header} width={width} /> : null}
    </Box>
  );
}

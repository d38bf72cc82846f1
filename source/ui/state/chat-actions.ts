import type { ChatReply, Conversation } from '../../chat/conversation.js';
import type { ChatSession } from '../../chat/session.js';
import type { RunContext } from '../../config/run-context.js';
import { describeError, ExitCode } from '../../errors.js';
import { signInPageOpener, type OpenUrl, type Terminal } from '../../identity/sign-in-page.js';
import type { UiClock } from '../ui-clock.js';
import type { ChatAction, HeaderInfo, Overlay } from './chat-state.js';
import { progressText } from './progress-text.js';

export interface ChatActions {
  /** Sends a question or a slash command; while another runs (or identity is not known yet) it waits in the queue. */
  submit(text: string): void;
  /** Ctrl+C: cancels the running question; else clears a draft; at an empty prompt a second press within 2 s quits. */
  interrupt(hasDraft: boolean): 'cancelled' | 'clear' | 'armed' | 'quit';
  /** Esc: cancels the running question or sign-in. */
  cancel(): void;
  quit(): void;
  /** The cross-region prompt: yes (remembered), no (this region only, remembered), or Esc (nothing asked or counted). */
  answerConsent(answer: 'yes' | 'no' | 'cancel'): void;
  /** The describeLimit prompt of a running question: make the reads, answer without the filter, or Esc (cancels the question). */
  answerDetails(answer: 'yes' | 'no' | 'cancel'): void;
  /** The /diagnose form: the error text, then the URL (empty skips it); undefined (Esc) cancels. */
  diagnoseInput(text: string | undefined): void;
  answerFeedback(helpful: boolean | undefined): void;
  /** The terminal was resized: clear it and draw everything again at the new width, so no stale line stays. */
  resized(): void;
}

export interface ChatDeps {
  dispatch: (action: ChatAction) => void;
  clock: UiClock;
  loadContext: () => Promise<RunContext>;
  openSession: (context: RunContext) => Promise<ChatSession>;
  /** Writes to the terminal above the live area (clearing the screen, OSC 52). */
  write: (text: string) => void;
  onExit: (code: number) => void;
  exit: () => void;
  /** Whether a person is at the terminal: with the `browser` setting it decides whether the sign-in page opens by itself. */
  terminal: Terminal;
  /** Opens the sign-in page (the default browser unless a test passes its own). */
  openUrl?: OpenUrl;
}

/** How long a first Ctrl+C at an empty prompt waits for the second. */
export const quitWindowMs = 2000;
/** Turns of a restored conversation drawn on start and on /resume. */
export const restoredTurnsShown = 3;
const clearScreen = '\u001b[2J\u001b[3J\u001b[H';

/**
 * Every effect of the chat behind the actions the components call: opening the session,
 * identity and sign-in, the question queue and its cancellation, history. No React here.
 */
export function createChatActions(deps: ChatDeps) {
  const { dispatch, clock } = deps;
  let conversation: Conversation | undefined;
  let running: AbortController | undefined;
  let disarm: (() => void) | undefined;
  // The actions' own view of what the screen shows: React state lags a render behind.
  let ready = false;
  let overlay: Overlay = { kind: 'none' };
  let quitArmed = false;
  /** Quit or unmounted: a session that finishes opening after it is closed at once, or it would keep the process alive. */
  let closed = false;
  /** The running question's describeLimit prompt, waiting for y or n. */
  let confirmingDetails: ((allowed: boolean) => void) | undefined;
  const queue: string[] = [];
  const setOverlay = (next: Overlay) => {
    overlay = next;
    quitArmed = false;
    dispatch({ type: 'overlay', overlay: next });
  };

  const header = (): HeaderInfo => {
    const chat = conversation!;
    const { session } = chat;
    const ready = session.identity?.kind === 'ready' ? session.identity : undefined;
    return {
      user: ready ? ready.context.userName || ready.context.userId : undefined,
      account: session.caller.accountId,
      tier: ready?.entitlements.assignment.tier,
      profile: ready?.entitlements.subscription?.profile.name,
      region: session.region,
      crossRegion: chat.crossRegionState(),
      sandboxUser: session.target.kind === 'sandbox' ? session.target.user : undefined,
      notice: session.target.kind === 'sandbox' ? session.target.notice : undefined,
    };
  };

  const showNotices = () => {
    const notices = conversation?.notices.splice(0) ?? [];
    if (notices.length > 0) dispatch({ type: 'notices', notices });
  };

  const quit = (code: number = ExitCode.ok) => {
    closed = true;
    running?.abort();
    deps.onExit(code);
    void conversation?.session.close();
    deps.exit();
  };

  const refreshInputs = async () => {
    if (conversation) dispatch({ type: 'input-history', history: await conversation.inputHistory() });
  };

  /** Once the user is known: restore history (Pro) or say nothing is kept (Free), then answer what was typed meanwhile. */
  const begin = async () => {
    const chat = conversation!;
    await chat.start();
    dispatch({ type: 'reset', turns: chat.restored, shown: restoredTurnsShown, earlier: chat.earlierTurns });
    showNotices();
    dispatch({ type: 'header', header: header() });
    await refreshInputs();
  };

  const signIn = async (reason: string): Promise<boolean> => {
    const chat = conversation!;
    const abort = new AbortController();
    running = abort;
    setOverlay({ kind: 'sign-in', reason });
    // As `qchat login`: the page opens in the browser, and the screen still shows its URL.
    const openPage = signInPageOpener(chat.session.context.settings.browser, deps.terminal, deps.openUrl);
    try {
      await chat.session.signIn(
        (prompt) => {
          setOverlay({ kind: 'sign-in', reason, prompt });
          openPage?.(prompt);
        },
        { signal: abort.signal },
      );
      await begin();
      return true;
    } catch (error) {
      if (!abort.signal.aborted) dispatch({ type: 'turn', turn: { question: '/login', reply: { kind: 'error', text: describeError(error, 'chat') } } });
      else dispatch({ type: 'notices', notices: ['Sign-in cancelled. /login signs in when you are ready.'] });
      return false;
    } finally {
      running = undefined;
      setOverlay({ kind: 'none' });
    }
  };

  const show = async (text: string, reply: ChatReply): Promise<void> => {
    const chat = conversation!;
    switch (reply.kind) {
      case 'quit':
        quit();
        return;
      case 'login':
        if (await signIn('Sign in to use your subscription.')) dispatch({ type: 'turn', turn: { question: text, reply: { kind: 'text', text: 'Signed in.' } } });
        return;
      case 'reset':
        if (reply.clearScreen) deps.write(clearScreen);
        dispatch({ type: 'reset', turns: reply.turns, notice: reply.text, shown: restoredTurnsShown });
        return;
      case 'needs-consent':
        setOverlay({ kind: 'consent', question: reply.question, region: chat.session.region });
        return;
      case 'diagnose-form':
        setOverlay({ kind: 'diagnose', step: 'error' });
        return;
      case 'sign-in-required':
        // Sign in, then ask the same question again: nothing typed is lost.
        if ((await signIn(reply.text)) && reply.question) await ask(reply.question);
        return;
      case 'write':
        deps.write(reply.bytes);
        dispatch({ type: 'turn', turn: { question: text, reply: reply.shown } });
        return;
      default:
        dispatch({ type: 'turn', turn: { question: text, reply } });
        // Slash commands are not kept in history, except a diagnosis (its feedback belongs to it).
        if (!text.trim().startsWith('/') || (reply.kind === 'answer' && reply.diagnosis !== undefined)) await chat.record({ question: text, reply });
        if (reply.kind === 'answer' && reply.diagnosis !== undefined) setOverlay({ kind: 'feedback' });
        dispatch({ type: 'header', header: header() });
        showNotices();
    }
  };

  /** Runs one request with a cancel handle, the question on screen and a spinner, then shows its reply. */
  const run = async (text: string, label: string, request: (signal: AbortSignal) => Promise<ChatReply>): Promise<void> => {
    const abort = new AbortController();
    running = abort;
    dispatch({ type: 'running', running: { question: text, label, startedAt: clock.now(), progress: undefined } });
    const reply = await request(abort.signal).catch((error: Error): ChatReply => (abort.signal.aborted ? { kind: 'text', text: 'Cancelled.' } : { kind: 'error', text: describeError(error, 'chat') }));
    running = undefined;
    dispatch({ type: 'running', running: undefined });
    await show(text, abort.signal.aborted ? { kind: 'text', text: 'Cancelled: not counted against your limits.' } : reply);
  };

  const ask = (text: string): Promise<void> =>
    run(text, 'Thinking…', (signal) =>
      conversation!.submit(text, {
        signal,
        onProgress: (event) => dispatch({ type: 'progress', ...progressText(event) }),
        confirmDetails: (request) =>
          new Promise<boolean>((resolve) => {
            confirmingDetails = resolve;
            setOverlay({ kind: 'details', text: request.text });
          }),
      }),
    );

  /** Answers queued questions one after another while nothing else holds the screen. */
  let draining = false;
  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      for (;;) {
        const next = queue[0];
        if (next === undefined || !ready || overlay.kind !== 'none' || running) return;
        queue.shift();
        dispatch({ type: 'queued', queued: [...queue] });
        await ask(next);
      }
    } finally {
      draining = false;
    }
  };

  const open = async () => {
    const context = await deps.loadContext();
    if (closed) return;
    const [session, { Conversation }] = await Promise.all([deps.openSession(context), import('../../chat/conversation.js')]);
    if (closed) return void (await session.close());
    conversation = new Conversation(session);
    const identity = await session.identify();
    dispatch({ type: 'ready', header: header(), tableRows: context.settings.tableRows });
    if (context.warnings.length > 0) dispatch({ type: 'notices', notices: context.warnings });
    if (identity.kind === 'sign-in-required') await signIn(identity.resolution.message);
    else await begin();
    // Only now: a question or /clear typed while the last conversation was being restored would
    // otherwise be answered first and then wiped from the screen by the restore.
    ready = true;
    await drain();
  };

  const actions: ChatActions = {
    submit: (text) => {
      queue.push(text);
      dispatch({ type: 'queued', queued: [...queue] });
      if (quitArmed) {
        quitArmed = false;
        dispatch({ type: 'quit-armed', armed: false });
      }
      void conversation?.rememberInput(text).then(refreshInputs);
      void drain();
    },
    interrupt: (hasDraft) => {
      if (running) {
        running.abort();
        return 'cancelled';
      }
      if (hasDraft) return 'clear';
      if (quitArmed) {
        quit();
        return 'quit';
      }
      quitArmed = true;
      dispatch({ type: 'quit-armed', armed: true });
      disarm?.();
      disarm = clock.after(quitWindowMs, () => {
        quitArmed = false;
        dispatch({ type: 'quit-armed', armed: false });
      });
      return 'armed';
    },
    cancel: () => running?.abort(),
    quit: () => quit(),
    answerConsent: (answer) => {
      if (overlay.kind !== 'consent') return;
      const { question } = overlay;
      setOverlay({ kind: 'none' });
      if (answer === 'cancel') {
        dispatch({ type: 'turn', turn: { question, reply: { kind: 'text', text: 'Cancelled: nothing was asked, and nothing counted against your limits.' } } });
        void drain();
        return;
      }
      void conversation!
        .setCrossRegionConsent(answer === 'yes')
        .then(() => dispatch({ type: 'header', header: header() }))
        .then(() => ask(question))
        .then(drain);
    },
    answerDetails: (answer) => {
      if (overlay.kind !== 'details') return;
      const resolve = confirmingDetails!;
      confirmingDetails = undefined;
      setOverlay({ kind: 'none' });
      if (answer === 'cancel') running?.abort();
      resolve(answer === 'yes');
    },
    diagnoseInput: (text) => {
      if (overlay.kind !== 'diagnose') return;
      const { step, error } = overlay;
      if (text === undefined || (step === 'error' && !text.trim())) {
        setOverlay({ kind: 'none' });
        void drain();
        return;
      }
      if (step === 'error') {
        setOverlay({ kind: 'diagnose', step: 'url', error: text });
        return;
      }
      setOverlay({ kind: 'none' });
      const url = text.trim() || undefined;
      const title = `diagnose: ${error!.split('\n')[0]!.slice(0, 100)}${url ? ` (${url})` : ''}`;
      void run(title, 'Diagnosing…', (signal) => conversation!.diagnose(error!, url, signal));
    },
    resized: () => {
      deps.write(clearScreen);
      dispatch({ type: 'remount' });
    },
    answerFeedback: (helpful) => {
      setOverlay({ kind: 'none' });
      void drain();
      if (helpful === undefined) return;
      void conversation?.recordFeedback(helpful).then(() => dispatch({ type: 'notices', notices: [helpful ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful.'] }));
    },
  };

  const close = () => {
    closed = true;
    running?.abort();
    confirmingDetails?.(false);
    disarm?.();
    void conversation?.session.close();
  };
  return { actions, open, close };
}

import { render } from 'ink-testing-library';
import { ChatSession } from '../../source/chat/session.js';
import { loadRunContext, type RunContext } from '../../source/config/run-context.js';
import type { SettingKey } from '../../source/config/settings.js';
import { App } from '../../source/ui/app.js';
import { AnimationContext } from '../../source/ui/components/busy.js';
import type { OpenUrl, Terminal } from '../../source/identity/sign-in-page.js';
import { ChatProvider } from '../../source/ui/state/chat-provider.js';
import { UiClockContext, type UiClock } from '../../source/ui/ui-clock.js';
import { tempHome } from './cli.js';

/** The bytes a terminal (xterm, tmux) sends for each key. test/ui-keys.test.tsx presses every one. */
export const keys = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  right: '\u001b[C',
  home: '\u001b[H',
  end: '\u001b[F',
  tab: '\t',
  escape: '\u001b',
  ctrlA: '\u0001',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlE: '\u0005',
  ctrlH: '\b',
  ctrlJ: '\n',
  ctrlK: '\u000b',
  ctrlL: '\u000c',
  ctrlR: '\u0012',
  ctrlU: '\u0015',
  ctrlW: '\u0017',
  ctrlY: '\u0019',
  backspace: '\u007f',
  delete: '\u001b[3~',
  altB: '\u001bb',
  altF: '\u001bf',
  altD: '\u001bd',
  shiftEnter: '\u001b[13;2u',
  pasteStart: '\u001b[200~',
  pasteEnd: '\u001b[201~',
} as const;

/** A UI clock that moves only when the test says so; timers fire in order as it advances. */
export function manualClock(start = 1_000_000) {
  let now = start;
  let timers: Array<{ at: number; every?: number; fn: () => void; id: number }> = [];
  let nextId = 0;
  const add = (ms: number, fn: () => void, every?: number) => {
    const id = nextId++;
    timers.push({ at: now + ms, fn, id, ...(every ? { every } : {}) });
    return () => {
      timers = timers.filter((timer) => timer.id !== id);
    };
  };
  return {
    now: () => now,
    after: (ms: number, fn: () => void) => add(ms, fn),
    every: (ms: number, fn: () => void) => add(ms, fn, ms),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        if (due.every) due.at += due.every;
        else timers = timers.filter((timer) => timer !== due);
        due.fn();
      }
      now = until;
    },
  };
}

export interface RenderOptions {
  flags?: Partial<Record<SettingKey, unknown>>;
  env?: NodeJS.ProcessEnv;
  home?: string;
  clock?: UiClock;
  /** The terminal's width; ink-testing-library's stdout is 100 columns. */
  columns?: number;
  /** As a person at a terminal (TTYs on both ends); by default not, as ink-testing-library's streams. */
  terminal?: Terminal;
  /** Stands in for the system browser when `terminal` says a person is there. */
  openUrl?: OpenUrl;
  /** Opens the session; by default ChatSession.open. */
  openSession?: (context: RunContext) => Promise<ChatSession>;
}

/** Renders the whole chat (providers included) on an in-process sandbox, spinners frozen. */
export function renderWithProviders({ flags = {}, env = {}, home = tempHome(), clock = manualClock(), columns, terminal, openUrl, openSession = (c) => ChatSession.open(c) }: RenderOptions = {}) {
  const context = loadRunContext({ sandbox: true, ...flags }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_SANDBOX_APPROVE_DELAY_MS: '0', ...env });
  const exits: number[] = [];
  const ui = render(
    <UiClockContext.Provider value={clock}>
      <AnimationContext.Provider value={false}>
        <ChatProvider loadContext={async () => context} onExit={(code) => exits.push(code)} openSession={openSession} {...(terminal ? { terminal } : {})} {...(openUrl ? { openUrl } : {})}>
          <App />
        </ChatProvider>
      </AnimationContext.Provider>
    </UiClockContext.Provider>,
  );
  if (columns !== undefined) {
    // As a terminal resized to this width right after start: the chat redraws at it.
    Object.defineProperty(ui.stdout, 'columns', { get: () => columns });
    ui.stdout.emit('resize');
  }
  const frame = () => normalize(ui.lastFrame() ?? '');
  return {
    ui,
    exits,
    frame,
    context,
    /** Waits until the frame shows `text` (or matches it, or passes it). */
    async waitFor(text: string | RegExp | ((frame: string) => boolean), timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (typeof text === 'string' ? current.includes(text) : typeof text === 'function' ? text(current) : text.test(current)) {
          // The frame is drawn at commit; input handlers subscribe in effects just after.
          await tick(30);
          return current;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; last frame:\n${current}`);
        await tick(20);
      }
    },
    /** Writes input, waits for the frame to change, then gives effects one more tick (React 19). */
    async press(input: string): Promise<void> {
      const before = ui.lastFrame();
      ui.stdin.write(input);
      for (let i = 0; i < 50 && ui.lastFrame() === before; i++) await tick(10);
      await tick(10);
    },
    async type(text: string): Promise<void> {
      for (const char of text) ui.stdin.write(char);
      await tick(30);
    },
  };
}

export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Replaces what changes run to run (ports, device codes, session IDs, seconds to wait) with
 * placeholders of the same width, so snapshots are stable and boxes stay aligned.
 */
export function normalize(frame: string): string {
  const same = (fill: string) => (match: string) => fill.repeat(match.length);
  return frame
    .replace(/(?<=127\.0\.0\.1:)\d+/g, same('P'))
    .replace(/\b[A-Z]{4}-[A-Z]{4}\b/g, 'XXXX-XXXX')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, same('u'))
    .replace(/(?<=[Tt]ry again in )\d+/g, same('N'));
}

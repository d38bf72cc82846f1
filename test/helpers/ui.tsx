import { render } from 'ink-testing-library';
import { ChatSession } from '../../source/chat/session.js';
import { loadRunContext } from '../../source/config/run-context.js';
import type { SettingKey } from '../../source/config/settings.js';
import { App } from '../../source/ui/app.js';
import { AnimationContext } from '../../source/ui/components/busy.js';
import { ChatProvider } from '../../source/ui/state/chat-provider.js';
import { tempHome } from './cli.js';

export const keys = { enter: '\r', up: '\u001b[A', down: '\u001b[B', tab: '\t', escape: '\u001b', ctrlC: '\u0003', ctrlD: '\u0004', backspace: '\u007f' };

export interface RenderOptions {
  flags?: Partial<Record<SettingKey, unknown>>;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** Renders the whole chat (providers included) on an in-process sandbox, spinners frozen. */
export function renderWithProviders({ flags = {}, env = {}, home = tempHome() }: RenderOptions = {}) {
  const context = loadRunContext({ sandbox: true, ...flags }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_SANDBOX_APPROVE_DELAY_MS: '0', ...env });
  const exits: number[] = [];
  const ui = render(
    <AnimationContext.Provider value={false}>
      <ChatProvider loadContext={async () => context} onExit={(code) => exits.push(code)} openSession={(c) => ChatSession.open(c)}>
        <App />
      </ChatProvider>
    </AnimationContext.Provider>,
  );
  const frame = () => normalize(ui.lastFrame() ?? '');
  return {
    ui,
    exits,
    frame,
    /** Waits until the frame shows `text` (or matches it). */
    async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (typeof text === 'string' ? current.includes(text) : text.test(current)) {
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

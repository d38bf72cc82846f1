import { afterEach, beforeEach, vi } from 'vitest';

// Deterministic environment for every test: no CI-specific behaviour in Ink, colours pinned off
// (text snapshots carry no ANSI), the clock pinned.
delete process.env.CI;
process.env.FORCE_COLOR = '0';
process.env.QCHAT_NOW ??= '2026-11-22T10:00:00Z';
// Tests construct SDK clients directly too; the SDK's note about its future Node support is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// A React act() warning means a state update the test did not wait for: fail instead of passing by luck.
let actWarnings: string[] = [];
beforeEach(() => {
  actWarnings = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.includes('act(')) actWarnings.push(text);
    else process.stderr.write(`${text}\n`);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (actWarnings.length > 0) throw new Error(`React act() warnings:\n${actWarnings.join('\n')}`);
});

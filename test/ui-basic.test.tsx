import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadRunContext } from '../source/cli/run-context.js';
import { App } from '../source/ui/app.js';

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe('interactive shell', () => {
  it('opens on the sandbox and answers /help', async () => {
    const context = loadRunContext({ sandbox: true }, { ...process.env, QCHAT_HOME: '/tmp/qchat-ui-test' });
    const ui = render(<App context={context} onExit={() => {}} />);
    for (let i = 0; i < 100 && !ui.lastFrame()?.includes('Pro'); i++) await tick();
    expect(ui.lastFrame()).toContain('qchat [sandbox] · alice · 111122223333 · Pro (example-corp-pro) · us-east-1');
    ui.stdin.write('/help');
    await tick();
    ui.stdin.write('\r');
    await tick(200);
    expect(ui.lastFrame()).toContain('/whoami    who you are, your tier and subscription');
    ui.unmount();
  });
});

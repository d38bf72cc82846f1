import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from './helpers/cli.js';
import { childEnv } from './helpers/child-env.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);

/** `qchat login` as a person runs it; resolves the first URL it prints on stderr and, later, how it exited. */
function login(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['dist/cli.js', 'login', ...args], {
    env: childEnv({ QCHAT_HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z', ...env }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once('exit', () => reject(new Error(`qchat login exited before printing a URL: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { url, exited, kill: () => child.kill() };
}

async function withChromium<T>(use: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'qchat-chromium-')), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await use(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
  }
}

// CI installs Chromium and sets QCHAT_REQUIRE_CHROMIUM, so there this never skips.
describe.skipIf(!hasChromium && !process.env.QCHAT_REQUIRE_CHROMIUM)(`qchat login in a real browser (headless Chromium at ${chromiumPath})`, () => {
  it('PKCE: Chromium opens the authorize URL qchat prints, approves on the page, follows the loopback redirect; qchat completes the sign-in', async () => {
    // A display makes the browser flow the default; --no-browser: the test's Chromium opens the URL instead of qchat.
    const run = login(['--sandbox-user', 'bob', '--no-browser'], { DISPLAY: ':0' });
    try {
      const authorizeUrl = await run.url;
      expect(authorizeUrl).toMatch(/\/authorize\?response_type=code&client_id=.+&code_challenge_method=S256$/);
      const landed = await withChromium(async (page) => {
        await page.goto(authorizeUrl);
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.waitForURL(/127\.0\.0\.1:\d+\/oauth\/callback\?code=/);
        return page.textContent('body');
      });
      expect(landed).toContain('Signed in. You can close this tab');
      const result = await run.exited;
      expect(result.stdout).toContain('Signed in.');
      expect(result.stdout).toMatch(/Tier +Pro/);
      expect(result.code).toBe(0);
    } finally {
      run.kill();
    }
  }, 60_000);

  it('device code: Chromium opens the verification page qchat prints and approves; qchat completes the sign-in', async () => {
    const run = login(['--sandbox-user', 'bob', '--device-code', '--no-browser'], {});
    try {
      const verificationUrl = await run.url;
      expect(verificationUrl).toMatch(/\/device\?user_code=[A-Z]{4}-[A-Z]{4}$/);
      await withChromium(async (page) => {
        await page.goto(verificationUrl);
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.getByText('Signed in as').waitFor();
      });
      const result = await run.exited;
      expect(result.stdout).toMatch(/Tier +Pro/);
      expect(result.code).toBe(0);
    } finally {
      run.kill();
    }
  }, 60_000);
});

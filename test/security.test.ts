import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { callerByName } from '../source/sandbox/callers.js';
import { startSandbox } from '../source/sandbox/server.js';
import { runQchat, tempHome } from './helpers/cli.js';

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/** Everything qchat writes in one home: history, usage, identity contexts, the cost cache. */
async function busyHome(): Promise<string> {
  const home = tempHome();
  const env = { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z', QCHAT_SANDBOX_APPROVE_DELAY_MS: '0' };
  const alice = new Conversation(await ChatSession.open(loadRunContext({ sandbox: true }, env)));
  await alice.session.identify();
  await alice.start();
  for (const question of ['how many s3 buckets', 'what did I spend last month']) {
    const reply = await alice.submit(question);
    if (reply.kind === 'answer') await alice.record({ question, reply });
  }
  await alice.rememberInput('how many s3 buckets');
  await alice.session.close();
  const login = await runQchat(['login', '--sandbox-user', 'bob', '--sandbox-approve', 'auto'], env);
  expect(login.code).toBe(0);
  return home;
}

describe('what qchat writes', () => {
  it('creates every directory 0700 and every file 0600, and writes no token or secret', async () => {
    const home = await busyHome();
    const written = walk(join(home, 'data')).concat(walk(join(home, 'cache')));
    expect(written.some((path) => path.includes(`${join('data', 'history')}`))).toBe(true);
    expect(written.some((path) => path.includes(join('data', 'identity')))).toBe(true);
    expect(written.some((path) => path.includes(join('data', 'usage')))).toBe(true);
    expect(written.some((path) => path.includes('cost-explorer'))).toBe(true);
    for (const path of written) {
      const mode = statSync(path).mode & 0o777;
      expect([path, mode.toString(8)]).toEqual([path, statSync(path).isDirectory() ? '700' : '600']);
    }
    const secrets = [
      ...['alice', 'bob'].flatMap((name) => [callerByName(name)!.secretAccessKey, callerByName(name)!.sessionToken!]),
      'eyJ', // any JWT: the ID token is read, never kept
      'accessToken',
      'refreshToken',
      'clientSecret',
    ];
    for (const path of written.filter((p) => statSync(p).isFile())) {
      const text = readFileSync(path, 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
    }
  });
});

describe('tier gating on a real account', () => {
  it('ignores a tiers file and the sandbox subscriptions when the endpoint is not the built-in sandbox', async () => {
    const sandbox = await startSandbox({ clock: () => new Date('2026-11-22T10:00:00Z') });
    try {
      const home = tempHome();
      const tiers = join(home, 'tiers.json');
      const everything = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
      writeFileSync(tiers, JSON.stringify({ free: { features: everything, limits: { requestsPerMonth: 9999, requestsPerMinute: 9999 } }, pro: { features: everything, limits: { requestsPerMonth: 9999, requestsPerMinute: 9999 } } }));
      const carol = callerByName('carol')!;
      // A child process: the SDK's credential chain reads the real process environment.
      const result = await runBuilt(['ask', 'how many s3 buckets', '--endpoint-url', sandbox.url, '--region', 'us-east-1'], {
        QCHAT_HOME: home,
        QCHAT_TIERS_FILE: tiers,
        AWS_ACCESS_KEY_ID: carol.accessKeyId,
        AWS_SECRET_ACCESS_KEY: carol.secretAccessKey,
        AWS_SESSION_TOKEN: carol.sessionToken!,
        AWS_CONFIG_FILE: join(home, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('The tiersFile setting applies only on the sandbox');
      expect(result.stderr).toContain('need qchat Pro');
    } finally {
      await sandbox.close();
    }
  });
});

describe('the sandbox endpoint', () => {
  it('listens on loopback only', async () => {
    const sandbox = await startSandbox();
    try {
      expect(new URL(sandbox.url).hostname).toBe('127.0.0.1');
      const external = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === 'IPv4' && !address.internal);
      if (!external) return; // no other interface on this machine to try
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: external.address, port: sandbox.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});

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
import { qDeveloperScopes } from '../source/identity/oidc.js';
import { startSandbox } from '../source/sandbox/server.js';
import { awsCliSsoHome } from './helpers/aws-cli-sso.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { childEnv } from './helpers/child-env.js';

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: childEnv(env) }, (error, stdout, stderr) =>
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
  it('creates every directory 0700 and every file 0600, and keeps tokens in the one credentials file only', async () => {
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
      'sbx-at-', // the sandbox's access, refresh and client-secret prefixes
      'sbx-rt-',
      'sbx-cs-',
      'accessToken',
      'refreshToken',
      'clientSecret',
    ];
    const credentials = join(home, 'data', 'identity', 'credentials.json');
    expect(readFileSync(credentials, 'utf8')).toMatch(/"accessToken": "sbx-at-/);
    for (const path of written.filter((p) => statSync(p).isFile() && p !== credentials)) {
      const text = readFileSync(path, 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${path}`).toBe(false);
    }
  });
});

describe('tier gating on a real account', () => {
  it('ignores a tiers file when the endpoint is not the built-in sandbox: the tier is what Amazon Q Developer lists', async () => {
    const sandbox = await startSandbox({ clock: () => new Date('2026-11-22T10:00:00Z'), approve: 'auto', approveDelayMs: 0 });
    try {
      const home = tempHome();
      const tiers = join(home, 'tiers.json');
      const everything = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
      writeFileSync(tiers, JSON.stringify({ free: { features: everything, limits: { requestsPerMonth: 9999, requestsPerMinute: 9999 } }, pro: { features: everything, limits: { requestsPerMonth: 9999, requestsPerMinute: 9999 } } }));
      // carol, signed in through the AWS CLI with the Q Developer scopes, has no profile: Free.
      await awsCliSsoHome(sandbox, home, { user: 'carol', scopes: qDeveloperScopes, roleName: 'ReadOnlyAccess' });
      const carol = callerByName('carol')!;
      // A child process: the SDK's credential chain reads the real process environment.
      const result = await runBuilt(['ask', 'how many s3 buckets', '--endpoint-url', sandbox.url, '--region', 'us-east-1'], {
        HOME: home,
        QCHAT_HOME: join(home, 'qchat'),
        QCHAT_TIERS_FILE: tiers,
        AWS_ACCESS_KEY_ID: carol.accessKeyId,
        AWS_SECRET_ACCESS_KEY: carol.secretAccessKey,
        AWS_SESSION_TOKEN: carol.sessionToken!,
      });
      expect(result.stderr).toContain('The tiersFile setting applies only on the sandbox');
      expect(result.stderr).toContain('need qchat Pro');
      expect(result.code).toBe(4);
    } finally {
      await sandbox.close();
    }
  }, 30_000);
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

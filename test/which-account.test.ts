import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerByName } from '../source/sandbox/callers.js';
import { runQchat, tempHome } from './helpers/cli.js';
import { useSandbox } from './helpers/sandbox.js';
import { startHostileProxy } from './hostile/helpers/hostile-proxy.js';
import { childEnv } from './helpers/child-env.js';

// Which account a command runs against (issue 12, "Which account"). The built CLI runs with an
// environment of the test's own making: HOME is a fresh folder, so the machine's ~/.aws is never read.

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { env: childEnv({ QCHAT_NOW: '2026-11-22T10:00:00Z', AWS_EC2_METADATA_DISABLED: 'true', ...env }) }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A home with ~/.aws/config (and, optionally, credentials), and QCHAT_HOME inside it. */
function awsHome(files: { config?: string; credentials?: string }): NodeJS.ProcessEnv {
  const home = tempHome();
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  return { HOME: home, QCHAT_HOME: join(home, 'qchat') };
}

/** A credentials-file profile holding a sandbox identity's keys: a real-account setup pointed at a local endpoint. */
function keysProfile(name: string, user = 'alice'): string {
  const caller = callerByName(user)!;
  return `[${name}]\naws_access_key_id = ${caller.accessKeyId}\naws_secret_access_key = ${caller.secretAccessKey}\n${caller.sessionToken ? `aws_session_token = ${caller.sessionToken}\n` : ''}`;
}

const sandbox = useSandbox();

describe('no AWS configuration at all', () => {
  it('uses the sandbox and says so on stderr in one line; JSON names the sandbox account', async () => {
    const result = await runQchat(['ask', 'how many s3 buckets', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^qchat: Using the built-in sandbox account as alice \(no AWS configuration found: .*use --profile for a real account\)\.\n$/);
    expect(JSON.parse(result.stdout).account).toEqual({ kind: 'sandbox', user: 'alice', accountId: '111122223333', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('any credential variable is AWS configuration: no sandbox', async () => {
    const result = await runQchat(['whoami'], { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain('sandbox');
  });
});

describe('each piece of AWS configuration alone means a real account: never the sandbox', () => {
  const elsewhere = () => {
    const dir = tempHome();
    writeFileSync(join(dir, 'config'), '[default]\nregion = us-east-1\n');
    writeFileSync(join(dir, 'credentials'), '[other]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
    return dir;
  };
  it.each<[string, () => { args: string[]; env: NodeJS.ProcessEnv }]>([
    ['~/.aws/config', () => ({ args: [], env: awsHome({ config: '[default]\nregion = us-east-1\n' }) })],
    ['~/.aws/credentials', () => ({ args: [], env: awsHome({ credentials: '[other]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n' }) })],
    ['AWS_CONFIG_FILE elsewhere', () => ({ args: [], env: { ...awsHome({}), AWS_CONFIG_FILE: join(elsewhere(), 'config') } })],
    ['AWS_SHARED_CREDENTIALS_FILE elsewhere', () => ({ args: [], env: { ...awsHome({}), AWS_SHARED_CREDENTIALS_FILE: join(elsewhere(), 'credentials') } })],
    ['AWS_PROFILE', () => ({ args: [], env: { ...awsHome({}), AWS_PROFILE: 'dev' } })],
    ['--profile', () => ({ args: ['--profile', 'dev'], env: awsHome({}) })],
    ['AWS_ROLE_ARN', () => ({ args: [], env: { ...awsHome({}), AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/Dev', AWS_REGION: 'us-east-1' } })],
    // Port 9 (discard) refuses connections: whatever fails, it is that endpoint, not the sandbox.
    ['--endpoint-url', () => ({ args: ['--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'], env: awsHome({}) })],
  ])('%s', async (_name, setup) => {
    const { args, env } = setup();
    const result = await runBuilt(['whoami', '--json', ...args], env);
    expect(result.code).not.toBe(0);
    expect([3, 6]).toContain(result.code);
    expect(result.stderr).not.toMatch(/sandbox/i);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: expect.any(String) } });
  });
});

// (`ask --explain` is not among them: it prints the plan and reaches no account at all.)
describe('every command on the sandbox says so on stderr, in one line', () => {
  it.each([
    [['whoami']],
    [['whoami', '--json']],
    [['doctor']],
    [['login']],
    [['history', 'list']],
    [['ask', 'how many s3 buckets in us-east-1']],
    [['diagnose', '--error', 'The bucket you tried to delete is not empty']],
  ])('qchat %j', async (args) => {
    const result = await runQchat(args);
    expect(result.code).toBe(0);
    const notices = result.stderr.split('\n').filter((line) => /sandbox/i.test(line));
    expect(notices).toEqual([expect.stringMatching(/^qchat: Using the built-in sandbox account as alice \(no AWS configuration found: .*\)\.$/)]);
  });
});

describe('a real account that cannot be used stops, never falling back to the sandbox', () => {
  it('AWS_PROFILE=prod with an expired SSO token: exit 3 naming aws sso login --profile prod, no sandbox figures', async () => {
    const startUrl = 'https://d-9067642ac7.awsapps.com/start';
    const env = awsHome({
      config: `[profile prod]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\n`,
    });
    writeFileSync(
      join(env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired', expiresAt: '2026-11-21T09:00:00Z' }),
    );
    const result = await runBuilt(['ask', 'what did I spend on EC2 last month'], { ...env, AWS_PROFILE: 'prod' });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('(profile prod)');
    expect(result.stderr).toContain('Sign in again with: aws sso login --profile prod');
    expect(result.stderr).not.toContain('sandbox');

    const json = await runBuilt(['ask', 'what did I spend on EC2 last month', '--json'], { ...env, AWS_PROFILE: 'prod' });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'CREDENTIALS_REJECTED', remedy: { kind: 'aws-sso-login', profile: 'prod' }, details: { profile: 'prod' } });
  });

  it('an unknown profile: exit 3, the profile is not in the config file', async () => {
    const env = awsHome({ config: '[profile dev]\nregion = eu-west-1\n' });
    const result = await runQchat(['whoami'], { ...env, AWS_PROFILE: 'prod' });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `qchat: profile prod is not in ${join(env.HOME!, '.aws', 'config')} (nor in ${join(env.HOME!, '.aws', 'credentials')}). Create it with: aws configure sso --profile prod (or name another profile with --profile or AWS_PROFILE).\n`,
    );
  });

  it('no region anywhere: exit 3, saying how to set one', async () => {
    const env = awsHome({ credentials: keysProfile('default') });
    const result = await runQchat(['ask', 'how many s3 buckets', '--json'], env);
    expect(result.code).toBe(3);
    const { error } = JSON.parse(result.stdout);
    expect(error).toMatchObject({ code: 'NO_REGION', message: 'No AWS region is set for profile default.' });
    expect(error.remedy.text).toContain('--region, AWS_REGION, or a "region = us-east-1" line in the profile');
  });

  it('an endpoint that cannot be reached: exit 6 naming it', async () => {
    const env = awsHome({ credentials: keysProfile('dev') });
    // Port 9 (discard) refuses connections.
    const result = await runBuilt(['whoami', '--profile', 'dev', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'], env);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/^qchat: qchat could not reach AWS at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });
});

describe('a real account', () => {
  it('JSON says which account and profile answered; nothing says sandbox', async () => {
    const env = awsHome({ credentials: keysProfile('dev') });
    const result = await runBuilt(['doctor', '--json', '--profile', 'dev', '--region', 'eu-west-1', '--endpoint-url', sandbox.current.url], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).account).toEqual({ kind: 'aws', accountId: '111122223333', profile: 'dev', region: 'eu-west-1' });
  });
});

describe('sandbox-only behaviour depends on the target, not on a setting (issue 16 item 6)', () => {
  function freeMayAsk(): string {
    const file = join(tempHome(), 'tiers.json');
    const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
    const limits = { requestsPerMonth: 1000, requestsPerMinute: 30 };
    writeFileSync(file, JSON.stringify({ free: { features, limits }, pro: { features, limits } }));
    return file;
  }

  it('QCHAT_SANDBOX_USER=carol with a tiers file on an endpoint that is not the sandbox: the file is not honoured', async () => {
    // The same sandbox behind a proxy that answers GetCallerIdentity for another account: not the sandbox.
    const proxy = await startHostileProxy(sandbox.current.url);
    proxy.use({ operations: ['sts.GetCallerIdentity'], rewrite: (reply) => ({ kind: 'reply', status: reply.status, headers: reply.headers, body: reply.body.replaceAll('111122223333', '999988887777') }) });
    try {
      const env = { QCHAT_SANDBOX_USER: 'carol', QCHAT_TIERS_FILE: freeMayAsk() };
      const elsewhere = await runQchat(['ask', 'how many s3 buckets in us-east-1', '--endpoint-url', proxy.url], env);
      // An account that is not the sandbox: its person must sign in to IAM Identity Center (exit 3); the file admits nobody.
      expect(elsewhere.code).toBe(3);
      expect(elsewhere.stderr).toContain('The tiersFile setting applies only on the sandbox');
      expect(elsewhere.stderr).not.toContain('Using the sandbox');
      // The sandbox itself, through the same flags, honours it: carol may ask.
      const onSandbox = await runQchat(['ask', 'how many s3 buckets in us-east-1', '--endpoint-url', sandbox.current.url], env);
      expect(onSandbox.stderr).toBe(`qchat: Using the sandbox at ${sandbox.current.url} as carol.\n`);
      expect(onSandbox.code).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('retries on a real account', () => {
  /** An endpoint that fails every request with a 500, counting them. */
  async function failingEndpoint() {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(500, { 'content-type': 'text/xml' });
      response.end('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>failing</Message></Error></ErrorResponse>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it.each([
    ['max_attempts in ~/.aws/config', 'max_attempts = 1\n', {}, 1],
    ['max_attempts = 2 in ~/.aws/config', 'max_attempts = 2\n', {}, 2],
    ['qchat setting over the AWS config', 'max_attempts = 1\n', { QCHAT_MAX_ATTEMPTS: '3' }, 3],
  ])('%s decides the attempts per call', async (_name, profileLines, extra, expected) => {
    const endpoint = await failingEndpoint();
    try {
      const env = awsHome({ config: `[profile dev]\nregion = us-east-1\nretry_mode = standard\n${profileLines}`, credentials: keysProfile('dev') });
      const result = await runBuilt(['whoami', '--profile', 'dev', '--endpoint-url', endpoint.url], { ...env, ...extra });
      expect(result.code).not.toBe(0);
      expect(endpoint.requests()).toBe(expected);
    } finally {
      await endpoint.close();
    }
  });
});

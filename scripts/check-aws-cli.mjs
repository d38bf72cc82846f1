#!/usr/bin/env node
// Drives the sandbox with the AWS CLI, a client nobody here wrote: starts `qchat sandbox serve`,
// runs one command per service with --endpoint-url, and fails on any error or unexpected reply.
// Uses Debian's AWS CLI (/usr/bin/aws) when present, else `aws` on PATH; AWS_CLI overrides.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const qchat = join(root, 'dist', 'cli.js');
const cli = process.env.AWS_CLI ?? (existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');

const server = spawn(process.execPath, [qchat, 'sandbox', 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`sandbox serve exited with ${code}`)));
  setTimeout(() => reject(new Error('sandbox serve did not start within 10 s')), 10_000).unref();
});

const { stdout: exports } = await run(process.execPath, [qchat, 'sandbox', 'env', '--sandbox-user', 'alice']);
const env = { ...process.env, AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
for (const [, name, value] of exports.matchAll(/^export (\w+)=(.*)$/gm)) env[name] = value;

let failures = 0;
async function check(label, args, verify, client = cli) {
  try {
    const { stdout } = await run(client, ['--endpoint-url', url, '--output', 'json', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    const problem = verify(JSON.parse(stdout));
    if (problem) throw new Error(problem);
    console.log(`ok   ${label}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${label}: ${(error.stderr || error.message).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

async function supports(client, service, command) {
  const { stdout } = await run(client, [service, 'help'], { env: { ...env, AWS_PAGER: '', MANPAGER: 'cat', PAGER: 'cat' } }).catch(() => ({ stdout: '' }));
  return stdout.includes(command);
}

try {
  await check('sts get-caller-identity', ['sts', 'get-caller-identity'], (r) => (r.Account === '111122223333' ? '' : `account ${r.Account}`));
  // The CLI follows NextToken itself, so this reads every page.
  await check('cloudcontrol list-resources (every page)', ['cloudcontrol', 'list-resources', '--type-name', 'AWS::Lambda::Function', '--region', 'us-east-1'], (r) =>
    r.ResourceDescriptions?.length > 0 && !r.NextToken ? '' : 'no resources or pages left unread',
  );
  await check('cloudcontrol get-resource', ['cloudcontrol', 'get-resource', '--type-name', 'AWS::S3::Bucket', '--identifier', 'my-bucket-123456', '--region', 'us-west-2'], (r) =>
    JSON.parse(r.ResourceDescription.Properties).BucketName === 'my-bucket-123456' ? '' : 'wrong bucket',
  );
  await check(
    'ce get-cost-and-usage',
    ['ce', 'get-cost-and-usage', '--time-period', 'Start=2026-10-01,End=2026-11-01', '--granularity', 'MONTHLY', '--metrics', 'UnblendedCost', '--group-by', 'Type=DIMENSION,Key=SERVICE'],
    (r) => (r.ResultsByTime?.[0]?.Groups?.length > 0 ? '' : 'no cost groups'),
  );
  // Debian's AWS CLI predates ListRegions (2.13+); another aws on PATH may have it.
  const withListRegions = (await supports(cli, 'account', 'list-regions')) ? cli : (await supports('aws', 'account', 'list-regions')) ? 'aws' : undefined;
  if (withListRegions) {
    await check(`account list-regions (${withListRegions})`, ['account', 'list-regions'], (r) => (r.Regions?.length >= 17 ? '' : `${r.Regions?.length} regions`), withListRegions);
  } else {
    console.log(`skip account list-regions: ${cli} predates ListRegions (AWS CLI 2.13+) and no other aws has it; the SDK tests cover it`);
  }
  await check('organizations describe-organization', ['organizations', 'describe-organization'], (r) => (r.Organization?.Id ? '' : 'no organization'));
  await check('sso-admin list-instances', ['sso-admin', 'list-instances', '--region', 'us-east-1'], (r) => (r.Instances?.length > 0 ? '' : 'no instances'));
  const { stdout } = await run(cli, ['--endpoint-url', url, '--output', 'json', 'sso-admin', 'list-instances', '--region', 'us-east-1'], { env });
  const storeId = JSON.parse(stdout).Instances?.[0]?.IdentityStoreId;
  await check(
    'identitystore get-user-id',
    ['identitystore', 'get-user-id', '--region', 'us-east-1', '--identity-store-id', String(storeId), '--alternate-identifier', JSON.stringify({ UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'alice' } })],
    (r) => (r.UserId ? '' : 'no user id'),
  );
} finally {
  server.kill('SIGINT');
}
console.log(failures === 0 ? `AWS CLI (${cli}) agrees with the sandbox` : `${failures} AWS CLI check(s) failed`);
process.exit(failures === 0 ? 0 : 1);

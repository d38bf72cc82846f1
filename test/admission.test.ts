// A question is prepared while the user's limits are counted, but none of its AWS requests leaves
// qchat before the count admits it: real SDK clients over HTTP to a sandbox that records what it
// is sent, and a session whose tier policy (tiersFile, sandbox only) allows one request a minute.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterAdmission, NotAdmittedError } from '../source/aws/admission.js';
import { AwsClients } from '../source/aws/clients.js';
import { listResources } from '../source/aws/cloud-control.js';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { loadTierPolicy } from '../source/tiers/policy.js';
import { RateLimiter } from '../source/tiers/rate-limiter.js';
import { usageFilePath } from '../source/tiers/usage-file.js';
import { tempHome } from './helpers/cli.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const received: string[] = [];
const sandbox = useSandbox({ rateLimits: false, onRequest: ({ operation, region }) => received.push(`${operation}@${region}`) });

function clients(): AwsClients {
  const made = new AwsClients(sandboxClientConfig(sandbox.current));
  afterAll(() => made.destroy());
  return made;
}

const lambdas = { typeName: 'AWS::Lambda::Function', resourceModel: null, region: 'us-east-1', cap: 1000 };

describe('requests held until the question is admitted', () => {
  it('sends nothing while the count is open, and the request once it admits', async () => {
    const aws = clients();
    let admit!: () => void;
    const admitted = new Promise<void>((resolve) => (admit = resolve));
    received.length = 0;
    const listing = afterAdmission(admitted, () => listResources(aws, lambdas));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
    admit();
    const { resources, pages } = await listing;
    expect(resources.length).toBeGreaterThan(0);
    expect(received).toEqual(Array(pages).fill('ListResources@us-east-1'));
  });

  it('fails every request of a refused question with NotAdmitted, and AWS never sees one', async () => {
    const aws = clients();
    received.length = 0;
    const refused = Promise.reject(new NotAdmittedError());
    refused.catch(() => undefined);
    await expect(afterAdmission(refused, () => listResources(aws, lambdas))).rejects.toThrow(NotAdmittedError);
    expect(received).toEqual([]);
  });

  it('leaves requests outside a question alone', async () => {
    const aws = clients();
    received.length = 0;
    const { pages } = await listResources(aws, lambdas);
    expect(received).toEqual(Array(pages).fill('ListResources@us-east-1'));
  });

  it('a question past the minute limit calls nothing and tells no progress; the one before it was answered', async () => {
    const home = tempHome();
    const tiersFile = join(home, 'tiers.json');
    const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
    writeFileSync(tiersFile, JSON.stringify({ free: { features, limits: { requestsPerMonth: 50, requestsPerMinute: 5 } }, pro: { features, limits: { requestsPerMonth: 50, requestsPerMinute: 1 } } }));
    const context = loadRunContext({ endpointUrl: sandbox.current.url, sandboxUser: 'alice', tiersFile }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
    const session = await ChatSession.open(context);
    afterAll(() => session.close());
    await session.identify();
    const progress: string[] = [];
    const onProgress = (event: { kind: string }) => progress.push(event.kind);

    received.length = 0;
    const first = await session.ask('how many lambda functions in all regions', { crossRegionConsent: true, onProgress });
    expect(first.kind).toBe('answer');
    expect(new Set(received.filter((call) => call.startsWith('ListResources'))).size).toBe(17);
    expect(progress).toContain('regions');

    received.length = 0;
    progress.length = 0;
    const second = await session.ask('how many kms keys in all regions', { crossRegionConsent: true, onProgress });
    expect(second).toMatchObject({ kind: 'refused', refusal: { code: 'MINUTE_LIMIT_REACHED' } });
    expect(received).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('opens once the ledger admits the request, before the bucket file is written; the count resolves with it on disk', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qchat-admission-'));
    const limiter = new RateLimiter({ dataDir, policy: loadTierPolicy(), clock: () => new Date('2026-11-22T10:00:00Z'), onWarning: () => undefined });
    const bucketFile = usageFilePath(dataDir, 'user-1');
    const seenWhenAdmitted: Array<{ bucket: boolean; ledger: string }> = [];
    const ledgerText = () => readdirSync(dirname(bucketFile)).filter((name) => name.endsWith('.ledger')).map((name) => readFileSync(join(dirname(bucketFile), name), 'latin1')).join('');
    const counted = await limiter.consume('user-1', 'pro', () => seenWhenAdmitted.push({ bucket: existsSync(bucketFile), ledger: ledgerText() }));
    expect(counted.allowed).toBe(true);
    // Told with the request's ledger entry written and the bucket file not yet there.
    expect(seenWhenAdmitted).toEqual([{ bucket: false, ledger: expect.stringMatching(/^[0-9a-f]{16}\n$/) }]);
    expect(JSON.parse(readFileSync(bucketFile, 'utf8'))).toMatchObject({ version: 2, month: '2026-11', minuteTokens: 29 });
    expect(readdirSync(dirname(bucketFile)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // A refused request is never told admitted.
    const refusing = new RateLimiter({ dataDir, policy: { ...loadTierPolicy(), pro: { ...loadTierPolicy().pro, limits: { requestsPerMonth: 1, requestsPerMinute: 30 } } }, clock: () => new Date('2026-11-22T10:00:00Z'), onWarning: () => undefined });
    let told = false;
    expect((await refusing.consume('user-1', 'pro', () => (told = true))).allowed).toBe(false);
    expect(told).toBe(false);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSession } from '../source/chat/session.js';
import { loadRunContext } from '../source/config/run-context.js';
import { parseFaultSpec } from '../source/sandbox/faults.js';
import { startSandbox, type Sandbox } from '../source/sandbox/server.js';
import { tempHome } from './helpers/cli.js';

const questions = [
  'how many lambda functions do I have in all regions',
  'list log groups in every region',
  'how many sqs queues across regions',
  'list ec2 instances everywhere',
  'how many dynamodb tables in all regions',
];

describe('100 all-regions questions under faults', () => {
  let sandbox: Sandbox;
  let session: ChatSession;
  const requests: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({
      clock: () => new Date('2026-11-22T10:00:00Z'),
      faults: parseFaultSpec('throttle=0.2,error5xx=0.05,down=ap-south-1,deny=eu-west-3,seed=42'),
      onRequest: (entry) => requests.push(`${entry.service} ${entry.region} ${entry.status}`),
    });
    const home = tempHome();
    const tiers = join(home, 'tiers.json');
    const features = { diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
    const limits = { requestsPerMonth: 100_000, requestsPerMinute: 100_000 };
    writeFileSync(tiers, JSON.stringify({ free: { features, limits }, pro: { features, limits } }));
    const context = loadRunContext(
      // The sandbox's rate limits are on; qchat paces itself at its default. Tables of 5 rows keep the
      // GetResource reads behind list answers' columns few: this suite is about faults.
      { sandboxUser: 'alice', endpointUrl: sandbox.url, tiersFile: tiers, questionTimeout: 30, tableRows: 5 },
      { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' },
    );
    session = await ChatSession.open(context);
    await session.identify();
  });
  afterAll(async () => {
    await session.close();
    await sandbox.close();
  });

  it('answers every one, names the failed regions, and keeps retries bounded', async () => {
    for (let i = 0; i < 100; i++) {
      const question = questions[i % questions.length]!;
      requests.length = 0;
      const result = await session.ask(question, { crossRegionConsent: true });
      if (result.kind !== 'answer') throw new Error(`question ${i}: ${result.kind}`);
      const { answer } = result;
      expect(answer.outcome, `question ${i}`).toBe('partial');
      const failed = answer.failures.map((f) => f.region);
      expect(failed).toEqual(expect.arrayContaining(['ap-south-1', 'eu-west-3']));
      for (const failure of answer.failures) expect(failure.message.length).toBeGreaterThan(0);
      // Bounded retries: at most maxAttempts (3) requests per page read, per region asked.
      const pages = answer.calls.filter((c) => c.service === 'cloudcontrol').reduce((sum, c) => sum + c.pages, 0);
      const cloudControlRequests = requests.filter((r) => r.startsWith('cloudcontrolapi')).length;
      expect(cloudControlRequests).toBeLessThanOrEqual((pages + answer.failures.length) * 3);
    }
  }, 480_000);
});

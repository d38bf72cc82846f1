// A default-region answer offers the other regions (issue 14, presentation): "2 EKS clusters in
// us-east-1; ask 'in all regions' for the other 16", the number from the account's enabled regions
// (Account ListRegions over HTTP), worded for what the tier allows. Planner → sandbox → answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListRegionsCommand, type AccountClient } from '@aws-sdk/client-account';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../source/chat/conversation.js';
import { tempHome, runQchat } from './helpers/cli.js';
import { askAnswer, fixtureCount, sandboxSession } from './helpers/session.js';

const clusters = fixtureCount('AWS::EKS::Cluster', 'us-east-1');

function tiersFile(crossRegion: { free: boolean; pro: boolean }): { home: string; tiers: string } {
  const home = tempHome();
  const tiers = join(home, 'tiers.json');
  const features = (cross: boolean) => ({ diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: cross });
  const limits = { requestsPerMonth: 100, requestsPerMinute: 30 };
  mkdirSync(home, { recursive: true });
  writeFileSync(tiers, JSON.stringify({ free: { features: features(crossRegion.free), limits }, pro: { features: features(crossRegion.pro), limits } }));
  return { home, tiers };
}

describe('a count in the default region offers the other regions', () => {
  it('names how many other regions are enabled, and "in all regions" then asks them', async () => {
    const session = await sandboxSession();
    const client = (await session.clients.get('account')) as AccountClient;
    const enabled = (await client.send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] }))).Regions ?? [];
    const others = enabled.filter((region) => region.RegionName !== 'us-east-1').length;
    expect(others).toBeGreaterThan(1);

    const chat = new Conversation(session);
    chat.crossRegionConsent = true;
    const first = await chat.submit('how many EKS clusters do I have');
    expect(first).toMatchObject({ kind: 'answer', answer: { summary: `You have ${clusters} EKS clusters in us-east-1; ask 'in all regions' for the other ${others}.` } });
    const all = await chat.submit('in all regions');
    if (all.kind !== 'answer') throw new Error(JSON.stringify(all));
    expect(all.answer.summary).toBe(`Same question, in all regions: You have ${fixtureCount('AWS::EKS::Cluster')} EKS clusters across ${others + 1} regions.`);
  });

  it('offers them after a listing too, also when it found nothing', async () => {
    const session = await sandboxSession();
    expect((await askAnswer(session, 'list lambda functions')).answer.summary).toMatch(/^Found \d+ Lambda functions in us-east-1; ask 'in all regions' for the other \d+\.$/);
    expect((await askAnswer(session, 'list lambda functions named zzz-none')).answer.summary).toMatch(/^No Lambda functions .* in us-east-1; ask 'in all regions' for the other \d+\.$/);
  });

  it('offers nothing when the question named its region, or for a global type', async () => {
    const session = await sandboxSession();
    expect((await askAnswer(session, 'how many EKS clusters in us-east-1')).answer.summary).toBe(`You have ${clusters} EKS clusters in us-east-1.`);
    expect((await askAnswer(session, 'how many s3 buckets')).answer.summary).toMatch(/^You have \d+ S3 buckets in the account\.$/);
  });

  it('says the other regions need Pro where the Free tier has no cross-region questions', async () => {
    const { home, tiers } = tiersFile({ free: false, pro: true });
    const carol = await sandboxSession({ sandboxUser: 'carol', tiersFile: tiers }, { home });
    expect((await askAnswer(carol, 'how many EKS clusters')).answer.summary).toMatch(new RegExp(`^You have ${clusters} EKS clusters in us-east-1; the other \\d+ enabled regions need qchat Pro \\(cross-region questions\\)\\.$`));
  });

  it('says they were not asked where no tier has cross-region questions', async () => {
    const { home, tiers } = tiersFile({ free: false, pro: false });
    const alice = await sandboxSession({ tiersFile: tiers }, { home });
    expect((await askAnswer(alice, 'how many EKS clusters')).answer.summary).toMatch(/; the other \d+ enabled regions were not asked: cross-region questions are turned off for your tier\.$/);
  });

  it('marks the plan as the default region in --json, and the ListRegions call', async () => {
    const result = await runQchat(['ask', '--json', '--sandbox', 'how many EKS clusters']);
    const json = JSON.parse(result.stdout) as { plan: { defaultRegion?: boolean }; calls: Array<{ operation: string }> };
    expect(json.plan.defaultRegion).toBe(true);
    expect(json.calls.map((call) => call.operation)).toEqual(['ListResources', 'ListRegions']);
  });
});

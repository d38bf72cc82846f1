// A bucket lives in its own region (issue 14: "the wrong region for a bucket elsewhere"; "buckets
// in eu-west-1" answered with every bucket). One listing covers every region; each bucket's region
// is its RegionalDomainName's, and a question naming regions keeps the buckets there. Expected
// figures come from the sandbox's fixture file. Planner → sandbox over HTTP → answer → text, JSON.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runQchat } from './helpers/cli.js';
import { askAnswer, sandboxSession } from './helpers/session.js';

interface Fixture { typeName: string; region: string; identifier: string; properties: Record<string, unknown> }
const buckets = (JSON.parse(readFileSync('config/sandbox/resources.json', 'utf8')) as { resources: Fixture[] }).resources.filter((r) => r.typeName === 'AWS::S3::Bucket');
const inRegions = (...regions: string[]) => buckets.filter((bucket) => regions.includes(bucket.region));

describe('buckets by the region each lives in', () => {
  it('keeps the buckets of the region asked, and names the rows by their own region', async () => {
    const session = await sandboxSession();
    const expected = inRegions('eu-west-1');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(buckets.length);
    const { answer } = await askAnswer(session, 'list buckets in eu-west-1');
    expect(answer.summary).toBe(`Found ${expected.length} S3 buckets in eu-west-1.`);
    expect(answer.table!.rows.map((row) => row[0]).sort()).toEqual(expected.map((bucket) => bucket.identifier).sort());
    expect(answer.warnings).toContain('AWS::S3::Bucket is a global type: one listing covers every region, so the buckets kept are those whose own region (RegionalDomainName) was asked.');
  });

  it('counts the buckets of a group of regions', async () => {
    const session = await sandboxSession();
    const europe = ['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3'];
    expect((await askAnswer(session, 'how many buckets in Europe')).answer.summary).toBe(`You have ${inRegions(...europe).length} S3 buckets in Europe (5 regions).`);
  });

  it("describes a bucket in its own region, and a whole listing shows each bucket's", async () => {
    const elsewhere = buckets.find((bucket) => bucket.region !== 'us-east-1')!;
    const described = await runQchat(['ask', '--sandbox', `describe bucket ${elsewhere.identifier}`]);
    expect(described.stdout.split('\n')[0]).toBe(`S3 bucket ${elsewhere.identifier} (AWS::S3::Bucket) in ${elsewhere.region}.`);
    const listed = JSON.parse((await runQchat(['ask', '--sandbox', '--json', 'list buckets'])).stdout) as { answer: { table: { columns: string[]; rows: string[][] } } };
    const region = listed.answer.table.columns.indexOf('Region');
    expect(Object.fromEntries(listed.answer.table.rows.map((row) => [row[0], row[region]]))).toEqual(Object.fromEntries(buckets.map((bucket) => [bucket.identifier, bucket.region])));
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../source/chat/session.js';
import { tempHome } from './helpers/cli.js';
import { sandboxSession } from './helpers/session.js';

const bucketArn = 'arn:aws:s3:::my-bucket-123456';

async function diagnosed(session: ChatSession, error: string, url?: string) {
  const result = await session.diagnose({ error, url });
  if (result.kind !== 'answer') throw new Error(`no diagnosis: ${JSON.stringify(result)}`);
  return result;
}

describe('the two classic console errors, end to end against the sandbox over HTTP', () => {
  it('deleting the non-empty bucket my-bucket-123456 in us-west-2', async () => {
    const session = await sandboxSession();
    const before = await session.usage();
    const { errorClass, answer } = await diagnosed(
      session,
      'This bucket is not empty. Buckets must be empty before they can be deleted. BucketNotEmpty: The bucket you tried to delete is not empty',
      'https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2',
    );
    expect(errorClass).toBe('s3-bucket-not-empty');
    expect(answer.summary).toBe('S3 bucket not empty: bucket my-bucket-123456 in us-west-2.');
    expect(answer.analysis).toContain('bucket my-bucket-123456 still holds objects');
    expect(answer.analysis).toContain('Bucket my-bucket-123456 (us-west-2): versioning enabled');
    const steps = answer.steps!.join('\n');
    expect(steps).toContain('Versioning is enabled on bucket my-bucket-123456');
    expect(steps).toContain(`s3:ListBucket and s3:ListBucketVersions on ${bucketArn}, and s3:DeleteObject and s3:DeleteObjectVersion on ${bucketArn}/*`);
    expect(steps).toContain('role AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60');
    expect(steps).toContain('aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2');
    // Versioned: `aws s3 rm` would leave the versions behind, so it is not offered.
    expect(steps).not.toContain('Run: aws s3 rm');
    expect(answer.table!.rows).toContainEqual(['bucket', 'my-bucket-123456', 'console URL']);
    expect(answer.table!.rows).toContainEqual(['bucket ARN', bucketArn, 'built']);
    expect(answer.calls).toEqual([{ service: 'cloudcontrol', operation: 'GetResource', region: 'us-west-2', pages: 1, fromCache: false }]);
    expect((await session.usage())!.monthly.used).toBe(before!.monthly.used + 1);
  });

  it('listing objects without s3:ListBucket as role ReadOnly', async () => {
    const session = await sandboxSession();
    const { errorClass, answer } = await diagnosed(
      session,
      'User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::my-bucket-123456" because no identity-based policy allows the s3:ListBucket action',
    );
    expect(errorClass).toBe('access-denied');
    expect(answer.summary).toBe(`Access denied: role ReadOnly may not s3:ListBucket on ${bucketArn}.`);
    expect(answer.analysis).toContain(`None of the policies of role ReadOnly that qchat read allows s3:ListBucket on ${bucketArn}`);
    expect(answer.analysis).toContain(`ReadReportObjects (inline) allows s3:GetObject, s3:GetObjectVersion on ${bucketArn}/*`);
    expect(answer.analysis).toContain("Bucket my-bucket-123456's policy does not allow s3:ListBucket for role ReadOnly either");
    const [allow, note] = answer.steps!;
    expect(allow).toContain(`Allow role ReadOnly s3:ListBucket on ${bucketArn}`);
    expect(allow).toContain(
      `aws iam put-role-policy --role-name ReadOnly --policy-name allow-s3-ListBucket --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"${bucketArn}"}]}'`,
    );
    expect(note).toContain(`s3:ListBucket applies to the bucket (${bucketArn})`);
    // The role, its customer managed policy and the bucket policy were read through Cloud Control.
    expect(answer.calls.map((call) => call.operation)).toEqual(['GetResource', 'GetResource', 'GetResource']);
    expect(answer.outcome).toBe('answered');
  });
});

describe('gating and counting', () => {
  it('is available on Free, and counts as one request', async () => {
    const carol = await sandboxSession({ sandboxUser: 'carol' });
    const before = await carol.usage();
    const result = await carol.diagnose({ error: 'Table already exists: orders-prod', url: 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables' });
    expect(result.kind).toBe('answer');
    expect((await carol.usage())!.monthly.used).toBe(before!.monthly.used + 1);
  });

  it('is refused when the tier policy turns it off, and counts nothing', async () => {
    const home = tempHome();
    const tiers = join(home, 'tiers.json');
    const features = { diagnose: false, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
    const limits = { requestsPerMonth: 100, requestsPerMinute: 10 };
    mkdirSync(home, { recursive: true });
    writeFileSync(tiers, JSON.stringify({ free: { features, limits }, pro: { features, limits } }));
    const session = await sandboxSession({ tiersFile: tiers }, { home });
    const result = await session.diagnose({ error: 'BucketNotEmpty' });
    expect(result).toMatchObject({ kind: 'refused', refusal: { code: 'TIER_FEATURE_NOT_INCLUDED', feature: 'diagnose' } });
    expect((await session.usage())!.monthly.used).toBe(0);
  });

  it('asks for a sign-in first when the identity is not ready', async () => {
    const bob = await sandboxSession({ sandboxUser: 'bob' });
    expect(await bob.diagnose({ error: 'BucketNotEmpty' })).toMatchObject({ kind: 'sign-in-required' });
  });
});


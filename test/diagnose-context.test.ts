import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { arnTokens, isValidArn } from '../source/diagnose/arn.js';
import { parseConsoleUrl } from '../source/diagnose/console-url.js';
import { diagnoseError, type DiagnoseDeps } from '../source/diagnose/diagnose.js';
import { cleanErrorText, maxErrorLength, readErrorText } from '../source/diagnose/error-text.js';
import { sandboxSession } from './helpers/session.js';

describe('console URLs', () => {
  it.each([
    ['https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2', { service: 's3', region: 'us-west-2', bucket: 'my-bucket-123456' }],
    ['https://s3.console.aws.amazon.com/s3/buckets/my-bucket-123456?region=us-west-2&bucketType=general&tab=objects', { service: 's3', region: 'us-west-2', bucket: 'my-bucket-123456' }],
    ['https://s3.console.aws.amazon.com/s3/bucket/create?region=us-east-1', { service: 's3', region: 'us-east-1' }],
    ['https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0591e36eb218ab960', { service: 'ec2', region: 'us-east-1', instanceId: 'i-0591e36eb218ab960' }],
    ['https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#VolumeDetails:volumeId=vol-0451b5c023d4b747b', { service: 'ec2', region: 'eu-west-1', volumeId: 'vol-0451b5c023d4b747b' }],
    ['https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#SecurityGroup:groupId=sg-0c31d1f9fd9073097', { service: 'ec2', region: 'us-east-1', securityGroupId: 'sg-0c31d1f9fd9073097' }],
    ['https://console.aws.amazon.com/iam/home#/roles/details/ReadOnly', { service: 'iam', targetRole: 'ReadOnly' }],
    ['https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles/details/ReadOnly?section=permissions', { service: 'iam', region: 'us-east-1', targetRole: 'ReadOnly' }],
    [
      'https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2FReadOnlyCompute?section=permissions',
      { service: 'iam', policyArn: 'arn:aws:iam::111122223333:policy/ReadOnlyCompute' },
    ],
    ['https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/orders-api', { service: 'lambda', region: 'eu-west-1', functionName: 'orders-api' }],
    ['https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/orders-api?tab=code', { service: 'lambda', region: 'eu-west-1', functionName: 'orders-api' }],
    ['https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=checkout-db;is-cluster=false', { service: 'rds', region: 'us-east-1', dbInstance: 'checkout-db' }],
    ['https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#table?name=orders-prod&tab=overview', { service: 'dynamodb', region: 'us-east-1', table: 'orders-prod' }],
    ['https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#item-explorer?table=orders-prod', { service: 'dynamodb', region: 'us-east-1', table: 'orders-prod' }],
    ['https://us-east-1.console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/57714409-300d-4d66-bc05-a536b74647ae', { service: 'kms', region: 'us-east-1', keyId: '57714409-300d-4d66-bc05-a536b74647ae' }],
    ['https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#VpcDetails:VpcId=vpc-07c8d00dfcd8fb854', { service: 'vpc', region: 'us-east-1', vpcId: 'vpc-07c8d00dfcd8fb854' }],
    ['https://cn-north-1.console.amazonaws.cn/s3/buckets/logs-cn?region=cn-north-1', { service: 's3', region: 'cn-north-1', bucket: 'logs-cn' }],
    ['https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1#Instances:', { service: 'ec2', region: 'us-gov-west-1' }],
    ['s3.console.aws.amazon.com/s3/buckets/my-bucket-123456', { service: 's3', bucket: 'my-bucket-123456' }],
    ['https://us-east-1.console.aws.amazon.com/ec2/home?region=mars-1', { service: 'ec2', region: 'us-east-1' }],
    ['https://console.aws.amazon.com/', {}],
  ])('%s', (url, values) => {
    expect(parseConsoleUrl(url)).toEqual({ values });
  });

  it.each([
    ['https://example.com/s3/buckets/my-bucket-123456', 'example.com is not an AWS console address'],
    ['https://s3.console.aws.amazon.com.evil.example/s3/buckets/x', 'is not an AWS console address'],
    ['ftp://s3.console.aws.amazon.com/s3/buckets/x', 'is not an AWS console address'],
    ['not a url at all', 'could not be read as a URL'],
    ['javascript:alert(1)', 'could not be read as a URL'],
  ])('ignores %s with a warning', (url, warning) => {
    const reading = parseConsoleUrl(url);
    expect(reading.values).toEqual({});
    expect(reading.warning).toContain(warning);
  });

  it('survives broken escapes and a malformed ARN in the fragment', () => {
    expect(parseConsoleUrl('https://s3.console.aws.amazon.com/s3/buckets/%E0%A4%A').values).toEqual({ service: 's3' });
    expect(parseConsoleUrl('https://console.aws.amazon.com/iam/home#/policies/details/arn:aws:iam:us-east-1:1:policy').values).not.toHaveProperty('policyArn');
  });
});

describe('error texts', () => {
  it('reads the principal, the action, the resource and what it names', () => {
    expect(
      readErrorText('User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::my-bucket-123456" because no identity-based policy allows the s3:ListBucket action'),
    ).toEqual({
      principalArn: 'arn:aws:sts::111122223333:assumed-role/ReadOnly/alice',
      account: '111122223333',
      role: 'ReadOnly',
      action: 's3:ListBucket',
      resourceArn: 'arn:aws:s3:::my-bucket-123456',
      bucket: 'my-bucket-123456',
    });
  });

  it('reads IAM users, AWS CLI errors, Lambda ARNs with a qualifier and instance types', () => {
    expect(readErrorText('User: arn:aws:iam::210987654321:user/dave is not authorized to perform: ec2:StartInstances on resource: arn:aws:ec2:eu-west-1:210987654321:instance/i-0591e36eb218ab960')).toMatchObject({
      user: 'dave',
      account: '210987654321',
      action: 'ec2:StartInstances',
      instanceId: 'i-0591e36eb218ab960',
      region: 'eu-west-1',
    });
    expect(readErrorText('An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied')).toEqual({ errorCode: 'AccessDenied', operation: 'ListObjectsV2' });
    expect(readErrorText('arn:aws:lambda:eu-west-1:111122223333:function:orders-api:live failed')).toMatchObject({ functionName: 'orders-api', region: 'eu-west-1' });
    expect(readErrorText('We currently do not have sufficient c6i.2xlarge capacity in the Availability Zone you requested (us-east-1c).')).toMatchObject({
      instanceType: 'c6i.2xlarge',
      availabilityZone: 'us-east-1c',
      region: 'us-east-1',
    });
  });

  it('takes nothing from malformed ARNs but the region they name', () => {
    expect(readErrorText('Access Denied on arn:aws:s3:us-east-1::reports and arn:aws:lambda:::function:x')).toEqual({ region: 'us-east-1' });
  });

  it('strips terminal escapes and control characters, and reads at most the first 16 KiB', () => {
    expect(cleanErrorText('\u001b[31mBucketNotEmpty\u001b[0m\u0000\u0007 done\ud800').text).toBe('BucketNotEmpty done\ufffd');
    const long = cleanErrorText('x'.repeat(1_000_000));
    expect(long.text).toHaveLength(maxErrorLength);
    expect(long.warnings[0]).toBe('The error text is 1,000,000 characters long; only the first 16,384 were read.');
  });
});

describe('garbage in, an honest answer out', () => {
  let deps: DiagnoseDeps;
  beforeAll(async () => {
    const session = await sandboxSession();
    deps = { clients: session.clients, caller: session.caller, homeRegion: session.region, listCap: 1000 };
  });

  const expectWellFormed = (answer: Awaited<ReturnType<typeof diagnoseError>>['answer']) => {
    expect(answer.summary).not.toContain('\n');
    const shown = [answer.summary, answer.analysis ?? '', ...(answer.steps ?? []), ...(answer.table?.rows.flat() ?? [])].join('\n');
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]|\{[a-zA-Z]+\}/);
    for (const step of answer.steps ?? []) for (const arn of arnTokens(step)) expect(isValidArn(arn)).toBe(true);
  };

  it('says "not recognised" for an error outside the catalog, with what it read, and calls nothing', async () => {
    const { errorClass, answer } = await diagnoseError(
      { error: 'An error occurred (ThrottlingException) when calling the PutMetricData operation: Rate exceeded', url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1' },
      deps,
    );
    expect(errorClass).toBeNull();
    expect(answer.summary).toBe("Not recognised: this error is not in qchat's catalog of console errors (ThrottlingException).");
    expect(answer.analysis).toContain('gives no diagnosis rather than a guess');
    expect(answer.steps).toEqual([]);
    expect(answer.table!.rows).toEqual([
      ['error code', 'ThrottlingException', 'error text'],
      ['operation', 'PutMetricData', 'error text'],
      ['region', 'eu-west-1', 'console URL'],
    ]);
    expect(answer.calls).toEqual([]);
  });

  it.each([
    ['empty', '', 'The error text is empty.'],
    ['only whitespace and control characters', ' \u0000\u0001\t\n\u001b[2J ', 'The error text is empty.'],
    ['1 MB of noise', 'x'.repeat(1_000_000), 'only the first 16,384 were read'],
    ['random bytes', randomBytes(64 * 1024).toString('latin1'), undefined],
    ['invalid UTF-8 decoded', new TextDecoder().decode(randomBytes(64 * 1024)), undefined],
    ['lone surrogates', '\ud800\udfff\udc00 AccessDenied \ud83d', undefined],
  ])('%s', async (_, error, warning) => {
    const started = Date.now();
    const { answer } = await diagnoseError({ error, url: '\u0000://%%%' }, deps);
    expect(Date.now() - started).toBeLessThan(2000);
    expectWellFormed(answer);
    if (warning) expect(answer.warnings.join(' ')).toContain(warning);
  });

  it('recognises an error in 1 MB of the same message, and says it read only the start', async () => {
    const line = 'BucketNotEmpty: The bucket you tried to delete is not empty. ';
    const { errorClass, answer } = await diagnoseError({ error: line.repeat(Math.ceil(1_000_000 / line.length)), url: 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket-123456?region=us-west-2' }, deps);
    expect(errorClass).toBe('s3-bucket-not-empty');
    expect(answer.warnings[0]).toContain('only the first 16,384 were read');
  });

  it('never fails on arbitrary text and URLs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.oneof(fc.webUrl(), fc.string({ maxLength: 80 })), async (error, url) => {
        expectWellFormed((await diagnoseError({ error, url }, deps)).answer);
      }),
      { numRuns: 200 },
    );
  });
});

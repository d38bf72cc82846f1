import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arnProblem, arnTokens, buildArn, isValidArn, malformedArns, partitionOf } from '../source/diagnose/arn.js';
import { consoleErrorCatalog } from '../source/diagnose/catalog.js';
import { composeAnswer, readContext } from '../source/diagnose/diagnose.js';

describe('the ARN builder', () => {
  it('builds S3 ARNs without region or account, and IAM ARNs without region', () => {
    expect(buildArn({ service: 's3', resource: 'my-bucket-123456', region: 'us-west-2', accountId: '111122223333' })).toBe('arn:aws:s3:::my-bucket-123456');
    expect(buildArn({ service: 's3', resource: 'my-bucket-123456/*' })).toBe('arn:aws:s3:::my-bucket-123456/*');
    expect(buildArn({ service: 'iam', resource: 'role/ReadOnly', region: 'eu-west-1', accountId: '111122223333' })).toBe('arn:aws:iam::111122223333:role/ReadOnly');
    expect(buildArn({ service: 'iam', resource: 'role/ReadOnly' })).toBeUndefined();
  });

  it('builds regional ARNs with region and account', () => {
    expect(buildArn({ service: 'lambda', resource: 'function:orders-api', region: 'eu-west-1', accountId: '111122223333' })).toBe('arn:aws:lambda:eu-west-1:111122223333:function:orders-api');
    expect(buildArn({ service: 'ec2', resource: 'instance/i-0591e36eb218ab960', region: 'us-east-1', accountId: '111122223333' })).toBe('arn:aws:ec2:us-east-1:111122223333:instance/i-0591e36eb218ab960');
    expect(buildArn({ service: 'dynamodb', resource: 'table/orders-prod', region: 'us-east-1', accountId: '111122223333' })).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/orders-prod');
    expect(buildArn({ service: 'rds', resource: 'db:checkout-db', accountId: '111122223333' })).toBeUndefined();
    expect(buildArn({ service: 'kms', resource: 'key/1', region: 'us-east-1' })).toBeUndefined();
  });

  it('takes the partition from the region, or from the account', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-central-1')).toBe('aws');
    expect(buildArn({ service: 'lambda', resource: 'function:f', region: 'cn-northwest-1', accountId: '111122223333' })).toBe('arn:aws-cn:lambda:cn-northwest-1:111122223333:function:f');
    expect(buildArn({ service: 'kms', resource: 'key/k', region: 'us-gov-east-1', accountId: '111122223333' })).toBe('arn:aws-us-gov:kms:us-gov-east-1:111122223333:key/k');
    expect(buildArn({ service: 's3', resource: 'logs', partition: 'aws-cn' })).toBe('arn:aws-cn:s3:::logs');
    expect(buildArn({ service: 'iam', resource: 'role/Ops', accountId: '111122223333', partition: 'aws-us-gov' })).toBe('arn:aws-us-gov:iam::111122223333:role/Ops');
    // An account's partition that disagrees with the region cannot give a valid ARN.
    expect(buildArn({ service: 'lambda', resource: 'function:f', region: 'cn-north-1', accountId: '111122223333', partition: 'aws' })).toBeUndefined();
  });

  it('says why an ARN is malformed', () => {
    expect(arnProblem('arn:aws:s3:us-east-1::bucket')).toBe('s3 ARNs carry no region');
    expect(arnProblem('arn:aws:s3:::<bucket>')).toBe('its resource is a placeholder');
    expect(arnProblem('arn:aws:s3::111122223333:bucket')).toBe('S3 bucket and object ARNs carry no account');
    expect(arnProblem('arn:aws:iam:us-east-1:111122223333:role/x')).toBe('iam ARNs carry no region');
    expect(arnProblem('arn:aws:lambda::111122223333:function:x')).toBe('lambda ARNs need a region');
    expect(arnProblem('arn:aws:lambda:cn-north-1:111122223333:function:x')).toBe('cn-north-1 is not in partition aws');
    expect(arnProblem('arn:aws:lambda:us-east-1::function:x')).toBe('lambda ARNs need a 12-digit account');
    expect(arnProblem('arn:aws:lambda:us-east-1:1234:function:x')).toBe('it does not follow arn:partition:service:region:account:resource');
    expect(arnProblem('arn:azure:lambda:us-east-1:111122223333:function:x')).toBe('azure is not an AWS partition');
    expect(arnProblem('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(arnProblem('arn:aws:s3:us-west-2:111122223333:accesspoint/reports')).toBeUndefined();
  });

  it('finds ARN tokens in text, stopping at quotes and a full stop', () => {
    expect(arnTokens('on resource: "arn:aws:s3:::my-bucket-123456" for arn:aws:iam::111122223333:role/ReadOnly.')).toEqual(['arn:aws:s3:::my-bucket-123456', 'arn:aws:iam::111122223333:role/ReadOnly']);
    expect(malformedArns('Add it to arn:aws:s3:::{bucket} now')).toEqual(['arn:aws:s3:::']);
  });
});

const partitions = [
  { partition: 'aws', regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'sa-east-1'] },
  { partition: 'aws-cn', regions: ['cn-north-1', 'cn-northwest-1'] },
  { partition: 'aws-us-gov', regions: ['us-gov-west-1', 'us-gov-east-1'] },
];
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const name = fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/);
const account = fc.stringMatching(/^\d{12}$/);
const anyRegion = fc.constantFrom(...partitions.flatMap((p) => p.regions));

/** A console URL of any supported shape, with random names, IDs and regions. */
const consoleUrl = fc.oneof(
  fc.tuple(name, anyRegion).map(([bucket, region]) => `https://s3.console.aws.amazon.com/s3/buckets/${bucket}?region=${region}`),
  fc.tuple(hex(17), anyRegion).map(([id, region]) => `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#InstanceDetails:instanceId=i-${id}`),
  fc.tuple(hex(17), anyRegion).map(([id, region]) => `https://${region}.console.aws.amazon.com/vpcconsole/home?region=${region}#VpcDetails:VpcId=vpc-${id}`),
  name.map((role) => `https://console.aws.amazon.com/iam/home#/roles/details/${role}`),
  fc.tuple(name, anyRegion).map(([fn, region]) => `https://${region}.console.aws.amazon.com/lambda/home?region=${region}#/functions/${fn}`),
  fc.tuple(name, anyRegion).map(([db, region]) => `https://${region}.console.aws.amazon.com/rds/home?region=${region}#database:id=${db};is-cluster=false`),
  fc.tuple(name, anyRegion).map(([table, region]) => `https://${region}.console.aws.amazon.com/dynamodbv2/home?region=${region}#table?name=${table}`),
  fc.tuple(fc.uuid(), anyRegion).map(([key, region]) => `https://${region}.console.aws.amazon.com/kms/home?region=${region}#/kms/keys/${key}`),
);

/** An error message naming a principal of any partition, an action, a resource ARN (sometimes malformed) and IDs. */
const errorText = fc
  .record({
    partition: fc.constantFrom(...partitions),
    account,
    role: name,
    action: fc.constantFrom('s3:ListBucket', 's3:GetObject', 'iam:PassRole', 'kms:Decrypt', 'lambda:InvokeFunction', 'ec2:RunInstances', 'dynamodb:PutItem', 'rds:DeleteDBInstance'),
    resource: fc.oneof(
      name.map((bucket) => `arn:aws:s3:::${bucket}`),
      name.map((bucket) => `arn:aws:s3:us-east-1::${bucket}`),
      fc.tuple(name, account).map(([role, id]) => `arn:aws:iam::${id}:role/${role}`),
      fc.tuple(name, anyRegion, account).map(([fn, region, id]) => `arn:${partitionOf(region)}:lambda:${region}:${id}:function:${fn}`),
      fc.tuple(name, account).map(([fn, id]) => `arn:aws:lambda::${id}:function:${fn}`),
      fc.string({ maxLength: 30 }).map((junk) => `arn:${junk}`),
    ),
    tail: fc.constantFrom('', ' with an explicit deny in a service control policy', ' because no identity-based policy allows it', '. Encoded authorization failure message: abcdefghijklmnopqrstuvwx'),
  })
  .map(({ partition, account: id, role, action, resource, tail }) => ({
    caller: { arn: `arn:${partition.partition}:sts::${id}:assumed-role/${role}/session`, accountId: id },
    error: `User: arn:${partition.partition}:sts::${id}:assumed-role/${role}/alice is not authorized to perform: ${action} on resource: ${resource}${tail}`,
  }));

describe('every ARN in every step is well formed', () => {
  const { errors } = consoleErrorCatalog();
  const entry = fc.constantFrom(...errors);

  it('for any error text, console URL and caller, under every catalog entry', () => {
    fc.assert(
      fc.property(errorText, fc.option(consoleUrl, { nil: undefined }), entry, ({ caller, error }, url, chosen) => {
        const context = readContext({ error, url }, caller);
        // Render every entry's templates against these facts, not only the one the text matches.
        const answer = composeAnswer({ ...context, entry: chosen });
        for (const step of answer.steps!) for (const arn of arnTokens(step)) expect(arnProblem(arn), `${arn} in "${step}"`).toBeUndefined();
        // The builder alone got them right: the final check had nothing to withhold.
        expect(answer.warnings.join(' ')).not.toContain('malformed');
      }),
      { numRuns: 500 },
    );
  });

  it('even when the account reports values holding malformed ARNs', () => {
    const values = Object.keys(consoleErrorCatalog().values);
    fc.assert(
      fc.property(entry, fc.dictionary(fc.constantFrom(...values), fc.constantFrom('arn:aws:s3:us-east-1::x', 'arn:aws:iam:::role/', 'arn:aws:ec2:::vpc/vpc-1', 'see arn:aws:lambda:cn-north-1:111122223333:function:f')), (chosen, reported) => {
        const context = readContext({ error: 'Access Denied' }, { arn: 'arn:aws:sts::111122223333:assumed-role/ReadOnly/alice', accountId: '111122223333' });
        for (const [fact, value] of Object.entries(reported)) context.facts.set(fact, value, 'account');
        const answer = composeAnswer({ ...context, entry: chosen });
        for (const step of answer.steps!) expect(malformedArns(step), step).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the grammar itself honest: built ARNs parse back to their parts', () => {
    fc.assert(
      fc.property(anyRegion, account, name, (region, id, resource) => {
        const arn = buildArn({ service: 'dynamodb', resource: `table/${resource}`, region, accountId: id })!;
        expect(isValidArn(arn)).toBe(true);
        expect(arn).toBe(`arn:${partitionOf(region)}:dynamodb:${region}:${id}:table/${resource}`);
      }),
    );
  });
});

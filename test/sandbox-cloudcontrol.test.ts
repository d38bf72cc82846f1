import { CloudControlClient, GetResourceCommand, ListResourcesCommand, type ListResourcesCommandInput } from '@aws-sdk/client-cloudcontrol';
import { describe, expect, it } from 'vitest';
import { resourceWorld } from '../source/sandbox/world/resources.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const fixtureAccount = '111122223333';
const defaultRegions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1'];

interface Described { Identifier: string; properties: Record<string, unknown> }

describe('sandbox Cloud Control over awsJson1_0', () => {
  // Wire shapes, one attempt per call: the rate limits have their own suite (sandbox-rate-limits).
  const sandbox = useSandbox({ rateLimits: false });
  const client = (region = 'us-east-1', user = 'alice') => new CloudControlClient(sandboxClientConfig(sandbox.current, user, region));

  /** Follows NextToken to the last page; returns every resource and each page's size. */
  async function listAll(input: ListResourcesCommandInput, region = 'us-east-1', user = 'alice'): Promise<{ items: Described[]; pages: number[] }> {
    const cc = client(region, user);
    const items: Described[] = [];
    const pages: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await cc.send(new ListResourcesCommand({ ...input, NextToken }));
      expect(page.TypeName).toBe(input.TypeName);
      pages.push(page.ResourceDescriptions!.length);
      for (const d of page.ResourceDescriptions!) items.push({ Identifier: d.Identifier!, properties: JSON.parse(d.Properties!) as Record<string, unknown> });
      NextToken = page.NextToken;
    } while (NextToken);
    return { items, pages };
  }

  async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
    try {
      await promise;
    } catch (error) {
      return error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    }
    throw new Error('expected the call to fail');
  }

  it('pages through a type with server-chosen pages of 20, to exactly the fixture count', async () => {
    const expected = resourceWorld().list(fixtureAccount, 'AWS::Lambda::Function', 'us-east-1');
    const { items, pages } = await listAll({ TypeName: 'AWS::Lambda::Function' });
    expect(expected.length).toBeGreaterThan(20);
    expect(items.map((i) => i.Identifier)).toEqual(Array.from({ length: expected.length }, (_, i) => expected.at(i).identifier));
    expect(pages.slice(0, -1).every((n) => n === 20)).toBe(true);
    expect(pages.at(-1)).toBeGreaterThan(0);
  });

  it('ignores a larger MaxResults and honours a smaller one', async () => {
    const cc = client();
    expect((await cc.send(new ListResourcesCommand({ TypeName: 'AWS::Logs::LogGroup', MaxResults: 100 }))).ResourceDescriptions).toHaveLength(20);
    const small = await listAll({ TypeName: 'AWS::EC2::Instance', MaxResults: 7 });
    expect(small.pages.slice(0, -1).every((n) => n === 7)).toBe(true);
    expect(small.items).toHaveLength(resourceWorld().list(fixtureAccount, 'AWS::EC2::Instance', 'us-east-1').length);
  });

  it('lists only the primary identifier properties, as list handlers do, and reads the whole model with GetResource', async () => {
    const page = await client().send(new ListResourcesCommand({ TypeName: 'AWS::EC2::Instance' }));
    const first = page.ResourceDescriptions![0]!;
    expect(JSON.parse(first.Properties!)).toEqual({ InstanceId: first.Identifier });
    const whole = await client().send(new GetResourceCommand({ TypeName: 'AWS::EC2::Instance', Identifier: first.Identifier }));
    expect(JSON.parse(whole.ResourceDescription!.Properties!)).toMatchObject({ InstanceId: first.Identifier, InstanceType: expect.any(String), State: { Name: expect.any(String) } });
    const queues = await client().send(new ListResourcesCommand({ TypeName: 'AWS::SQS::Queue' }));
    expect(queues.ResourceDescriptions!.every((d) => JSON.stringify(JSON.parse(d.Properties!)) === JSON.stringify({ QueueUrl: d.Identifier }))).toBe(true);
  });

  it("lists what AWS documents a list handler to return besides the identifier: a log group's RetentionInDays and Arn, never its tags", async () => {
    const groups = await listAll({ TypeName: 'AWS::Logs::LogGroup' });
    expect(groups.items.length).toBeGreaterThan(20);
    for (const { Identifier, properties } of groups.items) {
      expect(Object.keys(properties).every((key) => ['LogGroupName', 'RetentionInDays', 'Arn'].includes(key)), Identifier).toBe(true);
      expect(properties).toMatchObject({ LogGroupName: Identifier, Arn: expect.stringMatching(/^arn:aws:logs:us-east-1:\d{12}:log-group:/) });
    }
    expect(groups.items.some(({ properties }) => typeof properties.RetentionInDays === 'number')).toBe(true);
  });

  it('never returns a write-only property: a KMS key has no PendingWindowInDays, RotationPeriodInDays or BypassPolicyLockoutSafetyCheck', async () => {
    const key = resourceWorld().list(fixtureAccount, 'AWS::KMS::Key', 'us-east-1').at(0);
    expect(key.properties).toHaveProperty('RotationPeriodInDays');
    const read = JSON.parse((await client().send(new GetResourceCommand({ TypeName: 'AWS::KMS::Key', Identifier: key.identifier }))).ResourceDescription!.Properties!) as Record<string, unknown>;
    expect(read).toMatchObject({ KeyId: key.identifier, KeySpec: expect.any(String) });
    for (const writeOnly of ['PendingWindowInDays', 'RotationPeriodInDays', 'BypassPolicyLockoutSafetyCheck']) expect(read).not.toHaveProperty(writeOnly);
  });

  it('knows every registry type: one without fixture data lists empty', async () => {
    for (const TypeName of ['AWS::SSM::Parameter', 'AWS::Athena::WorkGroup', 'AWS::CloudFormation::Stack', 'AWS::Events::EventBus']) {
      const page = await client().send(new ListResourcesCommand({ TypeName }));
      expect(page, TypeName).toMatchObject({ TypeName, ResourceDescriptions: [] });
      expect(page.NextToken).toBeUndefined();
    }
  });

  it('answers a name off the TypeName pattern with ValidationException, and a well-formed unknown name with TypeNotFoundException', async () => {
    for (const TypeName of ['not-a-type', 'AWS::Lambda', 'AWS::Lambda::Function::Extra', 'AWS::L::Function']) {
      const error = await failure(client().send(new ListResourcesCommand({ TypeName })));
      expect(error, TypeName).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      expect(error.message, TypeName).toContain("at 'typeName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }
    expect(await failure(client().send(new GetResourceCommand({ TypeName: 'AWS::Made::Up', Identifier: 'x' })))).toMatchObject({ name: 'TypeNotFoundException' });
  });

  it('requires a ResourceModel exactly where the schema\'s list handler does (Lambda versions need FunctionName, functions nothing)', async () => {
    const error = await failure(client().send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Version' })));
    expect(error.message).toBe('Missing or invalid ResourceModel property in AWS::Lambda::Version list handler request input.Required property: (#: required key [FunctionName] not found)');
    const versions = await client().send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Version', ResourceModel: JSON.stringify({ FunctionName: 'checkout-api-prod' }) }));
    expect(versions.ResourceDescriptions).toEqual([]);
    const apiStages = await failure(client().send(new ListResourcesCommand({ TypeName: 'AWS::ApiGateway::Stage' })));
    expect(apiStages.message).toContain('required key [RestApiId] not found');
  });

  it('has Lambda functions in at least 10 regions', async () => {
    const counts = await Promise.all(defaultRegions.map(async (region) => (await client(region).send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function' }))).ResourceDescriptions!.length));
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('lists S3 buckets as one global list from any region, and reads my-bucket-123456 homed in us-west-2', async () => {
    const lists = await Promise.all(['us-east-1', 'eu-west-1', 'ap-south-1'].map(async (region) => (await listAll({ TypeName: 'AWS::S3::Bucket' }, region)).items.map((i) => i.Identifier)));
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
    expect(lists[0]).toContain('my-bucket-123456');
    expect(lists[0]!.length).toBeGreaterThan(20);

    const bucket = await client('us-west-2').send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'my-bucket-123456' }));
    const properties = JSON.parse(bucket.ResourceDescription!.Properties!) as { RegionalDomainName: string; Tags: { Key: string; Value: string }[] };
    expect(properties.RegionalDomainName).toBe('my-bucket-123456.s3.us-west-2.amazonaws.com');
    expect(properties.Tags.find((t) => t.Key === 'contents')?.Value).toMatch(/not empty/);
    const policy = await client('us-west-2').send(new GetResourceCommand({ TypeName: 'AWS::S3::BucketPolicy', Identifier: 'my-bucket-123456' }));
    expect(JSON.parse(policy.ResourceDescription!.Properties!)).toMatchObject({ Bucket: 'my-bucket-123456', PolicyDocument: { Statement: expect.any(Array) } });
  });

  it('lists IAM from any region; the ReadOnly role allows no s3:ListBucket', async () => {
    const east = await listAll({ TypeName: 'AWS::IAM::Role' }, 'us-east-1');
    const sydney = await listAll({ TypeName: 'AWS::IAM::Role' }, 'ap-southeast-2');
    expect(sydney.items.map((i) => i.Identifier)).toEqual(east.items.map((i) => i.Identifier));

    const role = JSON.parse((await client('eu-central-1').send(new GetResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: 'ReadOnly' }))).ResourceDescription!.Properties!) as {
      RoleName: string; Arn: string; AssumeRolePolicyDocument: object; ManagedPolicyArns: string[]; Policies: { PolicyDocument: { Statement: { Action: string | string[] }[] } }[];
    };
    expect(role).toMatchObject({ RoleName: 'ReadOnly', Arn: 'arn:aws:iam::111122223333:role/ReadOnly', AssumeRolePolicyDocument: expect.any(Object) });
    const documents = [...role.Policies.map((p) => p.PolicyDocument)];
    for (const policyArn of role.ManagedPolicyArns) {
      const policy = await client().send(new GetResourceCommand({ TypeName: 'AWS::IAM::ManagedPolicy', Identifier: policyArn }));
      documents.push((JSON.parse(policy.ResourceDescription!.Properties!) as { PolicyDocument: (typeof documents)[number] }).PolicyDocument);
    }
    const actions = documents.flatMap((d) => d.Statement.flatMap((s) => [s.Action].flat()));
    expect(actions.length).toBeGreaterThan(0);
    const allowsListBucket = actions.some((a) => new RegExp(`^${a.replace(/\*/g, '.*')}$`, 'i').test('s3:ListBucket'));
    expect(allowsListBucket).toBe(false);
  });

  it('lists the node groups of the prod EKS cluster when the ResourceModel names it', async () => {
    const clusters = await listAll({ TypeName: 'AWS::EKS::Cluster' });
    expect(clusters.items.map((i) => i.Identifier)).toContain('prod');
    const { items } = await listAll({ TypeName: 'AWS::EKS::Nodegroup', ResourceModel: JSON.stringify({ ClusterName: 'prod' }) });
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.Identifier.startsWith('prod/') && JSON.stringify(i.properties) === JSON.stringify({ Id: i.Identifier }))).toBe(true);
  });

  it('refuses node groups without their parent cluster, with the real InvalidRequestException text', async () => {
    const error = await failure(client().send(new ListResourcesCommand({ TypeName: 'AWS::EKS::Nodegroup' })));
    expect(error).toMatchObject({ name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } });
    expect(error.message).toBe('Missing or invalid ResourceModel property in AWS::EKS::Nodegroup list handler request input.Required property: (#: required key [ClusterName] not found)');
  });

  it('answers an unknown type with TypeNotFoundException 404', async () => {
    const error = await failure(client().send(new ListResourcesCommand({ TypeName: 'AWS::Made::Up' })));
    expect(error).toMatchObject({ name: 'TypeNotFoundException', message: "The type 'AWS::Made::Up' cannot be found.", $metadata: { httpStatusCode: 404 } });
    const get = await failure(client().send(new GetResourceCommand({ TypeName: 'AWS::Made::Up', Identifier: 'x' })));
    expect(get.name).toBe('TypeNotFoundException');
  });

  it('answers listing a type without a list handler with UnsupportedActionException 405', async () => {
    const error = await failure(client().send(new ListResourcesCommand({ TypeName: 'AWS::ApiGateway::Account' })));
    expect(error).toMatchObject({ name: 'UnsupportedActionException', message: 'Resource type AWS::ApiGateway::Account does not support LIST action', $metadata: { httpStatusCode: 405 } });
  });

  it('refuses a tampered NextToken, or one from another listing, with InvalidRequestException 400', async () => {
    const cc = client();
    const first = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function' }));
    const tampered = `${Buffer.from('5').toString('base64url')}.${first.NextToken!.split('.')[1]}`;
    for (const request of [
      { TypeName: 'AWS::Lambda::Function', NextToken: tampered },
      { TypeName: 'AWS::Logs::LogGroup', NextToken: first.NextToken },
      { TypeName: 'AWS::Lambda::Function', NextToken: 'garbage' },
    ]) {
      expect(await failure(cc.send(new ListResourcesCommand(request)))).toMatchObject({ name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } });
    }
    expect(await failure(client('eu-west-1').send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function', NextToken: first.NextToken })))).toMatchObject({ name: 'InvalidRequestException' });
  });

  it('reads one resource, and answers a missing identifier with ResourceNotFoundException', async () => {
    const found = await client().send(new GetResourceCommand({ TypeName: 'AWS::EKS::Cluster', Identifier: 'prod' }));
    expect(found).toMatchObject({ TypeName: 'AWS::EKS::Cluster', ResourceDescription: { Identifier: 'prod' } });
    expect(JSON.parse(found.ResourceDescription!.Properties!)).toMatchObject({ Name: 'prod', Arn: 'arn:aws:eks:us-east-1:111122223333:cluster/prod' });

    const error = await failure(client('eu-west-1').send(new GetResourceCommand({ TypeName: 'AWS::EKS::Cluster', Identifier: 'prod' })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect(error.message).toMatch(/^AWS::EKS::Cluster Handler returned status FAILED: Resource of type 'AWS::EKS::Cluster' with identifier 'prod' was not found\. \(HandlerErrorCode: NotFound, RequestToken: [0-9a-f-]{36}\)$/);
  });

  it('shows callers from any other account an empty account', async () => {
    expect((await listAll({ TypeName: 'AWS::Lambda::Function' }, 'us-east-1', 'dave')).items).toEqual([]);
    expect((await listAll({ TypeName: 'AWS::S3::Bucket' }, 'us-west-2', 'dave')).items).toEqual([]);
    expect((await failure(client('us-west-2', 'dave').send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'my-bucket-123456' })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses an opt-in region the account has not enabled, as the real endpoint does', async () => {
    const error = await failure(client('ap-east-1').send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function' })));
    expect(error).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 400 } });
    // heidi's account opted in to Hong Kong.
    expect((await listAll({ TypeName: 'AWS::Lambda::Function' }, 'ap-east-1', 'heidi')).items).toEqual([]);
  });

  it('keeps terminal escape sequences in tag values verbatim, for the UI to sanitize', async () => {
    const fn = await client().send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: 'invoice-renderer-prod' }));
    const tags = (JSON.parse(fn.ResourceDescription!.Properties!) as { Tags: { Key: string; Value: string }[] }).Tags;
    expect(tags.find((t) => t.Key === 'note')?.Value).toBe('\u001b]0;pwned\u0007\u001b[2Jhello');
  });
});

describe('sandbox Cloud Control with listProperties full', () => {
  const sandbox = useSandbox({ listProperties: 'full', rateLimits: false });
  const client = (region = 'us-east-1') => new CloudControlClient(sandboxClientConfig(sandbox.current, 'alice', region));

  async function listAll(input: ListResourcesCommandInput, region = 'us-east-1'): Promise<{ items: Described[] }> {
    const items: Described[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client(region).send(new ListResourcesCommand({ ...input, NextToken }));
      for (const d of page.ResourceDescriptions!) items.push({ Identifier: d.Identifier!, properties: JSON.parse(d.Properties!) as Record<string, unknown> });
      NextToken = page.NextToken;
    } while (NextToken);
    return { items };
  }

  it('in listProperties full mode, returns whole models as a JSON string in the schema shape, with EC2 instances running and stopped in several regions', async () => {
    const page = await client().send(new ListResourcesCommand({ TypeName: 'AWS::EC2::Instance' }));
    expect(typeof page.ResourceDescriptions![0]!.Properties).toBe('string');
    const states = new Map<string, Set<string>>();
    for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'sa-east-1', 'us-east-2']) {
      const { items } = await listAll({ TypeName: 'AWS::EC2::Instance' }, region);
      expect(items.length).toBeGreaterThan(0);
      for (const { properties } of items) {
        expect(properties).toMatchObject({ InstanceId: expect.stringMatching(/^i-0[0-9a-f]{16}$/), InstanceType: expect.any(String), ImageId: expect.any(String), SubnetId: expect.any(String) });
        const state = properties.State as { Code: string; Name: string };
        expect(['16:running', '80:stopped']).toContain(`${state.Code}:${state.Name}`);
        states.set(region, (states.get(region) ?? new Set()).add(state.Name));
      }
    }
    expect(new Set([...states.values()].flatMap((s) => [...s]))).toEqual(new Set(['running', 'stopped']));
  });
});

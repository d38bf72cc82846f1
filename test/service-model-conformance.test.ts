import { describe, expect, it } from 'vitest';
import { callerByName } from '../source/sandbox/callers.js';
import { parseFaultSpec } from '../source/sandbox/faults.js';
import { createServices } from '../source/sandbox/services/index.js';
import { sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import type { SandboxContext } from '../source/sandbox/service.js';
import { fixedNow, useSandbox } from './helpers/sandbox.js';
import { serviceModel, violations, type ServiceModel } from './helpers/service-models.js';

/**
 * Every operation the sandbox serves, called over HTTP with real parameters (every page, filters,
 * group-bys, each modelled error it answers), and each raw reply body checked against botocore's
 * model (test/helpers/service-models.ts says what is read): the output shape for a success, the
 * error shape for an error, whose code must be one the operation models or one of AWS's common
 * errors. The Amazon Q Developer endpoints (AmazonCodeWhispererService) have no botocore model and
 * are skipped; their shapes are checked against AWS's open-source Q Developer client in their own
 * suite. The HTML device-approval page is not an AWS API.
 */
interface Api {
  model: ServiceModel;
  signing: string;
  protocol: 'awsJson1_0' | 'awsJson1_1' | 'restJson1' | 'awsQuery';
  target?: string;
  /** restJson1: operation → method and path. */
  routes?: Record<string, { method: string; path: string }>;
}

const apis: Record<string, Api> = {
  cloudcontrol: { model: serviceModel('cloudcontrol', '2021-09-30'), signing: 'cloudcontrolapi', protocol: 'awsJson1_0', target: 'CloudApiService' },
  ce: { model: serviceModel('ce', '2017-10-25'), signing: 'ce', protocol: 'awsJson1_1', target: 'AWSInsightsIndexService' },
  tagging: { model: serviceModel('resourcegroupstaggingapi', '2017-01-26'), signing: 'tagging', protocol: 'awsJson1_1', target: 'ResourceGroupsTaggingAPI_20170126' },
  organizations: { model: serviceModel('organizations', '2016-11-28'), signing: 'organizations', protocol: 'awsJson1_1', target: 'AWSOrganizationsV20161128' },
  ssoadmin: { model: serviceModel('sso-admin', '2020-07-20'), signing: 'sso', protocol: 'awsJson1_1', target: 'SWBExternalService' },
  identitystore: { model: serviceModel('identitystore', '2020-06-15'), signing: 'identitystore', protocol: 'awsJson1_1', target: 'AWSIdentityStore' },
  account: { model: serviceModel('account', '2021-02-01'), signing: 'account', protocol: 'restJson1', routes: { ListRegions: { method: 'POST', path: '/listRegions' } } },
  ssooidc: {
    model: serviceModel('sso-oidc', '2019-06-10'),
    signing: 'sso-oauth',
    protocol: 'restJson1',
    routes: { RegisterClient: { method: 'POST', path: '/client/register' }, StartDeviceAuthorization: { method: 'POST', path: '/device_authorization' }, CreateToken: { method: 'POST', path: '/token' } },
  },
  sso: { model: serviceModel('sso', '2019-06-10'), signing: 'awsssoportal', protocol: 'restJson1', routes: { GetRoleCredentials: { method: 'GET', path: '/federation/credentials' } } },
  sts: { model: serviceModel('sts', '2011-06-15'), signing: 'sts', protocol: 'awsQuery' },
};

/** AWS's documented common errors, which service models do not repeat per operation. */
const commonErrors = new Set([
  'AccessDeniedException', 'IncompleteSignature', 'InternalFailure', 'InvalidAction', 'InvalidClientTokenId', 'NotAuthorized', 'OptInRequired',
  'RequestExpired', 'ServiceUnavailable', 'ServiceUnavailableException', 'ThrottlingException', 'ValidationError', 'ValidationException',
  'UnrecognizedClientException', 'SerializationException', 'UnknownOperationException',
]);

interface Reply {
  status: number;
  body: string;
  errorType: string | undefined;
}

/** Reads one flat awsQuery result: `<XResult><A>1</A><B>2</B></XResult>` → { A: '1', B: '2' }. */
function queryResult(xml: string, operation: string): Record<string, string> {
  const inner = new RegExp(`<${operation}Result>([\\s\\S]*)</${operation}Result>`).exec(xml)?.[1] ?? '';
  return Object.fromEntries([...inner.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1]!, m[2]!]));
}

function errorMembers(body: Record<string, unknown>, model: ServiceModel, code: string): Record<string, unknown> {
  // JSON services send the message as `message` or `Message` whatever the model spells; SDKs read both.
  const names = Object.keys(model.shapes[code]?.members ?? {});
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '__type').map(([key, value]) => [names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key, value]));
}

/** The violations of one reply against its operation's output or error shapes. */
export function checkReply(api: Api, operation: string, reply: Reply): string[] {
  const where = `${api.model.metadata.serviceId} ${operation}`;
  // An Action the model does not have may only be refused, with a common error.
  const op = api.model.operations[operation] ?? (reply.status >= 400 ? { errors: [] } : undefined);
  if (!op) return [`${operation} is not an operation of ${api.model.metadata.serviceId}, yet it was answered`];
  if (reply.status < 300) {
    if (api.protocol === 'awsQuery') {
      if (!reply.body.includes(`<${operation}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">`)) return [`${where}: reply lacks the STS namespace`];
      return violations(api.model, op.output!.shape, queryResult(reply.body, operation), `${where} output`, 'xml');
    }
    return op.output ? violations(api.model, op.output.shape, JSON.parse(reply.body || '{}'), `${where} output`) : [];
  }
  if (api.protocol === 'awsQuery') {
    const code = /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1] ?? '';
    const found = reply.body.startsWith('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">') ? [] : [`${where}: ErrorResponse lacks the STS namespace`];
    if (!(op.errors ?? []).some((e) => e.shape === code) && !commonErrors.has(code)) found.push(`${where}: error ${code} is not modelled`);
    return found;
  }
  const body = JSON.parse(reply.body) as Record<string, unknown>;
  const code = (reply.errorType ?? String(body.__type ?? '')).split(':')[0]!.split('#').pop()!;
  const modelled = (op.errors ?? []).some((e) => e.shape === code);
  if (!modelled && !commonErrors.has(code)) return [`${where}: error ${code} is not modelled for the operation nor a common error`];
  if (!api.model.shapes[code]) {
    const extra = Object.keys(body).filter((key) => !['__type', 'message', 'Message'].includes(key));
    return extra.length > 0 ? [`${where}: common error ${code} carries ${extra.join(', ')}`] : [];
  }
  return violations(api.model, code, errorMembers(body, api.model, code), `${where} error ${code}`);
}

describe('every sandbox reply conforms to the service models', () => {
  const sandbox = useSandbox({ rateLimits: false });
  const throttling = useSandbox({ rateLimits: false, faults: parseFaultSpec('throttle=1') });
  const checked = new Set<string>();
  const found: string[] = [];

  async function call(apiName: string, operation: string, input: Record<string, unknown>, options: { user?: string | null; region?: string; url?: string; query?: string } = {}): Promise<Reply & { json: Record<string, unknown> }> {
    const api = apis[apiName]!;
    const user = options.user === undefined ? 'alice' : options.user;
    const caller = user ? callerByName(user)! : undefined;
    const region = options.region ?? 'us-east-1';
    const headers: Record<string, string> = {};
    // The sandbox reads the caller and region from the SigV4 credential scope and does not verify signatures.
    if (caller) headers.authorization = `AWS4-HMAC-SHA256 Credential=${caller.accessKeyId}/20261122/${region}/${api.signing}/aws4_request, SignedHeaders=host, Signature=00`;
    let method = 'POST';
    let path = '/';
    let body: string | undefined;
    if (api.protocol === 'awsQuery') {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      body = new URLSearchParams({ Action: operation, Version: '2011-06-15', ...(input as Record<string, string>) }).toString();
    } else if (api.protocol === 'restJson1') {
      ({ method, path } = api.routes![operation]!);
      headers['content-type'] = 'application/json';
      body = method === 'GET' ? undefined : JSON.stringify(input);
    } else {
      headers['content-type'] = `application/x-amz-json-${api.protocol === 'awsJson1_0' ? '1.0' : '1.1'}`;
      headers['x-amz-target'] = `${api.target}.${operation}`;
      body = JSON.stringify(input);
    }
    const response = await fetch(`${options.url ?? sandbox.current.url}${path}${options.query ?? ''}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const reply = { status: response.status, body: await response.text(), errorType: response.headers.get('x-amzn-errortype') ?? undefined };
    checked.add(`${apiName}:${operation}`);
    found.push(...checkReply(api, operation, reply));
    return { ...reply, json: api.protocol === 'awsQuery' || !reply.body ? {} : (JSON.parse(reply.body) as Record<string, unknown>) };
  }

  /** Every page of a paginated call. */
  async function pages(apiName: string, operation: string, input: Record<string, unknown>, tokenIn: string, tokenOut = tokenIn, options: { region?: string } = {}): Promise<number> {
    let count = 0;
    let token: unknown;
    do {
      const reply = await call(apiName, operation, { ...input, ...(token ? { [tokenIn]: token } : {}) }, options);
      expect(reply.status, `${operation} ${reply.body.slice(0, 200)}`).toBe(200);
      token = reply.json[tokenOut];
      count++;
    } while (token);
    return count;
  }

  it('Cloud Control: ListResources (every page, a parent model) and GetResource, and their errors', async () => {
    expect(await pages('cloudcontrol', 'ListResources', { TypeName: 'AWS::Logs::LogGroup' }, 'NextToken')).toBeGreaterThan(2);
    await pages('cloudcontrol', 'ListResources', { TypeName: 'AWS::EKS::Nodegroup', ResourceModel: JSON.stringify({ ClusterName: 'prod' }) }, 'NextToken');
    await pages('cloudcontrol', 'ListResources', { TypeName: 'AWS::SSM::Parameter' }, 'NextToken');
    expect((await call('cloudcontrol', 'GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'my-bucket-123456' }, { region: 'us-west-2' })).status).toBe(200);
    expect((await call('cloudcontrol', 'GetResource', { TypeName: 'AWS::EC2::Instance', Identifier: 'i-0591e36eb218ab960' })).status).toBe(200);
    for (const [operation, input, code] of [
      ['ListResources', { TypeName: 'AWS::Made::Up' }, 'TypeNotFoundException'],
      ['ListResources', { TypeName: 'nope' }, 'ValidationException'],
      ['ListResources', { TypeName: 'AWS::ApiGateway::Account' }, 'UnsupportedActionException'],
      ['ListResources', { TypeName: 'AWS::EKS::Nodegroup' }, 'InvalidRequestException'],
      ['ListResources', { TypeName: 'AWS::Lambda::Function', NextToken: 'garbage' }, 'InvalidRequestException'],
      ['GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'no-such-bucket' }, 'ResourceNotFoundException'],
    ] as const) {
      expect((await call('cloudcontrol', operation, input)).errorType).toBe(code);
    }
    expect((await call('cloudcontrol', 'ListResources', { TypeName: 'AWS::Lambda::Function' }, { url: throttling.current.url })).errorType).toBe('ThrottlingException');
  });

  it('Cost Explorer: every figure kind, every page, and the modelled errors', async () => {
    const period = { Start: '2026-05-01', End: '2026-11-22' };
    for (const input of [
      { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] },
      { TimePeriod: { Start: '2026-10-20', End: '2026-11-23' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'UsageQuantity'] },
      { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] },
      { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['BlendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }, { Type: 'DIMENSION', Key: 'SERVICE' }] },
      { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }] },
      { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'TAG', Key: 'env' }], Filter: { Dimensions: { Key: 'SERVICE', Values: ['AWS Lambda'] } } },
      { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }] },
    ]) {
      await pages('ce', 'GetCostAndUsage', input, 'NextPageToken');
    }
    expect((await call('ce', 'GetCostForecast', { TimePeriod: { Start: '2026-11-22', End: '2027-01-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST', PredictionIntervalLevel: 80 })).status).toBe(200);
    expect((await call('ce', 'GetCostForecast', { TimePeriod: { Start: '2026-11-22', End: '2026-11-29' }, Granularity: 'DAILY', Metric: 'BLENDED_COST' })).status).toBe(200);
    for (const Dimension of ['SERVICE', 'REGION', 'LINKED_ACCOUNT', 'USAGE_TYPE']) await pages('ce', 'GetDimensionValues', { Dimension, TimePeriod: period, MaxResults: 5 }, 'NextPageToken');
    await call('ce', 'GetDimensionValues', { Dimension: 'SERVICE', TimePeriod: period, SearchString: 'elastic' });
    for (const [operation, input] of [
      ['GetCostAndUsage', { TimePeriod: { Start: '2026-11-10', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }],
      ['GetCostAndUsage', { TimePeriod: { Start: '2024-01-01', End: '2024-02-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }],
      ['GetCostAndUsage', { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'], NextPageToken: 'garbage' }],
      ['GetCostAndUsage', { TimePeriod: period, Granularity: 'HOURLY', Metrics: ['UnblendedCost'] }],
      ['GetCostForecast', { TimePeriod: { Start: '2026-11-01', End: '2026-12-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' }],
      ['GetDimensionValues', { Dimension: 'NOPE', TimePeriod: period }],
    ] as const) {
      expect((await call('ce', operation, input)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await call('ce', 'GetCostAndUsage', { TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }, { url: throttling.current.url })).errorType).toBe('LimitExceededException');
  }, 180_000);

  it('Resource Groups Tagging API: GetResources (every page, filters), GetTagKeys, GetTagValues, and their errors', async () => {
    expect(await pages('tagging', 'GetResources', { ResourcesPerPage: 10 }, 'PaginationToken')).toBeGreaterThan(2);
    await pages('tagging', 'GetResources', { TagFilters: [{ Key: 'env', Values: ['prod', 'staging'] }], ResourceTypeFilters: ['lambda:function', 'ec2:instance'] }, 'PaginationToken');
    await pages('tagging', 'GetTagKeys', {}, 'PaginationToken');
    await pages('tagging', 'GetTagValues', { Key: 'env' }, 'PaginationToken');
    expect((await call('tagging', 'GetResources', { PaginationToken: 'garbage' })).errorType).toBe('PaginationTokenExpiredException');
    expect((await call('tagging', 'GetResources', { ResourcesPerPage: 500 })).errorType).toBe('InvalidParameterException');
    expect((await call('tagging', 'GetResources', {}, { url: throttling.current.url })).errorType).toBe('ThrottledException');
  });

  it('STS, Organizations, SSO Admin, Identity Store and Account: each operation and its errors', async () => {
    expect((await call('sts', 'GetCallerIdentity', {})).status).toBe(200);
    expect((await call('sts', 'SetContext', {})).status).toBe(400);
    expect((await call('sts', 'GetCallerIdentity', {}, { user: null })).status).toBe(403);
    expect((await call('organizations', 'DescribeOrganization', {}, { user: 'bob' })).status).toBe(200);
    expect((await call('organizations', 'DescribeOrganization', {}, { user: 'dave' })).errorType).toBe('AWSOrganizationsNotInUseException');
    await pages('ssoadmin', 'ListInstances', { MaxResults: 1 }, 'NextToken');
    expect((await call('ssoadmin', 'ListInstances', { MaxResults: 0 })).errorType).toBe('ValidationException');
    const store = 'd-9067642ac7';
    const userId = (await call('identitystore', 'GetUserId', { IdentityStoreId: store, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'alice' } } })).json.UserId;
    expect(typeof userId).toBe('string');
    expect((await call('identitystore', 'DescribeUser', { IdentityStoreId: store, UserId: userId })).status).toBe(200);
    const memberships = await call('identitystore', 'ListGroupMembershipsForMember', { IdentityStoreId: store, MemberId: { UserId: userId } });
    const groupId = ((memberships.json.GroupMemberships as Array<{ GroupId: string }>) ?? [])[0]?.GroupId;
    if (groupId) expect((await call('identitystore', 'DescribeGroup', { IdentityStoreId: store, GroupId: groupId })).status).toBe(200);
    expect((await call('identitystore', 'DescribeUser', { IdentityStoreId: store, UserId: '00000000-0000-0000-0000-000000000000' })).errorType).toBe('ResourceNotFoundException');
    expect((await call('identitystore', 'DescribeUser', { IdentityStoreId: store })).errorType).toBe('ValidationException');
    await pages('account', 'ListRegions', { MaxResults: 5 }, 'NextToken');
    await pages('account', 'ListRegions', { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] }, 'NextToken');
    expect((await call('account', 'ListRegions', { MaxResults: 0 })).errorType).toBe('ValidationException');
  });

  it('SSO OIDC and the portal: register, start a device authorization, poll before approval, and bad clients', async () => {
    const registered = await call('ssooidc', 'RegisterClient', { clientName: 'qchat', clientType: 'public', scopes: ['codewhisperer:completions'] }, { user: null });
    expect(registered.status).toBe(200);
    const { clientId, clientSecret } = registered.json as { clientId: string; clientSecret: string };
    const started = await call('ssooidc', 'StartDeviceAuthorization', { clientId, clientSecret, startUrl: sandboxStartUrl(sandbox.current.url, 'd-9067642ac7') }, { user: null });
    expect(started.status, started.body).toBe(200);
    const pending = await call('ssooidc', 'CreateToken', { clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: started.json.deviceCode }, { user: null });
    expect(pending.errorType).toBe('AuthorizationPendingException');
    expect((await call('ssooidc', 'RegisterClient', { clientName: 'qchat', clientType: 'confidential' }, { user: null })).errorType).toBe('InvalidClientMetadataException');
    expect((await call('ssooidc', 'CreateToken', { clientId, clientSecret: 'wrong', grantType: 'refresh_token', refreshToken: 'x' }, { user: null })).errorType).toBe('InvalidClientException');
    expect((await call('sso', 'GetRoleCredentials', {}, { user: null, query: '?role_name=x&account_id=111122223333' })).status).toBeGreaterThanOrEqual(400);
  });

  it('found 0 violations, and checked every operation the sandbox serves', () => {
    expect(found, found.join('\n')).toEqual([]);
    const context = { clock: () => fixedNow, baseUrl: () => '', approve: 'manual', approveDelayMs: 0, listProperties: 'identifiers', scale: 1 } as unknown as SandboxContext;
    const served = createServices(context).flatMap((service) => {
      // No botocore model: Amazon Q Developer (AWS's open-source Q Developer client has its shapes) and the HTML approval page.
      if (service.targetPrefix === 'AmazonCodeWhispererService' || service.routes?.some((route) => route.path === '/device')) return [];
      const api = Object.entries(apis).find(([, a]) => (a.target ? a.target === service.targetPrefix : a.signing === service.signingName || Object.keys(a.routes ?? {}).some((op) => op in service.operations)));
      return Object.keys(service.operations).map((operation) => `${api?.[0] ?? service.signingName}:${operation}`);
    });
    expect(served.filter((operation) => !checked.has(operation))).toEqual([]);
  });
});

describe('the conformance check itself', () => {
  const cloudcontrol = apis.cloudcontrol!;
  const good = { TypeName: 'AWS::S3::Bucket', ResourceDescriptions: [{ Identifier: 'b', Properties: '{"BucketName":"b"}' }] };

  it('passes a reply in the model shape', () => {
    expect(checkReply(cloudcontrol, 'ListResources', { status: 200, body: JSON.stringify(good), errorType: undefined })).toEqual([]);
  });

  it('fails a deliberately broken reply: an unknown member, a wrong type, an error the operation does not model, a timestamp as text', () => {
    const broken = { ...good, Extra: 1, ResourceDescriptions: [{ Identifier: 7, Properties: '{}' }] };
    expect(checkReply(cloudcontrol, 'ListResources', { status: 200, body: JSON.stringify(broken), errorType: undefined }).sort()).toEqual([
      'CloudControl ListResources output.ResourceDescriptions[0].Identifier: expected a string, got 7 (shape Identifier)',
      'CloudControl ListResources output: member Extra is not in the model (shape ListResourcesOutput)',
    ]);
    expect(checkReply(cloudcontrol, 'ListResources', { status: 400, body: JSON.stringify({ __type: 'NoSuchThingException', Message: 'x' }), errorType: 'NoSuchThingException' })).toHaveLength(1);
    const ssoadmin = apis.ssoadmin!;
    const item = { InstanceArn: 'arn:aws:sso:::instance/ssoins-1', CreatedDate: '2024-01-01', Status: 'ACTIVE', PrimaryRegion: 'us-east-1' };
    expect(checkReply(ssoadmin, 'ListInstances', { status: 200, body: JSON.stringify({ Instances: [item] }), errorType: undefined }).sort()).toEqual([
      'SSO Admin ListInstances output.Instances[0].CreatedDate: expected a unixTimestamp timestamp, got "2024-01-01" (shape Date)',
      'SSO Admin ListInstances output.Instances[0]: member PrimaryRegion is not in the model (shape InstanceMetadata)',
    ]);
  });
});

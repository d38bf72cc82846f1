/**
 * Writes the sandbox's resource world (config/sandbox/resources.json) and every sandbox account's
 * region opt-in status (config/sandbox/account-regions.json). Deterministic: one seeded PRNG, no
 * clock. Run with `npx tsx scripts/generate-sandbox-resources.ts`.
 *
 * Properties use the CloudFormation resource schema names, the shape Cloud Control returns. An EC2
 * instance's running/stopped state is the schema's read-only `State: { Code, Name }` property
 * (16 running, 80 stopped).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { shippedConfigPath } from '../source/config/package-root.js';

const accountId = '111122223333';
type Props = Record<string, unknown>;
interface Resource { typeName: string; region: string; identifier: string; properties: Props }

// ---------- deterministic randomness ----------
let seed = 20_261_122;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => pick([...alphabet])).join('');
const hex = (n: number) => chars('0123456789abcdef', n);
const awsId = (prefix: string) => `${prefix}-0${hex(16)}`;
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const isoDate = () => `20${int(23, 26)}-${String(int(1, 9)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}T${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}Z`;

// ---------- regions ----------
const allRegions = (JSON.parse(readFileSync(shippedConfigPath('regions.json'), 'utf8')) as { regions: { code: string; optIn: boolean }[] }).regions;
const defaultRegions = allRegions.filter((r) => !r.optIn).map((r) => r.code);
const azLetters: Record<string, string[]> = { 'us-west-1': ['b', 'c'], 'ap-northeast-1': ['a', 'c', 'd'], 'ca-central-1': ['a', 'b', 'd'] };
const azs = (region: string) => (azLetters[region] ?? ['a', 'b', 'c']).map((l) => region + l);
const directions: Record<string, string> = { east: 'e', west: 'w', north: 'n', south: 's', central: 'c', northeast: 'ne', southeast: 'se' };
/** us-east-1 → use1, ap-northeast-1 → apne1: the prefix of availability zone IDs and endpoints. */
const azIdPrefix = (region: string) => region.replace(/^(\w+)-(\w+)-(\d)$/, (_, area: string, dir: string, n: string) => `${area}${directions[dir]}${n}`);
const amis = Object.fromEntries(defaultRegions.map((r) => [r, awsId('ami')]));

// ---------- the world being built ----------
const resources: Resource[] = [];
function add(typeName: string, region: string, identifier: string, properties: Props): Props {
  resources.push({ typeName, region, identifier, properties });
  return properties;
}
const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
const arn = (service: string, region: string, rest: string) => `arn:aws:${service}:${region}:${accountId}:${rest}`;

// ---------- global: IAM ----------
const iamArn = (kind: string, name: string, path = '/') => `arn:aws:iam::${accountId}:${kind}${path}${name}`;
const trust = (principal: Props) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
function role(name: string, principal: Props, extra: Props = {}, path = '/'): string {
  add('AWS::IAM::Role', 'us-east-1', name, {
    RoleName: name, Arn: iamArn('role', name, path), RoleId: `AROA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`, Path: path,
    AssumeRolePolicyDocument: trust(principal), MaxSessionDuration: 3600, ManagedPolicyArns: [], Policies: [], ...extra,
  });
  return iamArn('role', name, path);
}
function managedPolicy(name: string, description: string, statements: Props[], roles: string[]): string {
  const policyArn = iamArn('policy', name);
  add('AWS::IAM::ManagedPolicy', 'us-east-1', policyArn, {
    PolicyArn: policyArn, ManagedPolicyName: name, Description: description, Path: '/', PolicyId: `ANPA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 17)}`,
    DefaultVersionId: `v${int(1, 6)}`, AttachmentCount: roles.length, IsAttachable: true, Roles: roles, Groups: [], Users: [],
    PolicyDocument: { Version: '2012-10-17', Statement: statements }, CreateDate: isoDate(),
  });
  return policyArn;
}
const account = { AWS: `arn:aws:iam::${accountId}:root` };
const readOnlyCompute = managedPolicy('ReadOnlyCompute', 'Describe and read compute, functions and metrics; no S3 listing', [
  { Effect: 'Allow', Action: ['ec2:Describe*', 'lambda:Get*', 'lambda:List*', 'cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'logs:Describe*', 'logs:Get*', 'logs:FilterLogEvents'], Resource: '*' },
], ['ReadOnly']);
role('ReadOnly', account, {
  Description: 'Read-only operator access to compute and metrics (no S3 bucket listing)',
  ManagedPolicyArns: [readOnlyCompute],
  Policies: [{ PolicyName: 'ReadReportObjects', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::my-bucket-123456/*' }] } }],
  Tags: tags({ team: 'platform', env: 'prod' }),
});
role('Admin', account, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], MaxSessionDuration: 7200, Tags: tags({ team: 'platform' }) });
role('SAMLDevelopers', { Federated: `arn:aws:iam::${accountId}:saml-provider/CorpIdP` }, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'], Tags: tags({ team: 'platform' }) });
const sso = { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_5f2c9e1d0b7a4c36_DO_NOT_DELETE` };
role('AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60', sso, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'], MaxSessionDuration: 43200 }, '/aws-reserved/sso.amazonaws.com/');
role('AWSReservedSSO_ReadOnlyAccess_7c1e2a9b4f3d6e58', sso, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], MaxSessionDuration: 43200 }, '/aws-reserved/sso.amazonaws.com/');
role('github-actions-deploy', { Federated: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com` }, { Tags: tags({ team: 'platform', env: 'prod' }) });
managedPolicy('CiDeploy', 'What CI may deploy', [{ Effect: 'Allow', Action: ['cloudformation:*', 'lambda:UpdateFunctionCode', 'ecr:PutImage', 'ecs:UpdateService'], Resource: '*' }], ['github-actions-deploy']);
managedPolicy('BillingViewer', 'Cost Explorer read access', [{ Effect: 'Allow', Action: ['ce:Get*', 'ce:Describe*', 'ce:List*'], Resource: '*' }], ['AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60']);
for (const [name, description, actions, resource] of [
  ['CheckoutTableAccess', 'Checkout services read and write their DynamoDB tables', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], `arn:aws:dynamodb:*:${accountId}:table/checkout-*`],
  ['OrdersQueueConsumer', 'Consume the orders job queues', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], `arn:aws:sqs:*:${accountId}:orders-jobs-*`],
  ['DataLakeReadWrite', 'Analytics jobs read and write the data buckets', ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], 'arn:aws:s3:::analytics-*'],
  ['SecretsReadProd', 'Read production API-key secrets', ['secretsmanager:GetSecretValue'], `arn:aws:secretsmanager:*:${accountId}:secret:prod/*`],
  ['EksNodeExtras', 'Extra permissions for EKS worker nodes', ['ec2:DescribeInstances', 'ecr:GetAuthorizationToken', 'ssm:GetParameter'], '*'],
  ['LogsWriter', 'Write application logs', ['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:*:${accountId}:log-group:*`],
  ['KmsDecryptCardData', 'Decrypt with the card-data envelope keys', ['kms:Decrypt', 'kms:GenerateDataKey'], `arn:aws:kms:*:${accountId}:key/*`],
] as const) {
  managedPolicy(name, description, [{ Effect: 'Allow', Action: [...actions], Resource: resource }], []);
}

// ---------- workloads ----------
interface App { name: string; team: string; regions: string[]; envs: string[]; lambdas: string[]; table?: boolean; queue?: boolean; topic?: boolean; ecs?: string[]; runtime: string }
const apps: App[] = [
  { name: 'checkout', team: 'payments', regions: ['us-east-1', 'us-west-2', 'eu-west-1'], envs: ['prod', 'staging'], lambdas: ['api', 'webhook', 'reconcile'], table: true, queue: true, topic: true, ecs: ['checkout-api'], runtime: 'nodejs20.x' },
  { name: 'payments-ledger', team: 'payments', regions: ['us-east-1', 'eu-central-1'], envs: ['prod', 'dev'], lambdas: ['writer', 'audit-export'], table: true, queue: true, runtime: 'java21' },
  { name: 'invoice', team: 'payments', regions: ['us-east-1', 'eu-west-1'], envs: ['prod', 'dev'], lambdas: ['renderer', 'mailer'], queue: true, runtime: 'python3.12' },
  { name: 'orders', team: 'commerce', regions: ['us-east-1', 'us-east-2', 'ap-southeast-2'], envs: ['prod', 'staging', 'dev'], lambdas: ['ingest', 'status'], table: true, queue: true, topic: true, ecs: ['orders-worker'], runtime: 'nodejs20.x' },
  { name: 'inventory', team: 'commerce', regions: ['us-west-2', 'eu-west-2'], envs: ['prod', 'dev'], lambdas: ['sync', 'restock-alerts'], table: true, runtime: 'python3.12' },
  { name: 'search', team: 'search', regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'], envs: ['prod', 'staging'], lambdas: ['indexer', 'suggest'], queue: true, runtime: 'python3.11' },
  { name: 'recommendations', team: 'ml', regions: ['us-west-2'], envs: ['prod', 'dev'], lambdas: ['feature-builder', 'scorer'], table: true, runtime: 'python3.12' },
  { name: 'analytics', team: 'data', regions: ['us-east-1', 'eu-central-1'], envs: ['prod', 'dev'], lambdas: ['clickstream-etl', 'daily-rollup'], queue: true, topic: true, runtime: 'python3.12' },
  { name: 'auth', team: 'identity', regions: ['us-east-1', 'eu-west-1', 'ap-south-1', 'ca-central-1'], envs: ['prod'], lambdas: ['token-issuer', 'session-sweeper'], table: true, runtime: 'nodejs20.x' },
  { name: 'notifications', team: 'growth', regions: ['us-east-1', 'sa-east-1', 'ap-southeast-1'], envs: ['prod', 'staging'], lambdas: ['push-sender', 'email-digest'], queue: true, topic: true, runtime: 'nodejs18.x' },
  { name: 'image-resizer', team: 'media', regions: ['us-west-2', 'eu-north-1', 'ap-northeast-2'], envs: ['prod'], lambdas: ['thumbnail'], runtime: 'nodejs20.x' },
  { name: 'reporting', team: 'data', regions: ['us-east-1', 'eu-west-3'], envs: ['prod', 'dev'], lambdas: ['monthly-report', 'export-csv'], topic: true, runtime: 'python3.12' },
];

/** Terminal escape sequences in tag values, so the UI sanitizer has something to chew on. */
const hostile = {
  lambdaNote: '\u001b]0;pwned\u0007\u001b[2Jhello',
  instanceName: '\u001b[1;31mDANGER\u001b[0m build-box',
  queueOwner: 'ops\u009b2J\u0007team',
  logGroupRunbook: '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007',
  bucketDescription: 'nightly exports\r\n\u001b[Afake: line',
};

const lambdaRoles = new Map<string, string>();
function lambdaRole(app: App): string {
  if (!lambdaRoles.has(app.name)) {
    lambdaRoles.set(app.name, role(`${app.name}-lambda-role`, { Service: 'lambda.amazonaws.com' }, {
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'], Tags: tags({ team: app.team, app: app.name }),
    }));
  }
  return lambdaRoles.get(app.name)!;
}

function logGroup(region: string, name: string, t: Record<string, string>, retention: number | undefined): void {
  add('AWS::Logs::LogGroup', region, name, {
    LogGroupName: name, Arn: arn('logs', region, `log-group:${name}:*`), LogGroupClass: 'STANDARD',
    ...(retention ? { RetentionInDays: retention } : {}), Tags: tags(t),
  });
}

function lambda(region: string, name: string, description: string, t: Record<string, string>, runtime: string, roleArn: string): void {
  const memory = pick([128, 256, 512, 1024, 1769, 3008]);
  add('AWS::Lambda::Function', region, name, {
    FunctionName: name, Arn: arn('lambda', region, `function:${name}`), Runtime: runtime,
    Handler: runtime.startsWith('python') ? 'app.handler' : runtime.startsWith('java') ? 'com.example.Handler::handleRequest' : 'index.handler',
    Role: roleArn, MemorySize: memory, Timeout: pick([3, 10, 30, 60, 300, 900]), Architectures: [chance(0.6) ? 'arm64' : 'x86_64'], PackageType: 'Zip',
    Description: description,
    EphemeralStorage: { Size: 512 }, TracingConfig: { Mode: chance(0.4) ? 'Active' : 'PassThrough' },
    Environment: { Variables: { LOG_LEVEL: t.env === 'prod' ? 'info' : 'debug', STAGE: t.env ?? 'prod' } },
    Tags: tags(t),
  });
  logGroup(region, `/aws/lambda/${name}`, t, pick([7, 14, 30, 90, undefined]));
}

function alarm(region: string, name: string, metric: string, namespace: string, dimensions: Props[], actions: string[], t: Record<string, string>): void {
  add('AWS::CloudWatch::Alarm', region, name, {
    AlarmName: name, Arn: arn('cloudwatch', region, `alarm:${name}`), MetricName: metric, Namespace: namespace, Statistic: pick(['Sum', 'Average', 'Maximum']),
    Period: pick([60, 300]), EvaluationPeriods: pick([1, 3, 5]), DatapointsToAlarm: 1, Threshold: pick([1, 5, 80, 1000]), ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching', ActionsEnabled: true, AlarmActions: actions, Dimensions: dimensions, Tags: tags(t),
  });
}

function kmsKey(region: string, description: string, t: Record<string, string>): string {
  const keyId = uuid();
  add('AWS::KMS::Key', region, keyId, {
    KeyId: keyId, Arn: arn('kms', region, `key/${keyId}`), Description: description, Enabled: true, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT',
    MultiRegion: false, EnableKeyRotation: true, RotationPeriodInDays: 365, Origin: 'AWS_KMS',
    KeyPolicy: { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: account, Action: 'kms:*', Resource: '*' }] },
    Tags: tags(t),
  });
  return arn('kms', region, `key/${keyId}`);
}

for (const app of apps) {
  for (const region of app.regions) {
    for (const env of app.envs) {
      const t = { env, team: app.team, app: app.name };
      const topicArn = app.topic ? arn('sns', region, `${app.name}-events-${env}`) : undefined;
      if (topicArn) {
        add('AWS::SNS::Topic', region, topicArn, {
          TopicArn: topicArn, TopicName: `${app.name}-events-${env}`, DisplayName: `${app.name} events (${env})`, FifoTopic: false,
          KmsMasterKeyId: 'alias/aws/sns', Subscription: [], Tags: tags(t),
        });
      }
      for (const fn of app.lambdas) {
        const name = `${app.name}-${fn}-${env}`;
        const extra: Record<string, string> = app.name === 'invoice' && fn === 'renderer' && env === 'prod' && region === 'us-east-1' ? { note: hostile.lambdaNote } : {};
        lambda(region, name, `${app.name} ${fn} handler`, { ...t, ...extra }, app.runtime, lambdaRole(app));
        if (env === 'prod') alarm(region, `${name}-errors`, 'Errors', 'AWS/Lambda', [{ Name: 'FunctionName', Value: name }], topicArn ? [topicArn] : [], t);
      }
      if (app.table) {
        const tableName = `${app.name}-${env}`;
        const onDemand = env !== 'prod' || chance(0.5);
        add('AWS::DynamoDB::Table', region, tableName, {
          TableName: tableName, Arn: arn('dynamodb', region, `table/${tableName}`), StreamArn: arn('dynamodb', region, `table/${tableName}/stream/${isoDate().slice(0, 19)}.${int(100, 999)}`),
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
          BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
          ...(onDemand ? {} : { ProvisionedThroughput: { ReadCapacityUnits: pick([50, 100, 400]), WriteCapacityUnits: pick([25, 50, 200]) } }),
          TableClass: 'STANDARD', SSESpecification: { SSEEnabled: true }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: env === 'prod' },
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' }, DeletionProtectionEnabled: env === 'prod', Tags: tags(t),
        });
      }
      if (app.queue) {
        for (const suffix of ['', '-dlq']) {
          const queueName = `${app.name}-jobs-${env}${suffix}`;
          const url = `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}`;
          const owner: Record<string, string> = app.name === 'orders' && env === 'prod' && region === 'us-east-1' && !suffix ? { owner: hostile.queueOwner } : {};
          add('AWS::SQS::Queue', region, url, {
            QueueUrl: url, QueueName: queueName, Arn: arn('sqs', region, queueName), VisibilityTimeout: pick([30, 60, 300]), MessageRetentionPeriod: suffix ? 1_209_600 : 345_600,
            DelaySeconds: 0, MaximumMessageSize: 262_144, ReceiveMessageWaitTimeSeconds: 20, SqsManagedSseEnabled: true, FifoQueue: false,
            ...(suffix ? {} : { RedrivePolicy: { deadLetterTargetArn: arn('sqs', region, `${queueName}-dlq`), maxReceiveCount: 5 } }),
            Tags: tags({ ...t, ...owner }),
          });
        }
      }
    }
  }
}

// A canary function in every default region: Lambda is everywhere, as in real accounts.
const canaryRole = role('regional-canary-role', { Service: 'lambda.amazonaws.com' }, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'], Tags: tags({ team: 'platform' }) });
for (const region of defaultRegions) lambda(region, `regional-canary-${region}`, 'Regional health canary', { env: 'prod', team: 'platform', app: 'canary' }, 'python3.12', canaryRole);

// ---------- networks, instances, volumes ----------
interface Network { vpcId: string; subnets: string[]; groups: string[] }
const networks = new Map<string, Network>();
function vpc(region: string, env: string | undefined, cidr: string, isDefault: boolean): Network {
  const vpcId = awsId('vpc');
  const t: Record<string, string> = env ? { Name: `${env}-vpc`, env, team: 'platform' } : {};
  add('AWS::EC2::VPC', region, vpcId, {
    VpcId: vpcId, CidrBlock: cidr, CidrBlockAssociations: [`vpc-cidr-assoc-0${hex(16)}`], EnableDnsHostnames: true, EnableDnsSupport: true, InstanceTenancy: 'default',
    DefaultNetworkAcl: awsId('acl'), DefaultSecurityGroup: awsId('sg'), Ipv6CidrBlocks: [], Tags: tags(t),
  });
  const subnets = azs(region).flatMap((az, i) =>
    (isDefault ? ['public'] : ['public', 'private']).map((tier, j) => {
      const subnetId = awsId('subnet');
      const base = cidr.split('.').slice(0, 2).join('.');
      add('AWS::EC2::Subnet', region, subnetId, {
        SubnetId: subnetId, VpcId: vpcId, CidrBlock: isDefault ? `${base}.${i * 16}.0/20` : `${base}.${j * 64 + i * 16}.0/20`, AvailabilityZone: az,
        AvailabilityZoneId: `${azIdPrefix(region)}-az${i + 1}`, MapPublicIpOnLaunch: tier === 'public', AssignIpv6AddressOnCreation: false,
        Tags: tags(env ? { Name: `${env}-${tier}-${az.slice(-1)}`, env, team: 'platform' } : {}),
      });
      return subnetId;
    }),
  );
  const groups = (isDefault ? ['default'] : ['web', 'app', 'db']).map((purpose) => {
    const groupId = awsId('sg');
    add('AWS::EC2::SecurityGroup', region, groupId, {
      Id: groupId, GroupId: groupId, GroupName: env ? `${env}-${purpose}` : 'default', GroupDescription: env ? `${purpose} tier (${env})` : 'default VPC security group', VpcId: vpcId,
      SecurityGroupIngress: purpose === 'web' ? [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] : purpose === 'db' ? [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: cidr }] : [{ IpProtocol: '-1', CidrIp: cidr }],
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }], Tags: tags(env ? { env, team: 'platform' } : {}),
    });
    return groupId;
  });
  return { vpcId, subnets, groups };
}
for (const region of defaultRegions) networks.set(region, vpc(region, undefined, '172.31.0.0/16', true));
const appNetworks = new Map<string, Network>();
const networkRegions: [string, string, string][] = [['us-east-1', 'prod', '10.0.0.0/16'], ['us-east-1', 'staging', '10.1.0.0/16'], ['us-west-2', 'prod', '10.2.0.0/16'], ['eu-west-1', 'prod', '10.3.0.0/16'], ['eu-central-1', 'prod', '10.4.0.0/16'], ['ap-southeast-2', 'prod', '10.5.0.0/16'], ['us-east-2', 'dev', '10.6.0.0/16']];
for (const [region, env, cidr] of networkRegions) appNetworks.set(`${region}/${env}`, vpc(region, env, cidr, false));

function volume(region: string, az: string, size: number, t: Record<string, string>): string {
  const volumeId = awsId('vol');
  const type = pick(['gp3', 'gp3', 'gp3', 'gp2', 'io2', 'st1']);
  add('AWS::EC2::Volume', region, volumeId, {
    VolumeId: volumeId, AvailabilityZone: az, Size: size, VolumeType: type, Encrypted: chance(0.8), MultiAttachEnabled: false,
    ...(type === 'gp3' ? { Iops: 3000, Throughput: 125 } : type === 'io2' ? { Iops: pick([4000, 8000]) } : {}), Tags: tags(t),
  });
  return volumeId;
}
function instance(region: string, network: Network, name: string, type: string, running: boolean, t: Record<string, string>): void {
  const instanceId = awsId('i');
  const subnet = pick(network.subnets);
  const az = resources.find((r) => r.identifier === subnet)!.properties.AvailabilityZone as string;
  const privateIp = `10.${int(0, 6)}.${int(0, 200)}.${int(4, 250)}`;
  const publicIp = running && chance(0.4) ? `${pick([3, 18, 34, 52, 54])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}` : undefined;
  const root = volume(region, az, pick([8, 20, 30, 50, 100]), { Name: `${name}-root`, ...t });
  add('AWS::EC2::Instance', region, instanceId, {
    InstanceId: instanceId, InstanceType: type, ImageId: amis[region], SubnetId: subnet, VpcId: network.vpcId, SecurityGroupIds: [pick(network.groups)],
    AvailabilityZone: az, KeyName: chance(0.5) ? `${t.team}-ops` : undefined, Monitoring: chance(0.3), EbsOptimized: true, Tenancy: 'default',
    PrivateIp: privateIp, PrivateDnsName: `ip-${privateIp.replace(/\./g, '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`,
    ...(publicIp ? { PublicIp: publicIp, PublicDnsName: `ec2-${publicIp.replace(/\./g, '-')}.${region === 'us-east-1' ? 'compute-1' : `${region}.compute`}.amazonaws.com` } : {}),
    State: running ? { Code: '16', Name: 'running' } : { Code: '80', Name: 'stopped' },
    Volumes: [{ Device: '/dev/xvda', VolumeId: root }], IamInstanceProfile: `${t.team}-ec2`, Tags: tags({ Name: name, ...t }),
  });
}
const fleets: [string, string, string, string, string[], number][] = [
  // region, env, name prefix, team, instance types, count
  ['us-east-1', 'prod', 'search-node', 'search', ['r6g.large', 'r6g.xlarge'], 6],
  ['us-east-1', 'prod', 'legacy-web', 'web', ['m5.large'], 4],
  ['us-east-1', 'staging', 'checkout-canary', 'payments', ['t3.medium'], 3],
  ['us-east-1', 'prod', 'bastion', 'platform', ['t3.micro'], 1],
  ['us-east-1', 'prod', 'analytics-worker', 'data', ['c6i.xlarge', 'c6i.2xlarge'], 5],
  ['us-east-1', 'staging', 'analytics-sandbox', 'data', ['m6i.large'], 4],
  ['us-east-1', 'prod', 'batch-runner', 'data', ['c6i.xlarge'], 3],
  ['us-west-2', 'prod', 'ml-training', 'ml', ['g5.xlarge', 'g5.2xlarge'], 3],
  ['us-west-2', 'prod', 'inventory-sync', 'commerce', ['m7g.large'], 2],
  ['eu-west-1', 'prod', 'search-node', 'search', ['r6g.large'], 3],
  ['eu-west-1', 'prod', 'legacy-web', 'web', ['m5.large'], 2],
  ['eu-central-1', 'prod', 'ledger-reporting', 'payments', ['m6i.large'], 2],
  ['ap-southeast-2', 'prod', 'orders-edge', 'commerce', ['t3.large'], 2],
  ['us-east-2', 'dev', 'dev-box', 'commerce', ['t3.large', 't3.xlarge'], 4],
];
for (const [region, env, prefix, team, types, count] of fleets) {
  const network = appNetworks.get(`${region}/${env}`) ?? networks.get(region)!;
  for (let i = 1; i <= count; i++) {
    const running = env === 'prod' ? chance(0.85) : chance(0.4);
    instance(region, network, `${prefix}-${String(i).padStart(2, '0')}`, pick(types), running, { env, team });
  }
}
// Instances in default VPCs of quieter regions, some long forgotten and stopped.
for (const [region, name, running] of [['ca-central-1', 'auth-fallback', true], ['ap-northeast-1', 'search-replica', true], ['ap-south-1', 'auth-edge', true], ['sa-east-1', 'notifications-relay', false], ['eu-north-1', 'image-cache', false], ['eu-west-2', 'inventory-legacy', false]] as const) {
  instance(region, networks.get(region)!, name, pick(['t3.medium', 'm5.large']), running, { env: 'prod', team: 'platform' });
}
instance('us-west-2', networks.get('us-west-2')!, hostile.instanceName, 't3.small', false, { env: 'dev', team: 'platform' });
// Unattached volumes nobody remembers: no env or team tag.
for (const region of ['us-east-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1']) volume(region, azs(region)[0]!, pick([100, 500, 1000]), { Name: `snapshot-restore-${hex(4)}` });

// ---------- containers: EKS and ECS ----------
const eksClusterRole = role('eks-cluster-role', { Service: 'eks.amazonaws.com' }, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy'], Tags: tags({ team: 'platform' }) });
const eksNodeRole = role('eks-node-role', { Service: 'ec2.amazonaws.com' }, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly', 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'], Tags: tags({ team: 'platform' }) });
const eksClusters: [string, string, string, [string, string[], string, number][]][] = [
  ['us-east-1', 'prod', 'prod', [['general', ['m6i.xlarge'], 'ON_DEMAND', 6], ['spot-batch', ['c6i.2xlarge', 'c5.2xlarge'], 'SPOT', 4], ['system', ['m6i.large'], 'ON_DEMAND', 2]]],
  ['us-east-1', 'staging', 'staging', [['general', ['m6i.large'], 'ON_DEMAND', 3]]],
  ['eu-west-1', 'prod', 'prod-eu', [['general', ['m6i.xlarge'], 'ON_DEMAND', 4], ['system', ['m6i.large'], 'ON_DEMAND', 2]]],
  ['us-west-2', 'prod', 'ml-platform', [['gpu', ['g5.2xlarge'], 'ON_DEMAND', 2], ['cpu', ['m7g.xlarge'], 'ON_DEMAND', 3]]],
];
for (const [region, env, name, groups] of eksClusters) {
  const network = appNetworks.get(`${region}/${env}`) ?? networks.get(region)!;
  const clusterArn = arn('eks', region, `cluster/${name}`);
  const t = { env, team: 'platform' };
  add('AWS::EKS::Cluster', region, name, {
    Name: name, Arn: clusterArn, Id: uuid(), Version: pick(['1.30', '1.31', '1.32']), RoleArn: eksClusterRole,
    Endpoint: `https://${hex(32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`, ClusterSecurityGroupId: awsId('sg'),
    ResourcesVpcConfig: { SubnetIds: network.subnets, SecurityGroupIds: [network.groups[0]], EndpointPublicAccess: true, EndpointPrivateAccess: true, PublicAccessCidrs: ['0.0.0.0/0'] },
    KubernetesNetworkConfig: { IpFamily: 'ipv4', ServiceIpv4Cidr: '172.20.0.0/16' }, AccessConfig: { AuthenticationMode: 'API_AND_CONFIG_MAP' },
    Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }] } }, Tags: tags(t),
  });
  logGroup(region, `/aws/eks/${name}/cluster`, t, 30);
  for (const [group, types, capacity, desired] of groups) {
    const id = `${name}/${group}`;
    add('AWS::EKS::Nodegroup', region, id, {
      Id: id, ClusterName: name, NodegroupName: group, Arn: arn('eks', region, `nodegroup/${name}/${group}/${uuid()}`), NodeRole: eksNodeRole,
      Subnets: network.subnets.filter((_, i) => i % 2 === (network.subnets.length > 3 ? 1 : 0)), InstanceTypes: types, AmiType: types[0]!.startsWith('g5') ? 'AL2023_x86_64_NVIDIA' : types[0]!.includes('g.') ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
      CapacityType: capacity, DiskSize: 50, ScalingConfig: { MinSize: Math.max(1, desired - 2), MaxSize: desired * 2, DesiredSize: desired },
      UpdateConfig: { MaxUnavailable: 1 }, Labels: { workload: group }, Tags: { env, team: 'platform', 'eks-nodegroup': group },
    });
  }
}
role('ecs-task-execution-role', { Service: 'ecs-tasks.amazonaws.com' }, { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'], Tags: tags({ team: 'platform' }) });
const ecsClusters = new Map<string, string>();
for (const app of apps) {
  for (const service of app.ecs ?? []) {
    for (const region of app.regions) {
      for (const env of app.envs) {
        const cluster = `${env}-services`;
        const key = `${region}/${cluster}`;
        const t = { env, team: app.team, app: app.name };
        if (!ecsClusters.has(key)) {
          ecsClusters.set(key, arn('ecs', region, `cluster/${cluster}`));
          add('AWS::ECS::Cluster', region, cluster, {
            ClusterName: cluster, Arn: arn('ecs', region, `cluster/${cluster}`), CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
            ClusterSettings: [{ Name: 'containerInsights', Value: env === 'prod' ? 'enabled' : 'disabled' }], Tags: tags({ env, team: 'platform' }),
          });
        }
        const clusterArn = ecsClusters.get(key)!;
        const serviceArn = arn('ecs', region, `service/${cluster}/${service}`);
        add('AWS::ECS::Service', region, `${serviceArn}|${clusterArn}`, {
          ServiceArn: serviceArn, Name: service, ServiceName: service, Cluster: clusterArn, LaunchType: 'FARGATE', SchedulingStrategy: 'REPLICA',
          DesiredCount: env === 'prod' ? int(3, 8) : 1, TaskDefinition: arn('ecs', region, `task-definition/${service}:${int(12, 140)}`), PlatformVersion: 'LATEST',
          DeploymentConfiguration: { MaximumPercent: 200, MinimumHealthyPercent: 100, DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
          EnableECSManagedTags: true, PropagateTags: 'SERVICE', Tags: tags(t),
        });
        logGroup(region, `/ecs/${service}-${env}`, region === 'eu-west-1' && env === 'prod' ? { ...t, runbook: hostile.logGroupRunbook } : t, 30);
      }
    }
  }
}

// ---------- databases, caches, streams ----------
// Status and creation time are the schema's read-only DBInstanceStatus and InstanceCreateTime
// (registry attributes, returned by GetResource): fixed here, not drawn, so the rest of the world
// keeps its values. Two dev databases are stopped, as teams stop them to save cost.
const databases: [string, string, string, string, string, boolean, number, string, string][] = [
  ['us-east-1', 'prod', 'checkout-db', 'payments', 'db.r6g.large', true, 500, 'available', '2023-04-11T09:12:44.512Z'],
  ['us-east-1', 'staging', 'checkout-db-staging', 'payments', 'db.t3.medium', false, 100, 'available', '2024-02-06T14:03:19.078Z'],
  ['us-east-1', 'prod', 'orders-db', 'commerce', 'db.r6g.xlarge', true, 1000, 'available', '2022-11-29T17:45:02.331Z'],
  ['us-east-1', 'prod', 'analytics-warehouse', 'data', 'db.r6g.xlarge', false, 2000, 'backing-up', '2024-08-19T06:30:55.904Z'],
  ['us-west-2', 'prod', 'inventory-db', 'commerce', 'db.m6g.large', true, 200, 'available', '2023-09-03T11:21:37.640Z'],
  ['us-west-2', 'dev', 'recommendations-dev', 'ml', 'db.t3.micro', false, 20, 'stopped', '2025-05-14T08:58:10.215Z'],
  ['eu-west-1', 'prod', 'checkout-db-eu', 'payments', 'db.r6g.large', true, 500, 'available', '2023-06-21T13:40:26.987Z'],
  ['eu-central-1', 'prod', 'ledger-db', 'payments', 'db.m6g.large', true, 400, 'available', '2024-01-17T10:05:48.452Z'],
  ['eu-central-1', 'dev', 'ledger-db-dev', 'payments', 'db.t3.medium', false, 50, 'stopped', '2025-03-02T15:27:33.119Z'],
  ['ap-southeast-2', 'prod', 'orders-db-apac', 'commerce', 'db.m6g.large', false, 200, 'available', '2024-10-08T22:14:05.776Z'],
  ['us-east-2', 'dev', 'orders-db-dev', 'commerce', 'db.t3.medium', false, 50, 'available', '2025-07-25T09:49:51.360Z'],
];
for (const [region, env, id, team, cls, multiAz, storage, status, created] of databases) {
  const engine = pick(['postgres', 'postgres', 'mysql']);
  const key = kmsKey(region, `${id} storage encryption`, { env, team });
  add('AWS::RDS::DBInstance', region, id, {
    DBInstanceIdentifier: id, DBInstanceArn: arn('rds', region, `db:${id}`), DBInstanceClass: cls, Engine: engine, EngineVersion: engine === 'postgres' ? pick(['15.8', '16.4']) : '8.0.39',
    AllocatedStorage: String(storage), StorageType: 'gp3', MultiAZ: multiAz, StorageEncrypted: true, KmsKeyId: key, PubliclyAccessible: false, DeletionProtection: env === 'prod',
    BackupRetentionPeriod: env === 'prod' ? 14 : 1, DBSubnetGroupName: `${env}-db-subnets`, DbiResourceId: `db-${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 26)}`,
    Endpoint: { Address: `${id}.${chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)}.${region}.rds.amazonaws.com`, Port: engine === 'postgres' ? '5432' : '3306' },
    DBInstanceStatus: status, InstanceCreateTime: created, Tags: tags({ env, team }),
  });
  alarm(region, `${id}-cpu-high`, 'CPUUtilization', 'AWS/RDS', [{ Name: 'DBInstanceIdentifier', Value: id }], [], { env, team });
}
for (const [region, name, team] of [['us-east-1', 'checkout-sessions', 'payments'], ['us-east-1', 'search-cache', 'search'], ['eu-west-1', 'checkout-sessions-eu', 'payments'], ['us-west-2', 'feature-store', 'ml']] as const) {
  add('AWS::ElastiCache::ServerlessCache', region, name, {
    ServerlessCacheName: name, ARN: arn('elasticache', region, `serverlesscache:${name}`), Engine: 'valkey', MajorEngineVersion: '8', Status: 'available',
    Description: `${name} cache`, Endpoint: { Address: `${name}-${hex(6)}.serverless.${azIdPrefix(region)}.cache.amazonaws.com`, Port: '6379' },
    CacheUsageLimits: { DataStorage: { Maximum: 10, Unit: 'GB' } }, SecurityGroupIds: [networks.get(region)!.groups[0]], Tags: tags({ env: 'prod', team }),
  });
}
for (const [region, name, team, shards] of [['us-east-1', 'clickstream', 'data', 8], ['us-east-1', 'orders-events', 'commerce', 2], ['eu-central-1', 'ledger-audit', 'payments', 2], ['us-west-2', 'feature-events', 'ml', 4], ['ap-southeast-2', 'orders-events-apac', 'commerce', 1]] as const) {
  add('AWS::Kinesis::Stream', region, name, {
    Name: name, Arn: arn('kinesis', region, `stream/${name}`), ShardCount: shards, RetentionPeriodHours: pick([24, 168]),
    StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }, Tags: tags({ env: 'prod', team }),
  });
}

// ---------- storage ----------
function bucket(name: string, region: string, t: Record<string, string>, extra: Props = {}): void {
  add('AWS::S3::Bucket', region, name, {
    BucketName: name, Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`, WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }, VersioningConfiguration: { Status: chance(0.5) ? 'Enabled' : 'Suspended' },
    Tags: tags(t), ...extra,
  });
}
bucket('my-bucket-123456', 'us-west-2', { env: 'prod', team: 'data', contents: '18240 objects, 412 GiB (not empty)' }, {
  VersioningConfiguration: { Status: 'Enabled' },
  LifecycleConfiguration: { Rules: [{ Id: 'expire-old-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] },
});
add('AWS::S3::BucketPolicy', 'us-west-2', 'my-bucket-123456', {
  Bucket: 'my-bucket-123456',
  PolicyDocument: { Version: '2012-10-17', Statement: [
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::my-bucket-123456', 'arn:aws:s3:::my-bucket-123456/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'ReportReaders', Effect: 'Allow', Principal: { AWS: iamArn('role', 'ReadOnly') }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket-123456/*' },
  ] },
});
const bucketHomes = ['us-east-1', 'us-east-1', 'us-east-1', 'us-west-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'us-east-2', 'ap-northeast-1'];
for (const app of apps) {
  for (const env of app.envs) {
    bucket(`${app.name}-${env}-artifacts-${accountId}`, app.regions[0]!, { env, team: app.team, app: app.name });
    if (env === 'prod' && chance(0.6)) bucket(`${app.name}-data-${hex(6)}`, pick(app.regions), { env, team: app.team, app: app.name });
  }
}
for (const name of ['cloudtrail-logs', 'access-logs', 'terraform-state', 'athena-results', 'backups']) bucket(`acme-${name}-${accountId}`, pick(bucketHomes), { team: 'platform' });
bucket(`qchat-sandbox-exports-${accountId}`, 'eu-west-1', { team: 'data', description: hostile.bucketDescription });
for (const name of ['cloudtrail-logs', 'access-logs']) {
  const b = `acme-${name}-${accountId}`;
  add('AWS::S3::BucketPolicy', resources.find((r) => r.identifier === b)!.region, b, {
    Bucket: b, PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'AWSLogDeliveryWrite', Effect: 'Allow', Principal: { Service: name === 'cloudtrail-logs' ? 'cloudtrail.amazonaws.com' : 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${b}/*` }] },
  });
}
for (const [region, name, team] of [['us-east-1', 'checkout-api', 'payments'], ['us-east-1', 'orders-worker', 'commerce'], ['us-east-1', 'search-indexer', 'search'], ['us-east-1', 'base-images/node', 'platform'], ['us-east-1', 'base-images/python', 'platform'], ['us-west-2', 'ml/trainer', 'ml'], ['us-west-2', 'ml/scorer', 'ml'], ['eu-west-1', 'checkout-api', 'payments'], ['us-east-2', 'orders-worker', 'commerce'], ['ap-southeast-2', 'orders-worker', 'commerce'], ['eu-central-1', 'ledger-writer', 'payments']] as const) {
  add('AWS::ECR::Repository', region, name, {
    RepositoryName: name, Arn: arn('ecr', region, `repository/${name}`), RepositoryUri: `${accountId}.dkr.ecr.${region}.amazonaws.com/${name}`,
    ImageTagMutability: pick(['MUTABLE', 'IMMUTABLE']), ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: 'AES256' },
    Tags: tags({ team }),
  });
}

// ---------- edge and APIs ----------
for (const [domain, comment] of [['example-shop.com', 'storefront'], ['api.example-shop.com', 'public API'], ['internal.example-shop.net', 'private zone'], ['example-payments.io', 'payments'], ['sandbox.example-shop.dev', 'developer sandboxes']]) {
  const id = `Z${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', int(12, 20))}`;
  add('AWS::Route53::HostedZone', 'us-east-1', id, {
    Id: id, Name: `${domain}.`, HostedZoneConfig: { Comment: comment },
    NameServers: [`ns-${int(1, 2000)}.awsdns-${int(10, 63)}.org`, `ns-${int(1, 2000)}.awsdns-${int(10, 63)}.co.uk`, `ns-${int(1, 500)}.awsdns-${int(10, 63)}.com`, `ns-${int(500, 1000)}.awsdns-${int(10, 63)}.net`],
    HostedZoneTags: tags({ team: 'platform' }),
  });
}
for (const [alias, origin, team] of [['www.example-shop.com', 'orders', 'commerce'], ['static.example-shop.com', 'image-resizer', 'media'], ['docs.example-shop.com', 'reporting', 'data'], ['pay.example-payments.io', 'checkout', 'payments']] as const) {
  const id = `E${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 13)}`;
  add('AWS::CloudFront::Distribution', 'us-east-1', id, {
    Id: id, DomainName: `d${chars('abcdefghijklmnopqrstuvwxyz0123456789', 13)}.cloudfront.net`,
    DistributionConfig: {
      Enabled: true, Comment: alias, Aliases: [alias], HttpVersion: 'http2and3', IPV6Enabled: true, PriceClass: 'PriceClass_100', DefaultRootObject: 'index.html',
      Origins: [{ Id: 'primary', DomainName: resources.find((r) => r.identifier === `${origin}-prod-artifacts-${accountId}`)!.properties.RegionalDomainName, S3OriginConfig: { OriginAccessIdentity: '' } }],
      DefaultCacheBehavior: { TargetOriginId: 'primary', ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
      ViewerCertificate: { AcmCertificateArn: arn('acm', 'us-east-1', `certificate/${uuid()}`), SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
    },
    Tags: tags({ env: 'prod', team }),
  });
}
for (const [region, name, team] of [['us-east-1', 'checkout-public-api', 'payments'], ['us-east-1', 'orders-partner-api', 'commerce'], ['us-east-1', 'internal-admin-api', 'platform'], ['eu-west-1', 'checkout-public-api-eu', 'payments'], ['us-west-2', 'recommendations-api', 'ml'], ['ap-southeast-2', 'orders-partner-api-apac', 'commerce'], ['ap-south-1', 'auth-otp-api', 'identity'], ['sa-east-1', 'notifications-webhooks', 'growth']] as const) {
  const id = chars('abcdefghijklmnopqrstuvwxyz0123456789', 10);
  add('AWS::ApiGateway::RestApi', region, id, {
    RestApiId: id, Name: name, Description: `${name.replace(/-/g, ' ')}`, RootResourceId: chars('abcdefghijklmnopqrstuvwxyz0123456789', 10),
    EndpointConfiguration: { Types: [name.startsWith('internal') ? 'PRIVATE' : 'REGIONAL'] }, ApiKeySourceType: 'HEADER', DisableExecuteApiEndpoint: false, Tags: tags({ env: 'prod', team }),
  });
}
const sfnRole = role('step-functions-role', { Service: 'states.amazonaws.com' }, { Tags: tags({ team: 'data' }) });
for (const [region, name, team, type] of [['us-east-1', 'analytics-nightly-etl', 'data', 'STANDARD'], ['us-east-1', 'checkout-refund-flow', 'payments', 'STANDARD'], ['us-east-1', 'orders-fulfilment', 'commerce', 'STANDARD'], ['us-east-1', 'image-batch-resize', 'media', 'EXPRESS'], ['eu-central-1', 'ledger-month-close', 'payments', 'STANDARD'], ['us-west-2', 'ml-retrain-pipeline', 'ml', 'STANDARD'], ['eu-west-1', 'invoice-dunning', 'payments', 'STANDARD'], ['us-east-2', 'orders-backfill', 'commerce', 'EXPRESS']] as const) {
  const smArn = arn('states', region, `stateMachine:${name}`);
  add('AWS::StepFunctions::StateMachine', region, smArn, {
    Arn: smArn, Name: name, StateMachineName: name, StateMachineType: type, RoleArn: sfnRole, StateMachineRevisionId: smArn,
    LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false }, TracingConfiguration: { Enabled: false }, Tags: tags({ env: 'prod', team }),
  });
}
for (const [region, name, team, scheme] of [['us-east-1', 'legacy-web-alb', 'web', 'internet-facing'], ['us-east-1', 'search-internal', 'search', 'internal'], ['us-east-1', 'checkout-staging-alb', 'payments', 'internet-facing'], ['eu-west-1', 'legacy-web-alb-eu', 'web', 'internet-facing'], ['us-west-2', 'ml-inference-nlb', 'ml', 'internal'], ['ap-southeast-2', 'orders-edge-alb', 'commerce', 'internet-facing'], ['eu-central-1', 'ledger-reporting-alb', 'payments', 'internal']] as const) {
  const type = name.endsWith('nlb') ? 'network' : 'application';
  const lbArn = arn('elasticloadbalancing', region, `loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${hex(16)}`);
  const network = appNetworks.get(`${region}/prod`) ?? networks.get(region)!;
  add('AWS::ElasticLoadBalancingV2::LoadBalancer', region, lbArn, {
    LoadBalancerArn: lbArn, LoadBalancerName: name, Type: type, Scheme: scheme, IpAddressType: 'ipv4',
    DNSName: `${scheme === 'internal' ? 'internal-' : ''}${name}-${int(100_000_000, 999_999_999)}.${region}.elb.amazonaws.com`, CanonicalHostedZoneID: `Z${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 13)}`,
    SecurityGroups: type === 'network' ? [] : [network.groups[0]], Subnets: network.subnets.slice(0, 2), Tags: tags({ env: name.includes('staging') ? 'staging' : 'prod', team }),
  });
}

// ---------- secrets and keys ----------
for (const app of apps) {
  for (const env of app.envs.filter((e) => e !== 'dev')) {
    const region = app.regions[0]!;
    const name = `${env}/${app.name}/api-keys`;
    const id = arn('secretsmanager', region, `secret:${name}-${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 6)}`);
    add('AWS::SecretsManager::Secret', region, id, { Id: id, Name: name, Description: `${app.name} third-party API keys (${env})`, KmsKeyId: 'alias/aws/secretsmanager', Tags: tags({ env, team: app.team, app: app.name }) });
  }
}
for (const [region, description, team] of [['us-east-1', 'checkout card-data envelope key', 'payments'], ['us-east-1', 'analytics data lake key', 'data'], ['eu-west-1', 'checkout card-data envelope key (EU)', 'payments'], ['us-west-2', 'ml feature store key', 'ml'], ['eu-central-1', 'ledger archive key', 'payments'], ['ap-southeast-2', 'orders backups key', 'commerce']] as const) {
  kmsKey(region, description, { env: 'prod', team });
}

// ---------- write ----------
const types: Record<string, { global?: true; listable?: false; listRequires?: string[] }> = {};
for (const r of resources) types[r.typeName] ??= {};
for (const name of ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy', 'AWS::Route53::HostedZone', 'AWS::CloudFront::Distribution']) types[name] = { global: true };
types['AWS::EKS::Nodegroup'] = { listRequires: ['ClusterName'] };
// A real type whose schema has no list handler; reads work, lists do not.
types['AWS::ApiGateway::Account'] = { listable: false };
// Real types this account simply has none of: they list empty rather than "type not found".
for (const name of ['AWS::EC2::NatGateway', 'AWS::EC2::InternetGateway', 'AWS::EFS::FileSystem', 'AWS::Cognito::UserPool', 'AWS::Events::Rule', 'AWS::RDS::DBCluster', 'AWS::OpenSearchService::Domain']) types[name] ??= {};

const sortedTypes = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
const body = resources.map((r) => JSON.stringify(r)).join(',\n');
writeFileSync(shippedConfigPath('sandbox', 'resources.json'), `{\n"accountId": "${accountId}",\n"types": ${JSON.stringify(sortedTypes)},\n"resources": [\n${body}\n]\n}\n`);

// Every known sandbox account: default regions on, opt-in regions off; heidi's account opted in to Hong Kong.
const callers = (JSON.parse(readFileSync(shippedConfigPath('sandbox', 'callers.json'), 'utf8')) as { callers: { accountId: string }[] }).callers;
const optedIn: Record<string, string[]> = { '777788889999': ['ap-east-1'] };
const accounts = Object.fromEntries(
  [...new Set(callers.map((c) => c.accountId))].sort().map((id) => [id, Object.fromEntries(allRegions.map((r) => [r.code, !r.optIn ? 'ENABLED_BY_DEFAULT' : optedIn[id]?.includes(r.code) ? 'ENABLED' : 'DISABLED']))]),
);
writeFileSync(shippedConfigPath('sandbox', 'account-regions.json'), `${JSON.stringify({ accounts }, null, 2)}\n`);

const counts = new Map<string, number>();
for (const r of resources) counts.set(r.typeName, (counts.get(r.typeName) ?? 0) + 1);
console.log(`${resources.length} resources of ${counts.size} types`);
for (const [type, n] of [...counts].sort()) console.log(`  ${type.padEnd(44)} ${n}`);

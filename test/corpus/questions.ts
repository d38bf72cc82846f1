// The question corpus: what people ask (phrasings in the style of the Amazon Q Developer
// console's documented examples — "What were my top three highest-cost services in Q1?", "List
// my Lambda functions" — and our own variants), each with the plan it must give or the reply it
// must get. Today is 2026-11-22 (a Sunday) in us-east-1.

export type Expected = { plan: Record<string, unknown> } | { reply: 'read-only' | 'unsupported' | 'clarify' | 'out-of-range' };
export interface CorpusEntry {
  question: string;
  expected: Expected;
}

const entries: CorpusEntry[] = [];
const plan = (question: string, expected: Record<string, unknown>) => entries.push({ question, expected: { plan: expected } });
const reply = (question: string, reason: 'read-only' | 'unsupported' | 'clarify' | 'out-of-range') => entries.push({ question, expected: { reply: reason } });
const p = (start: string, end: string) => ({ start, end });

// ---------- Resources: nouns × verbs × regions ----------
const nouns: Array<[string, string]> = [
  ['lambda functions', 'AWS::Lambda::Function'],
  ['ec2 instances', 'AWS::EC2::Instance'],
  ['s3 buckets', 'AWS::S3::Bucket'],
  ['dynamodb tables', 'AWS::DynamoDB::Table'],
  ['security groups', 'AWS::EC2::SecurityGroup'],
  ['vpcs', 'AWS::EC2::VPC'],
  ['subnets', 'AWS::EC2::Subnet'],
  ['ebs volumes', 'AWS::EC2::Volume'],
  ['eks clusters', 'AWS::EKS::Cluster'],
  ['sqs queues', 'AWS::SQS::Queue'],
  ['sns topics', 'AWS::SNS::Topic'],
  ['iam roles', 'AWS::IAM::Role'],
  ['kms keys', 'AWS::KMS::Key'],
  ['cloudwatch alarms', 'AWS::CloudWatch::Alarm'],
  ['ecs clusters', 'AWS::ECS::Cluster'],
  ['log groups', 'AWS::Logs::LogGroup'],
];
const regionPhrases: Array<[string, unknown]> = [
  ['', ['us-east-1']],
  [' in Frankfurt', ['eu-central-1']],
  [' in all regions', 'all'],
  [' in us-west-2', ['us-west-2']],
  [' in Europe', { group: 'Europe' }],
];
for (const [noun, resourceType] of nouns) {
  for (const [where, regions] of regionPhrases) {
    plan(`how many ${noun}${where}`, { family: 'resources', intent: 'count', resourceType, regions });
    plan(`list my ${noun}${where}`, { family: 'resources', intent: 'list', resourceType, regions });
  }
  plan(`show me the ${noun}`, { intent: 'list', resourceType });
  plan(`count ${noun} in Tokyo`, { intent: 'count', resourceType, regions: ['ap-northeast-1'] });
}
// Docs-style phrasings.
plan('List my Lambda functions', { intent: 'list', resourceType: 'AWS::Lambda::Function' });
plan('How many EC2 instances do I have?', { intent: 'count', resourceType: 'AWS::EC2::Instance' });
plan('What EC2 instances are running in us-east-1?', { intent: 'list', resourceType: 'AWS::EC2::Instance', regions: ['us-east-1'], filters: { properties: [{ property: 'State.Name', value: 'running' }] } });
plan('Show me my S3 buckets', { intent: 'list', resourceType: 'AWS::S3::Bucket' });
plan('Which DynamoDB tables do I have in Ireland?', { intent: 'list', resourceType: 'AWS::DynamoDB::Table', regions: ['eu-west-1'] });
plan('list stopped instances', { intent: 'list', filters: { properties: [{ property: 'State.Name', value: 'stopped' }] } });
plan('buckets tagged env=prod', { intent: 'list', filters: { tags: [{ key: 'env', value: 'prod' }] } });
plan('instances tagged production', { intent: 'list', filters: { tags: [{ key: 'production', value: null, orValue: true }] } });
plan('functions with the tag key owner', { intent: 'list', filters: { tags: [{ key: 'owner', value: null }] } });
plan('tables with tag value staging', { intent: 'list', filters: { tags: [{ key: null, value: 'staging' }] } });
plan('lambda functions named renderer', { intent: 'list', filters: { name: { match: 'contains', value: 'renderer' } } });
plan('node groups in cluster prod', { intent: 'list', resourceType: 'AWS::EKS::Nodegroup', resourceModel: { ClusterName: 'prod' } });
plan('describe bucket my-bucket-123456', { intent: 'describe', identifier: 'my-bucket-123456' });
plan('describe instance i-0abc12345678def90', { intent: 'describe', identifier: 'i-0abc12345678def90' });
plan('top 5 lambda functions', { intent: 'list', limit: 5 });
plan('lambdas outside us-east-1', { intent: 'list', regions: { group: 'all regions except us-east-1' } });
plan('instances in APAC except Mumbai', { intent: 'list', regions: { group: 'Asia Pacific except ap-south-1' } });
plan('vpcs in North America', { intent: 'list', regions: { group: 'North America' } });
plan('lambda functions in Japan', { intent: 'list', regions: { group: 'Japan', codes: ['ap-northeast-1', 'ap-northeast-3'] } });
plan('what did I spend in Japan last month', { intent: 'cost-total', regions: { group: 'Japan', codes: ['ap-northeast-1', 'ap-northeast-3'] } });
plan('how many instances in Osaka', { intent: 'count', regions: ['ap-northeast-3'] });

// ---------- Filters: qualifiers on the resource model, names, tags, parents ----------
const where = (property: string, op: string, value: string) => ({ filters: { properties: [{ property, op, value }] } });
plan('lambda functions running python', { resourceType: 'AWS::Lambda::Function', ...where('Runtime', 'prefix', 'python') });
plan('which of my lambdas use python 3.12', { resourceType: 'AWS::Lambda::Function', ...where('Runtime', 'is', 'python3.12') });
plan('how many node.js functions in all regions', { intent: 'count', regions: 'all', ...where('Runtime', 'prefix', 'nodejs') });
plan('functions on node 20', where('Runtime', 'is', 'nodejs20.x'));
plan('java lambdas in Ireland', { regions: ['eu-west-1'], ...where('Runtime', 'prefix', 'java') });
plan('arm64 lambda functions', where('Architectures', 'is', 'arm64'));
plan('lambda functions with more than 512 MB of memory', where('MemorySize', 'above', '512'));
plan('stopped EC2 instances', { resourceType: 'AWS::EC2::Instance', ...where('State.Name', 'is', 'stopped') });
plan('how many instances are running in all regions', { intent: 'count', ...where('State.Name', 'is', 'running') });
plan('t3 instances', { resourceType: 'AWS::EC2::Instance', ...where('InstanceType', 'prefix', 't3.') });
plan('list m5.large instances in us-east-1', where('InstanceType', 'is', 'm5.large'));
plan('instances in vpc vpc-0a1b2c3d4e5f60718', where('VpcId', 'is', 'vpc-0a1b2c3d4e5f60718'));
plan('postgres databases', { resourceType: 'AWS::RDS::DBInstance', ...where('Engine', 'contains', 'postgres') });
plan('how many mysql rds instances', { intent: 'count', ...where('Engine', 'contains', 'mysql') });
plan('db.t3.medium databases', where('DBInstanceClass', 'is', 'db.t3.medium'));
plan('gp2 volumes', { resourceType: 'AWS::EC2::Volume', ...where('VolumeType', 'is', 'gp2') });
plan('ebs volumes larger than 100 GB', where('Size', 'above', '100'));
plan('unencrypted volumes in Europe', { regions: { group: 'Europe' }, ...where('Encrypted', 'false', 'false') });
plan('fifo queues', { resourceType: 'AWS::SQS::Queue', ...where('FifoQueue', 'true', 'true') });
plan('on-demand dynamodb tables', where('BillingMode', 'is', 'PAY_PER_REQUEST'));
plan('valkey serverless caches', { resourceType: 'AWS::ElastiCache::ServerlessCache', ...where('Engine', 'is', 'valkey') });
plan('spot node groups in cluster prod', { resourceModel: { ClusterName: 'prod' }, ...where('CapacityType', 'is', 'SPOT') });
plan('services in the payments cluster', { resourceType: 'AWS::ECS::Service', ...where('Cluster', 'named', 'payments') });
plan('ecs services in cluster prod-services', { resourceType: 'AWS::ECS::Service', ...where('Cluster', 'named', 'prod-services') });
plan('subnets in vpc vpc-0a1b2c3d4e5f60718', { resourceType: 'AWS::EC2::Subnet', ...where('VpcId', 'is', 'vpc-0a1b2c3d4e5f60718') });
plan('network load balancers', where('Type', 'is', 'network'));
plan('disabled kms keys', where('Enabled', 'false', 'false'));
plan('buckets with logs in the name', { resourceType: 'AWS::S3::Bucket', filters: { name: { match: 'contains', value: 'logs' } } });
plan('functions starting with orders', { filters: { name: { match: 'prefix', value: 'orders' } } });
plan('queues ending in -dlq', { filters: { name: { match: 'suffix', value: '-dlq' } } });
plan('instances with tag key team', { filters: { tags: [{ key: 'team', value: null }] } });
plan('lambda functions with tag value payments', { filters: { tags: [{ key: null, value: 'payments' }] } });
plan('volumes with an owner tag', { filters: { tags: [{ key: 'owner', value: null }] } });
plan('running t3 instances tagged env=prod', { filters: { tags: [{ key: 'env', value: 'prod' }], properties: [{ property: 'State.Name', value: 'running' }, { property: 'InstanceType', value: 't3.' }] } });
plan('running buckets', { resourceType: 'AWS::S3::Bucket', ignored: ['running'], filters: { properties: [] } });

// ---------- Costs ----------
const periods: Array<[string, ReturnType<typeof p>, string]> = [
  ['last month', p('2026-10-01', '2026-11-01'), 'last month'],
  ['this month', p('2026-11-01', '2026-11-23'), 'this month'],
  ['in October', p('2026-10-01', '2026-11-01'), 'October 2026'],
  ['last quarter', p('2026-07-01', '2026-10-01'), 'last quarter'],
  ['year to date', p('2026-01-01', '2026-11-23'), 'year to date'],
  ['quarter to date', p('2026-10-01', '2026-11-23'), 'quarter to date'],
  ['last week', p('2026-11-09', '2026-11-16'), 'last week'],
  ['in H1', p('2026-01-01', '2026-07-01'), 'H1 2026'],
  ['in Q3', p('2026-07-01', '2026-10-01'), 'Q3 2026'],
  ['yesterday', p('2026-11-21', '2026-11-22'), 'yesterday'],
  ['the first half of October', p('2026-10-01', '2026-10-16'), 'the first half of October 2026'],
  ['the last 3 full weeks', p('2026-10-26', '2026-11-16'), 'the last 3 full weeks'],
  ['3 months back', p('2026-08-01', '2026-09-01'), 'August 2026'],
  ['the week of Nov 2', p('2026-11-02', '2026-11-09'), 'the week of 2026-11-02'],
];
const ec2 = { name: 'EC2', values: ['Amazon Elastic Compute Cloud - Compute'] };
for (const [words, period, periodLabel] of periods) {
  plan(`what did I spend ${words}`, { family: 'costs', intent: 'cost-total', period, periodLabel, metric: 'UnblendedCost' });
  plan(`what did I spend on EC2 ${words}`, { intent: 'cost-total', period, service: ec2 });
  plan(`cost by service ${words}`, { intent: 'cost-by-service', groupBy: 'SERVICE', period });
  plan(`cost by region ${words}`, { intent: 'cost-by-region', groupBy: 'REGION', period });
  plan(`top 3 services ${words}`, { intent: 'cost-by-service', limit: 3, period });
  plan(`amortized cost ${words}`, { intent: 'cost-total', metric: 'AmortizedCost', period });
}
plan('What were my top three highest-cost services in Q1?', { intent: 'cost-by-service', limit: 3, period: p('2026-01-01', '2026-04-01') });
plan('What were my EC2 costs last month?', { intent: 'cost-total', service: ec2 });
plan('How much did I spend on Lambda this year?', { intent: 'cost-total', service: { values: ['AWS Lambda'] }, period: p('2026-01-01', '2026-11-23') });
plan('What was my AWS bill for March?', { intent: 'cost-total', period: p('2026-03-01', '2026-04-01') });
plan('Which region had the highest costs last month?', { intent: 'cost-by-region' });
plan('What is my forecasted cost for next month?', { family: 'forecast', period: p('2026-12-01', '2027-01-01') });
plan('forecast for the rest of this month', { family: 'forecast', period: p('2026-11-22', '2026-12-01') });
plan('forecast for EC2 next month', { family: 'forecast', service: ec2 });
plan('what will this month end at', { family: 'forecast', period: p('2026-11-22', '2026-12-01') });
plan('month-end estimate for EC2', { family: 'forecast', service: ec2, period: p('2026-11-22', '2026-12-01') });
plan('how did the month end in October', { intent: 'cost-total', period: p('2026-10-01', '2026-11-01') });
plan('daily cost trend for the last 30 days', { intent: 'cost-trend', granularity: 'DAILY', period: p('2026-10-23', '2026-11-22') });
plan('monthly cost for the last 6 months', { intent: 'cost-trend', granularity: 'MONTHLY', period: p('2026-05-01', '2026-11-01') });
plan('weekly cost for the last 8 weeks', { intent: 'cost-trend', granularity: 'DAILY', bucket: 'week', period: p('2026-09-28', '2026-11-23') });
plan('show my spend per week this month', { intent: 'cost-trend', bucket: 'week', period: p('2026-11-01', '2026-11-23') });
plan('week over week EC2 cost', { intent: 'cost-trend', bucket: 'week', service: ec2, periodLabel: 'the last 8 weeks' });
plan('what is my biggest cost', { intent: 'cost-by-service', limit: 1 });
plan('which services grew most last month', { family: 'compare', order: 'growth', period: p('2026-09-01', '2026-10-01') });
plan('which services grew the most between September and October', { family: 'compare', order: 'growth', period: p('2026-09-01', '2026-10-01'), comparePeriod: p('2026-10-01', '2026-11-01') });
plan('what grew most from Q2 to Q3', { family: 'compare', order: 'growth', period: p('2026-04-01', '2026-07-01'), comparePeriod: p('2026-07-01', '2026-10-01') });
plan('which regions grew most last month', { family: 'compare', order: 'growth', groupBy: 'REGION', comparePeriod: p('2026-10-01', '2026-11-01') });
plan('compare regions this month vs last month', { family: 'compare', order: 'change', groupBy: 'REGION' });
plan('top 3 fastest growing services', { family: 'compare', order: 'growth', limit: 3 });
plan('this month vs last month', { family: 'compare', period: p('2026-10-01', '2026-10-23'), comparePeriod: p('2026-11-01', '2026-11-23') });
// November is still running: it is set against the same days of October.
plan('compare October and November', { family: 'compare', period: p('2026-10-01', '2026-10-23'), comparePeriod: p('2026-11-01', '2026-11-23') });
plan('compare November with October', { family: 'compare', period: p('2026-10-01', '2026-10-23') });
plan('compare September and October', { family: 'compare', period: p('2026-09-01', '2026-10-01'), comparePeriod: p('2026-10-01', '2026-11-01') });
plan('Q2 vs Q3', { family: 'compare', period: p('2026-04-01', '2026-07-01'), comparePeriod: p('2026-07-01', '2026-10-01') });
plan('last week versus this week', { family: 'compare', period: p('2026-11-09', '2026-11-16') });
plan('ec2 spend in eu-west-1 last month', { intent: 'cost-total', regions: ['eu-west-1'], service: { values: ec2.values } });
plan('cost in Europe last month', { intent: 'cost-total', regions: { group: 'Europe' } });
plan('net unblended cost by service this month', { intent: 'cost-by-service', metric: 'NetUnblendedCost' });
plan('blended cost last month', { metric: 'BlendedCost' });
plan('help', { family: 'help' });
plan('what can you do?', { family: 'help' });

// ---------- Views, regions and states fixed after trying the phrasings ----------
plan('what did I spend last month by service as a table', { intent: 'cost-by-service', service: null, view: 'table' });
plan('monthly cost this year as a chart', { intent: 'cost-trend', view: 'chart' });
plan('graph of daily cost for the last 30 days', { intent: 'cost-trend', granularity: 'DAILY', view: 'chart' });
plan('cost by region last month as a chart and a table', { intent: 'cost-by-region', view: 'both' });
plan('how many eks clusters', { intent: 'count', resourceType: 'AWS::EKS::Cluster', regions: ['us-east-1'], defaultRegion: true });
plan('lambda functions in eu-west-1 except Frankfurt', { resourceType: 'AWS::Lambda::Function', regions: { group: 'eu-west-1 except eu-central-1', codes: ['eu-west-1'] } });
plan('lambdas in us-east-2 and Europe', { resourceType: 'AWS::Lambda::Function', regions: { group: 'us-east-2 and Europe' } });
plan('kms key aliases', { intent: 'list', resourceType: 'AWS::KMS::Alias' });
plan('alarms in alarm state', { intent: 'list', resourceType: 'AWS::CloudWatch::Alarm', ignored: ['in alarm state'] });
plan('unattached volumes', { intent: 'list', resourceType: 'AWS::EC2::Volume', ignored: ['unattached'] });
plan('which instances are the biggest', { intent: 'list', resourceType: 'AWS::EC2::Instance', ignored: ['biggest'] });
plan('list the oldest lambda functions', { intent: 'list', resourceType: 'AWS::Lambda::Function', ignored: ['oldest'] });
plan('lambda functions by runtime', { intent: 'list', resourceType: 'AWS::Lambda::Function', ignored: ['by runtime'] });
plan('stopped databases', { resourceType: 'AWS::RDS::DBInstance', filters: { properties: [{ property: 'DBInstanceStatus', value: 'stopped' }] } });
plan('list buckets in eu-west-1', { resourceType: 'AWS::S3::Bucket', regions: ['eu-west-1'] });

// ---------- Rankings, year-earlier comparisons and ranges the previous session saw wrong ----------
plan('largest expense this month', { intent: 'cost-by-service', limit: 1, period: p('2026-11-01', '2026-11-23') });
plan('the service that costs the most this month', { intent: 'cost-by-service', limit: 1 });
plan('which aws service costs the most last month', { intent: 'cost-by-service', limit: 1, period: p('2026-10-01', '2026-11-01') });
plan('this month vs year before', { family: 'compare', period: p('2025-11-01', '2025-11-23'), comparePeriod: p('2026-11-01', '2026-11-23') });
plan('this month vs the same month last year', { family: 'compare', period: p('2025-11-01', '2025-11-23'), comparePeriod: p('2026-11-01', '2026-11-23') });
plan('compare march vs may costs', { family: 'compare', period: p('2026-03-01', '2026-04-01'), comparePeriod: p('2026-05-01', '2026-06-01') });
plan('what did I spend from march to the end of may', { intent: 'cost-total', period: p('2026-03-01', '2026-06-01'), periodLabel: 'March 2026 to May 2026' });
reply('cost from Q1 to January 2026', 'out-of-range');
plan('the 3 most expensive services in september', { intent: 'cost-by-service', limit: 3, period: p('2026-09-01', '2026-10-01') });
plan('three priciest services last month', { intent: 'cost-by-service', limit: 3 });
plan('cheapest region last month', { intent: 'cost-by-region', groupBy: 'REGION' });

// ---------- Thresholds, the cheapest first, words the cost planner cannot apply ----------
plan('which services cost more than $100 last month', { intent: 'cost-by-service', threshold: { op: 'above', amount: 100 } });
plan('services over $1,000 this month', { intent: 'cost-by-service', threshold: { op: 'above', amount: 1000 } });
plan('regions that spent under $50 this month', { intent: 'cost-by-region', threshold: { op: 'below', amount: 50 } });
plan('did I spend more than $40,000 last month', { intent: 'cost-total', threshold: { op: 'above', amount: 40000 } });
plan('the 3 cheapest services last month', { intent: 'cost-by-service', order: 'ascending', limit: 3 });
plan('which region costs the least this month', { intent: 'cost-by-region', order: 'ascending', limit: 1 });
plan('the 3 least expensive services in October', { intent: 'cost-by-service', order: 'ascending', limit: 3, period: p('2026-10-01', '2026-11-01') });
plan('t3 spend last month', { intent: 'cost-total', ignored: ['t3'] });
plan('spot instance costs this month', { intent: 'cost-total', ignored: ['spot'], service: { values: ['Amazon Elastic Compute Cloud - Compute'] } });
plan('what did prod cost last month', { intent: 'cost-total', ignored: ['prod'] });
reply('the priciest lambda functions last month', 'unsupported');
reply('cost per instance this month', 'unsupported');
reply('which bucket costs the most', 'unsupported');
reply('costs by account', 'unsupported');
reply('show EC2 spend by usage type', 'unsupported');
reply('spend by AZ last month', 'unsupported');
reply('dynamodb tables by cost', 'unsupported');

// ---------- Must be refused or clarified ----------
const changes = ['terminate', 'stop', 'start', 'delete', 'create', 'resize', 'tag', 'reboot', 'modify', 'scale up'];
const targets = ['my idle instances', 'the old buckets', 'all lambda functions', 'my rds databases', 'the dynamodb tables', 'my eks clusters'];
for (const [i, verb] of changes.entries()) for (const target of targets.slice(0, i % 2 === 0 ? 6 : 3)) reply(`${verb} ${target}`, 'read-only');
for (const question of ['please delete my unused volumes', 'can you stop i-0abc12345678def90', 'how do I create a vpc', 'buy a savings plan', 'I want to purchase reserved instances', 'upgrade my rds instance class', 'move my buckets to eu-west-1', 'detach the volume', 'rotate the kms keys', 'cancel my subscription']) reply(question, 'read-only');
for (const question of [
  'why did my bill go up',
  'why did it go up last month',
  'why is my AWS bill so high this month',
  'any cost anomalies last week',
  'unusual spend spikes',
  'cost per team last month',
  'spend by project',
  'cost for each department',
  'what does an m7g.large cost per hour in Ohio',
  'how much does an m5.large cost',
  'price of s3 storage per gb',
  'savings plans recommendations',
  'reserved instance coverage',
  'rightsizing recommendations for ec2',
  'how can I reduce my bill',
  'how do I save money on lambda',
  'optimize my costs',
]) reply(question, 'unsupported');
for (const question of ['since Cyber Monday', 'what did I spend over Black Friday', 'cost at Christmas', 'cost in fiscal year 2026', 'spend FY26', 'spend this fiscal quarter', 'cost since thanksgiving', 'list widgets', 'eu-west-9 lambdas', 'node groups', 'compare ec2 and s3 last month', 'resources tagged env=prod', 'what is tagged production', 'list everything tagged team=payments in eu-west-1', "what's running in eu-west-1", 'anything in Japan?']) reply(question, 'clarify');
for (const question of ['what did I spend in March 2024', 'forecast for last month', 'what did I spend next month']) reply(question, 'out-of-range');

export const corpus: readonly CorpusEntry[] = entries;

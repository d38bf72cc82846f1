// The question planner, phrasing by phrasing: what people type (typos, capitals, missing words
// included) and the plan each one must give. Every table runs with now = 2026-11-22T10:00:00Z
// (a Sunday) in us-east-1: "today" is 2026-11-22, Cost Explorer's history starts 2025-11-01, a
// question about spend so far ends tomorrow (2026-11-23, end dates are exclusive) and forecasts
// reach 2027-11-22.
import { describe, expect, it } from 'vitest';
import type { ListFilters, Plan, RegionScope } from '../source/understanding/plan.js';
import { examplePhrasings, planQuestion } from '../source/understanding/planner.js';
import { period, plan, plannerContext as context, replyTo } from './helpers/plans.js';

const noFilters = { tags: [], name: null, properties: [] };
const ec2State = (name: string) => ({ properties: [{ property: 'State.Name', op: 'is' as const, value: name, label: `in state ${name}` }] });
const contains = (value: string) => ({ name: { match: 'contains' as const, value } });
const ec2 = ['Amazon Elastic Compute Cloud - Compute'];

describe('the examples from the issue', () => {
  it('counts lambda functions in all regions', () => {
    expect(plan('how many lambda functions do I have in all regions')).toMatchObject({
      intent: 'count',
      resourceType: 'AWS::Lambda::Function',
      regions: 'all',
      filters: noFilters,
    });
  });

  it('totals what was spent on EC2 last month', () => {
    expect(plan('what did I spend on EC2 last month')).toMatchObject({
      intent: 'cost-total',
      service: { values: ec2 },
      regions: 'all',
      period: period('2026-10-01', '2026-11-01'),
      periodLabel: 'last month',
      granularity: 'MONTHLY',
    });
  });

  it('plans every phrasing it offers as an example', () => {
    for (const phrasing of examplePhrasings) expect(planQuestion(phrasing, context).kind, phrasing).toBe('plan');
  });
});

describe('count', () => {
  it.each<[string, string, RegionScope]>([
    ['how many lambda functions do I have', 'AWS::Lambda::Function', ['us-east-1']],
    ['How many S3 buckets are there?', 'AWS::S3::Bucket', ['us-east-1']],
    ['HOW MANY EC2 INSTANCES', 'AWS::EC2::Instance', ['us-east-1']],
    ['count vpcs in us-west-2', 'AWS::EC2::VPC', ['us-west-2']],
    ['count my dynamodb tables in Ireland', 'AWS::DynamoDB::Table', ['eu-west-1']],
    ['number of security groups in eu-central-1', 'AWS::EC2::SecurityGroup', ['eu-central-1']],
    ['total number of subnets everywhere', 'AWS::EC2::Subnet', 'all'],
    ['how many sqs queues in every region', 'AWS::SQS::Queue', 'all'],
    ['how many iam roles', 'AWS::IAM::Role', ['us-east-1']],
    ['how many AWS::EC2::Volume in ireland', 'AWS::EC2::Volume', ['eu-west-1']],
    ['aws::dynamodb::table count', 'AWS::DynamoDB::Table', ['us-east-1']],
    ['how many lambdas per region', 'AWS::Lambda::Function', 'all'],
    ['how many lambda functions in each region', 'AWS::Lambda::Function', 'all'],
    ['how many kms keys in Tokyo and Sydney', 'AWS::KMS::Key', ['ap-northeast-1', 'ap-southeast-2']],
    ['how many running instances in all regions', 'AWS::EC2::Instance', 'all'],
  ])('%s', (question, resourceType, regions) => {
    expect(plan(question)).toMatchObject({ intent: 'count', resourceType, regions });
  });
});

describe('list', () => {
  it.each<[string, string, RegionScope]>([
    ['list lambda functions', 'AWS::Lambda::Function', ['us-east-1']],
    ['show me my s3 buckets', 'AWS::S3::Bucket', ['us-east-1']],
    ['buckets?', 'AWS::S3::Bucket', ['us-east-1']],
    ['lambdas everywhere', 'AWS::Lambda::Function', 'all'],
    ['ec2 instances in all my regions', 'AWS::EC2::Instance', 'all'],
    ['vpcs across regions', 'AWS::EC2::VPC', 'all'],
    ['list ec2 instances in eu-central-1 and us-west-2', 'AWS::EC2::Instance', ['eu-central-1', 'us-west-2']],
    ['dynamodb tables in us-west-2', 'AWS::DynamoDB::Table', ['us-west-2']],
    ['eks clusters', 'AWS::EKS::Cluster', ['us-east-1']],
    ['show me rds databases', 'AWS::RDS::DBInstance', ['us-east-1']],
    ['AWS::S3::Bucket', 'AWS::S3::Bucket', ['us-east-1']],
    ['list AWS::Lambda::Function in all regions', 'AWS::Lambda::Function', 'all'],
    ['AWS::EC2::Instance in Oregon', 'AWS::EC2::Instance', ['us-west-2']],
    ['list all of my vpcs', 'AWS::EC2::VPC', ['us-east-1']],
    ['list lambda funcs', 'AWS::Lambda::Function', ['us-east-1']],
    ['dedicated hosts', 'AWS::EC2::Host', ['us-east-1']],
    ['lambda functions by region', 'AWS::Lambda::Function', 'all'],
  ])('%s', (question, resourceType, regions) => {
    expect(plan(question)).toMatchObject({ intent: 'list', resourceType, regions });
  });

  it.each<[string, string, Partial<ListFilters>]>([
    ['list running ec2 instances in Frankfurt', 'AWS::EC2::Instance', ec2State('running')],
    ['stopped instances', 'AWS::EC2::Instance', ec2State('stopped')],
    ['show s3 buckets tagged env=prod', 'AWS::S3::Bucket', { tags: [{ key: 'env', value: 'prod' }] }],
    ['instances tagged env = prod', 'AWS::EC2::Instance', { tags: [{ key: 'env', value: 'prod' }] }],
    ['instances with tag Name=web', 'AWS::EC2::Instance', { tags: [{ key: 'Name', value: 'web' }] }],
    ['buckets tagged team', 'AWS::S3::Bucket', { tags: [{ key: 'team', value: null, orValue: true }] }],
    ['buckets with tag team', 'AWS::S3::Bucket', { tags: [{ key: 'team', value: null }] }],
    ['lambdas tagged with team:payments', 'AWS::Lambda::Function', { tags: [{ key: 'team', value: 'payments' }] }],
    ['functions with env=dev', 'AWS::Lambda::Function', { tags: [{ key: 'env', value: 'dev' }] }],
    ['functions whose name contains api', 'AWS::Lambda::Function', contains('api')],
    ['lambda functions named orders', 'AWS::Lambda::Function', contains('orders')],
    ['lambda functions containing orders', 'AWS::Lambda::Function', contains('orders')],
    ["buckets named 'logs'", 'AWS::S3::Bucket', contains('logs')],
    ['list instances with name containing web', 'AWS::EC2::Instance', contains('web')],
    ['running instances tagged env=prod in frankfurt', 'AWS::EC2::Instance', { tags: [{ key: 'env', value: 'prod' }], ...ec2State('running') }],
    ['buckets with logs in the name', 'AWS::S3::Bucket', contains('logs')],
    ['functions starting with order', 'AWS::Lambda::Function', { name: { match: 'prefix', value: 'order' } }],
    ['queues whose names end with -dlq', 'AWS::SQS::Queue', { name: { match: 'suffix', value: '-dlq' } }],
    ['functions with tag value prod', 'AWS::Lambda::Function', { tags: [{ key: null, value: 'prod' }] }],
    ['instances with the tag key team', 'AWS::EC2::Instance', { tags: [{ key: 'team', value: null }] }],
    ['buckets with an owner tag', 'AWS::S3::Bucket', { tags: [{ key: 'owner', value: null }] }],
    ['functions where tag env is prod', 'AWS::Lambda::Function', { tags: [{ key: 'env', value: 'prod' }] }],
  ])('%s', (question, resourceType, filters) => {
    const planned = plan(question);
    expect(planned).toMatchObject({ intent: 'list', resourceType });
    expect(planned.filters).toEqual({ ...noFilters, ...filters });
  });

  it.each<[string, string[]]>([
    // The word before the noun that qualifies it and that no filter reads is named, so the answer can say it was ignored.
    ['list my idle instances', ['idle']],
    ['idle instances', ['idle']],
    ['list old buckets tagged env=prod', ['old']],
    ['how many unattached volumes', ['unattached']],
    ['list running buckets', ['running']],
    ['how many running instances', []],
    ['list my instances', []],
    ['show me s3 buckets', []],
  ])('%s ignores %j', (question, ignored) => {
    expect(plan(question)).toMatchObject({ intent: expect.stringMatching(/^(?:list|count)$/), ignored });
  });

  it.each<[string, number]>([
    ['first 10 buckets', 10],
    ['top 3 lambdas', 3],
    ['show the first five vpcs', 5],
  ])('%s keeps %i rows', (question, limit) => {
    expect(plan(question)).toMatchObject({ intent: 'list', limit });
  });
});

describe('describe one resource', () => {
  it.each<[string, string, string, RegionScope?]>([
    ['describe bucket my-bucket-123456', 'AWS::S3::Bucket', 'my-bucket-123456'],
    ['show function orders-api', 'AWS::Lambda::Function', 'orders-api'],
    ["details of function 'orders-api'", 'AWS::Lambda::Function', 'orders-api'],
    ['details of bucket logs-archive', 'AWS::S3::Bucket', 'logs-archive'],
    ['bucket details for logs-archive', 'AWS::S3::Bucket', 'logs-archive'],
    ['tell me about function billing-api', 'AWS::Lambda::Function', 'billing-api'],
    ['show me the lambda function payments', 'AWS::Lambda::Function', 'payments'],
    ['get bucket my-bucket', 'AWS::S3::Bucket', 'my-bucket'],
    ['the bucket logs-archive', 'AWS::S3::Bucket', 'logs-archive'],
    ["what's in bucket 'logs'", 'AWS::S3::Bucket', 'logs'],
    ['describe instance i-0123456789abcdef0', 'AWS::EC2::Instance', 'i-0123456789abcdef0'],
    ['what is instance i-0abc12345678', 'AWS::EC2::Instance', 'i-0abc12345678'],
    ['instance i-0123456789abcdef0 in frankfurt', 'AWS::EC2::Instance', 'i-0123456789abcdef0', ['eu-central-1']],
    ['describe vpc vpc-0a1b2c3d4e5f67890 in eu-west-1', 'AWS::EC2::VPC', 'vpc-0a1b2c3d4e5f67890', ['eu-west-1']],
    ['describe the function named orders-api', 'AWS::Lambda::Function', 'orders-api'],
    ['describe lambda function arn:aws:lambda:eu-west-1:123456789012:function:orders', 'AWS::Lambda::Function', 'arn:aws:lambda:eu-west-1:123456789012:function:orders', ['eu-west-1']],
    ['AWS::S3::Bucket my-bucket-123456', 'AWS::S3::Bucket', 'my-bucket-123456'],
  ])('%s', (question, resourceType, identifier, regions = ['us-east-1']) => {
    expect(plan(question)).toMatchObject({ intent: 'describe', resourceType, identifier, regions });
  });

  it.each([
    ['list lambda functions', 'a plural noun with nothing after it'],
    ['show bucket', 'a singular noun with no name after it'],
    ['describe lambda functions', 'a describe verb without a name'],
    ['buckets in eu-west-1', 'a region after the noun'],
    ['instances tagged env=prod', 'a filter after the noun'],
  ])('%s is a list (%s)', (question) => {
    expect(plan(question)).toMatchObject({ intent: 'list' });
  });
});

describe('types that need a parent', () => {
  it.each<[string, Plan['intent'], Record<string, string>, string | null]>([
    ['node groups in cluster prod', 'list', { ClusterName: 'prod' }, null],
    ['nodegroups of the prod cluster', 'list', { ClusterName: 'prod' }, null],
    ['node groups for cluster prod in frankfurt', 'list', { ClusterName: 'prod' }, null],
    ['how many nodegroups in cluster prod', 'count', { ClusterName: 'prod' }, null],
    ['describe nodegroup ng-1 in cluster prod', 'describe', { ClusterName: 'prod' }, 'ng-1'],
    ['eks addon vpc-cni in cluster prod', 'describe', { ClusterName: 'prod' }, 'prod|vpc-cni'],
  ])('%s', (question, intent, resourceModel, identifier) => {
    expect(plan(question)).toMatchObject({ intent, resourceModel, ...(identifier ? { identifier } : {}) });
  });

  it.each([
    ['node groups', /Which cluster \(ClusterName\)\?/],
    ['how many fargate profiles', /Which cluster/],
    ['list lambda aliases', /Which function \(FunctionName\)\?/],
  ])('%s asks for the parent', (question, message) => {
    const answer = replyTo(question);
    expect(answer).toMatchObject({ reason: 'clarify' });
    expect(answer.message).toMatch(message);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe('resource nouns it does not know', () => {
  it.each<[string, RegExp, string]>([
    ['list widgets', /^I don't know the resource type "widgets"\. Did you mean /, 'list budgets'],
    ['list AWS::EC2::Instanse', /^There is no resource type AWS::EC2::Instanse\. Did you mean "AWS::EC2::Instance"/, 'list AWS::EC2::Instance'],
  ])('%s says "did you mean"', (question, message, suggestion) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('clarify');
    expect(answer.message).toMatch(message);
    expect(answer.suggestions).toContain(suggestion);
  });

  it('reads a plain word after the noun that is one slip from another noun as a misspelling, not a name', () => {
    expect(replyTo('cloudfront distros')).toEqual({ kind: 'reply', reason: 'clarify', message: 'I don\'t know what "distros" means here. Did you mean "distributions", "disks"?', suggestions: ['list distributions', 'list disks'] });
  });

  it('names a noun with nothing close, and offers supported phrasings', () => {
    const answer = replyTo('how many gizmos in frankfurt');
    expect(answer.reason).toBe('unsupported');
    expect(answer.message).toMatch(/^I don't know the resource type "gizmos"\. Name it as people do/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('answers an unknown AWS:: type name with supported phrasings', () => {
    const answer = replyTo('list AWS::Foo::Bar');
    expect(answer.message).toBe('There is no resource type AWS::Foo::Bar.');
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('asks which type an ambiguous noun means', () => {
    const answer = replyTo('list clusters');
    expect(answer.reason).toBe('clarify');
    expect(answer.suggestions).toEqual(expect.arrayContaining(['list AWS::EKS::Cluster', 'list AWS::ECS::Cluster']));
  });
});

describe('regions', () => {
  it.each<[string, RegionScope]>([
    ['list vpcs', ['us-east-1']],
    ['list vpcs in eu-west-1', ['eu-west-1']],
    ['list vpcs in EU-WEST-1', ['eu-west-1']],
    ['list vpcs in ap-southeast-2', ['ap-southeast-2']],
    ['list vpcs in Frankfurt', ['eu-central-1']],
    ['list vpcs in frankfurt', ['eu-central-1']],
    ['list vpcs in N. Virginia', ['us-east-1']],
    ['list vpcs in n virginia', ['us-east-1']],
    ['list vpcs in Northern Virginia', ['us-east-1']],
    ['list vpcs in US East', ['us-east-1']],
    ['list vpcs in US East (Ohio)', ['us-east-2']],
    ['list vpcs in Ireland', ['eu-west-1']],
    ['list vpcs in Tokyo', ['ap-northeast-1']],
    ['list vpcs in sao paulo', ['sa-east-1']],
    ['list vpcs in São Paulo', ['sa-east-1']],
    ['list vpcs in Ireland and Tokyo', ['eu-west-1', 'ap-northeast-1']],
    ['list vpcs in london, paris and eu-north-1', ['eu-west-2', 'eu-west-3', 'eu-north-1']],
    ['list vpcs in all regions', 'all'],
    ['list vpcs in every region', 'all'],
    ['list vpcs in all enabled regions', 'all'],
    ['list vpcs everywhere', 'all'],
    ['list vpcs across regions', 'all'],
    ['list vpcs across all regions', 'all'],
    ['list vpcs globally', 'all'],
    ['list vpcs in any region', 'all'],
    ['show instances in eu-west-1a', ['eu-west-1']],
  ])('%s', (question, regions) => {
    expect(plan(question).regions).toEqual(regions);
  });

  it.each<[string, RegionScope]>([
    ['what did I spend last month', 'all'],
    ['what did I spend in eu-west-1 last month', ['eu-west-1']],
    ['how much did I spend in Frankfurt last month', ['eu-central-1']],
    ['cost in virginia and ohio', ['us-east-1', 'us-east-2']],
    ['what did I spend in all regions last month', 'all'],
  ])('cost: %s', (question, regions) => {
    expect(plan(question).regions).toEqual(regions);
  });

  it.each([
    ['lambdas in eu-west-9', /^eu-west-9 is not an AWS region\. Did you mean eu-west-1 or eu-west-2\?$/, 'lambdas in eu-west-1'],
    ['what did I spend in ap-south-7 last month', /^ap-south-7 is not an AWS region/, 'what did I spend in ap-south-1 last month'],
    ['cost in us-gov-west-1 last month', /^us-gov-west-1 is not an AWS region/, 'cost in us-east-1 last month'],
  ])('%s asks about a region AWS does not have', (question, message, suggestion) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('clarify');
    expect(answer.message).toMatch(message);
    expect(answer.suggestions).toContain(suggestion);
  });
});

describe('cost-total and the ways people name a period', () => {
  it.each<[string, string, string, string]>([
    ['what did I spend last month', '2026-10-01', '2026-11-01', 'last month'],
    ['how much did I spend this month', '2026-11-01', '2026-11-23', 'this month'],
    ['what have I spent so far this month', '2026-11-01', '2026-11-23', 'month to date'],
    ['what was my bill last month', '2026-10-01', '2026-11-01', 'last month'],
    ['my bill for the previous month', '2026-10-01', '2026-11-01', 'last month'],
    ['how much did we spend in march', '2026-03-01', '2026-04-01', 'March 2026'],
    ['cost in March 2026', '2026-03-01', '2026-04-01', 'March 2026'],
    ['cost in December', '2025-12-01', '2026-01-01', 'December 2025'],
    ['cost in 2026-10', '2026-10-01', '2026-11-01', 'October 2026'],
    ['spend in november 2025', '2025-11-01', '2025-12-01', 'November 2025'],
    ['what did I spend in may', '2026-05-01', '2026-06-01', 'May 2026'],
    ['cost last 7 days', '2026-11-15', '2026-11-22', 'last 7 days'],
    ['cost over the past 90 days', '2026-08-24', '2026-11-22', 'last 90 days'],
    ['cost last 2 weeks', '2026-11-08', '2026-11-22', 'last 14 days'],
    ['cost last 3 months', '2026-08-01', '2026-11-01', 'last 3 months'],
    ['cost for the last twelve months', '2025-11-01', '2026-11-01', 'last 12 months'],
    ['cost yesterday', '2026-11-21', '2026-11-22', 'yesterday'],
    ['cost today', '2026-11-22', '2026-11-23', 'today'],
    ['cost last week', '2026-11-09', '2026-11-16', 'last week'],
    ['cost this week', '2026-11-16', '2026-11-23', 'this week'],
    ['cost Q1', '2026-01-01', '2026-04-01', 'Q1 2026'],
    ['total cost for Q2', '2026-04-01', '2026-07-01', 'Q2 2026'],
    ['spend for Q3 2026', '2026-07-01', '2026-10-01', 'Q3 2026'],
    ['what did i spend in q4', '2026-10-01', '2026-11-23', 'Q4 2026'],
    ['cost for the first quarter', '2026-01-01', '2026-04-01', 'Q1 2026'],
    ['cost last quarter', '2026-07-01', '2026-10-01', 'last quarter'],
    ['cost since June', '2026-06-01', '2026-11-23', 'since June 2026'],
    ['spend since 2026-06-01', '2026-06-01', '2026-11-23', 'since 2026-06-01'],
    ['costs since last month', '2026-10-01', '2026-11-23', 'since last month'],
    ['cost year to date', '2026-01-01', '2026-11-23', 'year to date'],
    ['ytd spend', '2026-01-01', '2026-11-23', 'year to date'],
    ['total cost this year', '2026-01-01', '2026-11-23', 'this year'],
    ['cost for 2026', '2026-01-01', '2026-11-23', '2026'],
    ['cost between 2026-03-01 and 2026-04-15', '2026-03-01', '2026-04-16', '2026-03-01 to 2026-04-15'],
    ['costs from 2026-01-01 to 2026-01-31', '2026-01-01', '2026-02-01', '2026-01-01 to 2026-01-31'],
    ['cost from march 1 to march 15', '2026-03-01', '2026-03-16', '2026-03-01 to 2026-03-15'],
    ['cost between march and may', '2026-03-01', '2026-06-01', 'March 2026 to May 2026'],
    ['spend from november to february', '2025-11-01', '2026-03-01', 'November 2025 to February 2026'],
    ['cost on 2026-11-03', '2026-11-03', '2026-11-04', '2026-11-03'],
    ['cost on 3/15/2026', '2026-03-15', '2026-03-16', '2026-03-15'],
    ['what did I spend last monday', '2026-11-16', '2026-11-17', '2026-11-16'],
    ['cost the month before last', '2026-09-01', '2026-10-01', 'the month before last'],
    ['cost since the start of the year', '2026-01-01', '2026-11-23', 'since the start of the year'],
    ['what did I spend on the 5th', '2026-11-05', '2026-11-06', '2026-11-05'],
    ['how much did I pay', '2026-11-01', '2026-11-23', 'this month'],
  ])('%s', (question, start, end, periodLabel) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-total', period: period(start, end), periodLabel, regions: 'all', granularity: 'MONTHLY' });
  });

  it.each<[string, string[], string, string]>([
    ['ec2 cost last month', ec2, '2026-10-01', '2026-11-01'],
    ['how much did s3 cost yesterday', ['Amazon Simple Storage Service'], '2026-11-21', '2026-11-22'],
    ['lambda cost last week', ['AWS Lambda'], '2026-11-09', '2026-11-16'],
    ['rds spend this week', ['Amazon Relational Database Service'], '2026-11-16', '2026-11-23'],
    ['how much am I paying for dynamodb', ['Amazon DynamoDB'], '2026-11-01', '2026-11-23'],
    ['cost of nat gateways last month', ['EC2 - Other'], '2026-10-01', '2026-11-01'],
    ['cloudwatch spend in october', ['AmazonCloudWatch'], '2026-10-01', '2026-11-01'],
    ['eks cost this month', ['Amazon Elastic Kubernetes Service', 'Amazon Elastic Container Service for Kubernetes'], '2026-11-01', '2026-11-23'],
    ['what did I spend on ec2 and s3 last month', [...ec2, 'Amazon Simple Storage Service'], '2026-10-01', '2026-11-01'],
  ])('%s is filtered by service', (question, service, start, end) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-total', service: { values: service }, period: period(start, end) });
  });

  it('names two services as the question did', () => {
    expect(plan('what did I spend on ec2 and s3 last month').service).toMatchObject({ name: 'ec2 and s3' });
  });
});

describe('the cost metric', () => {
  // Unblended unless the question names another; "unblended" is not read as "blended", nor "internet" as "net".
  it.each<[string, string]>([
    ['what did I spend last month', 'UnblendedCost'],
    ['unblended cost last month', 'UnblendedCost'],
    ['internet cost last month', 'UnblendedCost'],
    ['amortized cost last month', 'AmortizedCost'],
    ['amortised cost by service', 'AmortizedCost'],
    ['amortization cost this month', 'AmortizedCost'],
    ['net unblended cost by service this month', 'NetUnblendedCost'],
    ['net-unblended cost', 'NetUnblendedCost'],
    ['net cost last month', 'NetUnblendedCost'],
    ['net amortized cost last month', 'NetAmortizedCost'],
    ['net-amortised cost by service', 'NetAmortizedCost'],
    ['net amortization cost this month', 'NetAmortizedCost'],
    ['blended cost trend for the last 30 days', 'BlendedCost'],
    ['blended cost this month vs last month', 'BlendedCost'],
    ['amortized cost forecast', 'AmortizedCost'],
  ])('%s: %s', (question, metric) => {
    expect(plan(question)).toMatchObject({ metric });
  });
});

describe('cost-by-service', () => {
  it.each<[string, string, string, number | null]>([
    ['top 5 services by cost this month', '2026-11-01', '2026-11-23', 5],
    ['top 5 services', '2026-11-01', '2026-11-23', 5],
    ['top services last month', '2026-10-01', '2026-11-01', 5],
    ['top 3 services by spend in october', '2026-10-01', '2026-11-01', 3],
    ['top ten services this year', '2026-01-01', '2026-11-23', 10],
    ['most expensive services last month', '2026-10-01', '2026-11-01', null],
    ['which services cost the most this month', '2026-11-01', '2026-11-23', null],
    ['which service costs the most', '2026-11-01', '2026-11-23', 1],
    ['what was my most expensive service last month', '2026-10-01', '2026-11-01', 1],
    ['cost breakdown by service', '2026-11-01', '2026-11-23', null],
    ['spend per service last quarter', '2026-07-01', '2026-10-01', null],
    ['cost by service in ireland', '2026-11-01', '2026-11-23', null],
  ])('%s', (question, start, end, limit) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-by-service', groupBy: 'SERVICE', period: period(start, end), limit, granularity: 'MONTHLY' });
  });
});

describe('cost-by-region', () => {
  it.each<[string, string, string, number | null, string[] | null]>([
    ['cost by region last month', '2026-10-01', '2026-11-01', null, null],
    ['which region costs the most', '2026-11-01', '2026-11-23', 1, null],
    ['spend per region this month', '2026-11-01', '2026-11-23', null, null],
    ['cost by region for ec2 last month', '2026-10-01', '2026-11-01', null, ec2],
    ['top 3 regions by spend in september', '2026-09-01', '2026-10-01', 3, null],
    ['which regions are most expensive', '2026-11-01', '2026-11-23', null, null],
  ])('%s', (question, start, end, limit, service) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-by-region', groupBy: 'REGION', regions: 'all', period: period(start, end), limit, service: service && { values: service } });
  });
});

describe('cost-trend', () => {
  it.each<[string, string, string, 'DAILY' | 'MONTHLY']>([
    ['daily cost trend for the last 30 days', '2026-10-23', '2026-11-22', 'DAILY'],
    ['cost trend', '2026-10-23', '2026-11-22', 'DAILY'],
    ['daily costs this month', '2026-11-01', '2026-11-23', 'DAILY'],
    ['daily s3 spend last week', '2026-11-09', '2026-11-16', 'DAILY'],
    ['ec2 cost trend last 30 days', '2026-10-23', '2026-11-22', 'DAILY'],
    ['monthly spend for the last 6 months', '2026-05-01', '2026-11-01', 'MONTHLY'],
    ['monthly cost trend this year', '2026-01-01', '2026-11-23', 'MONTHLY'],
    ['spend over time this year', '2026-01-01', '2026-11-23', 'MONTHLY'],
    ['how has my spend changed month by month', '2026-05-01', '2026-11-01', 'MONTHLY'],
    ['cost per day in october', '2026-10-01', '2026-11-01', 'DAILY'],
    ['cost history since march', '2026-03-01', '2026-11-23', 'MONTHLY'],
    ['is my spend going up', '2026-10-23', '2026-11-22', 'DAILY'],
    // Day by day up to 62 days (two months), month by month beyond.
    ['cost trend from 2026-09-01 to 2026-11-01', '2026-09-01', '2026-11-02', 'DAILY'],
    ['cost trend from 2026-09-01 to 2026-11-02', '2026-09-01', '2026-11-03', 'MONTHLY'],
  ])('%s', (question, start, end, granularity) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-trend', period: period(start, end), granularity });
  });
});

describe('forecast', () => {
  it.each<[string, string, string, string]>([
    ['forecast', '2026-11-22', '2026-12-01', 'the rest of this month'],
    ['forecast for the rest of this month', '2026-11-22', '2026-12-01', 'the rest of this month'],
    ['projected spend for this month', '2026-11-22', '2026-12-01', 'this month'],
    ['what will I spend this month', '2026-11-22', '2026-12-01', 'this month'],
    ['what will my bill be at the end of the month', '2026-11-22', '2026-12-01', 'the rest of this month'],
    ['forecast for next month', '2026-12-01', '2027-01-01', 'next month'],
    ['what will I spend next month', '2026-12-01', '2027-01-01', 'next month'],
    ['cost next month', '2026-12-01', '2027-01-01', 'next month'],
    ['predict next quarter cost', '2027-01-01', '2027-04-01', 'next quarter'],
    ['forecast for next 3 months', '2026-11-22', '2027-02-22', 'the next 3 months'],
    ['forecast for the next 12 months', '2026-11-22', '2027-11-22', 'the next 12 months'],
    ['forecast for december', '2026-12-01', '2027-01-01', 'December 2026'],
    ['forecast for 2027-01', '2027-01-01', '2027-02-01', 'January 2027'],
    ['forecast Q1', '2027-01-01', '2027-04-01', 'Q1 2027'],
    ['bill for December 2026', '2026-12-01', '2027-01-01', 'December 2026'],
    ['forecast for the rest of the year', '2026-11-22', '2027-01-01', 'the rest of this year'],
    ['cost tomorrow', '2026-11-23', '2026-11-24', 'tomorrow'],
    ['forecast for today', '2026-11-22', '2026-11-23', 'today'],
    // Ahead of today without the word "forecast" (issue 17: planned as a cost total).
    ['cost for the rest of this month', '2026-11-22', '2026-12-01', 'the rest of this month'],
    ['spend for the rest of this year', '2026-11-22', '2027-01-01', 'the rest of this year'],
  ])('%s', (question, start, end, periodLabel) => {
    expect(plan(question)).toMatchObject({ intent: 'forecast', period: period(start, end), periodLabel, regions: 'all' });
  });

  it.each<[string, 'DAILY' | 'MONTHLY', string[] | null, RegionScope]>([
    ['cost forecast for ec2', 'DAILY', ec2, 'all'],
    ['how much will ec2 cost next month in frankfurt', 'DAILY', ec2, ['eu-central-1']],
    ['forecast for the next 6 months', 'MONTHLY', null, 'all'],
    ['monthly forecast for next month', 'MONTHLY', null, 'all'],
    ['forecast for the next 62 days', 'DAILY', null, 'all'],
    ['forecast for the next 63 days', 'MONTHLY', null, 'all'],
  ])('%s', (question, granularity, service, regions) => {
    expect(plan(question)).toMatchObject({ intent: 'forecast', granularity, service: service && { values: service }, regions });
  });
});

describe('cost-compare', () => {
  // The earlier period first, whichever the question names first; a month still running is set against the same days of the one before.
  const sameDaysOfLastMonth = [['2026-10-01', '2026-10-23'], ['2026-11-01', '2026-11-23'], 'the same days of last month', 'this month so far'] as const;
  it.each<[string, readonly [string, string], readonly [string, string], string, string]>([
    ['this month vs last month', ...sameDaysOfLastMonth],
    ['compare this month to last month', ...sameDaysOfLastMonth],
    ['last month vs the month before', ['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], 'September 2026', 'last month'],
    ['march vs april', ['2026-03-01', '2026-04-01'], ['2026-04-01', '2026-05-01'], 'March 2026', 'April 2026'],
    ['Q2 vs Q3', ['2026-04-01', '2026-07-01'], ['2026-07-01', '2026-10-01'], 'Q2 2026', 'Q3 2026'],
    ['compare october with september', ['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], 'September 2026', 'October 2026'],
    ['last week versus this week', ['2026-11-09', '2026-11-16'], ['2026-11-16', '2026-11-23'], 'last week', 'this week'],
    ['spend this month compared with last month', ...sameDaysOfLastMonth],
    ['how does my bill compare to last month', ...sameDaysOfLastMonth],
    ['compare last month', ['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], 'September 2026', 'last month'],
  ])('%s, read in date order', (question, [start, end], [laterStart, laterEnd], periodLabel, comparePeriodLabel) => {
    expect(plan(question)).toMatchObject({
      family: 'compare',
      intent: 'cost-compare',
      period: period(start, end),
      periodLabel,
      comparePeriod: period(laterStart, laterEnd),
      comparePeriodLabel,
      order: 'change',
    });
  });

  it.each<[string, string, string, number]>([
    ['what grew most', '2026-10-01', '2026-11-01', 5],
    ['which services grew most last month', '2026-09-01', '2026-10-01', 5],
    ['top 3 fastest growing services last month', '2026-09-01', '2026-10-01', 3],
    ['biggest increases in spend last month vs the month before', '2026-09-01', '2026-10-01', 5],
  ])('%s ranks the services by growth', (question, start, laterStart, limit) => {
    expect(plan(question)).toMatchObject({ family: 'compare', order: 'growth', limit, period: { start }, comparePeriod: { start: laterStart } });
  });

  it.each<[string, string[] | null, RegionScope]>([
    ['ec2 cost this month compared to last month', ec2, 'all'],
    ['cost this month versus last month in frankfurt', null, ['eu-central-1']],
  ])('%s keeps its service and region filters', (question, service, regions) => {
    expect(plan(question)).toMatchObject({ intent: 'cost-compare', service: service && { values: service }, regions });
  });

  it('does not compare services, which would drop one of them', () => {
    const answer = replyTo('cost of s3 vs ec2 last month');
    expect(answer).toMatchObject({ reason: 'clarify', message: expect.stringMatching(/^I compare periods, not services/) });
    expect(answer.suggestions).toContain('cost by service last month');
    // Without a period it suggests this month.
    expect(replyTo('cost of s3 vs ec2')).toEqual({
      kind: 'reply',
      reason: 'clarify',
      message: 'I compare periods, not services. To see s3 and ec2 side by side, ask for the cost by service.',
      suggestions: ['cost by service this month', 's3 cost this month vs the month before'],
    });
  });

  it('compares the same service on both sides as periods, with no row limit unless asked', () => {
    expect(plan('ec2 cost this month vs ec2 cost last month')).toMatchObject({ intent: 'cost-compare', service: { values: ec2 }, period: period('2026-10-01', '2026-10-23'), limit: null, order: 'change' });
    expect(plan('compare march against april')).toMatchObject({ period: period('2026-03-01', '2026-04-01'), comparePeriod: period('2026-04-01', '2026-05-01'), limit: null });
    expect(plan('top 3 changes march vs april')).toMatchObject({ order: 'change', limit: 3 });
  });

  it('compares a whole earlier month when the days so far outnumber it (30 days of March against February)', () => {
    const result = planQuestion('this month vs last month', { ...context, now: new Date('2026-03-30T10:00:00Z') });
    expect(result).toMatchObject({ kind: 'plan', plan: { period: period('2026-02-01', '2026-03-01'), periodLabel: 'last month', comparePeriod: period('2026-03-01', '2026-03-31'), comparePeriodLabel: 'this month' } });
  });

  it('asks for the periods when neither is named', () => {
    expect(replyTo('compare my costs')).toMatchObject({ reason: 'clarify', message: expect.stringMatching(/Name the two periods/) });
  });
});

describe('help', () => {
  it.each(['help', '/help', 'HELP', '?', 'what can you do', 'what can I ask', 'how do i use this', 'commands', 'help me please'])('%s', (question) => {
    expect(plan(question)).toMatchObject({ intent: 'help' });
  });

  it('plans a question that starts with "help" as the question', () => {
    expect(plan('help me count my lambdas')).toMatchObject({ intent: 'count', resourceType: 'AWS::Lambda::Function' });
  });
});

describe('mistakes people make', () => {
  it.each<[string, Record<string, unknown>]>([
    ['hwo mnay lamda functions', { intent: 'count', resourceType: 'AWS::Lambda::Function', regions: ['us-east-1'] }],
    ['how mnay ec2 instnaces in frankfrt', { intent: 'count', resourceType: 'AWS::EC2::Instance', regions: ['eu-central-1'] }],
    ['lsit buckets', { intent: 'list', resourceType: 'AWS::S3::Bucket' }],
    ['list lamdba fucntions', { intent: 'list', resourceType: 'AWS::Lambda::Function' }],
    ['list secuirty groups', { intent: 'list', resourceType: 'AWS::EC2::SecurityGroup' }],
    ['sohw me lambdas in irleand', { intent: 'list', resourceType: 'AWS::Lambda::Function', regions: ['eu-west-1'] }],
    ['security groups globaly', { intent: 'list', resourceType: 'AWS::EC2::SecurityGroup', regions: 'all' }],
    ['lambdas in all regoins', { intent: 'list', resourceType: 'AWS::Lambda::Function', regions: 'all' }],
    ['waht did i spned last mnth', { intent: 'cost-total', period: period('2026-10-01', '2026-11-01') }],
    ['how much did i spedn on ec2 lst month', { intent: 'cost-total', service: { values: ec2 }, period: period('2026-10-01', '2026-11-01') }],
    ['cots last month', { intent: 'cost-total', period: period('2026-10-01', '2026-11-01') }],
    ['totl cost this moth', { intent: 'cost-total', period: period('2026-11-01', '2026-11-23') }],
    ['what did i spend on lamda last month', { intent: 'cost-total', service: { values: ['AWS Lambda'] } }],
    ['cloudwach cost yesterday', { intent: 'cost-total', service: { values: ['AmazonCloudWatch'] }, period: period('2026-11-21', '2026-11-22') }],
    ['top 5 servces last month', { intent: 'cost-by-service', limit: 5 }],
    ['forcast next month', { intent: 'forecast', period: period('2026-12-01', '2027-01-01') }],
    ['compre this month to last month', { intent: 'cost-compare', period: period('2026-10-01', '2026-10-23') }],
    ['this month versus lats month', { intent: 'cost-compare', period: period('2026-10-01', '2026-10-23') }],
    ['daly cost trend', { intent: 'cost-trend', granularity: 'DAILY' }],
    ['cost in octber', { intent: 'cost-total', period: period('2026-10-01', '2026-11-01') }],
    ['EC2 COST LAST MONTH', { intent: 'cost-total', service: { values: ec2 }, period: period('2026-10-01', '2026-11-01') }],
    ['WHAT DID I SPEND LAST MONTH', { intent: 'cost-total', period: period('2026-10-01', '2026-11-01') }],
    ['Lambda Functions In Tokyo', { intent: 'list', resourceType: 'AWS::Lambda::Function', regions: ['ap-northeast-1'] }],
    ['ec2 last month', { intent: 'cost-total', service: { values: ec2 }, period: period('2026-10-01', '2026-11-01') }],
    ['lambda yesterday', { intent: 'cost-total', service: { values: ['AWS Lambda'] }, period: period('2026-11-21', '2026-11-22') }],
    ['s3 in march', { intent: 'cost-total', service: { values: ['Amazon Simple Storage Service'] }, period: period('2026-03-01', '2026-04-01') }],
    ['spend?', { intent: 'cost-total', period: period('2026-11-01', '2026-11-23') }],
    ['  list   vpcs\tin\nireland  ', { intent: 'list', resourceType: 'AWS::EC2::VPC', regions: ['eu-west-1'] }],
  ])('%s', (question, expected) => {
    expect(plan(question)).toMatchObject(expected);
  });

  it.each<[string, string, string]>([
    ['describe bucket my-lost-bucket', 'AWS::S3::Bucket', 'my-lost-bucket'],
    ['describe function dayly-report', 'AWS::Lambda::Function', 'dayly-report'],
  ])('does not "correct" words inside a name: %s', (question, resourceType, identifier) => {
    expect(plan(question)).toMatchObject({ intent: 'describe', resourceType, identifier });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['how many dedicated hosts', '"hosts" is not "costs"', { intent: 'count', resourceType: 'AWS::EC2::Host' }],
    ['list vpcs in US East', '"East" is not "last"', { regions: ['us-east-1'] }],
    ['what will I spend next month', '"will" is not "bill"', { intent: 'forecast' }],
    ['instances in iceland', 'Iceland is not Ireland', { regions: ['us-east-1'] }],
    ['cost of lambda at least', '"least" is not "last"', { period: period('2026-11-01', '2026-11-23') }],
  ])('leaves real words alone: %s (%s)', (question, _why, expected) => {
    expect(plan(question)).toMatchObject(expected);
  });
});

describe('questions it cannot map', () => {
  it.each([
    ['tell me a joke'],
    ['what is the meaning of life'],
    ['how is the weather in Paris'],
    ['asdfghjkl'],
    ['!!!'],
    ['12345'],
    ['🙂'],
  ])('%s gets the closest supported phrasings, and no plan', (question) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('unsupported');
    expect(answer.message).toMatch(/couldn't tell/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of answer.suggestions) expect(examplePhrasings).toContain(suggestion);
  });

  it.each([[''], ['   '], ['\n\t '], ['\u0000\u0007']])('an empty question (%j) asks for one', (question) => {
    expect(replyTo(question)).toMatchObject({ reason: 'unsupported', message: 'Ask a question about your AWS resources or costs.', suggestions: examplePhrasings.slice(0, 4) });
  });

  it('refuses a 5,000-character question without reading it', () => {
    const answer = replyTo(`how many lambda functions ${'x'.repeat(4974)}`);
    expect(answer.reason).toBe('unsupported');
    expect(answer.message).toMatch(/5,000 characters long; questions are limited to 2,000/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe('periods Cost Explorer cannot answer', () => {
  it.each<[string, RegExp]>([
    ['what did I spend in 2024', /keeps 13 months of cost history, from 2025-11-01; 2024 starts 2024-01-01/],
    ['costs in October 2025', /from 2025-11-01; October 2025 starts 2025-10-01/],
    ['cost in 2025-10', /October 2025 starts 2025-10-01/],
    ['spend last year', /last year starts 2025-01-01\. To see the part Cost Explorer has, ask "what did I spend since 2025-11-01"/],
    ['cost for 2025', /2025 starts 2025-01-01/],
    ['cost last 13 months', /last 13 months starts 2025-10-01/],
    ['cost since october 2025', /since October 2025 starts 2025-10-01/],
    ['top services in 2024', /2024 starts 2024-01-01/],
    ['daily cost trend for january 2025', /January 2025 starts 2025-01-01/],
    ['2024 vs 2025', /2024 starts 2024-01-01/],
  ])('%s is before the 13-month lookback', (question, message) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('out-of-range');
    expect(answer.message).toMatch(message);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it.each<[string, RegExp]>([
    ['what did I spend next month', /Next month has not happened yet \(it starts 2026-12-01\)/],
    ['how much did I spend in December 2026', /December 2026 has not happened yet/],
    ['top 5 services next month', /Next month has not happened yet/],
    ['cost by region next month', /Next month has not happened yet/],
    ['daily cost trend next month', /Next month has not happened yet/],
    ['this month vs next month', /Next month has not happened yet/],
    ['what did I spend in Q1 2027', /Q1 2027 has not happened yet/],
  ])('%s is in the future and not a forecast', (question, message) => {
    const answer = replyTo(question);
    expect(answer.reason).toBe('out-of-range');
    expect(answer.message).toMatch(message);
    expect(answer.suggestions[0]).toMatch(/^forecast for /);
  });

  it.each<[string, string]>([
    // Ending on the first day Cost Explorer keeps, nothing overlaps it; from the day after a forecast's reach, it is too far.
    ['what did I spend in 2024', 'Cost Explorer keeps 13 months of cost history, from 2025-11-01; 2024 starts 2024-01-01.'],
    ['costs in October 2025', 'Cost Explorer keeps 13 months of cost history, from 2025-11-01; October 2025 starts 2025-10-01.'],
    ['what did I spend tomorrow', 'Tomorrow has not happened yet (it starts 2026-11-23), so there is no spend to report. Ask for a forecast instead, e.g. "forecast for tomorrow".'],
    ['forecast yesterday', 'A forecast looks ahead, but yesterday is already over. Ask what you spent instead, e.g. "what did I spend yesterday".'],
    ['forecast for the next 366 days', 'Cost Explorer forecasts reach 12 months ahead, to 2027-11-22; the next 366 days runs to 2027-11-23.'],
  ])('%s is out of range at the edge', (question, message) => {
    expect(replyTo(question)).toMatchObject({ reason: 'out-of-range', message });
  });

  it.each<[string, RegExp]>([
    ['forecast last month', /A forecast looks ahead, but last month is already over/],
    ['forecast for March 2026', /March 2026 is already over/],
    ['forecast for next year', /forecasts reach 12 months ahead, to 2027-11-22; next year runs to 2028-01-01/],
    ['forecast for the next 2 years', /reach 12 months ahead/],
  ])('%s is outside what a forecast covers', (question, message) => {
    expect(replyTo(question)).toMatchObject({ reason: 'out-of-range', message: expect.stringMatching(message) });
  });
});

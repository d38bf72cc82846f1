import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findResourceInQuestion,
  findResourceType,
  resourceTypeInfo,
  resourceTypes,
  suggestResourceTypes,
} from '../source/understanding/resource-catalog.js';
import { resolveParent } from '../source/understanding/resource-parents.js';
import { shippedConfigPath } from '../source/config/package-root.js';

function typeOf(phrase: string): string | undefined {
  const lookup = findResourceType(phrase);
  return lookup.kind === 'match' ? lookup.type : undefined;
}

describe('the generated catalog', () => {
  const curatedInput = JSON.parse(readFileSync(shippedConfigPath('resource-synonyms.json'), 'utf8')) as Record<string, string[] | string>;
  const curated = Object.entries(curatedInput).filter(([key]) => !key.startsWith('$')) as Array<[string, string[]]>;

  it('holds every AWS:: type from the registry source, one compact line each', () => {
    const text = readFileSync(shippedConfigPath('resource-types.json'), 'utf8');
    expect(resourceTypes().length).toBeGreaterThan(1500);
    expect(resourceTypes().every((entry) => /^AWS::\w+::\w+$/.test(entry.type))).toBe(true);
    expect(text.split('\n').filter((line) => line.startsWith('{"type":')).length).toBe(resourceTypes().length);
    expect(JSON.parse(text).source).toMatch(/^@aws-cdk\/aws-service-spec@\d/);
  });

  it('is up to date with resource-synonyms.json: every curated type exists, is marked and starts with those synonyms', () => {
    expect(curated.length).toBeGreaterThanOrEqual(100);
    for (const [type, synonyms] of curated) {
      const entry = resourceTypeInfo(type);
      expect(entry, type).toBeDefined();
      expect(entry?.curated, type).toBe(true);
      expect(entry?.synonyms?.slice(0, synonyms.length), type).toEqual(synonyms);
    }
    expect(resourceTypes().filter((entry) => entry.curated).length).toBe(curated.length);
  });

  it('resolves every curated synonym to its type, or to a choice that includes it', () => {
    for (const [type, synonyms] of curated) {
      for (const synonym of synonyms) {
        const lookup = findResourceType(synonym);
        if (lookup.kind === 'match') expect(lookup.type, synonym).toBe(type);
        else expect(lookup.kind === 'ambiguous' && lookup.candidates, synonym).toContain(type);
      }
    }
  });

  it('records list support and the parents a list call needs', () => {
    expect(resourceTypeInfo('AWS::EKS::Nodegroup')).toMatchObject({ list: true, listParents: ['ClusterName'], parentTypes: { ClusterName: 'AWS::EKS::Cluster' }, listChecked: true });
    expect(resourceTypeInfo('AWS::ElasticLoadBalancingV2::Listener')?.listParents).toEqual(['LoadBalancerArn']);
    expect(resourceTypeInfo('AWS::ApiGateway::Stage')?.parentTypes).toEqual({ RestApiId: 'AWS::ApiGateway::RestApi' });
    expect(resourceTypeInfo('AWS::S3::Bucket')).toMatchObject({ list: true, primaryIdentifier: ['BucketName'] });
    expect(resourceTypeInfo('AWS::S3::Bucket')?.listParents).toBeUndefined();
    expect(resourceTypeInfo('AWS::Route53::RecordSet')?.list).toBe(false);
    expect(findResourceType('dns records')).toMatchObject({ kind: 'match', type: 'AWS::Route53::RecordSet', listable: false });
  });
});

describe('findResourceType', () => {
  it.each([
    ['ec2 instances', 'AWS::EC2::Instance'],
    ['EC2 Instance', 'AWS::EC2::Instance'],
    ['instances', 'AWS::EC2::Instance'],
    ['servers', 'AWS::EC2::Instance'],
    ['vms', 'AWS::EC2::Instance'],
    ['vm', 'AWS::EC2::Instance'],
    ['buckets', 'AWS::S3::Bucket'],
    ['S3 bucket', 'AWS::S3::Bucket'],
    ['bucket', 'AWS::S3::Bucket'],
    ['lambdas', 'AWS::Lambda::Function'],
    ['lambda', 'AWS::Lambda::Function'],
    ['lambda functions', 'AWS::Lambda::Function'],
    ['Lambda Function', 'AWS::Lambda::Function'],
    ['functions', 'AWS::Lambda::Function'],
    ['function', 'AWS::Lambda::Function'],
    ['tables', 'AWS::DynamoDB::Table'],
    ['dynamodb table', 'AWS::DynamoDB::Table'],
    ['queues', 'AWS::SQS::Queue'],
    ['queue', 'AWS::SQS::Queue'],
    ['topics', 'AWS::SNS::Topic'],
    ['SNS topic', 'AWS::SNS::Topic'],
    ['vpcs', 'AWS::EC2::VPC'],
    ['VPC', 'AWS::EC2::VPC'],
    ['subnets', 'AWS::EC2::Subnet'],
    ['security groups', 'AWS::EC2::SecurityGroup'],
    ['security group', 'AWS::EC2::SecurityGroup'],
    ['sgs', 'AWS::EC2::SecurityGroup'],
    ['volumes', 'AWS::EC2::Volume'],
    ['ebs volumes', 'AWS::EC2::Volume'],
    ['roles', 'AWS::IAM::Role'],
    ['iam role', 'AWS::IAM::Role'],
    ['policies', 'AWS::IAM::ManagedPolicy'],
    ['policy', 'AWS::IAM::ManagedPolicy'],
    ['users', 'AWS::IAM::User'],
    ['node groups', 'AWS::EKS::Nodegroup'],
    ['nodegroup', 'AWS::EKS::Nodegroup'],
    ['node-groups', 'AWS::EKS::Nodegroup'],
    ['eks clusters', 'AWS::EKS::Cluster'],
    ['kubernetes cluster', 'AWS::EKS::Cluster'],
    ['ecs clusters', 'AWS::ECS::Cluster'],
    ['rds clusters', 'AWS::RDS::DBCluster'],
    ['aurora clusters', 'AWS::RDS::DBCluster'],
    ['log groups', 'AWS::Logs::LogGroup'],
    ['log group', 'AWS::Logs::LogGroup'],
    ['alarms', 'AWS::CloudWatch::Alarm'],
    ['keys', 'AWS::KMS::Key'],
    ['kms keys', 'AWS::KMS::Key'],
    ['secrets', 'AWS::SecretsManager::Secret'],
    ['secret', 'AWS::SecretsManager::Secret'],
    ['ecr repositories', 'AWS::ECR::Repository'],
    ['distributions', 'AWS::CloudFront::Distribution'],
    ['hosted zones', 'AWS::Route53::HostedZone'],
    ['load balancers', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    ['loadbalancers', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    ['albs', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    ['target groups', 'AWS::ElasticLoadBalancingV2::TargetGroup'],
    ['db instances', 'AWS::RDS::DBInstance'],
    ['databases', 'AWS::RDS::DBInstance'],
    ['database', 'AWS::RDS::DBInstance'],
    ['rds instances', 'AWS::RDS::DBInstance'],
    ['streams', 'AWS::Kinesis::Stream'],
    ['kinesis stream', 'AWS::Kinesis::Stream'],
    ['state machines', 'AWS::StepFunctions::StateMachine'],
    ['step functions', 'AWS::StepFunctions::StateMachine'],
    ['rest apis', 'AWS::ApiGateway::RestApi'],
    ['http apis', 'AWS::ApiGatewayV2::Api'],
    ['internet gateways', 'AWS::EC2::InternetGateway'],
    ['nat gateways', 'AWS::EC2::NatGateway'],
    ['route tables', 'AWS::EC2::RouteTable'],
    ['elastic ips', 'AWS::EC2::EIP'],
    ['enis', 'AWS::EC2::NetworkInterface'],
    ['vpc endpoints', 'AWS::EC2::VPCEndpoint'],
    ['key pairs', 'AWS::EC2::KeyPair'],
    ['launch templates', 'AWS::EC2::LaunchTemplate'],
    ['transit gateways', 'AWS::EC2::TransitGateway'],
    ['auto scaling groups', 'AWS::AutoScaling::AutoScalingGroup'],
    ['asgs', 'AWS::AutoScaling::AutoScalingGroup'],
    ['task definitions', 'AWS::ECS::TaskDefinition'],
    ['ecs services', 'AWS::ECS::Service'],
    ['fargate profiles', 'AWS::EKS::FargateProfile'],
    ['stacks', 'AWS::CloudFormation::Stack'],
    ['cloudformation stack', 'AWS::CloudFormation::Stack'],
    ['redis clusters', 'AWS::ElastiCache::ReplicationGroup'],
    ['backup vaults', 'AWS::Backup::BackupVault'],
    ['user pools', 'AWS::Cognito::UserPool'],
    ['certificates', 'AWS::CertificateManager::Certificate'],
    ['web acls', 'AWS::WAFv2::WebACL'],
    ['codebuild projects', 'AWS::CodeBuild::Project'],
    ['pipelines', 'AWS::CodePipeline::Pipeline'],
    ['glue jobs', 'AWS::Glue::Job'],
    ['crawlers', 'AWS::Glue::Crawler'],
    ['redshift clusters', 'AWS::Redshift::Cluster'],
    ['opensearch domains', 'AWS::OpenSearchService::Domain'],
    ['kafka clusters', 'AWS::MSK::Cluster'],
    ['sagemaker endpoints', 'AWS::SageMaker::Endpoint'],
    ['notebook instances', 'AWS::SageMaker::NotebookInstance'],
    ['delivery streams', 'AWS::KinesisFirehose::DeliveryStream'],
    ['event buses', 'AWS::Events::EventBus'],
    ['eventbridge rules', 'AWS::Events::Rule'],
    ['ssm parameters', 'AWS::SSM::Parameter'],
    ['trails', 'AWS::CloudTrail::Trail'],
    ['config rules', 'AWS::Config::ConfigRule'],
    ['permission sets', 'AWS::SSO::PermissionSet'],
    ['organizational units', 'AWS::Organizations::OrganizationalUnit'],
    ['scps', 'AWS::Organizations::Policy'],
    ['batch job queues', 'AWS::Batch::JobQueue'],
    ['beanstalk environments', 'AWS::ElasticBeanstalk::Environment'],
    ['efs file systems', 'AWS::EFS::FileSystem'],
    ['mount targets', 'AWS::EFS::MountTarget'],
    ['knowledge bases', 'AWS::Bedrock::KnowledgeBase'],
    ['lambda aliases', 'AWS::Lambda::Alias'],
    ['kms aliases', 'AWS::KMS::Alias'],
    ['key alias', 'AWS::KMS::Alias'],
    ['listeners', 'AWS::ElasticLoadBalancingV2::Listener'],
    ['log streams', 'AWS::Logs::LogStream'],
    ['dns records', 'AWS::Route53::RecordSet'],
    ['instance profiles', 'AWS::IAM::InstanceProfile'],
    // Names generated for every type, not only curated ones.
    ['transit gateway route tables', 'AWS::EC2::TransitGatewayRouteTable'],
    ['guardduty filters', 'AWS::GuardDuty::Filter'],
    ['appstream fleets', 'AWS::AppStream::Fleet'],
  ])('"%s" is %s', (phrase, type) => {
    expect(typeOf(phrase)).toBe(type);
  });

  it.each([
    ['lamda functions', 'AWS::Lambda::Function'],
    ['lamdas', 'AWS::Lambda::Function'],
    ['buckts', 'AWS::S3::Bucket'],
    ['bukets', 'AWS::S3::Bucket'],
    ['secuirty groups', 'AWS::EC2::SecurityGroup'],
    ['securty group', 'AWS::EC2::SecurityGroup'],
    ['dynamdb tables', 'AWS::DynamoDB::Table'],
    ['instnaces', 'AWS::EC2::Instance'],
    ['databse', 'AWS::RDS::DBInstance'],
    ['qeueus', 'AWS::SQS::Queue'],
    ['load balancrs', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    ['nodegrups', 'AWS::EKS::Nodegroup'],
    ['hosted zoens', 'AWS::Route53::HostedZone'],
    ['cloudfront distrbutions', 'AWS::CloudFront::Distribution'],
    ['state machnies', 'AWS::StepFunctions::StateMachine'],
  ])('tolerates the typo "%s" (%s)', (phrase, type) => {
    expect(typeOf(phrase)).toBe(type);
  });

  it('keeps short words exact, so a typo there is not guessed', () => {
    expect(typeOf('sgx')).toBeUndefined();
    expect(typeOf('vpx')).toBeUndefined();
  });

  it.each([
    ['AWS::S3::Bucket', 'AWS::S3::Bucket'],
    ['aws::s3::bucket', 'AWS::S3::Bucket'],
    ['AWS::EKS::NODEGROUP', 'AWS::EKS::Nodegroup'],
    ['  AWS::Lambda::Function ', 'AWS::Lambda::Function'],
    ['AWS::EC2::TransitGatewayRouteTablePropagation', 'AWS::EC2::TransitGatewayRouteTablePropagation'],
    ['aws::appsync::api', 'AWS::AppSync::Api'],
    ['AWS::IoTTwinMaker::Scene', 'AWS::IoTTwinMaker::Scene'],
  ])('accepts the exact type name %s', (phrase, type) => {
    expect(typeOf(phrase)).toBe(type);
  });

  it.each([
    ['clusters', ['AWS::ECS::Cluster', 'AWS::EKS::Cluster', 'AWS::RDS::DBCluster']],
    ['cluster', ['AWS::ECS::Cluster', 'AWS::EKS::Cluster', 'AWS::RDS::DBCluster']],
    ['repositories', ['AWS::CodeCommit::Repository', 'AWS::ECR::Repository']],
    ['apis', ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api']],
    ['file systems', ['AWS::EFS::FileSystem', 'AWS::FSx::FileSystem']],
    ['access points', ['AWS::EFS::AccessPoint', 'AWS::S3::AccessPoint']],
  ])('reports "%s" as ambiguous', (phrase, candidates) => {
    const lookup = findResourceType(phrase);
    expect(lookup.kind).toBe('ambiguous');
    expect(lookup.kind === 'ambiguous' && [...lookup.candidates].sort()).toEqual(candidates);
  });

  it.each([
    ['lamda fns', 'lambda functions'],
    ['fns', 'functions'],
    ['AWS::S3::Buckett', 'AWS::S3::Bucket'],
    ['AWS::EKS::NodeGroups', 'AWS::EKS::Nodegroup'],
    ['scurity grps', 'security groups'],
  ])('answers the unknown "%s" with "did you mean %s"', (phrase, suggestion) => {
    const lookup = findResourceType(phrase);
    expect(lookup.kind).toBe('unknown');
    expect(lookup.kind === 'unknown' && lookup.suggestions).toContain(suggestion);
  });

  it('suggests nothing for nouns far from any resource', () => {
    expect(findResourceType('giraffes')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(findResourceType('')).toEqual({ kind: 'unknown', suggestions: [] });
    expect(suggestResourceTypes('lamda fns', 1)).toEqual(['lambda functions']);
  });

  it('says whether the match needs a parent before it can be listed', () => {
    expect(findResourceType('node groups')).toEqual({ kind: 'match', type: 'AWS::EKS::Nodegroup', needsParent: ['ClusterName'], listable: true });
    expect(findResourceType('buckets')).toEqual({ kind: 'match', type: 'AWS::S3::Bucket', needsParent: [], listable: true });
  });
});

describe('findResourceInQuestion', () => {
  it.each([
    ['how many lambda functions do I have in all regions', 'lambda functions', 'AWS::Lambda::Function'],
    ['list running ec2 instances in Frankfurt tagged env=prod', 'ec2 instances', 'AWS::EC2::Instance'],
    ['show me my s3 buckets', 's3 buckets', 'AWS::S3::Bucket'],
    ['list node groups in cluster prod', 'node groups', 'AWS::EKS::Nodegroup'],
    ['what secuirty groups allow port 22 from anywhere', 'secuirty groups', 'AWS::EC2::SecurityGroup'],
    ['how many lamda functions use python', 'lamda functions', 'AWS::Lambda::Function'],
    ['list my lamda fns in frankfurt', 'lamda', 'AWS::Lambda::Function'],
    ['count AWS::SQS::Queue in us-east-1', 'AWS::SQS::Queue', 'AWS::SQS::Queue'],
    ['describe aws::eks::nodegroup for cluster prod', 'aws::eks::nodegroup', 'AWS::EKS::Nodegroup'],
    ['which kms keys are pending deletion', 'kms keys', 'AWS::KMS::Key'],
    ['list IAM users with console access', 'IAM users', 'AWS::IAM::User'],
    ['show my rds databases in eu-west-1', 'rds databases', 'AWS::RDS::DBInstance'],
    ['which load balancers have no healthy targets', 'load balancers', 'AWS::ElasticLoadBalancingV2::LoadBalancer'],
    ['list log groups without retention', 'log groups', 'AWS::Logs::LogGroup'],
    ['any public buckets?', 'buckets', 'AWS::S3::Bucket'],
    ['nat gateways per vpc', 'nat gateways', 'AWS::EC2::NatGateway'],
    ['show me kubernetes clusters', 'kubernetes clusters', 'AWS::EKS::Cluster'],
  ])('finds the resource in "%s"', (question, text, type) => {
    const found = findResourceInQuestion(question);
    expect(found).toMatchObject({ kind: 'match', type, phrase: text });
    expect(found.kind !== 'none' && question.slice(...found.span)).toBe(text);
  });

  it.each([
    ['list my clusters on eks', 'AWS::EKS::Cluster'],
    ['how many clusters does ecs run', 'AWS::ECS::Cluster'],
    ['show the aurora clusters', 'AWS::RDS::DBCluster'],
    ['which clusters in rds are idle', 'AWS::RDS::DBCluster'],
  ])('settles an ambiguous noun by a qualifier in "%s"', (question, type) => {
    expect(findResourceInQuestion(question)).toMatchObject({ kind: 'match', type });
  });

  it('leaves an unqualified ambiguous noun for the planner to ask about', () => {
    expect(findResourceInQuestion('how many clusters do I have')).toEqual({
      kind: 'ambiguous',
      candidates: ['AWS::ECS::Cluster', 'AWS::EKS::Cluster', 'AWS::RDS::DBCluster'],
      phrase: 'clusters',
      span: [9, 17],
    });
  });

  it('reports a near miss as unknown, with suggestions', () => {
    expect(findResourceInQuestion('list my scurity grps in frankfurt')).toEqual({ kind: 'unknown', suggestions: ['security groups'], phrase: 'scurity grps', span: [8, 20] });
  });

  it.each(['how much did I spend last month', 'who am I signed in as', 'what is my subscription', 'show availability zones', 'forecast my costs for next quarter'])(
    'finds no resource in "%s"',
    (question) => {
      expect(findResourceInQuestion(question)).toEqual({ kind: 'none' });
    },
  );
});

describe('resolveParent', () => {
  it.each([
    ['node groups in cluster prod', 'prod'],
    ['nodegroups of the prod cluster', 'prod'],
    ['node groups for cluster prod', 'prod'],
    ['list node groups in my eks cluster named prod-eu', 'prod-eu'],
    ['nodegroups where ClusterName=prod', 'prod'],
    ['node groups in the payments cluster in frankfurt', 'payments'],
    ['how many node groups does cluster "blue" have', 'blue'],
    ['node groups in kubernetes cluster staging', 'staging'],
  ])('takes EKS node groups\' ClusterName from "%s"', (question, clusterName) => {
    expect(resolveParent('AWS::EKS::Nodegroup', question)).toEqual({ kind: 'resolved', resourceModel: { ClusterName: clusterName } });
  });

  it.each(['list node groups', 'node groups in cluster in frankfurt', 'how many node groups are in every cluster'])('asks for the cluster when "%s" names none', (question) => {
    const resolution = resolveParent('AWS::EKS::Nodegroup', question);
    expect(resolution).toMatchObject({ kind: 'missing', missing: ['ClusterName'], resourceModel: {}, examples: ['node groups in cluster <name>', 'list eks clusters'] });
    expect(resolution.kind === 'missing' && resolution.message).toMatch(/cluster \(ClusterName\)/);
  });

  it.each([
    ['AWS::EKS::FargateProfile', 'fargate profiles of cluster prod', { ClusterName: 'prod' }],
    ['AWS::EKS::Addon', 'addons in the dev cluster', { ClusterName: 'dev' }],
    ['AWS::Lambda::Version', 'versions of function my-fn', { FunctionName: 'my-fn' }],
    ['AWS::Lambda::Alias', 'aliases of lambda function orders', { FunctionName: 'orders' }],
    ['AWS::ElasticLoadBalancingV2::Listener', 'listeners on load balancer my-alb', { LoadBalancerArn: 'my-alb' }],
    ['AWS::Logs::LogStream', 'log streams in log group /aws/lambda/foo', { LogGroupName: '/aws/lambda/foo' }],
    ['AWS::Cognito::UserPoolClient', 'app clients in user pool us-east-1_AbC', { UserPoolId: 'us-east-1_AbC' }],
    ['AWS::EFS::MountTarget', 'mount targets of file system fs-0123', { FileSystemId: 'fs-0123' }],
    ['AWS::ApiGateway::Stage', 'stages of rest api a1b2c3', { RestApiId: 'a1b2c3' }],
    ['AWS::WAFv2::WebACL', 'web acls with scope REGIONAL', { Scope: 'REGIONAL' }],
  ])('builds the ResourceModel for %s from "%s"', (type, question, resourceModel) => {
    expect(resolveParent(type, question)).toEqual({ kind: 'resolved', resourceModel });
  });

  it('needs nothing for types listed account-wide', () => {
    expect(resolveParent('AWS::S3::Bucket', 'list my buckets in cluster prod')).toEqual({ kind: 'none' });
  });

  it('names the missing parent for other types too', () => {
    expect(resolveParent('AWS::Logs::LogStream', 'list log streams')).toMatchObject({ kind: 'missing', missing: ['LogGroupName'] });
    expect(resolveParent('AWS::ElasticLoadBalancingV2::ListenerRule', 'listener rules please')).toMatchObject({ kind: 'missing', missing: ['ListenerArn'] });
  });
});

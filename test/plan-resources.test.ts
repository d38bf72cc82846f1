// The resource planner's own readings, row by row (issue 17, from the mutants planner.test.ts left
// alive in plan-resources.ts): which word after a noun is a name and which is not, when a question
// asks for one resource (an ID, an ARN, a parent|name, a singular noun, a describe word) rather than
// a listing, what a parent that was not named does, the qualifiers named as ignored, and the replies
// for nouns qchat does not know.
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../source/understanding/plan.js';
import { planQuestion } from '../source/understanding/planner.js';

const context = { now: new Date('2026-11-22T10:00:00Z'), region: 'us-east-1' };
const planned = (question: string): PlanResult => planQuestion(question, context);
const describes = (resourceType: string, identifier: string) => ({ kind: 'plan', plan: { family: 'resources', intent: 'describe', resourceType, identifier } });
const lists = (resourceType: string, ignored: string[] = []) => ({ kind: 'plan', plan: { family: 'resources', intent: 'list', resourceType, ignored } });

describe('one resource or a listing', () => {
  it.each([
    ['describe bucket logs-archive from my list', 'AWS::S3::Bucket', 'logs-archive', '"list" later in the question is no list verb'],
    ['buckets logs-archive detail', 'AWS::S3::Bucket', 'logs-archive', '"detail" asks for one'],
    ['info on buckets logs-archive', 'AWS::S3::Bucket', 'logs-archive', '"info on" asks for one'],
    ['show instances i-0123456789abcdef0', 'AWS::EC2::Instance', 'i-0123456789abcdef0', 'an instance ID after a plural noun'],
    ['show buckets arn:aws:s3:::logs-archive', 'AWS::S3::Bucket', 'arn:aws:s3:::logs-archive', 'an ARN, whole'],
    ['show buckets arn:aws-us-gov:s3:::logs-archive please', 'AWS::S3::Bucket', 'arn:aws-us-gov:s3:::logs-archive', 'an ARN of another partition after a plural noun'],
    ["show bucket 'logs-archive' details", 'AWS::S3::Bucket', 'logs-archive', 'a quoted name followed by more words'],
    ["describe bucket ' logs '", 'AWS::S3::Bucket', 'logs', 'a quoted name, trimmed'],
    ['nodegroups prod|ng-1', 'AWS::EKS::Nodegroup', 'prod|ng-1', 'a parent|name after a plural noun'],
    ['describe nodegroup prod|ng-1', 'AWS::EKS::Nodegroup', 'prod|ng-1', 'a parent|name needs no parent named'],
    ['describe fargate profile fp-1 in cluster prod', 'AWS::EKS::FargateProfile', 'prod|fp-1', 'the parent named joins the name'],
    ['rds orders-db', 'AWS::RDS::DBInstance', 'orders-db', 'a noun of three letters is singular'],
    ['instance web-1', 'AWS::EC2::Instance', 'web-1', 'a singular noun with an s inside'],
  ])('"%s" describes %s %s (%s)', (question, type, identifier) => {
    expect(planned(question)).toMatchObject(describes(type, identifier));
  });

  it.each([
    ['show all the function orders-api', 'AWS::Lambda::Function', '"all the" asks for a listing'],
    ['bucket tagged env=prod', 'AWS::S3::Bucket', '"tagged" is no name'],
    ['which bucket is tagged env=prod', 'AWS::S3::Bucket', '"is" is no name'],
    ['instance running in us-east-2', 'AWS::EC2::Instance', '"running" is no name'],
    ['bucket details', 'AWS::S3::Bucket', '"details" alone is no name'],
    ['bucket in eu-west-1', 'AWS::S3::Bucket', '"in" is no name'],
    ['subnets in vpc vpc-0123456789abcdef0', 'AWS::EC2::Subnet', 'the ID names the parent a filter read'],
    ['ecs clusters prod-1', 'AWS::ECS::Cluster', 'a plural with "us" inside'],
    ['how many security-groups', 'AWS::EC2::SecurityGroup', 'a hyphenated noun without digits is no name'],
    ['list s3', 'AWS::S3::Bucket', 'a service with a digit is no name'],
    ['how many ec2', 'AWS::EC2::Instance', 'nor is this one'],
    ['list route53 zones', 'AWS::Route53::HostedZone', 'nor one with digits inside'],
  ])('"%s" is about %s, not one resource (%s)', (question, type) => {
    const result = planned(question);
    expect(result).toMatchObject({ kind: 'plan', plan: { family: 'resources', resourceType: type } });
    expect(result.kind === 'plan' && result.plan.intent).not.toBe('describe');
  });

  it('asks for the cluster of a node group named without one, and of a listing with a parent|name', () => {
    const cluster = 'Which cluster (ClusterName)? AWS::EKS::Nodegroup is listed per cluster; name it, e.g. "node groups in cluster <name>".';
    expect(planned('describe nodegroup ng-1')).toMatchObject({ kind: 'reply', reason: 'clarify', message: cluster });
    expect(planned('list nodegroups prod|ng-1')).toMatchObject({ kind: 'reply', reason: 'clarify', message: cluster });
  });
});

describe('qualifiers', () => {
  it.each<[string, string, string[]]>([
    ['how many lambda functions', 'AWS::Lambda::Function', []],
    ['list python lambda functions', 'AWS::Lambda::Function', []],
    ['my idle instances', 'AWS::EC2::Instance', ['idle']],
  ])('"%s" names %j as ignored', (question, type, ignored) => {
    const result = planned(question);
    expect(result).toMatchObject({ kind: 'plan', plan: { resourceType: type } });
    expect(result.kind === 'plan' && 'ignored' in result.plan ? result.plan.ignored : undefined).toEqual(ignored);
  });
});

describe('nouns qchat does not know', () => {
  it.each([
    ['cloudfront distros', 'clarify', 'I don\'t know what "distros" means here. Did you mean "distributions", "disks"?', ['list distributions', 'list disks']],
    ['lambda funcs', 'clarify', 'I don\'t know what "funcs" means here. Did you mean "functions"?', ['list functions']],
    ['how many apis', 'clarify', '"apis" could mean several resource types: AWS::ApiGateway::RestApi, AWS::ApiGatewayV2::Api. Which one?', ['list AWS::ApiGateway::RestApi', 'list AWS::ApiGatewayV2::Api']],
    ['how many cloud widgets', 'clarify', 'I don\'t know the resource type "cloud". Did you mean "cloudfront"?', ['list cloudfront']],
    ['list widget gizmos', 'unsupported', 'I don\'t know the resource type "widget gizmos". Name it as people do ("lambda functions", "security groups") or by its type, e.g. AWS::Lambda::Function.', undefined],
    ['list all my', 'unsupported', "I couldn't tell which AWS resources or costs you mean, so I haven't asked AWS anything.", undefined],
  ])('"%s" gets a %s reply', (question, reason, message, suggestions) => {
    const result = planned(question);
    expect(result).toMatchObject({ kind: 'reply', reason, message });
    if (suggestions) expect(result.kind === 'reply' && result.suggestions).toEqual(suggestions);
  });
});

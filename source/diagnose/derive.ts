import { buildArn, parseArn, partitionOf } from './arn.js';
import type { Facts } from './facts.js';

/** Roles Identity Center creates live under this path, which their assumed-role ARNs leave out. */
const rolePath = (role: string) => (role.startsWith('AWSReservedSSO_') ? '/aws-reserved/sso.amazonaws.com/' : '/');

const roleResource = (role: string) => `role${rolePath(role)}${role}`;

/** Each ARN fact: its service, the fact that names the resource, and the resource part built from it. */
const arnFacts: Array<[string, string, string, (name: string) => string]> = [
  ['roleArn', 'iam', 'role', roleResource],
  ['targetRoleArn', 'iam', 'targetRole', roleResource],
  ['functionRoleArn', 'iam', 'functionRole', (role) => `role/${role}`],
  ['bucketArn', 's3', 'bucket', (bucket) => bucket],
  ['bucketObjectsArn', 's3', 'bucket', (bucket) => `${bucket}/*`],
  ['instanceArn', 'ec2', 'instanceId', (id) => `instance/${id}`],
  ['vpcArn', 'ec2', 'vpcId', (id) => `vpc/${id}`],
  ['functionArn', 'lambda', 'functionName', (name) => `function:${name}`],
  ['tableArn', 'dynamodb', 'table', (name) => `table/${name}`],
  ['dbInstanceArn', 'rds', 'dbInstance', (name) => `db:${name}`],
  ['keyArn', 'kms', 'keyId', (id) => `key/${id}`],
];

/** S3 actions on objects name the objects' ARN (bucket/*); the rest name the bucket's. */
const objectAction = /^s3:(?:Get|Put|Delete|Restore|Abort|List)\w*Object|^s3:\w*MultipartUpload/i;

/** For an action's service, the facts whose ARN is the resource it acts on. */
const resourceOfService: Record<string, string[]> = {
  s3: ['bucketArn'],
  iam: ['targetRoleArn'],
  kms: ['keyArn'],
  lambda: ['functionArn'],
  dynamodb: ['tableArn'],
  rds: ['dbInstanceArn'],
  ec2: ['instanceArn', 'vpcArn'],
};

/**
 * Facts that follow from others: who got the error in words, every ARN by its service's rules
 * (partition from the account, else the region), the resource an action was denied on, and the
 * least-privilege policy that would allow it. Safe to run again after the account was asked.
 */
export function deriveFacts(facts: Facts): void {
  const region = facts.get('region');
  const accountId = facts.get('account');
  const principalArn = facts.get('principalArn');
  const partition = (principalArn && parseArn(principalArn)?.partition) || (region ? partitionOf(region) : 'aws');
  const role = facts.get('role');
  const user = facts.get('user');
  facts.offer('principal', role ? `role ${role}` : user ? `user ${user}` : facts.has('rootUser') ? 'the root user' : undefined, 'built');
  const functionRoleArn = facts.get('functionRoleArn');
  if (functionRoleArn) facts.offer('functionRole', functionRoleArn.split('/').at(-1), 'built');
  for (const [name, service, source, resource] of arnFacts) {
    const value = facts.get(source);
    if (value) facts.offer(name, buildArn({ service, resource: resource(value), region, accountId, partition }), 'built');
  }

  const action = facts.get('action');
  if (!action) return;
  const service = action.split(':')[0]!;
  const candidates = service === 's3' && objectAction.test(action) ? ['bucketObjectsArn'] : (resourceOfService[service] ?? []);
  facts.offer('resourceArn', candidates.map((name) => facts.get(name)).find(Boolean), 'built');
  const resource = facts.get('resourceArn');
  if (!resource || action.includes('*')) return;
  facts.offer('allowPolicyName', `allow-${action.replace(/[^A-Za-z0-9]+/g, '-')}`, 'built');
  facts.offer('allowPolicyDocument', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] }), 'built');
}

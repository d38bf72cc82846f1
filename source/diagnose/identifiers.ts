import { parseArn } from './arn.js';

const hexId = (prefix: string) => new RegExp(`(?<![\\w-])${prefix}-(?:[0-9a-f]{17}|[0-9a-f]{8})(?![\\w-])`);
const regionNames = '(?:[a-z]{2}(?:-gov)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\\d{1,2})';

/** Resource IDs recognised by their shape wherever they appear (console URL or error text). */
const idPatterns: Array<[string, RegExp]> = [
  ['instanceId', hexId('i')],
  ['volumeId', hexId('vol')],
  ['securityGroupId', hexId('sg')],
  ['vpcId', hexId('vpc')],
  ['subnetId', hexId('subnet')],
  ['amiId', hexId('ami')],
  ['availabilityZone', new RegExp(`(?<![\\w-])${regionNames}[a-z](?![\\w-])`)],
  ['region', new RegExp(`(?<![\\w-])${regionNames}(?![\\w-])`)],
];

export const regionPattern = new RegExp(`^${regionNames}$`);

/** The first ID of each kind in the text; an Availability Zone also gives its region. */
export function scanResourceIds(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [fact, pattern] of idPatterns) {
    const match = pattern.exec(text);
    if (match) found[fact] = match[0];
  }
  if (found.availabilityZone) found.region = found.availabilityZone.slice(0, -1);
  return found;
}

/** Who a principal ARN is: an assumed role, an IAM role or user, or the root user. */
export function principalFacts(arn: string): Record<string, string> {
  const parts = parseArn(arn);
  if (!parts || !/^\d{12}$/.test(parts.accountId)) return {};
  const facts: Record<string, string> = { principalArn: arn, account: parts.accountId };
  const [kind, ...rest] = parts.resource.split('/');
  if (parts.service === 'sts' && kind === 'assumed-role' && rest[0]) facts.role = rest[0];
  else if (parts.service === 'iam' && kind === 'role' && rest.length > 0) facts.role = rest.at(-1)!;
  else if (parts.service === 'iam' && kind === 'user' && rest.length > 0) facts.user = rest.at(-1)!;
  else if (parts.service === 'sts' && kind === 'federated-user' && rest[0]) facts.user = rest[0];
  else if (parts.resource === 'root') facts.rootUser = 'root';
  return facts;
}

/** What a resource ARN names (bucket, role, function, table, key, …), with its region and account. */
export function resourceFacts(arn: string): Record<string, string> {
  const parts = parseArn(arn);
  if (!parts) return {};
  const facts: Record<string, string> = {};
  if (parts.region) facts.region = parts.region;
  if (/^\d{12}$/.test(parts.accountId)) facts.account = parts.accountId;
  const { service, resource } = parts;
  const [kind, ...rest] = resource.split(/[/:]/);
  const name = rest[0];
  if (service === 's3' && !parts.region) facts.bucket = resource.split('/')[0]!;
  else if (service === 'iam' && kind === 'role' && rest.length > 0) Object.assign(facts, { targetRole: rest.at(-1)!, targetRoleArn: arn });
  else if (service === 'iam' && kind === 'policy') facts.policyArn = arn;
  else if (service === 'lambda' && kind === 'function' && name) facts.functionName = name;
  else if (service === 'dynamodb' && kind === 'table' && name) facts.table = name;
  else if (service === 'kms' && kind === 'key' && name) facts.keyId = name;
  else if (service === 'rds' && kind === 'db' && name) facts.dbInstance = name;
  else if (service === 'ec2' && name) Object.assign(facts, scanResourceIds(name));
  return facts;
}

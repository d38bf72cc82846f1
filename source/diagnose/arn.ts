/**
 * ARNs built by each service's rules, and the grammar every ARN is checked against before it
 * reaches the user: S3 and IAM ARNs carry no region (S3 bucket ARNs no account either), regional
 * services carry both, and the partition follows the region (aws-cn, aws-us-gov) or the account.
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** Services whose ARNs never name a region. */
const regionless = new Set(['iam', 's3', 'sts', 'cloudfront', 'route53', 'organizations']);
/** S3 resources that, unlike buckets and objects, live in a region and an account. */
const regionalS3 = /^(?:accesspoint|outpost|job|storage-lens)\//;

const grammar = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:([^\s\u0000-\u001f\u007f]+)$/;
const regionGrammar = /^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/;
const partitions: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function parseArn(arn: string): ArnParts | undefined {
  const match = grammar.exec(arn);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match;
  return { partition: partition!, service: service!, region: region!, accountId: accountId ?? '', resource: resource! };
}

/** Why `arn` is malformed for its service, or undefined when it is well formed. */
export function arnProblem(arn: string): string | undefined {
  const parts = parseArn(arn);
  if (!parts) return 'it does not follow arn:partition:service:region:account:resource';
  const { partition, service, region, accountId, resource } = parts;
  if (!partitions.includes(partition)) return `${partition} is not an AWS partition`;
  // A template placeholder that slipped through (<bucket>, {bucket}) is never a real resource.
  if (/[<>{}]/.test(resource)) return 'its resource is a placeholder';
  const bucketLike = service === 's3' && !regionalS3.test(resource);
  if (regionless.has(service) && !(service === 's3' && !bucketLike)) {
    if (region) return `${service} ARNs carry no region`;
    if (bucketLike && accountId) return 'S3 bucket and object ARNs carry no account';
    if (!bucketLike && !accountId) return `${service} ARNs need an account`;
    return undefined;
  }
  if (!regionGrammar.test(region)) return `${service} ARNs need a region`;
  if (partitionOf(region) !== partition) return `${region} is not in partition ${partition}`;
  if (!/^\d{12}$/.test(accountId)) return `${service} ARNs need a 12-digit account`;
  return undefined;
}

export function isValidArn(arn: string): boolean {
  return arnProblem(arn) === undefined;
}

export interface ArnRequest {
  service: string;
  /** The part after the account, e.g. `role/ReadOnly`, `function:orders-api`, `my-bucket` for S3. */
  resource: string;
  region?: string | undefined;
  accountId?: string | undefined;
  /** The account's partition; without it, the region's (regional services) or aws. */
  partition?: string | undefined;
}

/** The ARN by the service's rules, or undefined when a part it needs is missing or it would be malformed. */
export function buildArn(request: ArnRequest): string | undefined {
  const bucketLike = request.service === 's3' && !regionalS3.test(request.resource);
  const region = regionless.has(request.service) && (bucketLike || request.service !== 's3') ? '' : (request.region ?? '');
  const accountId = bucketLike ? '' : (request.accountId ?? '');
  const partition = request.partition ?? (region ? partitionOf(region) : 'aws');
  const arn = `arn:${partition}:${request.service}:${region}:${accountId}:${request.resource}`;
  return isValidArn(arn) ? arn : undefined;
}

/** Every ARN-looking token in a text, well formed or not (stops at quotes, brackets and spaces). */
export function arnTokens(text: string): string[] {
  return [...text.matchAll(/arn:[^\s"'`<>,;()[\]{}]*/g)].map((match) => match[0].replace(/\.+$/, ''));
}

/** The malformed ARNs in a text; an empty list means every ARN in it is well formed. */
export function malformedArns(text: string): string[] {
  return arnTokens(text).filter((token) => !isValidArn(token));
}

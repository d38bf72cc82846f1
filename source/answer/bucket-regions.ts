import type { CloudResource } from '../aws/cloud-control.js';
import type { PropertyFilter } from '../understanding/plan.js';

/**
 * An S3 bucket is listed from one region but lives in its own: the model's RegionalDomainName
 * ("name.s3.us-west-2.amazonaws.com", a read-only attribute of AWS::S3::Bucket in
 * @aws-cdk/aws-service-spec, which GetResource returns) names it. Without it, the region listed from.
 */
export function ownRegion(resource: CloudResource, typeName: string): string {
  if (typeName !== 'AWS::S3::Bucket') return resource.region;
  const domain = resource.properties?.RegionalDomainName;
  const region = typeof domain === 'string' ? /\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com$/.exec(domain)?.[1] : undefined;
  return region ?? resource.region;
}

/** Each resource under the region it lives in. */
export function inOwnRegions(resources: CloudResource[], typeName: string): CloudResource[] {
  return resources.map((resource) => ({ ...resource, region: ownRegion(resource, typeName) }));
}

/** What a bucket must be read for to tell its region, as a filter's need ("in the regions asked"): buckets the listing gave by name only are read whole. */
export const bucketRegionNeed: PropertyFilter = { property: 'RegionalDomainName', op: 'contains', value: '', label: 'tell which region each bucket is in' };

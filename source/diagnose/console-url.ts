import { isValidArn } from './arn.js';
import { regionPattern, scanResourceIds } from './identifiers.js';

export interface ConsoleUrlReading {
  /** service, region and resource identifiers, named as facts. */
  values: Record<string, string>;
  /** Why the URL gave nothing, when it is not a console URL at all. */
  warning?: string;
}

const consoleHost = /(?:^|\.)console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)$/;

/** The console's first path segment → the service it belongs to. */
const services: Record<string, string> = {
  s3: 's3',
  ec2: 'ec2',
  iam: 'iam',
  iamv2: 'iam',
  lambda: 'lambda',
  rds: 'rds',
  dynamodb: 'dynamodb',
  dynamodbv2: 'dynamodb',
  kms: 'kms',
  vpc: 'vpc',
  vpcconsole: 'vpc',
};

/**
 * Where each console names its resources: S3 in the path, the single-page consoles in the
 * fragment (`#/roles/details/NAME`, `#/functions/NAME`, `#database:id=NAME`, `#table?name=NAME`,
 * `#/kms/keys/ID`). EC2 and VPC IDs are recognised by their shape anywhere.
 */
const resourceRules: Array<{ service: string; fact: string; pattern: RegExp }> = [
  { service: 's3', fact: 'bucket', pattern: /\/s3\/(?:buckets?|object)\/(?!create(?:[/?#]|$))([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?=[/?#]|$)/ },
  { service: 'iam', fact: 'targetRole', pattern: /#\/roles\/(?:details\/)?([\w+=,.@-]{1,64})(?=[/?#]|$)/ },
  { service: 'iam', fact: 'policyArn', pattern: /#\/policies\/(?:details\/)?(arn:[^?#\s]+)/ },
  { service: 'lambda', fact: 'functionName', pattern: /#\/functions\/([\w-]{1,64})(?=[/?#]|$)/ },
  { service: 'rds', fact: 'dbInstance', pattern: /#(?:database|dbinstance):id=([a-zA-Z][a-zA-Z0-9-]{0,62})(?=[;&?#]|$)/ },
  { service: 'dynamodb', fact: 'table', pattern: /[#?&;](?:name|table|selected)=([\w.-]{3,255})(?=[;&?#]|$)/ },
  { service: 'kms', fact: 'keyId', pattern: /#\/kms\/keys\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})(?=[/?#]|$)/ },
];

/**
 * Reads an AWS console URL: the service from the path, the region from `?region=` (or the
 * regional host name), and the resource the page is about. Anything else gives no facts and a
 * warning, never an exception.
 */
export function parseConsoleUrl(raw: string): ConsoleUrlReading {
  const text = raw.trim();
  if (!text) return { values: {} };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { values: {}, warning: 'The URL could not be read as a URL, so it was ignored.' };
  }
  if (!/^https?:$/.test(url.protocol) || !consoleHost.test(url.hostname)) {
    return { values: {}, warning: `${url.hostname || 'That URL'} is not an AWS console address, so the URL was ignored.` };
  }
  const fragment = decode(url.hash);
  const values: Record<string, string> = {};
  const service = services[url.pathname.split('/')[1]?.toLowerCase() ?? ''];
  if (service) values.service = service;
  const region = [url.searchParams.get('region'), /[?&;]region=([a-z0-9-]+)/.exec(fragment)?.[1], url.hostname.split('.')[0]].find((candidate) => candidate && regionPattern.test(candidate));
  if (region) values.region = region;
  const where = `${decode(url.pathname)}${fragment}`;
  for (const rule of resourceRules) {
    const match = rule.service === service ? rule.pattern.exec(where) : null;
    const value = match?.[1];
    if (value && !(value.startsWith('arn:') && !isValidArn(value))) values[rule.fact] ??= value;
  }
  return { values: { ...scanResourceIds(where), ...values } };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

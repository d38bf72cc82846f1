// Which words of a question filter a listing, and on what: one table per resource type maps a
// qualifier ("running", "python", "t3", "postgres", "larger than 100 GB", "in the payments
// cluster") to a property of the type's resource model. Property names are the CloudFormation
// schemas' (checked against @aws-cdk/aws-service-spec, the registry data the catalog is built
// from): AWS::EC2::Instance's read-only `State` is `{ Code, Name }`, AWS::RDS::DBInstance's status
// is the read-only `DBInstanceStatus`, AWS::EC2::Volume's `Size` is in GiB, AWS::Lambda::Function's
// `MemorySize` in MB. A qualifier a type's table lacks is never applied: the planner names it as
// ignored instead.
import type { ListFilters, NameFilter, PropertyFilter, TagFilter } from './plan.js';

/** A filter read from the question, with the span of the words it used. */
export interface ReadFilter {
  filter: PropertyFilter;
  span: [number, number];
}

type Reader = (text: string) => ReadFilter | undefined;

/**
 * Words that qualify resources by state, runtime, engine and the like: named as ignored when the
 * type's table has no use for them. Some states are in no Cloud Control model at all: an alarm's
 * state (AWS::CloudWatch::Alarm has no StateValue; it is CloudWatch DescribeAlarms's) and a volume's
 * attachment (AWS::EC2::Volume has no State or Attachments; attachments are AWS::EC2::VolumeAttachment),
 * per @aws-cdk/aws-service-spec.
 */
export const qualifierWords = /\b(?:in (?:the )?alarm(?: state)?|(?:in )?(?:the )?(?:ok|insufficient[ _]data) state|alarming|un-?attached|detached|orphan(?:ed)?|running|stopped|stopping|pending|terminated|available|in-use|active|inactive|failed|creating|deleting|python|node(?:\.?js)?|java|ruby|dotnet|postgres(?:ql)?|mysql|mariadb|aurora|oracle|redis|valkey|memcached|fifo|encrypted|unencrypted|spot|fargate|arm64|graviton)\b/gi;

function span(match: RegExpExecArray): [number, number] {
  return [match.index, match.index + match[0].length];
}

/** The first of `options` the text names: a pattern and the filter its match gives. */
function choice(property: string, options: Array<[RegExp, (m: RegExpExecArray) => Omit<PropertyFilter, 'property'>]>): Reader {
  return (text) => {
    const found = options
      .map(([pattern, make]) => ({ match: pattern.exec(text), make }))
      .filter((entry): entry is { match: RegExpExecArray; make: (m: RegExpExecArray) => Omit<PropertyFilter, 'property'> } => entry.match !== null)
      .sort((a, b) => a.match.index - b.match.index)[0];
    return found ? { filter: { property, ...found.make(found.match) }, span: span(found.match) } : undefined;
  };
}

const is = (value: string, label: string) => () => ({ op: 'is' as const, value, label });
const flag = (on: boolean, adjective: string) => () => ({ op: on ? ('true' as const) : ('false' as const), value: String(on), label: `that are ${adjective}` });

/** Resource states as the services spell them ("running", "stopped"; RDS "available", "stopped"). */
function states(property: string, names: string[]): Reader {
  return choice(property, names.map((name) => [new RegExp(String.raw`\b${name}\b`, 'i'), is(name, `in state ${name}`)]));
}

/** "python", "python 3.12", "node 20", "java 21", "running python": Lambda runtime identifiers (python3.12, nodejs20.x, java21). */
const runtime = choice('Runtime', [
  [/\b(?:(?:running|using|on|with|in)\s+)?python\s*(3\.\d{1,2})\b/i, (m) => ({ op: 'is', value: `python${m[1]}`, label: `on python${m[1]}` })],
  [/\b(?:(?:running|using|on|with|in)\s+)?python\b/i, () => ({ op: 'prefix', value: 'python', label: 'on Python' })],
  [/\b(?:(?:running|using|on|with|in)\s+)?node(?:\.?js)?\s*(\d{2})\b/i, (m) => ({ op: 'is', value: `nodejs${m[1]}.x`, label: `on nodejs${m[1]}.x` })],
  [/\b(?:(?:running|using|on|with|in)\s+)?node(?:\.?js)?\b/i, () => ({ op: 'prefix', value: 'nodejs', label: 'on Node.js' })],
  [/\b(?:(?:running|using|on|with|in)\s+)?java\s*(\d{1,2})\b/i, (m) => ({ op: 'is', value: `java${m[1]}`, label: `on java${m[1]}` })],
  [/\b(?:(?:running|using|on|with|in)\s+)?java\b/i, () => ({ op: 'prefix', value: 'java', label: 'on Java' })],
  [/\b(?:(?:running|using|on|with|in)\s+)?ruby\b/i, () => ({ op: 'prefix', value: 'ruby', label: 'on Ruby' })],
  [/\b(?:(?:running|using|on|with|in)\s+)?(?:dotnet|\.net)\b/i, () => ({ op: 'prefix', value: 'dotnet', label: 'on .NET' })],
]);

const architecture = choice('Architectures', [
  [/\b(?:arm64|arm|graviton)\b/i, () => ({ op: 'is', value: 'arm64', label: 'on arm64' })],
  [/\bx86(?:[_-]64)?\b/i, () => ({ op: 'is', value: 'x86_64', label: 'on x86_64' })],
]);

/** EC2 instance types: "t3" is a family (t3.*), "m5.large" one size; RDS classes are the same with "db." before ("db.t3.medium"). */
function instanceType(property: string, prefix: '' | 'db.' = ''): Reader {
  const pattern = new RegExp(String.raw`\b${prefix ? String.raw`(?:db\.)?` : ''}([a-z]\d[a-z0-9-]*?)(?:\.((?:nano|micro|small|medium|large|metal|\d{0,2}xlarge)(?:-\d+xl)?))?\b`, 'gi');
  return (text) => {
    for (const match of text.matchAll(pattern)) {
      const [, family = '', size] = match;
      // A family is a letter, a generation digit and attribute letters (t3, m6g, c6in, r7iz, g5), not "s3" or "ec2".
      if (!/^[a-z]\d[a-z]{0,3}(?:-flex)?$/i.test(family) || /^(?:s3|e2)$/i.test(family)) continue;
      const value = `${prefix}${family.toLowerCase()}.${size ? size.toLowerCase() : ''}`;
      const filter: PropertyFilter = size ? { property, op: 'is', value, label: `of type ${value}` } : { property, op: 'prefix', value, label: `of type ${value}*` };
      return { filter, span: span(match) };
    }
    return undefined;
  };
}

const sizeUnits: Record<string, number> = { mb: 1 / 1024, mib: 1 / 1024, gb: 1, gib: 1, tb: 1024, tib: 1024 };
const comparisons: Array<[RegExp, PropertyFilter['op'], string]> = [
  [/\b(?:larger|bigger|greater|more|over|above)(?: than)?\s+/, 'above', 'over'],
  [/\b(?:at least|no (?:less|smaller) than|minimum(?: of)?)\s+/, 'at-least', 'at least'],
  [/\b(?:smaller|less|fewer|under|below)(?: than)?\s+/, 'below', 'under'],
  [/\b(?:at most|up to|no (?:more|larger|bigger) than|maximum(?: of)?)\s+/, 'at-most', 'at most'],
];

/** "larger than 100 GB", "under 1 TB", "500 GB volumes", "with more than 512 MB of memory": a size, in the property's unit. */
function size(property: string, unit: 'GiB' | 'MB', what: string): Reader {
  const amount = String.raw`(\d+(?:\.\d+)?)\s*(mb|mib|gb|gib|tb|tib)\b`;
  return (text) => {
    for (const [words, op, said] of comparisons) {
      const match = new RegExp(words.source + amount, 'i').exec(text);
      if (match) return { filter: sized(property, op, said, match, unit, what), span: span(match) };
    }
    const exact = new RegExp(String.raw`\b${amount}`, 'i').exec(text);
    return exact ? { filter: sized(property, 'is', 'of', exact, unit, what), span: span(exact) } : undefined;
  };
}

function sized(property: string, op: PropertyFilter['op'], said: string, match: RegExpExecArray, unit: 'GiB' | 'MB', what: string): PropertyFilter {
  const number = Number(match[match.length - 2]);
  const typed = (match[match.length - 1] ?? 'gb').toLowerCase();
  const gib = number * (sizeUnits[typed] ?? 1);
  const value = unit === 'GiB' ? gib : gib * 1024;
  return { property, op, value: String(Math.round(value * 1000) / 1000), label: `with ${what} ${said} ${value.toLocaleString('en-US')} ${unit}` };
}

/** RDS engines as the service names them (postgres, aurora-postgresql, mysql, sqlserver-se, oracle-ee, …). */
const rdsEngine = choice('Engine', [
  [/\baurora\s+postgres(?:ql)?\b/i, is('aurora-postgresql', 'on Aurora PostgreSQL')],
  [/\baurora\s+mysql\b/i, is('aurora-mysql', 'on Aurora MySQL')],
  [/\bpostgres(?:ql)?\b|\bpg\b/i, () => ({ op: 'contains', value: 'postgres', label: 'on PostgreSQL' })],
  [/\bmysql\b/i, () => ({ op: 'contains', value: 'mysql', label: 'on MySQL' })],
  [/\bmariadb\b/i, is('mariadb', 'on MariaDB')],
  [/\baurora\b/i, () => ({ op: 'prefix', value: 'aurora', label: 'on Aurora' })],
  [/\boracle\b/i, () => ({ op: 'prefix', value: 'oracle', label: 'on Oracle' })],
  [/\bsql ?server\b|\bmssql\b/i, () => ({ op: 'prefix', value: 'sqlserver', label: 'on SQL Server' })],
]);

const cacheEngine = choice('Engine', [
  [/\bredis\b/i, is('redis', 'on Redis')],
  [/\bvalkey\b/i, is('valkey', 'on Valkey')],
  [/\bmemcached\b/i, is('memcached', 'on Memcached')],
]);

const volumeType = choice('VolumeType', ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'].map((name) => [new RegExp(String.raw`\b${name}\b`, 'i'), is(name, `of type ${name}`)]));
const encrypted = choice('Encrypted', [
  [/\b(?:unencrypted|not encrypted)\b/i, flag(false, 'unencrypted')],
  [/\bencrypted\b/i, flag(true, 'encrypted')],
]);

/** "standard" and "infrequent access" classes: DynamoDB's TableClass, CloudWatch Logs' LogGroupClass. */
function storageClass(property: string, infrequent: string): Reader {
  return choice(property, [
    [/\b(?:infrequent[- ]access|standard[- ]ia|ia)\b/i, is(infrequent, `in class ${infrequent}`)],
    [/\bstandard\b/i, is('STANDARD', 'in class STANDARD')],
  ]);
}

/**
 * "in the payments cluster", "in cluster prod-services", "of vpc vpc-0abc": the resource's parent,
 * a property naming it (an ARN or a name for `named`, the exact ID for `is`).
 */
function parent(property: string, noun: string, op: 'named' | 'is', nouns = noun): Reader {
  const value = String.raw`["'\x60]?([A-Za-z0-9][\w.:/@+-]*?)["'\x60]?`;
  const within = String.raw`\b(?:in|of|on|for|within|under|inside|from|belonging to)\s+(?:the\s+|my\s+|our\s+)?`;
  const after = new RegExp(String.raw`${within}(?:${nouns})\s+(?:named\s+|called\s+)?${value}(?=[\s?.!,]|$)`, 'i');
  const before = new RegExp(String.raw`${within}${value}\s+(?:${nouns})\b`, 'i');
  return (text) => {
    for (const pattern of [after, before]) {
      const match = pattern.exec(text);
      const name = match?.[1];
      if (match && name && !/^(?:a|an|the|my|our|same|this|that|each|every|any|all)$/i.test(name)) return { filter: { property, op, value: name, label: `in ${noun} ${name}` }, span: span(match) };
    }
    return undefined;
  };
}

const ec2States = states('State.Name', ['running', 'stopped', 'stopping', 'pending', 'terminated', 'shutting-down']);

/** The qualifiers each type takes, most specific first. */
const tables: Record<string, Reader[]> = {
  'AWS::EC2::Instance': [ec2States, instanceType('InstanceType'), parent('VpcId', 'vpc', 'is'), parent('SubnetId', 'subnet', 'is')],
  'AWS::Lambda::Function': [runtime, architecture, size('MemorySize', 'MB', 'memory')],
  'AWS::RDS::DBInstance': [states('DBInstanceStatus', ['available', 'stopped', 'stopping', 'starting', 'creating', 'deleting', 'failed', 'backing-up', 'modifying']), rdsEngine, instanceType('DBInstanceClass', 'db.'), size('AllocatedStorage', 'GiB', 'storage')],
  'AWS::RDS::DBCluster': [rdsEngine],
  'AWS::EC2::Volume': [volumeType, encrypted, size('Size', 'GiB', 'size')],
  'AWS::EC2::Subnet': [parent('VpcId', 'vpc', 'is')],
  'AWS::EC2::SecurityGroup': [parent('VpcId', 'vpc', 'is')],
  'AWS::DynamoDB::Table': [
    storageClass('TableClass', 'STANDARD_INFREQUENT_ACCESS'),
    choice('BillingMode', [
      [/\b(?:on[- ]demand|pay[- ]per[- ]request)\b/i, is('PAY_PER_REQUEST', 'billed on demand')],
      [/\bprovisioned\b/i, is('PROVISIONED', 'with provisioned capacity')],
    ]),
  ],
  'AWS::Logs::LogGroup': [storageClass('LogGroupClass', 'INFREQUENT_ACCESS')],
  'AWS::ElastiCache::ServerlessCache': [states('Status', ['available', 'creating', 'deleting', 'modifying', 'create-failed']), cacheEngine],
  'AWS::SQS::Queue': [choice('FifoQueue', [[/\bfifo\b/i, flag(true, 'FIFO')]])],
  'AWS::SNS::Topic': [choice('FifoTopic', [[/\bfifo\b/i, flag(true, 'FIFO')]])],
  'AWS::KMS::Key': [choice('Enabled', [[/\bdisabled\b/i, flag(false, 'disabled')], [/\benabled\b/i, flag(true, 'enabled')]])],
  'AWS::EKS::Nodegroup': [choice('CapacityType', [[/\bspot\b/i, is('SPOT', 'on Spot')], [/\bon[- ]demand\b/i, is('ON_DEMAND', 'on demand')]]), instanceType('InstanceTypes')],
  'AWS::EKS::Cluster': [choice('Version', [[/\b(?:version|v|kubernetes|k8s|on)\s*(1\.\d{1,2})\b/i, (m) => ({ op: 'is', value: m[1]!, label: `on Kubernetes ${m[1]}` })]])],
  'AWS::ECS::Service': [parent('Cluster', 'cluster', 'named', 'ecs cluster|cluster'), choice('LaunchType', [[/\bfargate\b/i, is('FARGATE', 'on Fargate')], [/\bon ec2\b/i, is('EC2', 'on EC2')]])],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    choice('Type', [
      [/\b(?:application|alb)s?\b/i, is('application', 'of type application')],
      [/\b(?:network|nlb)s?\b/i, is('network', 'of type network')],
      [/\b(?:gateway|gwlb)s?\b/i, is('gateway', 'of type gateway')],
    ]),
    choice('Scheme', [
      [/\b(?:internet[- ]facing|public)\b/i, is('internet-facing', 'with scheme internet-facing')],
      [/\binternal\b/i, is('internal', 'with scheme internal')],
    ]),
  ],
  'AWS::StepFunctions::StateMachine': [choice('StateMachineType', [[/\bexpress\b/i, is('EXPRESS', 'of type EXPRESS')], [/\bstandard\b/i, is('STANDARD', 'of type STANDARD')]])],
};

/** The property filters a question names for a type, each reader at most once, and the spans of the words they used. */
export function readPropertyFilters(text: string, typeName: string): ReadFilter[] {
  const read: ReadFilter[] = [];
  for (const reader of tables[typeName] ?? []) {
    // Words one reader used are not read again by the next ("t3" in "db.t3" is not also an instance family).
    const rest = read.reduce((masked, { span: [from, to] }) => masked.slice(0, from) + ' '.repeat(to - from) + masked.slice(to), text);
    const found = reader(rest);
    if (found) read.push(found);
  }
  return read;
}

/**
 * Parent scoping for a child noun the catalog does not hold alone: "services in the payments
 * cluster" are ECS services ("services" by itself could be many things).
 */
const scopedChildren: Array<{ child: RegExp; parent: RegExp; type: string }> = [{ child: /\b(?:ecs\s+)?services\b/i, parent: /\bcluster\b/i, type: 'AWS::ECS::Service' }];

export function scopedChildType(text: string): { type: string; span: [number, number] } | undefined {
  for (const { child, parent: named, type } of scopedChildren) {
    const match = child.exec(text);
    if (match && named.test(text.slice(match.index + match[0].length)) && readPropertyFilters(text, type).some(({ filter }) => filter.op === 'named')) return { type, span: span(match) };
  }
  return undefined;
}

const tagWord = String.raw`["'\x60]?([\w.:/+@-]+)["'\x60]?`;
const tagValueSep = String.raw`\s*(?:=|\bis\b|\bequals?\b|\bequal to\b|\bset to\b)\s*`;
/** Tag phrasings, most specific first; each match is masked before the next reads. */
const tagPatterns: Array<[RegExp, (m: RegExpExecArray) => TagFilter]> = [
  // "with tag value prod", "tagged with the value prod": a value under any key.
  [new RegExp(String.raw`\b(?:with (?:a |the |any )?)?tag(?:ged)?(?: with)?(?: (?:a|the|any))? value(?:\s+(?:of|is|=))?\s+${tagWord}`, 'gi'), (m) => ({ key: null, value: m[1]! })],
  // "tag key team", "with the tag key team set to payments".
  [new RegExp(String.raw`\b(?:with (?:a |the )?)?tag(?:ged)?(?: with)?(?: (?:a|the))? key\s+${tagWord}(?:${tagValueSep}${tagWord})?`, 'gi'), (m) => ({ key: m[1]!, value: m[2] ?? null })],
  // "with an owner tag", "with the env tag set to prod".
  [new RegExp(String.raw`\bwith (?:a|an|the) ([A-Za-z][\w.:-]{0,127}) tag\b(?:${tagValueSep}${tagWord})?`, 'gi'), (m) => ({ key: m[1]!, value: m[2] ?? null })],
  // "tagged env=prod", "with tag team", "tagged with team:payments", "tag env is prod"; a bare
  // "tagged production" may name a key or a value, so it matches either.
  [new RegExp(String.raw`\b(?:tagged(?: with)?|with (?:the )?tags?|tags?)\s+${tagWord}(?:${tagValueSep}${tagWord})?`, 'gi'), (m) => tagOf(m[1]!, m[2], /^tagged\b/i.test(m[0]))],
  // "functions with env=dev": key=value on its own.
  [/(?<![\w:/-])([A-Za-z][\w.:-]{0,127})=([\w.:/+@-]+)/g, (m) => ({ key: m[1]!, value: m[2]! })],
];

/** Keys may hold colons ("aws:cloudformation:stack-name"); a single colon with no value separates key and value ("team:payments"). */
function tagOf(key: string, value: string | undefined, bare: boolean): TagFilter {
  if (value !== undefined) return { key, value };
  const [tagKey, tagValue, ...rest] = key.split(':');
  if (tagKey && tagValue && rest.length === 0) return { key: tagKey, value: tagValue };
  return bare ? { key, value: null, orValue: true } : { key, value: null };
}

const nameWord = String.raw`["'\x60]?([^"'\x60\s?!,]+)["'\x60]?`;
const namePatterns: Array<[RegExp, NameFilter['match']]> = [
  [new RegExp(String.raw`\b(?:with|having|that have|containing)\s+${nameWord}\s+in (?:the|their|its) names?\b`, 'i'), 'contains'],
  [new RegExp(String.raw`\b(?:(?:whose|with|having) names? )?(?:starting|beginning|that start|that begin|starts|begins|start|begin) with\s+${nameWord}`, 'i'), 'prefix'],
  [new RegExp(String.raw`\b(?:prefixed(?: with| by)?|with (?:the |a )?(?:name )?prefix)\s+${nameWord}`, 'i'), 'prefix'],
  [new RegExp(String.raw`\b(?:(?:whose|with|having) names? )?(?:ending|that end|ends|end) (?:with|in)\s+${nameWord}`, 'i'), 'suffix'],
  [new RegExp(String.raw`\b(?:named|called|with names? (?:containing|like|matching)|whose names? (?:contains?|includes?|has)|names? contain(?:s|ing)?|containing|matching)\s+${nameWord}`, 'i'), 'contains'],
];

function masked(text: string, spans: Array<[number, number]>): string {
  return spans.reduce((out, [from, to]) => out.slice(0, from) + ' '.repeat(to - from) + out.slice(to), text);
}

export interface ReadFilters {
  filters: ListFilters;
  /** Spans of the words the filters used. */
  used: Array<[number, number]>;
  /** Qualifier words ("running", "python") nothing read: the type has no such property. */
  unread: string[];
}

/** Every filter a question names for a type: tags, then the name, then the type's properties. Words of the resource noun (`noun`, "node groups") are never unread qualifiers. */
export function readFilters(text: string, typeName: string, noun?: [number, number]): ReadFilters {
  const used: Array<[number, number]> = [];
  const tags: TagFilter[] = [];
  for (const [pattern, make] of tagPatterns) {
    for (const match of masked(text, used).matchAll(pattern)) {
      tags.push(make(match));
      used.push(span(match));
    }
  }
  let name: NameFilter | null = null;
  for (const [pattern, match] of namePatterns) {
    const found = pattern.exec(masked(text, used));
    if (found?.[1]) {
      name = { match, value: found[1] };
      used.push(span(found));
      break;
    }
  }
  const properties = readPropertyFilters(masked(text, used), typeName);
  used.push(...properties.map((read) => read.span));
  const unread = [...masked(text, noun ? [...used, noun] : used).matchAll(qualifierWords)].map((m) => m[0]);
  return { filters: { tags, name, properties: properties.map((read) => read.filter) }, used, unread: [...new Set(unread)] };
}

/** A tag filter as a question says it, which reads back as the same filter: "tagged env=prod", "with a tag value prod". */
export function tagPhrase(tag: TagFilter): string {
  return tag.key === null ? `with a tag value ${tag.value ?? ''}` : `tagged ${tag.key}${tag.value === null ? '' : `=${tag.value}`}`;
}

/** How an answer names filters: "tagged env=prod", "with names starting "web"", "running". */
export function filterLabels(filters: Pick<ListFilters, 'tags' | 'name'> & { properties: readonly PropertyFilter[] }): string[] {
  const tags = filters.tags.map((tag) => `${tagPhrase(tag)}${tag.orValue ? ' (a tag key or value)' : ''}`);
  const name = filters.name ? [filters.name.match === 'contains' ? `named like "${filters.name.value}"` : `with names ${filters.name.match === 'prefix' ? 'starting' : 'ending'} "${filters.name.value}"`] : [];
  return [...filters.properties.map((filter) => filter.label), ...name, ...tags];
}

/** The previous filters with a follow-up's added: tags add up; a name or a property named again replaces the old one. */
export function mergeFilters(previous: ListFilters, added: ListFilters): ListFilters {
  const replaced = new Set(added.properties.map((filter) => filter.property));
  return { tags: [...previous.tags, ...added.tags], name: added.name ?? previous.name, properties: [...previous.properties.filter((filter) => !replaced.has(filter.property)), ...added.properties] };
}

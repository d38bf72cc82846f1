import { unitHash } from '../faults.js';
import { resourceWorld, type SandboxResource } from './resources.js';

/**
 * The sandbox cost model. Every resource in the world bills one or more cost lines (service,
 * region, usage type, the resource's env/team/app tags) at a base daily rate; a day's cost of a
 * line is that rate times a growth trend, a weekday pattern and noise, all pure functions of the
 * date, service and region. So the model answers for any date, and services cost where their
 * resources are. Amounts are integer micro-dollars so sums of groups equal totals exactly.
 */
export interface CostLine {
  service: string;
  region: string;
  usageType: string;
  recordType: 'Usage' | 'Tax';
  tags: Readonly<Record<string, string>>;
  /** Base cost in USD per day and usage quantity per day, before trend, weekday and noise. */
  usd: number;
  quantity: number;
  pattern: Pattern;
}

/** steady: billed by the hour regardless of load; compute: scaled down a little at weekends; elastic: follows traffic. */
type Pattern = 'steady' | 'compute' | 'elastic';

export interface CostCell {
  line: CostLine;
  /** Micro-dollars (1e-6 USD) and micro-units of usage quantity. */
  cost: number;
  quantity: number;
}

export const microsPerUnit = 1_000_000;
const taxRate = 0.06;
/** The date where base rates apply; costs grow 1.8% a month through it, both ways. */
const trendEpoch = Date.UTC(2026, 10, 1);
const dayMs = 86_400_000;

const hourly: Record<string, number> = {
  't3.micro': 0.0104, 't3.small': 0.0208, 't3.medium': 0.0416, 't3.large': 0.0832, 't3.xlarge': 0.1664, 'm5.large': 0.096, 'm6i.large': 0.096,
  'm6i.xlarge': 0.192, 'm7g.large': 0.0816, 'm7g.xlarge': 0.1632, 'c6i.xlarge': 0.17, 'c6i.2xlarge': 0.34, 'c5.2xlarge': 0.34, 'r6g.large': 0.1008,
  'r6g.xlarge': 0.2016, 'g5.xlarge': 1.006, 'g5.2xlarge': 1.212, 'db.t3.micro': 0.017, 'db.t3.medium': 0.068, 'db.m6g.large': 0.152,
  'db.r6g.large': 0.225, 'db.r6g.xlarge': 0.45,
};
const ebsPerGbMonth: Record<string, number> = { gp3: 0.08, gp2: 0.1, io2: 0.125, st1: 0.045 };
const regionPrice: Record<string, number> = {
  'us-west-1': 1.17, 'ca-central-1': 1.1, 'eu-west-1': 1.1, 'eu-west-2': 1.14, 'eu-west-3': 1.16, 'eu-central-1': 1.16, 'eu-north-1': 1.05, 'ap-south-1': 1.05,
  'ap-northeast-1': 1.25, 'ap-northeast-2': 1.2, 'ap-northeast-3': 1.25, 'ap-southeast-1': 1.2, 'ap-southeast-2': 1.2, 'sa-east-1': 1.55,
};
/** Usage type prefixes as Cost Explorer shows them; us-east-1 has none. */
const usagePrefix: Record<string, string> = {
  'us-east-1': '', 'us-east-2': 'USE2-', 'us-west-1': 'USW1-', 'us-west-2': 'USW2-', 'ap-south-1': 'APS3-', 'ap-northeast-1': 'APN1-', 'ap-northeast-2': 'APN2-',
  'ap-northeast-3': 'APN3-', 'ap-southeast-1': 'APS1-', 'ap-southeast-2': 'APS2-', 'ca-central-1': 'CAN1-', 'eu-central-1': 'EUC1-', 'eu-west-1': 'EU-',
  'eu-west-2': 'EUW2-', 'eu-west-3': 'EUW3-', 'eu-north-1': 'EUN1-', 'sa-east-1': 'SAE1-',
};

interface Charge { service: string; usageType: string; usd: number; quantity: number; pattern: Pattern; global?: boolean }

/** What one resource bills per day at base rates. Types missing here (IAM, subnets, security groups, …) are free. */
function charges(resource: SandboxResource, env: string | undefined): Charge[] {
  const p = resource.properties;
  const pfx = usagePrefix[resource.region] ?? '';
  const vary = (lo: number, hi: number, salt = '') => lo + unitHash(`${resource.typeName}:${resource.identifier}:${salt}`) * (hi - lo) * (env === 'prod' ? 1 : 0.15);
  const ec2 = 'Amazon Elastic Compute Cloud - Compute';
  switch (resource.typeName) {
    case 'AWS::EC2::Instance': {
      if ((p.State as { Name?: string } | undefined)?.Name !== 'running') return [];
      const type = String(p.InstanceType);
      return [
        { service: ec2, usageType: `${pfx}BoxUsage:${type}`, usd: (hourly[type] ?? 0.1) * 24, quantity: 24, pattern: 'compute' },
        ...(p.PublicIp ? [{ service: 'Amazon Virtual Private Cloud', usageType: `${pfx}PublicIPv4:InUseAddress`, usd: 0.12, quantity: 24, pattern: 'steady' as const }] : []),
      ];
    }
    case 'AWS::EC2::Volume': {
      const type = String(p.VolumeType);
      return [{ service: 'EC2 - Other', usageType: `${pfx}EBS:VolumeUsage.${type}`, usd: (Number(p.Size) * (ebsPerGbMonth[type] ?? 0.1)) / 30.4, quantity: Number(p.Size) / 30.4, pattern: 'steady' }];
    }
    case 'AWS::EC2::VPC':
      if (!env) return []; // default VPCs have no NAT gateway
      return [
        { service: 'EC2 - Other', usageType: `${pfx}NatGateway-Hours`, usd: 1.08, quantity: 24, pattern: 'steady' },
        { service: 'EC2 - Other', usageType: `${pfx}NatGateway-Bytes`, usd: vary(0.5, 6), quantity: vary(10, 130), pattern: 'elastic' },
        { service: 'Amazon Virtual Private Cloud', usageType: `${pfx}PublicIPv4:InUseAddress`, usd: 0.36, quantity: 72, pattern: 'steady' },
      ];
    case 'AWS::EKS::Cluster':
      return [{ service: 'Amazon Elastic Kubernetes Service', usageType: `${pfx}AmazonEKS-Hours:perCluster`, usd: 2.4, quantity: 24, pattern: 'steady' }];
    case 'AWS::EKS::Nodegroup': {
      const type = String((p.InstanceTypes as string[])[0]);
      const nodes = Number((p.ScalingConfig as { DesiredSize: number }).DesiredSize);
      const spot = p.CapacityType === 'SPOT';
      return [
        { service: ec2, usageType: `${pfx}${spot ? 'SpotUsage' : 'BoxUsage'}:${type}`, usd: nodes * (hourly[type] ?? 0.2) * 24 * (spot ? 0.35 : 1), quantity: nodes * 24, pattern: 'compute' },
        { service: 'EC2 - Other', usageType: `${pfx}EBS:VolumeUsage.gp3`, usd: (nodes * Number(p.DiskSize) * 0.08) / 30.4, quantity: (nodes * Number(p.DiskSize)) / 30.4, pattern: 'steady' },
      ];
    }
    case 'AWS::RDS::DBInstance': {
      const cls = String(p.DBInstanceClass);
      const multiAz = p.MultiAZ === true;
      return [
        { service: 'Amazon Relational Database Service', usageType: `${pfx}${multiAz ? 'Multi-AZUsage' : 'InstanceUsage'}:${cls}`, usd: (hourly[cls] ?? 0.1) * 24 * (multiAz ? 2 : 1), quantity: 24, pattern: 'steady' },
        { service: 'Amazon Relational Database Service', usageType: `${pfx}RDS:GP3-Storage`, usd: (Number(p.AllocatedStorage) * 0.115) / 30.4, quantity: Number(p.AllocatedStorage) / 30.4, pattern: 'steady' },
      ];
    }
    case 'AWS::Lambda::Function': {
      const usd = vary(0.2, 4.5);
      return [
        { service: 'AWS Lambda', usageType: `${pfx}Lambda-GB-Second`, usd: usd * 0.8, quantity: usd * 48_000, pattern: 'elastic' },
        { service: 'AWS Lambda', usageType: `${pfx}Request`, usd: usd * 0.2, quantity: usd * 1_000_000, pattern: 'elastic' },
      ];
    }
    case 'AWS::DynamoDB::Table': {
      const storage = { service: 'Amazon DynamoDB', usageType: `${pfx}TimedStorage-ByteHrs`, usd: vary(0.1, 2, 'storage'), quantity: vary(5, 80, 'storage'), pattern: 'steady' as const };
      const provisioned = p.ProvisionedThroughput as { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;
      if (provisioned) {
        return [
          { service: 'Amazon DynamoDB', usageType: `${pfx}ReadCapacityUnit-Hrs`, usd: provisioned.ReadCapacityUnits * 0.00013 * 24, quantity: provisioned.ReadCapacityUnits * 24, pattern: 'steady' },
          { service: 'Amazon DynamoDB', usageType: `${pfx}WriteCapacityUnit-Hrs`, usd: provisioned.WriteCapacityUnits * 0.00065 * 24, quantity: provisioned.WriteCapacityUnits * 24, pattern: 'steady' },
          storage,
        ];
      }
      const usd = vary(0.5, 15);
      return [
        { service: 'Amazon DynamoDB', usageType: `${pfx}ReadRequestUnits`, usd: usd * 0.35, quantity: usd * 2_800_000, pattern: 'elastic' },
        { service: 'Amazon DynamoDB', usageType: `${pfx}WriteRequestUnits`, usd: usd * 0.65, quantity: usd * 520_000, pattern: 'elastic' },
        storage,
      ];
    }
    case 'AWS::S3::Bucket': {
      const usd = resource.identifier === 'my-bucket-123456' ? 9.5 : 0.05 + unitHash(`s3:${resource.identifier}`) * 8;
      return [
        { service: 'Amazon Simple Storage Service', usageType: `${pfx}TimedStorage-ByteHrs`, usd: usd * 0.85, quantity: usd * 40, pattern: 'steady' },
        { service: 'Amazon Simple Storage Service', usageType: `${pfx}Requests-Tier1`, usd: usd * 0.15, quantity: usd * 30_000, pattern: 'elastic' },
      ];
    }
    case 'AWS::SQS::Queue':
      return [{ service: 'Amazon Simple Queue Service', usageType: `${pfx}Requests-Tier1`, usd: vary(0.01, 1.5), quantity: vary(25_000, 3_750_000), pattern: 'elastic' }];
    case 'AWS::SNS::Topic':
      return [{ service: 'Amazon Simple Notification Service', usageType: `${pfx}Requests-Tier1`, usd: vary(0.01, 0.8), quantity: vary(20_000, 1_600_000), pattern: 'elastic' }];
    case 'AWS::CloudWatch::Alarm':
      return [{ service: 'AmazonCloudWatch', usageType: `${pfx}CW:AlarmMonitorUsage`, usd: 0.1 / 30.4, quantity: 1 / 30.4, pattern: 'steady' }];
    case 'AWS::Logs::LogGroup':
      return [
        { service: 'AmazonCloudWatch', usageType: `${pfx}DataProcessing-Bytes`, usd: vary(0.02, 1.2), quantity: vary(0.04, 2.4), pattern: 'elastic' },
        { service: 'AmazonCloudWatch', usageType: `${pfx}TimedStorage-ByteHrs`, usd: vary(0.01, 0.3, 'storage'), quantity: vary(0.3, 10, 'storage'), pattern: 'steady' },
      ];
    case 'AWS::KMS::Key':
      return [
        { service: 'AWS Key Management Service', usageType: `${pfx}KMS-Keys`, usd: 1 / 30.4, quantity: 1 / 30.4, pattern: 'steady' },
        { service: 'AWS Key Management Service', usageType: `${pfx}KMS-Requests`, usd: vary(0.01, 0.2), quantity: vary(3_000, 60_000), pattern: 'elastic' },
      ];
    case 'AWS::ECS::Service': {
      const tasks = Number(p.DesiredCount);
      return [
        { service: 'Amazon Elastic Container Service', usageType: `${pfx}Fargate-vCPU-Hours:perCPU`, usd: tasks * 0.5 * 0.04048 * 24, quantity: tasks * 12, pattern: 'compute' },
        { service: 'Amazon Elastic Container Service', usageType: `${pfx}Fargate-GB-Hours`, usd: tasks * 1 * 0.004445 * 24, quantity: tasks * 24, pattern: 'compute' },
      ];
    }
    case 'AWS::ECR::Repository':
      return [{ service: 'Amazon EC2 Container Registry (ECR)', usageType: `${pfx}TimedStorage-ByteHrs`, usd: 0.05 + unitHash(`ecr:${resource.identifier}`) * 1.5, quantity: 1, pattern: 'steady' }];
    case 'AWS::Route53::HostedZone':
      return [
        { service: 'Amazon Route 53', usageType: 'HostedZone', usd: 0.5 / 30.4, quantity: 1 / 30.4, pattern: 'steady', global: true },
        { service: 'Amazon Route 53', usageType: 'DNS-Queries', usd: 0.05 + unitHash(`dns:${resource.identifier}`), quantity: 2_000_000, pattern: 'elastic', global: true },
      ];
    case 'AWS::CloudFront::Distribution': {
      const usd = 3 + unitHash(`cf:${resource.identifier}`) * 37;
      return [
        { service: 'Amazon CloudFront', usageType: 'US-DataTransfer-Out-Bytes', usd: usd * 0.8, quantity: usd * 9.4, pattern: 'elastic', global: true },
        { service: 'Amazon CloudFront', usageType: 'US-Requests-Tier1', usd: usd * 0.2, quantity: usd * 200_000, pattern: 'elastic', global: true },
      ];
    }
    case 'AWS::ApiGateway::RestApi':
      return [{ service: 'Amazon API Gateway', usageType: `${pfx}ApiGatewayRequest`, usd: vary(0.2, 12), quantity: vary(57_000, 3_400_000), pattern: 'elastic' }];
    case 'AWS::StepFunctions::StateMachine':
      return [{ service: 'AWS Step Functions', usageType: `${pfx}StateTransition`, usd: vary(0.05, 3), quantity: vary(2_000, 120_000), pattern: 'elastic' }];
    case 'AWS::ElastiCache::ServerlessCache':
      return [
        { service: 'Amazon ElastiCache', usageType: `${pfx}ElastiCache:ServerlessStorage`, usd: vary(1.5, 5, 'storage'), quantity: vary(12, 40, 'storage'), pattern: 'steady' },
        { service: 'Amazon ElastiCache', usageType: `${pfx}ElastiCache:ECPU`, usd: vary(0.5, 4), quantity: vary(150_000_000, 1_200_000_000), pattern: 'elastic' },
      ];
    case 'AWS::Kinesis::Stream':
      return [{ service: 'Amazon Kinesis', usageType: `${pfx}Storage-ShardHour`, usd: Number(p.ShardCount) * 0.015 * 24, quantity: Number(p.ShardCount) * 24, pattern: 'steady' }];
    case 'AWS::SecretsManager::Secret':
      return [{ service: 'AWS Secrets Manager', usageType: `${pfx}AWSSecretsManager-Secrets`, usd: 0.4 / 30.4, quantity: 1 / 30.4, pattern: 'steady' }];
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const network = p.Type === 'network';
      return [
        { service: 'Amazon Elastic Load Balancing', usageType: `${pfx}LoadBalancerUsage`, usd: 0.54, quantity: 24, pattern: 'steady' },
        { service: 'Amazon Elastic Load Balancing', usageType: `${pfx}${network ? 'NLCUUsage' : 'LCUUsage'}`, usd: vary(0.2, 4), quantity: vary(24, 500), pattern: 'elastic' },
      ];
    }
    default:
      return [];
  }
}

function tagsOf(resource: SandboxResource): Record<string, string> {
  const raw = resource.properties.Tags;
  const pairs = Array.isArray(raw) ? (raw as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value] as const) : Object.entries((raw ?? {}) as Record<string, string>);
  // Only the activated cost allocation tags reach Cost Explorer.
  return Object.fromEntries(pairs.filter(([key]) => key === 'env' || key === 'team' || key === 'app'));
}

let cachedLines: CostLine[] | undefined;

/** The world's cost lines, merged by (service, region, usage type, tags). */
export function costLines(): readonly CostLine[] {
  if (cachedLines) return cachedLines;
  const merged = new Map<string, CostLine>();
  for (const resource of resourceWorld().resources) {
    const tags = tagsOf(resource);
    for (const charge of charges(resource, tags.env)) {
      const region = charge.global ? 'global' : resource.region;
      const factor = charge.global ? 1 : (regionPrice[region] ?? 1);
      const key = `${charge.service}\u0000${region}\u0000${charge.usageType}\u0000${JSON.stringify(tags)}\u0000${charge.pattern}`;
      const line = merged.get(key);
      if (line) {
        line.usd += charge.usd * factor;
        line.quantity += charge.quantity;
      } else {
        merged.set(key, { service: charge.service, region, usageType: charge.usageType, recordType: 'Usage', tags, usd: charge.usd * factor, quantity: charge.quantity, pattern: charge.pattern });
      }
    }
  }
  cachedLines = [...merged.values()];
  return cachedLines;
}

const taxLine: CostLine = { service: 'Tax', region: 'NoRegion', usageType: 'Tax', recordType: 'Tax', tags: {}, usd: 0, quantity: 0, pattern: 'steady' };
const dayCache = new Map<number, CostCell[]>();

/** The fixture account's cost cells for one UTC day (days since the Unix epoch). Tax accrues daily on the day's usage. */
export function dailyCells(day: number): readonly CostCell[] {
  const hit = dayCache.get(day);
  if (hit) return hit;
  const date = new Date(day * dayMs);
  const iso = date.toISOString().slice(0, 10);
  const growth = 1.018 ** ((day * dayMs - trendEpoch) / (30.44 * dayMs));
  const weekday = date.getUTCDay();
  const noises = new Map<string, number>();
  const cells = costLines().map((line) => {
    const key = `${line.service}|${line.region}`;
    const noise = noises.get(key) ?? unitHash(`${iso}|${key}`) - 0.5;
    noises.set(key, noise);
    const factor = growth * weekdayFactor(line.pattern, weekday) * (1 + noise * (line.pattern === 'elastic' ? 0.16 : 0.04));
    return { line, cost: Math.round(line.usd * factor * microsPerUnit), quantity: Math.round(line.quantity * factor * microsPerUnit) };
  });
  cells.push({ line: taxLine, cost: Math.round(cells.reduce((sum, c) => sum + c.cost, 0) * taxRate), quantity: 0 });
  if (dayCache.size > 4000) dayCache.clear();
  dayCache.set(day, cells);
  return cells;
}

function weekdayFactor(pattern: Pattern, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  if (pattern === 'elastic') return weekend ? 0.68 : weekday === 1 ? 1.05 : 1;
  if (pattern === 'compute') return weekend ? 0.93 : 1;
  return 1;
}

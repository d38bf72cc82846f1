// How a listing of each type is shown: the property that names a resource (for the Name column
// and name filters) and the columns people ask about (state, type/class/engine, size, created),
// in one table next to the catalog. Property names are the CloudFormation schemas' (checked in
// @aws-cdk/aws-service-spec); where a schema has no such property (AWS::EC2::Volume has no state,
// AWS::CloudWatch::Alarm no alarm state, AWS::KMS::Key no alias) there is no column for it.
import { resourceTypeInfo } from './resource-catalog.js';

export interface ViewColumn {
  title: string;
  /** Dotted path into the resource model: "State.Name", "ScalingConfig.DesiredSize". */
  property: string;
  /** arn-name: the last part of an ARN ("prod-services" from …:cluster/prod-services); date: the day of a timestamp. */
  format?: 'arn-name' | 'date';
}

export interface TypeView {
  /** The property holding the resource's own name; "tag:Name" for EC2 types named by their Name tag. */
  name: string | null;
  columns: ViewColumn[];
}

const column = (title: string, property: string, format?: ViewColumn['format']): ViewColumn => ({ title, property, ...(format ? { format } : {}) });
const az = column('Zone', 'AvailabilityZone');

const views: Record<string, TypeView> = {
  'AWS::EC2::Instance': { name: 'tag:Name', columns: [column('State', 'State.Name'), column('Type', 'InstanceType'), az] },
  'AWS::EC2::Volume': { name: 'tag:Name', columns: [column('Type', 'VolumeType'), column('Size (GiB)', 'Size'), column('Encrypted', 'Encrypted'), az] },
  'AWS::EC2::VPC': { name: 'tag:Name', columns: [column('CIDR', 'CidrBlock')] },
  'AWS::EC2::Subnet': { name: 'tag:Name', columns: [column('VPC', 'VpcId'), column('CIDR', 'CidrBlock'), az] },
  'AWS::EC2::SecurityGroup': { name: 'GroupName', columns: [column('VPC', 'VpcId'), column('Description', 'GroupDescription')] },
  'AWS::Lambda::Function': { name: 'FunctionName', columns: [column('Runtime', 'Runtime'), column('Memory (MB)', 'MemorySize'), column('Architecture', 'Architectures')] },
  'AWS::RDS::DBInstance': {
    name: 'DBInstanceIdentifier',
    columns: [column('Status', 'DBInstanceStatus'), column('Engine', 'Engine'), column('Version', 'EngineVersion'), column('Class', 'DBInstanceClass'), column('Storage (GiB)', 'AllocatedStorage'), column('Created', 'InstanceCreateTime', 'date')],
  },
  'AWS::RDS::DBCluster': { name: 'DBClusterIdentifier', columns: [column('Engine', 'Engine'), column('Version', 'EngineVersion')] },
  'AWS::S3::Bucket': { name: 'BucketName', columns: [column('Versioning', 'VersioningConfiguration.Status')] },
  'AWS::DynamoDB::Table': { name: 'TableName', columns: [column('Billing', 'BillingMode'), column('Class', 'TableClass')] },
  'AWS::SQS::Queue': { name: 'QueueName', columns: [column('FIFO', 'FifoQueue'), column('Visibility timeout (s)', 'VisibilityTimeout')] },
  'AWS::SNS::Topic': { name: 'TopicName', columns: [column('FIFO', 'FifoTopic'), column('Display name', 'DisplayName')] },
  'AWS::IAM::Role': { name: 'RoleName', columns: [column('Path', 'Path'), column('Description', 'Description')] },
  'AWS::IAM::ManagedPolicy': { name: 'ManagedPolicyName', columns: [column('Attachments', 'AttachmentCount'), column('Created', 'CreateDate', 'date')] },
  'AWS::KMS::Key': { name: null, columns: [column('Enabled', 'Enabled'), column('Spec', 'KeySpec'), column('Usage', 'KeyUsage'), column('Description', 'Description')] },
  'AWS::CloudWatch::Alarm': { name: 'AlarmName', columns: [column('Metric', 'MetricName'), column('Namespace', 'Namespace'), column('Threshold', 'Threshold')] },
  'AWS::Logs::LogGroup': { name: 'LogGroupName', columns: [column('Retention (days)', 'RetentionInDays'), column('Class', 'LogGroupClass')] },
  'AWS::ECS::Cluster': { name: 'ClusterName', columns: [column('Capacity providers', 'CapacityProviders')] },
  'AWS::ECS::Service': { name: 'ServiceName', columns: [column('Cluster', 'Cluster', 'arn-name'), column('Launch type', 'LaunchType'), column('Desired', 'DesiredCount')] },
  'AWS::EKS::Cluster': { name: 'Name', columns: [column('Version', 'Version')] },
  'AWS::EKS::Nodegroup': { name: 'NodegroupName', columns: [column('Cluster', 'ClusterName'), column('Instance types', 'InstanceTypes'), column('Capacity', 'CapacityType'), column('Desired', 'ScalingConfig.DesiredSize')] },
  'AWS::ECR::Repository': { name: 'RepositoryName', columns: [column('Tag mutability', 'ImageTagMutability')] },
  'AWS::SecretsManager::Secret': { name: 'Name', columns: [column('Description', 'Description')] },
  'AWS::StepFunctions::StateMachine': { name: 'StateMachineName', columns: [column('Type', 'StateMachineType')] },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { name: 'LoadBalancerName', columns: [column('Type', 'Type'), column('Scheme', 'Scheme'), column('DNS name', 'DNSName')] },
  'AWS::Kinesis::Stream': { name: 'Name', columns: [column('Shards', 'ShardCount'), column('Retention (h)', 'RetentionPeriodHours')] },
  'AWS::ElastiCache::ServerlessCache': { name: 'ServerlessCacheName', columns: [column('Status', 'Status'), column('Engine', 'Engine'), column('Version', 'MajorEngineVersion'), column('Created', 'CreateTime', 'date')] },
  'AWS::ApiGateway::RestApi': { name: 'Name', columns: [column('Description', 'Description')] },
  'AWS::Route53::HostedZone': { name: 'Name', columns: [] },
};

/** A type's view: its row in the table, else the name property the schema most likely has (`<Name>Name`, `Name`) and no chosen columns. */
export function typeView(typeName: string): TypeView {
  const known = views[typeName];
  if (known) return known;
  const entry = resourceTypeInfo(typeName);
  return { name: entry ? `${entry.name}Name` : null, columns: [] };
}

/** Whether a type's name can be read from what a listing of identifiers gives (Lambda's FunctionName is its identifier; an EC2 Name tag is not). */
export function nameInIdentifier(typeName: string): boolean {
  const name = typeView(typeName).name;
  return name !== null && (resourceTypeInfo(typeName)?.primaryIdentifier ?? []).includes(name);
}

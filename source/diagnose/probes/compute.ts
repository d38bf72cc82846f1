import { plural } from '../../answer/format.js';
import type { Inquiry, Properties } from '../interrogate.js';
import { shortList } from '../policy-check.js';
import { items, lastSegment, named, strings, text } from './properties.js';

/** Volumes and security groups read per instance; an instance rarely has more. */
const relationCap = 8;

/** The instance and its relations: state, placement, each attached volume and security group. */
export async function instance(q: Inquiry): Promise<void> {
  const id = q.facts.get('instanceId');
  if (!id) return;
  const props = await q.read('AWS::EC2::Instance', id);
  if (props === null) return q.note(`There is no instance ${id} in ${q.regionFor('AWS::EC2::Instance')}.`);
  if (!props) return;
  const zone = text(props, 'AvailabilityZone');
  // Where the instance is, the account knows better than a message about a request.
  if (zone) q.facts.set('availabilityZone', zone, 'account');
  q.facts.offer('instanceType', text(props, 'InstanceType'), 'account');
  const state = text(props, 'State', 'Name');
  if (state) q.facts.set('instanceState', state, 'account');
  const attached = items(props.Volumes).slice(0, relationCap);
  const [volumes, groups] = await Promise.all([
    Promise.all(attached.map(async (attachment) => volumeLine(attachment, await q.read('AWS::EC2::Volume', text(attachment, 'VolumeId') ?? '')))),
    Promise.all(strings(props.SecurityGroupIds).slice(0, relationCap).map(async (groupId) => securityGroupLine(groupId, await q.read('AWS::EC2::SecurityGroup', groupId)))),
  ]);
  const device = attached.find((attachment) => attachment.VolumeId === q.facts.get('volumeId'));
  if (device) q.facts.set('volumeDevice', text(device, 'Device') ?? 'a device', 'account');
  if (volumes.length > 0) q.facts.set('instanceVolumes', volumes.join(', '), 'account');
  if (groups.length > 0) q.facts.set('instanceSecurityGroups', groups.join(', '), 'account');
  const placement = [text(props, 'InstanceType'), zone && `in ${zone}`, text(props, 'SubnetId') && `subnet ${text(props, 'SubnetId')}`, text(props, 'VpcId') && `VPC ${text(props, 'VpcId')}`].filter(Boolean).join(', ');
  q.note(`Instance ${named(id, props)} is ${state ?? 'in an unknown state'} (${placement}); volumes: ${volumes.join(', ') || 'none'}; security groups: ${groups.join(', ') || 'none'}.`);
}

function volumeLine(attachment: Properties, volume: Properties | null | undefined): string {
  const id = text(attachment, 'VolumeId') ?? 'a volume';
  const device = text(attachment, 'Device');
  if (!volume) return `${id}${device ? ` (${device})` : ''}`;
  const details = [device, text(volume, 'Size') && `${text(volume, 'Size')} GiB ${text(volume, 'VolumeType') ?? ''}`.trim(), volume.Encrypted === true ? 'encrypted' : undefined].filter(Boolean);
  return `${id} (${details.join(', ')})`;
}

function securityGroupLine(id: string, group: Properties | null | undefined): string {
  const name = group ? text(group, 'GroupName') : undefined;
  return name ? `${id} (${name})` : id;
}

/** What still uses a security group: instances that have it, and other groups whose rules refer to it. */
export async function securityGroupUsers(q: Inquiry): Promise<void> {
  const groupId = q.facts.get('securityGroupId');
  if (!groupId) return;
  const [instances, groups] = await Promise.all([q.list('AWS::EC2::Instance'), q.list('AWS::EC2::SecurityGroup')]);
  if (!instances || !groups) return;
  const users = instances.filter((i) => strings(i.SecurityGroupIds).includes(groupId)).map((i) => named(text(i, 'InstanceId') ?? 'an instance', i));
  const referrers = groups
    .filter((g) => [...items(g.SecurityGroupIngress), ...items(g.SecurityGroupEgress)].some((rule) => rule.SourceSecurityGroupId === groupId || rule.DestinationSecurityGroupId === groupId))
    .map((g) => `rules of ${text(g, 'GroupId') ?? 'another group'}`);
  const dependents = [...users, ...referrers];
  if (dependents.length > 0) q.facts.set('dependents', shortList(dependents, 10), 'account');
  q.note(
    dependents.length > 0
      ? `${plural(users.length, 'instance')} and ${plural(referrers.length, 'other security group')} in ${q.regionFor('AWS::EC2::Instance')} use ${groupId}.`
      : `No instance or security group rule in ${q.regionFor('AWS::EC2::Instance')} uses ${groupId}; what holds it is a network interface of another service (load balancer, Lambda, endpoint).`,
  );
}

/** The VPCs of the region, against the quota. */
export async function vpcs(q: Inquiry): Promise<void> {
  const listed = await q.list('AWS::EC2::VPC');
  if (!listed) return;
  const ids = listed.map((vpc) => named(text(vpc, 'VpcId') ?? 'a VPC', vpc));
  if (ids.length > 0) q.facts.set('vpcList', shortList(ids, 10), 'account');
  q.note(`${plural(ids.length, 'VPC')} in ${q.regionFor('AWS::EC2::VPC')}${ids.length > 0 ? `: ${shortList(ids, 10)}` : ''}.`);
}

/** What is left in a VPC that blocks deleting it: instances, subnets, non-default security groups. */
export async function vpcDependents(q: Inquiry): Promise<void> {
  const vpcId = q.facts.get('vpcId');
  if (!vpcId) return;
  const [instances, subnets, groups] = await Promise.all(['AWS::EC2::Instance', 'AWS::EC2::Subnet', 'AWS::EC2::SecurityGroup'].map((typeName) => q.list(typeName)));
  if (!instances || !subnets || !groups) return;
  const inVpc = (list: Properties[]) => list.filter((p) => p.VpcId === vpcId);
  const left = [
    ...inVpc(instances).map((i) => named(text(i, 'InstanceId') ?? 'an instance', i)),
    ...inVpc(subnets).map((s) => text(s, 'SubnetId') ?? 'a subnet'),
    ...inVpc(groups)
      .filter((g) => g.GroupName !== 'default')
      .map((g) => securityGroupLine(text(g, 'GroupId') ?? 'a security group', g)),
  ];
  if (left.length > 0) q.facts.set('dependents', shortList(left, 10), 'account');
  q.note(
    left.length > 0
      ? `Still in ${vpcId}: ${plural(inVpc(instances).length, 'instance')}, ${plural(inVpc(subnets).length, 'subnet')} and ${plural(inVpc(groups).filter((g) => g.GroupName !== 'default').length, 'non-default security group')}.`
      : `Cloud Control shows no instance, subnet or non-default security group left in ${vpcId}; what remains is of a kind it does not list here (network interfaces, gateways, endpoints).`,
  );
}

/** The function: its ARN and execution role. */
export async function lambdaFunction(q: Inquiry): Promise<void> {
  const name = q.facts.get('functionName');
  if (!name) return;
  const props = await q.read('AWS::Lambda::Function', name);
  if (props === null) return q.note(`There is no Lambda function ${name} in ${q.regionFor('AWS::Lambda::Function')}.`);
  if (!props) return;
  const arn = text(props, 'Arn');
  if (arn) q.facts.set('functionArn', arn, 'account');
  const role = text(props, 'Role');
  if (role) {
    q.facts.set('functionRoleArn', role, 'account');
    q.facts.set('functionRole', lastSegment(role), 'account');
  }
  q.note(`Function ${name} (${text(props, 'Runtime') ?? text(props, 'PackageType') ?? 'runtime unknown'}) runs as ${role ?? 'an unknown role'}.`);
}

/** Running instances of the region by type: what uses the vCPU quota. */
export async function runningInstances(q: Inquiry): Promise<void> {
  const listed = await q.list('AWS::EC2::Instance');
  if (!listed) return;
  const running = listed.filter((i) => text(i, 'State', 'Name') === 'running');
  const byType = new Map<string, number>();
  for (const i of running) byType.set(text(i, 'InstanceType') ?? 'unknown', (byType.get(text(i, 'InstanceType') ?? 'unknown') ?? 0) + 1);
  const types = [...byType].sort((a, b) => b[1] - a[1]).map(([type, count]) => `${count} × ${type}`);
  if (running.length > 0) q.facts.set('runningInstances', plural(running.length, 'instance'), 'account');
  q.note(`${plural(running.length, 'instance')} running in ${q.regionFor('AWS::EC2::Instance')}${types.length > 0 ? `: ${shortList(types, 6)}` : ''}.`);
}

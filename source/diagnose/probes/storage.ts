import { plural } from '../../answer/format.js';
import { parseArn } from '../arn.js';
import type { Inquiry } from '../interrogate.js';
import { covers, statementsOf } from '../policy-check.js';
import { items, tagsOf, text } from './properties.js';

const tagged = (tags: string) => (tags ? `; tags ${tags}` : '');

/** The bucket: its region, versioning (which decides how it is emptied), lifecycle rules and Block Public Access. */
export async function bucket(q: Inquiry): Promise<void> {
  const name = q.facts.get('bucket');
  if (!name) return;
  const props = await q.read('AWS::S3::Bucket', name);
  if (props === null) {
    q.facts.set('bucketMissing', 'no', 'account');
    return q.note(`Account ${q.facts.get('account')} has no bucket ${name}.`);
  }
  if (!props) return;
  const region = /\.s3[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(text(props, 'RegionalDomainName') ?? '')?.[1];
  if (region) q.facts.offer('region', region, 'account');
  const versioning = text(props, 'VersioningConfiguration', 'Status')?.toLowerCase();
  if (versioning) q.facts.set('bucketVersioning', versioning, 'account');
  const blocks = Object.entries((props.PublicAccessBlockConfiguration as Record<string, unknown> | undefined) ?? {})
    .filter(([, on]) => on === true)
    .map(([setting]) => setting);
  if (blocks.length > 0) q.facts.set('publicAccessBlock', blocks.join(', '), 'account');
  const rules = items((props.LifecycleConfiguration as { Rules?: unknown } | undefined)?.Rules).length;
  q.note(
    `Bucket ${name}${region ? ` (${region})` : ''}: versioning ${versioning ?? 'never enabled'}, ${plural(rules, 'lifecycle rule')}, Block Public Access ${blocks.length > 0 ? blocks.join(', ') : 'off'}${tagged(tagsOf(props))}.`,
  );
}

/** The KMS key: enabled or not, and whether its key policy lets IAM policies grant access at all. */
export async function key(q: Inquiry): Promise<void> {
  const id = q.facts.get('keyId');
  if (!id) return;
  const props = await q.read('AWS::KMS::Key', id);
  const region = q.regionFor('AWS::KMS::Key');
  if (props === null) return q.note(`There is no KMS key ${id} in ${region} in account ${q.facts.get('account')}.`);
  if (!props) return;
  const arn = text(props, 'Arn');
  if (arn) q.facts.set('keyArn', arn, 'account');
  const enabled = props.Enabled !== false;
  if (!enabled) q.facts.set('keyState', 'disabled', 'account');
  const owner = (arn && parseArn(arn)?.accountId) || q.facts.get('account');
  const action = q.facts.get('action') ?? 'kms:Decrypt';
  const delegates = statementsOf(props.KeyPolicy).some(
    (s) => s.effect === 'Allow' && s.principals !== '*' && s.principals.some((p) => p === owner || p.endsWith(`:${owner}:root`)) && covers(s, action),
  );
  if (!delegates) q.facts.set('keyPolicyIgnoresIam', 'no', 'account');
  const description = text(props, 'Description');
  q.note(
    `Key ${id}${description ? ` (${description})` : ''} in ${region} is ${enabled ? 'enabled' : 'disabled'}; its key policy ${
      delegates ? `delegates ${action} to account ${owner}, so IAM policies can grant it` : `does not delegate ${action} to account ${owner}, so only the key policy itself can grant it`
    }.`,
  );
}

/** The table: still there (and protected) or gone. */
export async function table(q: Inquiry): Promise<void> {
  const name = q.facts.get('table');
  if (!name) return;
  const props = await q.read('AWS::DynamoDB::Table', name);
  const region = q.regionFor('AWS::DynamoDB::Table');
  if (props === null) {
    q.facts.set('tableGone', 'no', 'account');
    return q.note(`Table ${name} does not exist (any more) in ${region}.`);
  }
  if (!props) return;
  const arn = text(props, 'Arn');
  if (arn) q.facts.set('tableArn', arn, 'account');
  const protectedTable = props.DeletionProtectionEnabled === true;
  if (protectedTable) q.facts.set('deletionProtection', 'on', 'account');
  const status = text(props, 'TableStatus');
  q.note(`Table ${name} exists in ${region}${status ? ` (${status})` : ''}: ${text(props, 'BillingMode') ?? 'billing mode unknown'}, deletion protection ${protectedTable ? 'on' : 'off'}${tagged(tagsOf(props))}.`);
}

/** The DB instance: engine, class, deletion protection and backups. */
export async function dbInstance(q: Inquiry): Promise<void> {
  const id = q.facts.get('dbInstance');
  if (!id) return;
  const props = await q.read('AWS::RDS::DBInstance', id);
  const region = q.regionFor('AWS::RDS::DBInstance');
  if (props === null) return q.note(`There is no DB instance ${id} in ${region}.`);
  if (!props) return;
  const arn = text(props, 'DBInstanceArn');
  if (arn) q.facts.set('dbInstanceArn', arn, 'account');
  const protectedInstance = props.DeletionProtection === true;
  if (protectedInstance) q.facts.set('deletionProtection', 'on', 'account');
  const engine = [text(props, 'Engine'), text(props, 'EngineVersion'), text(props, 'DBInstanceClass')].filter(Boolean).join(' ');
  const backups = text(props, 'BackupRetentionPeriod');
  q.note(
    `DB instance ${id} in ${region}: ${engine || 'engine unknown'}${props.MultiAZ === true ? ', Multi-AZ' : ''}, deletion protection ${protectedInstance ? 'on' : 'off'}${
      backups ? `, automated backups kept ${plural(Number(backups), 'day')}` : ''
    }${tagged(tagsOf(props))}.`,
  );
}

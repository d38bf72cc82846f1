import { plural } from '../../answer/format.js';
import type { Inquiry, Properties } from '../interrogate.js';
import { covers, describeStatement, namesPrincipal, shortList, statementsOf, type Statement } from '../policy-check.js';
import { items, lastSegment, strings, text } from './properties.js';

interface ReadPolicy {
  name: string;
  statements: Statement[];
}

/**
 * The policies of the identity that got the error (its role's, or its IAM user's): inline ones
 * from the identity's `Policies`, customer managed ones read as AWS::IAM::ManagedPolicy. Says
 * which one allows or denies the action on the resource, or that none of them allows it.
 */
export async function callerPolicies(q: Inquiry): Promise<void> {
  const role = q.facts.get('role');
  const user = q.facts.get('user');
  const who = role ? { kind: 'Role', name: role } : user ? { kind: 'User', name: user } : undefined;
  if (!who) return;
  const owner = `${who.kind.toLowerCase()} ${who.name}`;
  const identity = await q.read(`AWS::IAM::${who.kind}`, who.name);
  if (identity === null) return q.note(`Account ${q.facts.get('account')} has no ${owner}; the error may come from another account.`);
  if (!identity) return;
  const arn = text(identity, 'Arn');
  if (role && arn) q.facts.set('roleArn', arn, 'account');
  const { read, unread } = await policiesOf(q, identity);
  if (unread.length > 0) q.note(`Not read: ${shortList(unread.map(lastSegment))} (AWS managed or unreadable policies); they may grant more than shown here.`);
  const action = q.facts.get('action');
  if (!action) {
    q.note(`${capitalize(owner)} has ${read.length > 0 ? read.map((p) => p.name).join(', ') : 'no policy qchat could read'}.`);
    return;
  }
  const resource = q.facts.get('resourceArn');
  const matching = (effect: Statement['effect']) => read.flatMap((policy) => policy.statements.filter((s) => s.effect === effect && covers(s, action, resource)).map((statement) => ({ policy, statement })));
  const [deny] = matching('Deny');
  const [allow] = matching('Allow');
  if (deny) {
    q.facts.set('deniedBy', `${deny.statement.sid ? `statement ${deny.statement.sid}` : 'a Deny statement'} of policy ${deny.policy.name}`, 'account');
    q.note(`Policy ${deny.policy.name} of ${owner} ${describeStatement(deny.statement)}.`);
  }
  if (allow) {
    q.facts.set('allowedBy', `policy ${allow.policy.name} of ${owner}`, 'account');
    q.note(`Policy ${allow.policy.name} of ${owner} ${describeStatement(allow.statement)}.`);
    return;
  }
  const summaries = read.map((policy) => `${policy.name} ${policy.statements.filter((s) => s.effect === 'Allow').map(describeStatement).join('; ') || 'allows nothing'}`);
  q.note(`None of the policies of ${owner} that qchat read allows ${action}${resource ? ` on ${resource}` : ''}${summaries.length > 0 ? `: ${summaries.join('; ')}` : ''}.`);
}

async function policiesOf(q: Inquiry, identity: Properties): Promise<{ read: ReadPolicy[]; unread: string[] }> {
  const inline = items(identity.Policies).map((policy) => ({ name: `${text(policy, 'PolicyName') ?? 'unnamed'} (inline)`, statements: statementsOf(policy.PolicyDocument) }));
  const managedArns = strings(identity.ManagedPolicyArns);
  const managed = await Promise.all(
    managedArns.map(async (arn) => {
      // AWS managed policies (account "aws") are not resources of this account.
      const policy = /:iam::aws:policy\//.test(arn) ? undefined : await q.read('AWS::IAM::ManagedPolicy', arn);
      return policy ? { name: text(policy, 'ManagedPolicyName') ?? lastSegment(arn), statements: statementsOf(policy.PolicyDocument) } : arn;
    }),
  );
  return {
    read: [...managed.filter((m): m is ReadPolicy => typeof m !== 'string'), ...inline],
    unread: managed.filter((m): m is string => typeof m === 'string'),
  };
}

/** The bucket's policy: whether it allows or denies the action for the identity that got the error. */
export async function bucketPolicy(q: Inquiry): Promise<void> {
  const bucket = q.facts.get('bucket');
  if (!bucket) return;
  const policy = await q.read('AWS::S3::BucketPolicy', bucket);
  if (policy === null) return q.note(`Bucket ${bucket} has no bucket policy, so only identity-based policies can allow access to it.`);
  const action = q.facts.get('action');
  if (!policy || !action) return;
  const who = q.facts.get('principal') ?? 'the identity that got the error';
  const principals = ['principalArn', 'roleArn'].map((name) => q.facts.get(name)).filter((arn): arn is string => arn !== undefined);
  const forPrincipal = statementsOf(policy.PolicyDocument).filter((s) => namesPrincipal(s, principals, q.facts.get('account')));
  const resource = q.facts.get('resourceArn');
  const allow = forPrincipal.find((s) => s.effect === 'Allow' && covers(s, action, resource));
  // A conditional Deny (such as one for plain HTTP) does not explain a console error.
  const deny = forPrincipal.find((s) => s.effect === 'Deny' && !s.conditional && covers(s, action, resource));
  const label = (s: Statement) => (s.sid ? `statement ${s.sid}` : 'a statement');
  if (deny) q.facts.set('deniedBy', `${label(deny)} of bucket ${bucket}'s policy`, 'account');
  if (allow) {
    q.facts.offer('allowedBy', `${label(allow)} of bucket ${bucket}'s policy`, 'account');
    return q.note(`Bucket ${bucket}'s policy ${describeStatement(allow)} for ${who} (${label(allow)}).`);
  }
  const related = forPrincipal.filter((s) => s.principals !== '*' && s.effect === 'Allow');
  q.note(`Bucket ${bucket}'s policy does not allow ${action} for ${who}${q.facts.has('allowedBy') ? '' : ' either'}${related.length > 0 ? `; what it allows ${who}: ${related.map((s) => `${label(s)} ${describeStatement(s)}`).join('; ')}` : ''}.`);
}

/** The role the error is about: its attached managed policies and inline policies. */
export async function targetRole(q: Inquiry): Promise<void> {
  const name = q.facts.get('targetRole');
  if (!name) return;
  const role = await q.read('AWS::IAM::Role', name);
  if (role === null) return q.note(`Account ${q.facts.get('account')} has no role ${name}.`);
  if (!role) return;
  const arn = text(role, 'Arn');
  if (arn) q.facts.set('targetRoleArn', arn, 'account');
  const managed = strings(role.ManagedPolicyArns);
  const inline = items(role.Policies).flatMap((policy) => text(policy, 'PolicyName') ?? []);
  if (managed.length > 0) q.facts.set('attachedPolicies', managed.join(', '), 'account');
  if (inline.length > 0) q.facts.set('inlinePolicies', inline.join(', '), 'account');
  const listed = (names: string[]) => (names.length > 0 ? ` (${shortList(names)})` : '');
  q.note(`Role ${name} has ${plural(managed.length, 'managed policy', 'managed policies')}${listed(managed.map(lastSegment))} and ${plural(inline.length, 'inline policy', 'inline policies')}${listed(inline)}.`);
}

/** A Lambda function's execution role: does it exist, and does its trust policy let Lambda assume it? */
export async function functionRole(q: Inquiry): Promise<void> {
  const name = q.facts.get('functionRole');
  if (!name) return;
  const role = await q.read('AWS::IAM::Role', name);
  if (role === null) {
    q.facts.set('functionRoleMissing', 'no', 'account');
    return q.note(`The execution role ${name} does not exist in account ${q.facts.get('account')}.`);
  }
  if (!role) return;
  const trusted = [
    ...new Set(
      statementsOf(role.AssumeRolePolicyDocument)
        .filter((s) => s.effect === 'Allow' && covers(s, 'sts:AssumeRole'))
        .flatMap((s) => (s.principals === '*' ? ['*'] : s.principals)),
    ),
  ];
  const trustsLambda = trusted.includes('lambda.amazonaws.com') || trusted.includes('*');
  if (trusted.length > 0) q.facts.set('trustPrincipals', trusted.join(', '), 'account');
  if (trustsLambda) q.facts.set('trustsLambda', 'yes', 'account');
  q.note(`The execution role ${name} trusts ${trusted.length > 0 ? trusted.join(', ') : 'no one'} to assume it${trustsLambda ? '' : ', not lambda.amazonaws.com'}.`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

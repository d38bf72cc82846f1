import type { AwsClients } from '../aws/clients.js';
import type { Remedy } from '../errors.js';
import type { CostExplorer } from '../aws/cost-explorer.js';
import { regionCatalog } from '../aws/region-catalog.js';
import type { CallerIdentity } from './caller-identity.js';
import { describeOrganization, listInstances, type Organization } from './identity-center.js';
import { signInMethodOf } from './identity-context.js';
import type { QProfile } from './q-profiles.js';

export type CheckStatus = 'passed' | 'failed' | 'unknown';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, or why it could not be checked. */
  detail: string;
  /** What an administrator (or the user) does about a failed or unknown check, as data (worded per surface by remedyText); undefined when passed. */
  remedy: Remedy | undefined;
}

/** What the sign-in part of the identity resolution found, for the checks that depend on it. */
export type SignInFinding =
  | { kind: 'ready'; region: string; profiles: QProfile[]; listingFailed: boolean; userIdKnown: boolean; identityStore: { arn: string; note: string } }
  | { kind: 'sign-in-required'; region: string; message: string; remedy: Remedy }
  | { kind: 'no-start-url'; message: string }
  | { kind: 'error'; message: string };

export interface DoctorDeps {
  clients: AwsClients;
  caller: CallerIdentity;
  /** The session's Cost Explorer: its disk cache answers a second doctor the same day without another billed request. */
  costs: CostExplorer;
  homeRegion: string;
  /** Today, for the one-day cost request. */
  now: Date;
  signIn: SignInFinding;
  signal?: AbortSignal;
}

/**
 * `qchat doctor`: every prerequisite of the seeds' decision tree and of qchat's features, each
 * checked only through real operations the caller may call, each optional: a denied or failed call
 * is "unknown" with what would check it, never an error. Prerequisites no public API reports
 * (identity-aware sessions, the sts:SetContext permission) are listed as such.
 */
export async function runDoctor(deps: DoctorDeps): Promise<Check[]> {
  const checks: Check[] = [signInMethodCheck(deps.caller)];
  const organization = await attempt(() => describeOrganization(deps.clients, deps.signal));
  checks.push(organizationCheck(organization));
  const region = deps.signIn.kind === 'ready' || deps.signIn.kind === 'sign-in-required' ? deps.signIn.region : undefined;
  checks.push(await instanceCheck(deps, region, organization.ok ? organization.value : undefined, organization.ok));
  checks.push(optInCheck(region));
  checks.push(
    check('identity-aware-sessions', 'Identity-aware sessions enabled', 'unknown', 'No public AWS API reports whether identity-aware sessions are enabled, so qchat cannot check it.', 'An administrator enables them in the IAM Identity Center console (Settings → Identity-aware sessions).'),
    check('set-context', 'sts:SetContext allowed', 'unknown', 'sts:SetContext is an IAM permission (for AssumeRole with ProvidedContexts), not an operation qchat can call, so it cannot be checked.', 'An administrator adds sts:SetContext to the role’s or permission set’s policy where identity-aware console sessions are used.'),
  );
  checks.push(signInCheck(deps.signIn), profileCheck(deps.signIn));
  checks.push(...(await permissionChecks(deps)));
  return checks;
}

/** A check; a fix given as text is something an administrator (or the user) changes, the same on every surface. */
function check(id: string, title: string, status: CheckStatus, detail: string, fix?: string | Remedy): Check {
  return { id, title, status, detail, remedy: status === 'passed' || fix === undefined ? undefined : typeof fix === 'string' ? { kind: 'fix', action: fix } : fix };
}

const signIn: Remedy = { kind: 'sign-in' };
const startUrl: Remedy = { kind: 'start-url' };

type Attempt<T> = { ok: true; value: T } | { ok: false; why: string };

async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, why: /AccessDenied|Unauthorized|Forbidden/i.test(name) ? `denied (${name})` : `${name}: ${(error as Error).message}` };
  }
}

function signInMethodCheck(caller: CallerIdentity): Check {
  return check('sign-in-method', 'Sign-in method', 'passed', `${signInMethodOf(caller.arn)} (${caller.arn}, from sts:GetCallerIdentity)`);
}

function organizationCheck(organization: Attempt<Organization | undefined>): Check {
  const title = 'Account in an AWS Organization';
  if (!organization.ok) return check('organization', title, 'unknown', `Could not check: organizations:DescribeOrganization ${organization.why}.`, 'Allow organizations:DescribeOrganization to check it, or ask an administrator whether the account is in an organization.');
  if (!organization.value) return check('organization', title, 'failed', 'The account belongs to no organization (AWSOrganizationsNotInUseException).', 'An administrator creates an organization (or invites this account into one) in AWS Organizations.');
  return check('organization', title, 'passed', `Organization ${organization.value.id}, management account ${organization.value.managementAccountId}.`);
}

async function instanceCheck(deps: DoctorDeps, region: string | undefined, organization: Organization | undefined, organizationKnown: boolean): Promise<Check> {
  const title = 'Organization instance of IAM Identity Center';
  if (!region) return check('organization-instance', title, 'unknown', 'Could not check: the Identity Center region is not known (no sign-in start URL and region).', startUrl);
  const instances = await attempt(() => listInstances(deps.clients, region, organization, deps.signal));
  if (!instances.ok) return check('organization-instance', title, 'unknown', `Could not check: sso:ListInstances in ${region} ${instances.why}.`, 'Allow sso:ListInstances to check it, or ask an administrator which kind of instance you sign in to.');
  const found = instances.value;
  if (found.length === 0) return check('organization-instance', title, 'failed', `sso:ListInstances in ${region} shows no Identity Center instance.`, 'An administrator enables IAM Identity Center (an organization instance) in the management account.');
  if (!organizationKnown) return check('organization-instance', title, 'unknown', `${found.map((i) => i.instanceArn).join(', ')} in ${region}; whether it is the organization's instance needs the organization's management account (organizations:DescribeOrganization).`, 'Allow organizations:DescribeOrganization to check it.');
  const owned = found.find((i) => i.kind === 'organization');
  if (!owned) return check('organization-instance', title, 'failed', `Only an account instance (${found[0]!.instanceArn}) in ${region}; account instances do not support identity-aware sessions.`, 'An administrator enables an organization instance of IAM Identity Center in the management account.');
  return check('organization-instance', title, 'passed', `${owned.instanceArn} in ${region}, owned by the management account.`);
}

function optInCheck(region: string | undefined): Check {
  const title = 'Identity Center outside an opt-in region';
  if (!region) return check('not-opt-in-region', title, 'unknown', 'Could not check: the Identity Center region is not known.', startUrl);
  const optIn = regionCatalog().find((r) => r.code === region)?.optIn;
  return optIn
    ? check('not-opt-in-region', title, 'failed', `${region} is an opt-in region, where identity-aware sessions are not supported.`, 'An administrator moves IAM Identity Center to a region enabled by default (delete and re-create the instance there).')
    : check('not-opt-in-region', title, 'passed', `${region} is enabled by default.`);
}

function signInCheck(finding: SignInFinding): Check {
  const title = 'Signed in to IAM Identity Center for Amazon Q Developer';
  if (finding.kind === 'ready') return check('sign-in', title, 'passed', `A token Amazon Q Developer accepts (region ${finding.region}).`);
  if (finding.kind === 'error') return check('sign-in', title, 'unknown', `Could not check: ${finding.message}`, signIn);
  // A lapsed AWS CLI token is renewed where it came from (aws sso login), as the resolution says.
  return check('sign-in', title, 'failed', finding.message, finding.kind === 'no-start-url' ? startUrl : finding.remedy);
}

function profileCheck(finding: SignInFinding): Check {
  const title = 'Amazon Q Developer Pro profile';
  if (finding.kind !== 'ready') return check('q-profile', title, 'unknown', 'Could not check: ListAvailableProfiles needs a sign-in.', signIn);
  if (finding.profiles.length > 0) return check('q-profile', title, 'passed', finding.profiles.map((p) => `${p.name} (${p.region})`).join(', '));
  if (finding.listingFailed) return check('q-profile', title, 'unknown', 'Could not check: ListAvailableProfiles failed in us-east-1 and eu-central-1.', 'Try again later.');
  return check('q-profile', title, 'failed', 'ListAvailableProfiles lists none in us-east-1 or eu-central-1: Free tier.', 'An administrator assigns you (or a group of yours) a Pro subscription in the Amazon Q Developer console.');
}

/** One cheap read per feature; for costs one small request, as each Cost Explorer request is billed. */
async function permissionChecks(deps: DoctorDeps): Promise<Check[]> {
  const [cloudControl, { ListResourcesCommand }] = await Promise.all([deps.clients.get('cloudcontrol', deps.homeRegion), import('@aws-sdk/client-cloudcontrol')]);
  const resources = await attempt(() => cloudControl.send(new ListResourcesCommand({ TypeName: 'AWS::S3::Bucket', MaxResults: 1 }), deps.signal ? { abortSignal: deps.signal } : {}));
  const [account, { ListRegionsCommand }] = await Promise.all([deps.clients.get('account'), import('@aws-sdk/client-account')]);
  const regions = await attempt(() => account.send(new ListRegionsCommand({ MaxResults: 1 }), deps.signal ? { abortSignal: deps.signal } : {}));
  const userId = deps.signIn.kind === 'ready' ? deps.signIn.userIdKnown : undefined;
  return [
    resources.ok
      ? check('permission-resources', 'Resource questions (cloudformation:ListResources through Cloud Control)', 'passed', `cloudcontrol ListResources answered in ${deps.homeRegion}.`)
      : check('permission-resources', 'Resource questions (cloudformation:ListResources through Cloud Control)', resources.why.startsWith('denied') ? 'failed' : 'unknown', `cloudcontrol ListResources in ${deps.homeRegion}: ${resources.why}.`, 'An administrator allows Cloud Control reads (cloudformation:ListResources, cloudformation:GetResource) and the read permissions of the types you ask about.'),
    regions.ok
      ? check('permission-regions', 'All-regions questions (account:ListRegions)', 'passed', 'account ListRegions answered.')
      : check('permission-regions', 'All-regions questions (account:ListRegions)', regions.why.startsWith('denied') ? 'failed' : 'unknown', `account ListRegions: ${regions.why}; all-regions questions say they could not list the enabled regions.`, 'An administrator allows account:ListRegions.'),
    await costCheck(deps),
    userId === undefined
      ? check('user-id', 'Identity store user ID (keys history and limits)', 'unknown', 'Could not check: it needs a sign-in.', signIn)
      : userId
        ? check('user-id', 'Identity store user ID (keys history and limits)', 'passed', 'Known (from Amazon Q Developer user info, or identitystore:GetUserId for an access-portal session).')
        : check('user-id', 'Identity store user ID (keys history and limits)', 'failed', 'Unknown: no history is kept for an unidentified user.', 'Use a Pro profile (its usage report names the user), or an access-portal session with identitystore:GetUserId allowed.'),
    identityStoreCheck(deps.signIn),
  ];
}

/**
 * Whether cost questions can be answered: one GetCostAndUsage for yesterday, no grouping or filter
 * (billed $0.01 per request, Cost Explorer pricing; kept in the cost cache like any cost answer).
 * AccessDenied names the permissions; DataUnavailableException is an account whose Cost Explorer
 * has no data yet (it is enabled in the Billing console and prepares its data within about 24 hours,
 * per "Enabling Cost Explorer" in the AWS Cost Management user guide).
 */
async function costCheck(deps: DoctorDeps): Promise<Check> {
  const title = 'Cost questions (ce:GetCostAndUsage)';
  const end = deps.now.toISOString().slice(0, 10);
  const start = new Date(Date.parse(end) - 86_400_000).toISOString().slice(0, 10);
  const reply = await attempt(() => deps.costs.getCostAndUsage({ TimePeriod: { Start: start, End: end }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }, deps.signal));
  const permissions = 'An administrator allows ce:GetCostAndUsage, ce:GetCostForecast and ce:GetDimensionValues.';
  if (reply.ok) {
    const when = reply.value.cachedAt ? `; from the cost cache of ${reply.value.cachedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ', one request billed $0.01';
    return check('permission-costs', title, 'passed', `ce GetCostAndUsage answered for ${start}${when}.`);
  }
  if (reply.why.startsWith('denied')) return check('permission-costs', title, 'failed', `ce GetCostAndUsage: ${reply.why}.`, permissions);
  if (reply.why.startsWith('DataUnavailableException')) {
    return check('permission-costs', title, 'failed', `ce GetCostAndUsage: ${reply.why} (Cost Explorer has no data for this account yet).`, 'Enable Cost Explorer in the AWS Billing and Cost Management console; its data appears within about 24 hours.');
  }
  return check('permission-costs', title, 'unknown', `Could not check: ce GetCostAndUsage ${reply.why}.`, 'Try again later; cost questions need ce:GetCostAndUsage, ce:GetCostForecast and ce:GetDimensionValues.');
}

function identityStoreCheck(finding: SignInFinding): Check {
  const title = 'Identity store of your IAM Identity Center instance';
  if (finding.kind !== 'ready') return check('identity-store', title, 'unknown', 'Could not check: it needs a sign-in.', signIn);
  const { arn, note } = finding.identityStore;
  if (arn) return check('identity-store', title, 'passed', `${arn} (${note}).`);
  return check('identity-store', title, 'unknown', `${note.replace(/^unknown: /, 'Unknown: ')}. History and limits are keyed by the user ID, which does not need it.`, 'Allow sso:ListInstances in the Identity Center region; it lists an instance only to the accounts that own it or belong to its organization.');
}

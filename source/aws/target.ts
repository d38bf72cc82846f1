import type { Clock } from '../config/clock.js';
import type { Settings } from '../config/settings.js';
import { QchatError, UsageError } from '../errors.js';
import type { Sandbox } from '../sandbox/server.js';
import type { SandboxSignIn } from '../sandbox/services/access-portal-sign-in.js';
import { awsConfigFiles, awsConfigurationSource, profileName, readAwsProfile } from './aws-config.js';
import { AwsClients, type AwsTarget } from './clients.js';
import { accessProblem } from './credential-error.js';
import { configuredRegion, defaultRegion } from './region.js';

/**
 * The sandbox account: qchat's own in-process sandbox, or a `qchat sandbox serve` reached through
 * --endpoint-url that proved to be one. Every sandbox-only behaviour (a tiers file, QCHAT_NOW for
 * limits, the fixture's subscriptions, the sign-in page's login hint) depends on this kind, never
 * on a setting.
 */
export interface SandboxTarget {
  kind: 'sandbox';
  target: AwsTarget;
  /** The sandbox identity acting (`--sandbox-user`, default alice). */
  user: string;
  /** One line that says the sandbox is in use, and why; every command shows it. */
  notice: string;
  /** Where the sandbox identity signs in to Identity Center, and the sign-in an access-portal identity arrives with. */
  signIn?: SandboxSignIn;
  close(): Promise<void>;
}

/** A real AWS account (or an endpoint that is not qchat's sandbox), through the SDK's credential chain. */
export interface AccountTarget {
  kind: 'aws';
  target: AwsTarget;
  /** The AWS profile in use ("default" unless one is named). */
  profile: string;
  /** The profile signs in through IAM Identity Center, so `aws sso login` renews it. */
  sso: boolean;
  close(): Promise<void>;
}

export type ResolvedTarget = SandboxTarget | AccountTarget;

/**
 * Decides once where AWS calls go. The sandbox only with --sandbox / --sandbox-user, or when there
 * is no AWS configuration at all (no credential or profile variables, no config or credentials
 * file, no --profile, no --endpoint-url); it never stands in for an account that failed.
 */
export async function resolveAwsTarget(settings: Settings, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget> {
  const askedForSandbox = settings.sandbox || settings.sandboxUser !== undefined;
  if (settings.endpointUrl && askedForSandbox) return servedSandbox(settings, clock, settings.endpointUrl);
  if (askedForSandbox) return inProcessSandbox(settings, clock, env, '');
  if (settings.profile || settings.endpointUrl || awsConfigurationSource(env)) return account(settings, env);
  const { configFile } = awsConfigFiles(env);
  return inProcessSandbox(settings, clock, env, ` (no AWS configuration found: no AWS_PROFILE or AWS_ACCESS_KEY_ID, no ${configFile}; use --profile for a real account)`);
}

/** The endpoint calls go to, for messages: --endpoint-url or the sandbox's, else the regional STS endpoint qchat calls first. */
export function endpointOf(target: ResolvedTarget): string {
  return target.target.endpoint ?? `https://sts.${target.target.region}.amazonaws.com`;
}

/** The region a plan names when nothing is called (`ask --explain`): the same choice as a session's, without credentials. */
export async function planningRegion(settings: Settings, env: NodeJS.ProcessEnv): Promise<string> {
  const sandbox = settings.sandbox || settings.sandboxUser !== undefined || !(settings.profile || settings.endpointUrl || awsConfigurationSource(env));
  if (sandbox) return settings.region ?? defaultRegion;
  return configuredRegion(settings.region, await readAwsProfile(profileName(settings.profile, env), env), env) ?? defaultRegion;
}

async function account(settings: Settings, env: NodeJS.ProcessEnv): Promise<AccountTarget> {
  const profile = await readAwsProfile(profileName(settings.profile, env), env);
  const { configFile, credentialsFile } = awsConfigFiles(env);
  const named = settings.profile ?? env.AWS_PROFILE?.trim();
  if (named && !profile.exists && (settings.profile || !env.AWS_ACCESS_KEY_ID)) {
    throw new QchatError('PROFILE_NOT_FOUND', `profile ${named} is not in ${configFile} (nor in ${credentialsFile}).`, {
      remedy: { kind: 'fix', action: `Create it with: aws configure sso --profile ${named} (or name another profile with --profile or AWS_PROFILE).` },
      details: { profile: named },
    });
  }
  const region = configuredRegion(settings.region, profile, env);
  if (!region) {
    throw new QchatError('NO_REGION', `No AWS region is set for profile ${profile.name}.`, {
      remedy: { kind: 'fix', action: `Set one with --region, AWS_REGION, or a "region = us-east-1" line in the profile in ${configFile}.` },
      details: { profile: profile.name },
    });
  }
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const credentials = fromNodeProviderChain({
    ...(settings.profile ? { profile: settings.profile } : {}),
    // With --endpoint-url, SSO profiles fetch their role credentials from that endpoint too.
    ...(settings.endpointUrl ? { clientConfig: { endpoint: settings.endpointUrl } } : {}),
    // A short instance-metadata timeout: off EC2 the probe must not hold up the start.
    timeout: 300,
    maxRetries: 0,
  });
  const target: AwsTarget = { region, credentials, profile: profile.name, ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}), ...retrySettings(settings) };
  return { kind: 'aws', target, profile: profile.name, sso: profile.sso, close: async () => undefined };
}

async function inProcessSandbox(settings: Settings, clock: Clock, env: NodeJS.ProcessEnv, why: string): Promise<SandboxTarget> {
  const user = settings.sandboxUser ?? 'alice';
  const credentials = await sandboxCredentials(user);
  const [{ startSandbox }, { parseFaultSpec, FaultSpecError }] = await Promise.all([import('../sandbox/server.js'), import('../sandbox/faults.js')]);
  let faults;
  try {
    faults = parseFaultSpec(settings.sandboxFaults);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new UsageError(`--faults / QCHAT_SANDBOX_FAULTS: ${error.message}`);
    throw error;
  }
  const approveDelay = Number(env.QCHAT_SANDBOX_APPROVE_DELAY_MS);
  const sandbox = await startSandbox({
    clock,
    faults,
    listProperties: settings.sandboxListProperties,
    scale: settings.sandboxScale,
    rateLimits: settings.sandboxRateLimits,
    approve: settings.sandboxApprove,
    ...(Number.isFinite(approveDelay) && approveDelay >= 0 ? { approveDelayMs: approveDelay } : {}),
  });
  const target: AwsTarget = { region: settings.region ?? defaultRegion, endpoint: sandbox.url, credentials, ...sandboxRetries(settings) };
  return sandboxTarget(target, user, clock, `Using the built-in sandbox account as ${user}${why}.`, sandbox);
}

/**
 * `--endpoint-url` with a sandbox identity: the sandbox only if the endpoint proves to be one, by
 * answering GetCallerIdentity for that identity's keys with the fixture's own ARN. Any other
 * endpoint is an account like any other, so a setting can never switch on sandbox-only behaviour.
 */
async function servedSandbox(settings: Settings, clock: Clock, url: string): Promise<ResolvedTarget> {
  const user = settings.sandboxUser ?? 'alice';
  const { callerByName } = await import('../sandbox/callers.js');
  const where = { region: settings.region ?? defaultRegion, endpoint: url, credentials: await sandboxCredentials(user) };
  const sandbox: AwsTarget = { ...where, ...sandboxRetries(settings) };
  if ((await callerArn(sandbox)) === callerByName(user)!.arn) return sandboxTarget(sandbox, user, clock, `Using the sandbox at ${url} as ${user}.`);
  return { kind: 'aws', target: { ...where, ...retrySettings(settings) }, profile: profileName(settings.profile, {}), sso: false, close: async () => undefined };
}

async function callerArn(target: AwsTarget): Promise<string | undefined> {
  const clients = new AwsClients(target);
  try {
    const [sts, { GetCallerIdentityCommand }] = await Promise.all([clients.get('sts'), import('@aws-sdk/client-sts')]);
    return (await sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(target.requestTimeoutMs ?? 10_000) })).Arn;
  } catch (error) {
    // Unreachable is worth saying now, naming the endpoint; a refusal of the sandbox's keys means it is not the sandbox.
    const problem = accessProblem(error, { endpoint: target.endpoint });
    if (problem?.code === 'ENDPOINT_UNREACHABLE') throw problem;
    return undefined;
  } finally {
    await clients.destroy();
  }
}

async function sandboxTarget(target: AwsTarget, user: string, clock: Clock, notice: string, sandbox?: Sandbox): Promise<SandboxTarget> {
  const { sandboxSignInOf } = await import('../sandbox/services/access-portal-sign-in.js');
  const signIn = sandboxSignInOf(user, clock);
  return {
    kind: 'sandbox',
    target,
    user,
    notice,
    ...(signIn ? { signIn } : {}),
    close: async () => sandbox?.close(),
  };
}

/**
 * On an account, retry mode and attempts are qchat's settings when set, else left to the SDK's own
 * loader, which reads AWS_RETRY_MODE / AWS_MAX_ATTEMPTS and the profile's retry_mode /
 * max_attempts in ~/.aws/config (NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS).
 */
function retrySettings(settings: Settings): Pick<AwsTarget, 'retryMode' | 'maxAttempts' | 'requestTimeoutMs'> {
  return {
    ...(settings.retryMode ? { retryMode: settings.retryMode } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    requestTimeoutMs: settings.questionTimeout * 1000,
  };
}

/** The sandbox is not in anyone's AWS config: qchat's settings, else the SDK's defaults (standard, 3). */
function sandboxRetries(settings: Settings): Pick<AwsTarget, 'retryMode' | 'maxAttempts' | 'requestTimeoutMs'> {
  return { retryMode: settings.retryMode ?? 'standard', maxAttempts: settings.maxAttempts ?? 3, requestTimeoutMs: settings.questionTimeout * 1000 };
}

async function sandboxCredentials(user: string) {
  const { callerByName, sandboxCallers } = await import('../sandbox/callers.js');
  const caller = callerByName(user);
  if (!caller) {
    throw new UsageError(`unknown sandbox user "${user}"; choose one of ${sandboxCallers().map((c) => c.name).join(', ')}`);
  }
  return {
    accessKeyId: caller.accessKeyId,
    secretAccessKey: caller.secretAccessKey,
    ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
  };
}

import type { Clock } from '../config/clock.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';
import type { Sandbox } from '../sandbox/server.js';
import type { SandboxSignIn } from '../sandbox/services/access-portal-sign-in.js';
import type { AwsTarget } from './clients.js';
import { defaultRegion, resolveRegion } from './region.js';

export interface ResolvedTarget {
  target: AwsTarget;
  /** Set when qchat talks to the sandbox account (in-process, or `sandbox serve` through --endpoint-url). */
  sandboxUser?: string;
  /** The in-process sandbox this run started, to stop on exit. */
  sandbox?: Sandbox;
  /** On the sandbox: where its identity signs in to Identity Center, and the sign-in an access-portal identity arrives with. */
  sandboxSignIn?: SandboxSignIn;
  /** One line to show the user about where calls go, e.g. that the sandbox is in use. */
  notice?: string;
}

/**
 * Decides where AWS calls go: the built-in sandbox (`--sandbox`, a sandbox user, or no AWS
 * credentials found without `--profile`/`--endpoint-url`), or AWS through the standard
 * credential chain.
 */
export async function resolveAwsTarget(settings: Settings, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget> {
  const retry = retrySettings(settings, env);
  const explicitAws = Boolean(settings.profile || settings.endpointUrl);

  if (settings.sandboxUser && settings.endpointUrl) {
    // Talking to `qchat sandbox serve` elsewhere, as one of its identities.
    return {
      target: { region: settings.region ?? defaultRegion, endpoint: settings.endpointUrl, credentials: await sandboxCredentials(settings.sandboxUser), ...retry },
      sandboxUser: settings.sandboxUser,
      ...(await sandboxSignIn(settings.sandboxUser, clock)),
    };
  }
  if (!settings.sandbox && !settings.sandboxUser) {
    const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
    // A short instance-metadata timeout: off EC2 the probe must not hold up the start.
    const credentials = fromNodeProviderChain({
      ...(settings.profile ? { profile: settings.profile } : {}),
      // With --endpoint-url, SSO profiles fetch their role credentials from that endpoint too.
      ...(settings.endpointUrl ? { clientConfig: { endpoint: settings.endpointUrl } } : {}),
      timeout: 300,
      maxRetries: 0,
    });
    const found = explicitAws || (await credentials().then(() => true, () => false));
    if (found) {
      const region = await resolveRegion(settings.region, settings.profile, env);
      return { target: { region, credentials, ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}), ...retry } };
    }
  }

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
  const why = settings.sandbox || settings.sandboxUser ? '' : ' (no AWS credentials found; use --profile for a real account)';
  return {
    target: { region: settings.region ?? defaultRegion, endpoint: sandbox.url, credentials, ...retry },
    sandboxUser: user,
    sandbox,
    ...(await sandboxSignIn(user, clock)),
    notice: `Using the built-in sandbox account as ${user}${why}.`,
  };
}

/** qchat's settings win; otherwise the SDK's own AWS_RETRY_MODE / AWS_MAX_ATTEMPTS; otherwise standard, 3. */
function retrySettings(settings: Settings, env: NodeJS.ProcessEnv): Pick<AwsTarget, 'retryMode' | 'maxAttempts' | 'requestTimeoutMs'> {
  const mode = settings.retryMode ?? env.AWS_RETRY_MODE;
  const attempts = settings.maxAttempts ?? Number(env.AWS_MAX_ATTEMPTS);
  return {
    retryMode: mode === 'adaptive' || mode === 'legacy' ? mode : 'standard',
    maxAttempts: Number.isInteger(attempts) && attempts >= 1 ? attempts : 3,
    requestTimeoutMs: settings.questionTimeout * 1000,
  };
}

async function sandboxSignIn(user: string, clock: Clock): Promise<{ sandboxSignIn?: SandboxSignIn }> {
  const { sandboxSignInOf } = await import('../sandbox/services/access-portal-sign-in.js');
  const signIn = sandboxSignInOf(user, clock);
  return signIn ? { sandboxSignIn: signIn } : {};
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

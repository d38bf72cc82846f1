import type { CliIo } from '../headless/io.js';
import type { RunContext } from '../config/run-context.js';
import { QchatError, UsageError, ExitCode } from '../errors.js';
import { callerByName, sandboxCallers } from '../sandbox/callers.js';
import { FaultSpecError, parseFaultSpec } from '../sandbox/faults.js';
import { startSandbox } from '../sandbox/server.js';

/** `qchat sandbox serve`: the sandbox endpoint for any AWS client, until Ctrl+C. */
export async function serveSandbox(
  context: RunContext,
  options: { port?: string; verbose?: boolean },
  io: CliIo,
): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number from 0 to 65535, got "${options.port}"`);
  let faults;
  try {
    faults = parseFaultSpec(context.settings.sandboxFaults);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new UsageError(`--faults: ${error.message}`);
    throw error;
  }
  const sandbox = await startSandbox({
    port,
    faults,
    clock: context.clock,
    approve: context.settings.sandboxApprove,
    listProperties: context.settings.sandboxListProperties,
    scale: context.settings.sandboxScale,
    rateLimits: context.settings.sandboxRateLimits,
    ...(options.verbose
      ? { onRequest: (entry) => io.stderr.write(`${entry.status} ${entry.service}:${entry.operation} ${entry.region}\n`) }
      : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new QchatError('PORT_IN_USE', `port ${port} is already in use; pick another with --port`);
    throw error;
  });
  const faultText = context.settings.sandboxFaults ? ` with faults ${context.settings.sandboxFaults}` : '';
  io.stdout.write(
    `qchat sandbox listening on ${sandbox.url}${faultText}\n` +
      `Device sign-ins: ${sandbox.url}/device (${context.settings.sandboxApprove} approval)\n` +
      `Try: eval "$(qchat sandbox env --sandbox-user alice)" && aws --endpoint-url ${sandbox.url} sts get-caller-identity\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  return ExitCode.ok;
}

/** `qchat sandbox env`: shell exports of a sandbox identity's static credentials. */
export function printSandboxEnv(context: RunContext, io: CliIo): void {
  const name = context.settings.sandboxUser ?? 'alice';
  const caller = callerByName(name);
  if (!caller) throw new UsageError(`unknown sandbox user "${name}"; choose one of ${sandboxCallers().map((c) => c.name).join(', ')}`);
  const lines = [
    `export AWS_ACCESS_KEY_ID=${caller.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${caller.secretAccessKey}`,
    caller.sessionToken ? `export AWS_SESSION_TOKEN=${caller.sessionToken}` : 'unset AWS_SESSION_TOKEN',
    `export AWS_REGION=${context.settings.region ?? 'us-east-1'}`,
    `export AWS_DEFAULT_REGION=${context.settings.region ?? 'us-east-1'}`,
    ...(context.settings.endpointUrl ? [`export AWS_ENDPOINT_URL=${context.settings.endpointUrl}`] : []),
  ];
  io.stdout.write(`# sandbox identity ${caller.name}: ${caller.description}\n${lines.join('\n')}\n`);
}

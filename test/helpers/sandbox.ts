import { afterAll, beforeAll } from 'vitest';
import { callerByName } from '../../source/sandbox/callers.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../source/sandbox/server.js';

/** The clock every sandbox test runs at unless it says otherwise. */
export const fixedNow = new Date('2026-11-22T10:00:00Z');

/** Starts one sandbox for the enclosing describe/file and stops it afterwards. */
export function useSandbox(options: SandboxOptions = {}): { readonly current: Sandbox } {
  const holder: { current: Sandbox | undefined } = { current: undefined };
  beforeAll(async () => {
    holder.current = await startSandbox({ clock: () => fixedNow, ...options });
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder as { readonly current: Sandbox };
}

/** Config for a real SDK v3 client that talks HTTP to the sandbox as a sandbox identity. */
export function sandboxClientConfig(sandbox: Sandbox, user = 'alice', region = 'us-east-1') {
  const caller = callerByName(user);
  if (!caller) throw new Error(`no sandbox user ${user}`);
  return {
    region,
    endpoint: sandbox.url,
    credentials: {
      accessKeyId: caller.accessKeyId,
      secretAccessKey: caller.secretAccessKey,
      ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
    },
    maxAttempts: 1,
  };
}

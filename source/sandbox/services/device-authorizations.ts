import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SandboxContext } from '../service.js';
import { userByName, type IdentityCenterInstance, type StoreUser } from '../world/identity.js';

/** Device codes live ten minutes, as IAM Identity Center's do; clients poll once a second. */
export const deviceCodeLifetimeSeconds = 600;
export const pollIntervalSeconds = 1;

export type DeviceDecision = { kind: 'pending' } | { kind: 'approved'; user: StoreUser } | { kind: 'denied' };

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  instance: IdentityCenterInstance;
  /** The user name the startUrl's login_hint names: preselected on the page, approved automatically in auto mode. */
  loginHint: string | undefined;
  /** By the sandbox clock (ms since the epoch). */
  expiresAt: number;
  /** Real time (performance.now()), so auto approval and polling rates work under a frozen clock. */
  startedAt: number;
  lastPolledAt: number | undefined;
  decision: DeviceDecision;
  redeemed: boolean;
}

/** Letters a person cannot misread (RFC 8628 §6.1): no vowels, no 0/O or 1/I lookalikes. */
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';

/** The device authorizations of one sandbox, shared by SSO OIDC and the verification page. */
export class DeviceAuthorizations {
  private readonly byDevice = new Map<string, DeviceAuthorization>();

  constructor(private readonly context: SandboxContext) {}

  start(clientId: string, instance: IdentityCenterInstance, loginHint: string | undefined, now: Date): DeviceAuthorization {
    // Keep a long-running `sandbox serve` small; an hour after expiry nobody asks about a code any more.
    for (const [code, old] of this.byDevice) if (old.expiresAt + 3_600_000 < now.getTime()) this.byDevice.delete(code);
    const authorization: DeviceAuthorization = {
      deviceCode: randomBytes(32).toString('base64url'),
      userCode: this.unusedUserCode(),
      clientId,
      instance,
      loginHint,
      expiresAt: now.getTime() + deviceCodeLifetimeSeconds * 1000,
      startedAt: performance.now(),
      lastPolledAt: undefined,
      decision: { kind: 'pending' },
      redeemed: false,
    };
    this.byDevice.set(authorization.deviceCode, authorization);
    return authorization;
  }

  byDeviceCode(deviceCode: string): DeviceAuthorization | undefined {
    return this.byDevice.get(deviceCode);
  }

  /** Case-insensitive and tolerant of a missing dash, as people type codes. */
  byUserCode(userCode: string): DeviceAuthorization | undefined {
    const wanted = userCode.toUpperCase().replace(/[^A-Z]/g, '');
    return [...this.byDevice.values()].find((a) => a.userCode.replace('-', '') === wanted);
  }

  isExpired(authorization: DeviceAuthorization, now: Date): boolean {
    return now.getTime() >= authorization.expiresAt;
  }

  /**
   * Auto mode approves a pending authorization that carries a login hint once approveDelayMs of real
   * time has passed since it started. Decided lazily, whenever someone looks, so no timer outlives a test.
   */
  settle(authorization: DeviceAuthorization): DeviceDecision {
    const { context } = this;
    const hinted = authorization.loginHint ? userByName(authorization.instance.identityStoreId, authorization.loginHint) : undefined;
    if (context.approve === 'auto' && hinted && authorization.decision.kind === 'pending' && performance.now() - authorization.startedAt >= context.approveDelayMs) {
      authorization.decision = { kind: 'approved', user: hinted };
    }
    return authorization.decision;
  }

  private unusedUserCode(): string {
    for (;;) {
      const letters = Array.from({ length: 8 }, () => userCodeAlphabet[randomInt(userCodeAlphabet.length)]).join('');
      const code = `${letters.slice(0, 4)}-${letters.slice(4)}`;
      if (!this.byUserCode(code)) return code;
    }
  }
}

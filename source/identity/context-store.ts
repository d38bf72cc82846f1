import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentityContext } from './identity-context.js';
import type { IdentityCenterInstance } from './identity-center.js';

export interface StoredContext {
  context: IdentityContext;
  instance: IdentityCenterInstance;
}

/**
 * Resolved identity contexts, one small file per AWS principal and Identity Center instance
 * (0600, in a 0700 folder), kept until they expire. No access token is ever written: a context
 * holds IDs and an expiry only.
 */
export class ContextStore {
  private readonly directory: string;

  constructor(dataDir: string, private readonly scope: string) {
    this.directory = join(dataDir, 'identity');
  }

  load(principalArn: string, instanceArn?: string): StoredContext | undefined {
    for (const file of this.filesFor(principalArn)) {
      try {
        const stored = JSON.parse(readFileSync(join(this.directory, file), 'utf8')) as StoredContext;
        if (stored.context?.principalArn !== principalArn || !stored.instance?.instanceArn) continue;
        if (!instanceArn || stored.instance.instanceArn === instanceArn) return stored;
      } catch {
        // Unreadable: treated as absent; the next sign-in overwrites it.
      }
    }
    return undefined;
  }

  save(stored: StoredContext): void {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const file = join(this.directory, `${this.prefix(stored.context.principalArn)}-${hash(stored.instance.instanceArn).slice(0, 12)}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  }

  /** Forgets every context of this principal; returns how many there were. */
  forget(principalArn: string): number {
    const files = this.filesFor(principalArn);
    for (const file of files) rmSync(join(this.directory, file), { force: true });
    return files.length;
  }

  private filesFor(principalArn: string): string[] {
    const prefix = this.prefix(principalArn);
    try {
      return readdirSync(this.directory).filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.json'));
    } catch {
      return [];
    }
  }

  private prefix(principalArn: string): string {
    return hash(`${this.scope}\u0000${principalArn}`).slice(0, 24);
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

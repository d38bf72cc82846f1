import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Cost Explorer charges for every request, so identical requests are answered from disk for a
 * while. Entries are keyed by the account and endpoint as well as the request.
 */
export class CostCache {
  constructor(
    private readonly directory: string,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  key(scope: string, operation: string, input: unknown): string {
    return createHash('sha256').update(JSON.stringify([scope, operation, input])).digest('hex');
  }

  read<T>(key: string): { value: T; storedAt: Date } | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as { storedAt: string; value: T };
      const storedAt = new Date(entry.storedAt);
      const age = this.now().getTime() - storedAt.getTime();
      return age >= 0 && age < this.ttlMs ? { value: entry.value, storedAt } : undefined;
    } catch {
      return undefined; // missing, unreadable or corrupt: a cache miss, overwritten by the next write
    }
  }

  write(key: string, value: unknown): void {
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      const temp = `${this.file(key)}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ storedAt: this.now().toISOString(), value }), { mode: 0o600 });
      renameSync(temp, this.file(key));
    } catch {
      // A cache that cannot be written only costs a repeated request.
    }
  }

  private file(key: string): string {
    return join(this.directory, `${key}.json`);
  }
}

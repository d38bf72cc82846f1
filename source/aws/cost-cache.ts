import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../config/clock.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { moveAside } from '../storage/disk.js';
import { loadJsonFile } from '../storage/json-file.js';
import { ensurePrivateDir } from '../storage/private-dir.js';

const entrySchema = z.object({ storedAt: z.iso.datetime(), value: z.unknown() });
// A cached reply is what one question read from Cost Explorer, bounded by the per-question cap.
const maxEntryBytes = 64 * 1024 * 1024;

/**
 * Cost Explorer charges for every request, so identical requests are answered from disk for a
 * while. The caller's scope (principal ARN and endpoint) is part of every key: two principals of
 * one account may be allowed different things, and one must never be served the other's figures.
 * Files go through the storage module: private folder, atomic writes, no link followed.
 */
export class CostCache {
  constructor(
    private readonly directory: string,
    private readonly ttlMs: number,
    private readonly now: Clock,
  ) {}

  key(scope: string, operation: string, input: unknown): string {
    return createHash('sha256').update(JSON.stringify([scope, operation, input])).digest('hex');
  }

  read<T>(key: string): { value: T; storedAt: Date } | undefined {
    const file = this.file(key);
    try {
      const loaded = loadJsonFile(file, entrySchema, { maxBytes: maxEntryBytes });
      // Not a usable entry (a FIFO, a folder, garbage): moved aside so the next write can replace it.
      if (loaded.state === 'unusable') moveAside(file, this.now);
      if (loaded.state !== 'ok') return undefined;
      const storedAt = new Date(loaded.value.storedAt);
      const age = this.now().getTime() - storedAt.getTime();
      return age >= 0 && age < this.ttlMs ? { value: loaded.value.value as T, storedAt } : undefined;
    } catch {
      return undefined; // the cache folder itself is unusable: a miss
    }
  }

  write(key: string, value: unknown): void {
    try {
      ensurePrivateDir(this.directory, dirname(this.directory));
      writeFileAtomic(this.file(key), JSON.stringify({ storedAt: this.now().toISOString(), value }));
    } catch {
      // A cache that cannot be written only costs a repeated request.
    }
  }

  private file(key: string): string {
    return join(this.directory, `${key}.json`);
  }
}

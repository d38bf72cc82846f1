import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempHome } from '../../helpers/cli.js';
import type { Plant } from '../corpus/history.js';

/** A data directory with a sibling folder outside it, for links that point out of the data. */
export function dataAndOutside(): { dataDir: string; outside: string } {
  const parent = tempHome();
  const outside = join(parent, 'outside');
  mkdirSync(outside);
  return { dataDir: join(parent, 'data'), outside };
}

/** Puts what a case describes at `path` (a link's target goes in `outside`). */
export function plant(path: string, what: Plant, outside: string): void {
  switch (what.kind) {
    case 'file':
      writeFileSync(path, what.bytes);
      return;
    case 'directory':
      mkdirSync(path);
      return;
    case 'link-outside': {
      const target = join(outside, `target-${createHash('sha1').update(path).digest('hex').slice(0, 8)}`);
      writeFileSync(target, what.bytes);
      symlinkSync(target, path);
      return;
    }
    case 'dangling-link':
      symlinkSync(join(outside, 'does-not-exist'), path);
  }
}

/** Every entry under `dir`: its relative path and what it is (a content hash, "dir", or a link's target). */
export function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isSymbolicLink()) entries[key] = `link:${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        entries[key] = 'dir';
        walk(path);
      } else entries[key] = createHash('sha1').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return entries;
}

/** What a planted thing looks like once moved aside: the same bytes, folder or link. */
export function sameThing(path: string, what: Plant): boolean {
  const stat = lstatSync(path);
  if (what.kind === 'file') return stat.isFile() && readFileSync(path).equals(Buffer.from(what.bytes));
  if (what.kind === 'directory') return stat.isDirectory();
  return stat.isSymbolicLink();
}

import { beforeEach, vi } from 'vitest';

/**
 * The module `load` imports, imported anew before each test of the file. For modules that build
 * state on first use and keep it (the region name patterns and place list of regions.ts): each test
 * builds that state itself, so a fault in the building fails every test that depends on it, not only
 * whichever test happened to run first. Stryker's per-test coverage then names those tests too (with
 * one import per file it credited the building to the first test alone, and the mutants there
 * survived every test that would have caught them).
 */
export function freshBeforeEach<T>(load: () => Promise<T>): () => T {
  let loaded: T | undefined;
  beforeEach(async () => {
    vi.resetModules();
    loaded = await load();
  });
  return () => {
    if (loaded === undefined) throw new Error('freshBeforeEach: the module is imported before each test, not while tests are collected');
    return loaded;
  };
}

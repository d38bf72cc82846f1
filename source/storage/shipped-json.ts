import type { z } from 'zod';
import { QchatError } from '../errors.js';
import { shippedConfigPath } from '../config/package-root.js';
import { loadJsonFile } from './json-file.js';

/** The shipped catalogs are a few hundred kilobytes; a file past this is not qchat's. */
const maxShippedBytes = 8 * 1024 * 1024;

/**
 * A data file qchat ships in config/ (region, cost-service, resource-type and console-error
 * catalogs), read through the one JSON + zod loader. Links are followed (an install may link its
 * folder); a missing or malformed file means the installation is damaged, and says which file.
 */
export function loadShippedJson<S extends z.ZodType>(name: string, schema: S): z.infer<S> {
  const path = shippedConfigPath(name);
  const loaded = loadJsonFile(path, schema, { maxBytes: maxShippedBytes, followLinks: true, what: `qchat's ${name}` });
  if (loaded.state === 'ok') return loaded.value;
  const problem = loaded.state === 'missing' ? 'is missing' : loaded.problem;
  throw new QchatError('INSTALLATION_DAMAGED', `${path} ${problem}, so qchat's installation is damaged.`, {
    remedy: { kind: 'fix', action: 'Reinstall qchat (npm ci in its folder, or npm install -g again).' },
    details: { path },
  });
}

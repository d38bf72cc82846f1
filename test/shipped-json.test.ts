import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorJson, exitCodeOf, type QchatError } from '../source/errors.js';
import { loadShippedJson } from '../source/storage/shipped-json.js';
import { regionCatalog } from '../source/aws/region-catalog.js';

describe('the files qchat ships in config/, through the one JSON + zod loader', () => {
  it('reads and validates a catalog', () => {
    expect(regionCatalog().find((region) => region.code === 'eu-central-1')).toMatchObject({ name: 'Europe (Frankfurt)', optIn: false });
  });

  it('a missing file is a damaged installation, named, with the fix', () => {
    const error = (() => {
      try {
        loadShippedJson('no-such-catalog.json', z.object({}));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(exitCodeOf(error)).toBe(1);
    expect(errorJson(error as QchatError)).toMatchObject({
      code: 'INSTALLATION_DAMAGED',
      message: expect.stringMatching(/config\/no-such-catalog\.json is missing, so qchat's installation is damaged\.$/),
      remedy: { kind: 'fix', text: expect.stringContaining('Reinstall qchat') },
    });
  });

  it('a file that is not the schema says which key is wrong', () => {
    // tiers.json is a real shipped file, but not a region catalog.
    expect(() => loadShippedJson('tiers.json', z.object({ regions: z.array(z.unknown()) }))).toThrow(/config\/tiers\.json is not qchat's tiers\.json \(regions: .*\), so qchat's installation is damaged\./);
  });
});

// Properties as Cloud Control sends them: a JSON text, kept only when it is an object nested no
// deeper than any resource model (64 levels), at the boundary, where the text is just long enough.
import { describe, expect, it } from 'vitest';
import { parseProperties } from '../source/aws/cloud-control.js';

/** An object whose one member holds arrays nested to make `levels` levels in all (the object is the first). */
const nested = (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

describe('parseProperties', () => {
  it('keeps an object nested 64 levels and drops one nested 65', () => {
    expect(parseProperties(nested(64))).toEqual({ a: expect.any(Array) });
    expect(nested(65)).toHaveLength(134);
    expect(parseProperties(nested(65))).toBeNull();
  });

  it('keeps a short object whole, and drops what is not a JSON object', () => {
    expect(parseProperties('{"FunctionName":"invoice-renderer-prod"}')).toEqual({ FunctionName: 'invoice-renderer-prod' });
    for (const raw of ['[1]', '"x"', 'null', '{"a":', '', undefined, 7]) expect(parseProperties(raw)).toBeNull();
  });
});

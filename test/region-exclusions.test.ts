// Region mentions the row tables of region-mentions.test.ts leave out (issue 17, from the mutants
// that survived them): exclusions over all regions, an area or named regions; the every-region
// phrasings without "in" or with "opted in"; code shapes of the isolated partitions and two-digit
// numbers; spans after an earlier match was blanked; console names with brackets in any case.
import { describe, expect, it } from 'vitest';
import { freshBeforeEach } from './helpers/fresh-module.js';

// A fresh regions module for each row: its name patterns and place list are built on first use.
const regions = freshBeforeEach(() => import('../source/understanding/regions.js'));
const findRegions = (question: string) => regions().findRegions(question);

const codesOf = (question: string) => {
  const mention = findRegions(question);
  return mention.kind === 'group' || mention.kind === 'named' || mention.kind === 'unknown' ? mention.codes : mention.kind;
};

describe('exclusions', () => {
  it('takes named regions away from all regions, and says so', () => {
    const mention = findRegions('instances outside of eu-west-1 and Tokyo');
    expect(mention).toMatchObject({ kind: 'group', label: 'all regions except eu-west-1, ap-northeast-1' });
    const codes = codesOf('instances outside of eu-west-1 and Tokyo') as string[];
    expect(codes).toContain('us-east-1');
    expect(codes).toContain('eu-west-2');
    expect(codes).not.toContain('eu-west-1');
    expect(codes).not.toContain('ap-northeast-1');
    expect(codes).toHaveLength(27);
  });

  it('takes a region away from an area, naming both', () => {
    expect(findRegions('tables in Europe but not in Frankfurt')).toEqual({
      kind: 'group',
      label: 'Europe except eu-central-1',
      codes: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-central-2', 'eu-south-1', 'eu-south-2'],
    });
  });

  it('takes an area away when the exclusion starts with it', () => {
    expect(findRegions('tables in Europe excluding the EU')).toEqual({ kind: 'group', label: 'Europe except Europe', codes: [] });
  });

  it('keeps the named regions a question excludes from', () => {
    expect(codesOf('buckets in eu-west-1 except Frankfurt')).toEqual(['eu-west-1']);
    expect(codesOf('buckets in US East (Ohio) except us-east-2')).toEqual([]);
  });

  it('reads an exclusion that names no region as no region at all', () => {
    expect(findRegions('instances except the ones I said')).toEqual({ kind: 'none' });
  });

  // These four were read as every region, the area left in: "the" was taken with the exclusion's
  // words, where the US pattern needs it, and "in" was skipped after "except" alone.
  it.each([
    ['lambdas in all regions except the US', 'all regions except the US', 'us-east-1', 'eu-west-1'],
    ['lambdas outside the US', 'all regions except the US', 'us-west-2', 'ap-south-1'],
    ['lambdas in all regions but not in the EU', 'all regions except Europe', 'eu-central-1', 'us-east-1'],
    ['lambdas in all regions other than in Europe', 'all regions except Europe', 'eu-west-3', 'sa-east-1'],
    ['vpcs except The  Middle East', 'all regions except the Middle East', 'me-south-1', 'af-south-1'],
  ])('takes the area of "%s" away', (question, label, gone, kept) => {
    const mention = findRegions(question);
    expect(mention).toMatchObject({ kind: 'group', label });
    const codes = codesOf(question) as string[];
    expect(codes).not.toContain(gone);
    expect(codes).toContain(kept);
  });

  it('takes away only the area an exclusion starts with, not one named later in it', () => {
    expect(findRegions('buckets without tags in Europe')).not.toMatchObject({ kind: 'group' });
    expect(findRegions('tables except the ones in Europe')).not.toMatchObject({ kind: 'group' });
  });

  it('takes away the named region when its console name holds an area', () => {
    // "Asia Pacific (Tokyo)" names ap-northeast-1; its "Asia Pacific" is not all of APAC.
    expect(findRegions('instances in all regions except Asia Pacific (Tokyo)')).toMatchObject({ kind: 'group', label: 'all regions except ap-northeast-1' });
    expect(codesOf('instances in all regions except Asia Pacific (Tokyo)')).toHaveLength(28);
  });
});

describe('areas', () => {
  it('names an area alone by its label', () => {
    expect(findRegions('functions in Europe')).toEqual({
      kind: 'group',
      label: 'Europe',
      codes: ['eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-central-2', 'eu-south-1', 'eu-south-2'],
    });
  });

  it('looks for the area past a region named before it, not in the words after it', () => {
    // Dublin is blanked out (its own length) before the area is looked for; Europe, after it, still reads.
    expect(findRegions('list the tables I have in Dublin, or in Europe')).toMatchObject({ kind: 'group', label: 'Europe' });
  });
});

describe('every region', () => {
  it.each([
    ['is there any region with instances', [9, 19]],
    ['all opted-in regions', [0, 20]],
    ['all opted in regions', [0, 20]],
  ])('reads "%s" as every region', (question, span) => {
    expect(findRegions(question)).toEqual({ kind: 'all', span });
  });
});

describe('region codes', () => {
  it.each([['buckets in us-iso-east-1', 'us-iso-east-1'], ['buckets in us-isob-east-1', 'us-isob-east-1'], ['eu-west-10 tables', 'eu-west-10']])(
    'reads "%s" as the code %s, which AWS does not have here',
    (question, code) => {
      expect(findRegions(question)).toEqual({ kind: 'unknown', codes: [code] });
    },
  );
});

describe('names after codes and other names', () => {
  it('spans each mention where it is, after earlier ones were taken out', () => {
    expect(findRegions('eu-west-1 and Frankfurt and FRANKFURT')).toEqual({ kind: 'named', codes: ['eu-west-1', 'eu-central-1'], spans: [[0, 9], [14, 23], [28, 37]] });
  });

  it('reads the longest name that fits, not a shorter one inside it', () => {
    // "Virginia" and "US East" (us-east-1's) sit inside "Northern Virginia" and "US East (Ohio)".
    expect(findRegions('buckets in Northern Virginia')).toEqual({ kind: 'named', codes: ['us-east-1'], spans: [[11, 28]] });
    expect(findRegions('buckets in US East (Ohio) and US East')).toEqual({ kind: 'named', codes: ['us-east-2', 'us-east-1'], spans: [[11, 25], [30, 37]] });
  });

  it('reads a console name with brackets and a dot in any case', () => {
    expect(findRegions('buckets in us east (n. virginia)')).toEqual({ kind: 'named', codes: ['us-east-1'], spans: [[11, 32]] });
  });

  it.each([['tables in Frankfrt', 'eu-central-1'], ['tables in IRLEAND', 'eu-west-1'], ['queues in Stockhlm', 'eu-north-1']])('reads the slip in "%s" as %s', (question, code) => {
    expect(codesOf(question)).toEqual([code]);
  });

  it.each([['tables in Iceland'], ['tables in Pariss'], ['tables in Londn']])('does not read "%s" as a region: another place, or a name too short for a slip', (question) => {
    expect(findRegions(question)).toEqual({ kind: 'none' });
  });
});

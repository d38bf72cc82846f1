// What a question says about regions, row by row: every-region phrasings, codes (availability
// zones included), console names and aliases (the longest wins), one-slip place names, codes AWS
// does not have, and "by region" meaning all of them unless regions are named.
import { describe, expect, it } from 'vitest';
import { freshBeforeEach } from './helpers/fresh-module.js';

// A fresh regions module for each row: its name patterns and place list are built on first use.
const regions = freshBeforeEach(() => import('../source/understanding/regions.js'));
const findRegions = (question: string) => regions().findRegions(question);
const nearestRegionCodes = (code: string, count?: number) => regions().nearestRegionCodes(code, count);

describe('findRegions', () => {
  it.each([
    ['lambda functions in all regions', [20, 31]],
    ['buckets in all of my enabled regions', [11, 36]],
    ['every region', [0, 12]],
    ['each aws region', [0, 15]],
    ['instances everywhere', [10, 20]],
    ['tables across regions', [7, 21]],
    ['tables across all regions', [7, 25]],
    ['queues in any region', [7, 20]],
    ['vpcs globally', [5, 13]],
    ['vpcs worldwide', [5, 14]],
    ['instances by region', [10, 19]],
    ['instances per region', [10, 20]],
  ])('reads "%s" as every region, spanning its words', (question, span) => {
    expect(findRegions(question)).toEqual({ kind: 'all', span });
  });

  it.each([
    ['instances in eu-west-1', ['eu-west-1'], [[13, 22]]],
    ['instances in EU-WEST-1', ['eu-west-1'], [[13, 22]]],
    ['volumes in us-east-1a', ['us-east-1'], [[11, 21]]],
    ['us-east-1 and eu-central-1', ['us-east-1', 'eu-central-1'], [[0, 9], [14, 26]]],
    ['buckets in Frankfurt', ['eu-central-1'], [[11, 20]]],
    ['buckets in N. Virginia', ['us-east-1'], [[11, 22]]],
    ['buckets in N Virginia', ['us-east-1'], [[11, 21]]],
    ['buckets in Northern   California', ['us-west-1'], [[11, 32]]],
    ['buckets in US East (Ohio)', ['us-east-2'], [[11, 25]]],
    ['tables in Frankfrt', ['eu-central-1'], [[10, 18]]],
    ['tables in Irleand and Tokyo', ['eu-west-1', 'ap-northeast-1'], [[10, 17], [22, 27]]],
    ['Tokyo, eu-west-1 and Tokyo again by region', ['ap-northeast-1', 'eu-west-1'], [[0, 5], [7, 16]]],
  ])('reads "%s" as %j', (question, codes, spans) => {
    expect(findRegions(question)).toEqual({ kind: 'named', codes, spans });
  });

  it.each([
    ['buckets in Iceland'],
    ['buckets in Parts'],
    ['the eu-west-1-ish thing'],
    ['how many buckets'],
  ])('finds no region in "%s"', (question) => {
    expect(findRegions(question)).toEqual({ kind: 'none' });
  });

  it('names codes AWS does not have instead of guessing, once each', () => {
    expect(findRegions('instances in eu-west-9, eu-west-9 and us-east-1')).toEqual({ kind: 'unknown', codes: ['eu-west-9'] });
    expect(findRegions('us-gov-east-7 or cn-north-8')).toEqual({ kind: 'unknown', codes: ['us-gov-east-7', 'cn-north-8'] });
  });

  it('suggests known codes of the same area and direction first', () => {
    expect(nearestRegionCodes('eu-west-9')).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3']);
    expect(nearestRegionCodes('ap-south-7', 4)).toEqual(['ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2']);
    expect(nearestRegionCodes('xx-east-1')).toEqual([]);
  });
});

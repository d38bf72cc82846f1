import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barLines, fitTable } from '../source/present/layout.js';
import { cellWidth } from '../source/present/terminal-text.js';

describe('fitting a table to the width', () => {
  it('pads by cells, right-aligns number columns and draws a rule under the header', () => {
    expect(fitTable(['Name', 'Cost'], [['中文服务', '$1.00'], ['😀 emoji', '$10.00'], ['cafe\u0301', '$100.00']], 80)).toEqual([
      'Name         Cost',
      '────────  ───────',
      '中文服务    $1.00',
      '😀 emoji   $10.00',
      'cafe\u0301      $100.00',
    ]);
  });

  it('narrows the widest column first and cuts its cells with an ellipsis', () => {
    const lines = fitTable(['Identifier', 'Region'], [['arn:aws:lambda:us-east-1:111122223333:function:checkout', 'us-east-1']], 30);
    expect(lines[2]).toBe('arn:aws:lambda:us-…  us-east-1');
    expect(lines.every((line) => cellWidth(line) <= 30)).toBe(true);
  });

  it('never goes over the width while columns can still narrow, whatever the cells hold', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '中', '😀', 'e\u0301', '👨‍👩‍👧'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 120 }), (rows, width) =>
        fitTable(['A', 'B', 'C'], rows, width).every((line) => cellWidth(line) <= width),
      ),
    );
  });

  it('aligns bars whatever the labels’ widths', () => {
    const lines = barLines([{ label: '中文', value: 2 }, { label: 'ab', value: 1 }], String, 40);
    expect(lines.map((line) => cellWidth(line.slice(0, line.indexOf('█'))))).toEqual([6, 6]);
    expect(lines[0]).toContain('█');
  });
});

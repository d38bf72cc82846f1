import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAnswer } from '../source/answer/answer.js';
import { resourceTable } from '../source/answer/resource-view.js';
import type { CloudResource } from '../source/aws/cloud-control.js';
import { layoutAnswer, sectionsText } from '../source/present/answer-layout.js';
import { barLines, fitPropertyList, fitTable } from '../source/present/layout.js';
import { breakCells, cellWidth } from '../source/present/terminal-text.js';

describe('fitting a table to the width', () => {
  it('pads by cells, right-aligns number columns and draws a rule under the header', () => {
    expect(fitTable(['Name', 'Cost'], [['中文服务', '$1.00'], ['😀 emoji', '$10.00'], ['cafe\u0301', '$100.00']], 80).lines).toEqual([
      'Name         Cost',
      '────────  ───────',
      '中文服务    $1.00',
      '😀 emoji   $10.00',
      'cafe\u0301      $100.00',
    ]);
  });

  it('narrows the widest column first and cuts its cells with an ellipsis', () => {
    const { lines } = fitTable(['Identifier', 'Region'], [['arn:aws:lambda:us-east-1:111122223333:function:checkout', 'us-east-1']], 30);
    expect(lines[2]).toBe('arn:aws:lambda:us-…  us-east-1');
    expect(lines.every((line) => cellWidth(line) <= 30)).toBe(true);
  });

  it('never goes over the width while columns can still narrow, whatever the cells hold', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '中', '😀', 'e\u0301', '👨‍👩‍👧'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 120 }), (rows, width) =>
        fitTable(['A', 'B', 'C'], rows, width, ['C', 'B']).lines.every((line) => cellWidth(line) <= width),
      ),
    );
  });

  it('aligns bars whatever the labels’ widths', () => {
    const lines = barLines([{ label: '中文', value: 2 }, { label: 'ab', value: 1 }], String, 40);
    expect(lines.map((line) => cellWidth(line.slice(0, line.indexOf('█'))))).toEqual([6, 6]);
    expect(lines[0]).toContain('█');
  });
});

/** EC2 instances as Cloud Control describes them: an ID, a Name tag, a state and a type. */
function instances(regions: string[]): CloudResource[] {
  return [
    ['i-0591e36eb218ab960', 'search-node-01', 'running', 'r6g.xlarge'],
    ['i-0c98ea2805e7c6b51', 'checkout-worker-prod-02', 'stopped', 'm7g.2xlarge'],
  ].map(([id, name, state, type], i) => ({
    identifier: id!,
    region: regions[i % regions.length]!,
    properties: { InstanceId: id, Tags: [{ Key: 'Name', Value: name }], State: { Name: state }, InstanceType: type },
  }));
}

const tableAt = (table: ReturnType<typeof resourceTable>, width: number) => fitTable(table.columns, table.rows, width, table.optional);

describe('narrow terminals leave out low-value columns before cutting an ID', () => {
  it('a listing declares its properties optional, the less telling first, and the region only when every row has the same', () => {
    expect(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance')).toMatchObject({ columns: ['Identifier', 'Name', 'Region', 'State', 'Type'], optional: ['Type', 'State', 'Region'] });
    expect(resourceTable(instances(['us-east-1', 'eu-west-1']), 50, 'AWS::EC2::Instance').optional).toEqual(['Type', 'State']);
  });

  it('at 120 columns every column is shown', () => {
    const fitted = tableAt(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance'), 120);
    expect(fitted.dropped).toEqual([]);
    expect(fitted.lines[0]).toBe('Identifier           Name                     Region     State    Type');
  });

  it('at 80 columns everything fits; at 70 the type goes first; IDs and names stay whole', () => {
    const fitted = tableAt(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance'), 70);
    expect(fitted.dropped).toEqual(['Type']);
    expect(tableAt(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance'), 80).dropped).toEqual([]);
    expect(fitted.lines).toEqual([
      'Identifier           Name                     Region     State',
      '───────────────────  ───────────────────────  ─────────  ───────',
      'i-0591e36eb218ab960  search-node-01           us-east-1  running',
      'i-0c98ea2805e7c6b51  checkout-worker-prod-02  us-east-1  stopped',
    ]);
  });

  it('at 60 columns both properties go and IDs and names are still whole', () => {
    const fitted = tableAt(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance'), 60);
    expect(fitted.dropped).toEqual(['State', 'Type']);
    expect(fitted.lines.slice(2)).toEqual(['i-0591e36eb218ab960  search-node-01           us-east-1', 'i-0c98ea2805e7c6b51  checkout-worker-prod-02  us-east-1']);
  });

  it('at 45 columns a single-region listing leaves out the region too; a many-region one keeps it and narrows the name, not the ID', () => {
    const one = tableAt(resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance'), 45);
    expect(one.dropped).toEqual(['Region', 'State', 'Type']);
    expect(one.lines[2]).toBe('i-0591e36eb218ab960  search-node-01');
    const many = tableAt(resourceTable(instances(['us-east-1', 'eu-west-1']), 50, 'AWS::EC2::Instance'), 45);
    expect(many.dropped).toEqual(['State', 'Type']);
    expect(many.lines[3]).toBe('i-0c98ea2805e7c6b51  checkout-wor…  eu-west-1');
  });

  it('the answer says which columns were left out, wrapped to the width', () => {
    const table = resourceTable(instances(['us-east-1']), 50, 'AWS::EC2::Instance');
    const answer = { ...emptyAnswer('Found 2 EC2 instances in us-east-1.'), table };
    const text = sectionsText(layoutAnswer(answer, { width: 60, tableRows: 50, wrap: true }));
    expect(text).toContain('(State and Type left out to fit 60 columns)');
    expect(sectionsText(layoutAnswer(answer, { width: 120, tableRows: 50, wrap: true }))).not.toContain('left out');
    expect(text.split('\n').every((line) => cellWidth(line) <= 60)).toBe(true);
  });
});

describe('a describe answer as a property list', () => {
  const rows = [
    ['BucketName', 'acme-logs'],
    ['BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm', 'AES256'],
    ['Arn', 'arn:aws:s3:::acme-logs-with-a-very-long-name-indeed'],
  ];

  it('cuts nothing: a long name stands on its own line, a long value goes on under the value column', () => {
    expect(fitPropertyList(['Property', 'Value'], rows, 40)).toEqual([
      'Property          Value',
      '────────────────  ──────────────────────',
      'BucketName        acme-logs',
      'BucketEncryption.ServerSideEncryptionCon',
      'figuration[1].ServerSideEncryptionByDefa',
      'ult.SSEAlgorithm',
      '                  AES256',
      'Arn               arn:aws:s3:::acme-logs',
      '                  -with-a-very-long-name',
      '                  -indeed',
    ]);
  });

  it('keeps every character of every name and value, at any width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 160 }), (width) => {
        const text = fitPropertyList(['Property', 'Value'], rows, width).slice(2).join('').replace(/\s+/g, '');
        for (const [name, value] of rows) expect(text).toContain(`${name}${value}`.replace(/\s+/g, ''));
        for (const line of fitPropertyList(['Property', 'Value'], rows, width)) expect(cellWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('lays out a describe answer as a list and a listing as a table', () => {
    const answer = { ...emptyAnswer('describe bucket acme-logs'), table: { columns: ['Property', 'Value'], rows, layout: 'properties' as const } };
    expect(sectionsText(layoutAnswer(answer, { width: 40, tableRows: 50, wrap: true }))).toContain('                  AES256');
  });

  it('breaks text between graphemes, never past the width', () => {
    expect(breakCells('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(breakCells('中文字', 4)).toEqual(['中文', '字']);
    expect(breakCells('', 5)).toEqual(['']);
  });
});

import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { emptyAnswer } from '../source/answer/answer.js';
import { layoutAnswer } from '../source/present/answer-layout.js';
import { lineWidth, wrapLine, type Line } from '../source/present/spans.js';
import { AnswerView } from '../source/ui/components/answer-view.js';

const text = (line: Line) => line.map((span) => span.text).join('');
const arn = 'arn:aws:iam::111122223333:role/service-role/checkout-api-prod-role-0123456789';
const command = "aws iam put-role-policy --role-name checkout --policy-name AllowS3 --policy-document '{\"Version\":\"2012-10-17\"}'";

describe('wrapping answer text', () => {
  it('breaks prose at spaces and keeps an ARN whole on a line of its own', () => {
    const lines = wrapLine([{ text: `The role ${arn} may not call s3:ListBucket on the bucket.`, style: 'plain' }], 40).map(text);
    expect(lines).toContain(arn);
    expect(lines.filter((line) => line !== arn).every((line) => line.length <= 40)).toBe(true);
    expect(lines.join(' ')).toBe(`The role ${arn} may not call s3:ListBucket on the bucket.`);
  });

  it('puts a command that does not fit on its own line, whole, even when wider than the screen', () => {
    const lines = wrapLine([{ text: '3. Allow the action. Run: ', style: 'plain' }, { text: command, style: 'code' }], 60);
    expect(lines.map(text)).toEqual(['3. Allow the action. Run:', command]);
    expect(lines[1]).toEqual([{ text: command, style: 'code' }]);
  });

  it('keeps resource IDs and URLs whole', () => {
    for (const token of ['i-0abc12345def67890', 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket-123456?region=us-west-2', 's3://my-bucket-123456/logs/2026/']) {
      expect(wrapLine([{ text: `see ${token} now`, style: 'plain' }], 12).map(text)).toContain(token);
    }
  });

  it('keeps a URL or ARN whole in parentheses or quotes too', () => {
    for (const token of ['(https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2)', `"${arn}"`]) {
      expect(wrapLine([{ text: `see ${token} now`, style: 'plain' }], 30).map(text)).toContain(token);
    }
  });

  it('cuts a word that is no token when it is longer than the line', () => {
    expect(wrapLine([{ text: `x ${'y'.repeat(25)}`, style: 'error' }], 10)).toEqual([[{ text: 'x', style: 'error' }], [{ text: 'y'.repeat(10), style: 'error' }], [{ text: 'y'.repeat(10), style: 'error' }], [{ text: 'y'.repeat(5), style: 'error' }]]);
  });

  it('cuts wide characters and emoji by the cells they take, never inside a glyph', () => {
    expect(wrapLine([{ text: '中文中文中文 👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', style: 'plain' }], 5).map(text)).toEqual(['中文', '中文', '中文', '👨‍👩‍👧👨‍👩‍👧', '👨‍👩‍👧']);
  });

  it('keeps indentation at the start and keeps styles apart', () => {
    const lines = wrapLine([{ text: '  Total: ', style: 'plain' }, { text: '$1,234.00', style: 'amount' }], 80);
    expect(lines).toEqual([[{ text: '  Total: ', style: 'plain' }, { text: '$1,234.00', style: 'amount' }]]);
  });

  it('fits every line into the width unless it holds one unbreakable token, and loses no word', () => {
    const word = fc.oneof(fc.string({ unit: fc.constantFrom(...'abcdefghij中😀'), minLength: 1, maxLength: 30 }), fc.constant(arn), fc.constant('i-0abc12345def67890'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.integer({ min: 4, max: 60 }), (words, width) => {
        const lines = wrapLine([{ text: words.join(' '), style: 'plain' }], width);
        const fits = lines.every((line) => lineWidth(line) <= width || /^(arn:|i-)\S+$/.test(text(line)));
        const kept = lines.map(text).join('').replace(/ /g, '') === words.join('').replace(/ /g, '');
        return fits && kept;
      }),
    );
  });
});

describe('the chat draws an unbreakable line whole', () => {
  it('shows a command wider than the screen on one line', () => {
    const answer = { ...emptyAnswer('Your role may not write the bucket policy.'), steps: [`Allow it. Run: ${command}`] };
    expect(layoutAnswer(answer, { width: 50, tableRows: 50, wrap: true }).find((s) => s.kind === 'steps')!.lines.map(text)).toEqual(['1. Allow it. Run:', command]);
    const ink = render(<AnswerView answer={answer} width={50} tableRows={50} />);
    expect((ink.lastFrame() ?? '').split('\n').map((line) => line.trimEnd())).toContain(command);
    ink.unmount();
  });
});

import { cellWidth } from './terminal-text.js';

/**
 * Styled text for both front ends. Styles name what the text is, not how it looks; each renderer
 * decides the look (the text renderer draws them all plain). `code` is a command, ARN or ID to
 * copy: the wrapper never breaks it.
 */
export type SpanStyle = 'plain' | 'heading' | 'muted' | 'warning' | 'error' | 'amount' | 'chart' | 'code';

/** A run of text in one style; its text is already safe to draw. */
export interface Span {
  text: string;
  style: SpanStyle;
}

export type Line = Span[];

export function lineWidth(line: Line): number {
  return line.reduce((sum, span) => sum + cellWidth(span.text), 0);
}

/**
 * Words that are copied whole, found in any text: ARNs, URLs and S3 addresses, and resource IDs
 * such as i-0abc12345def67890, vol-…, sg-…, subnet-…, vpc-… (a prefix and 8 or 17 hex digits),
 * also in parentheses or quotes: "(https://…/delete?region=us-west-2)".
 */
const tokenPattern = /^["'“‘(]?(?:arn:[\w-]+:\S+|(?:https?|s3):\/\/\S+|[a-z]{1,12}-(?:[0-9a-f]{8}|[0-9a-f]{17}))$/;

interface Piece {
  text: string;
  style: SpanStyle;
  /** A space between words: dropped where the line breaks. */
  space: boolean;
  /** May be cut into width-long parts when it is longer than a line. */
  breakable: boolean;
}

/**
 * Wraps a line at spaces to `width` cells. A code span is placed whole (starting a new line when
 * it does not fit on this one), and so is a token found in other text (an ARN, URL or ID); one
 * longer than the width gets a line of its own and overflows it. Other words longer than the
 * width are cut. Leading spaces of the line (indentation) are kept; spaces where it breaks go.
 */
export function wrapLine(line: Line, width: number): Line[] {
  const lines: Piece[][] = [[]];
  let used = 0;
  let pendingSpace: Piece | undefined;
  const newLine = () => {
    lines.push([]);
    used = 0;
    pendingSpace = undefined;
  };
  const place = (piece: Piece) => {
    lines.at(-1)!.push(piece);
    used += cellWidth(piece.text);
  };
  for (const piece of pieces(line)) {
    if (piece.space) {
      if (used === 0 && lines.length === 1 && lines[0]!.length === 0) place(piece);
      else pendingSpace = piece;
      continue;
    }
    const size = cellWidth(piece.text);
    const spaceSize = pendingSpace && used > 0 ? cellWidth(pendingSpace.text) : 0;
    if (used > 0 && used + spaceSize + size > width) newLine();
    else if (pendingSpace && used > 0) place(pendingSpace);
    pendingSpace = undefined;
    if (size <= width - used || !piece.breakable) {
      place(piece);
      continue;
    }
    // A word longer than the line: on lines of its own, cut into width-long parts.
    for (const part of cut(piece.text, width)) {
      if (used > 0) newLine();
      place({ ...piece, text: part });
    }
  }
  return lines.map(merge);
}

function pieces(line: Line): Piece[] {
  return line.flatMap((span) => {
    if (span.style === 'code') return [{ text: span.text, style: span.style, space: false, breakable: false }];
    return span.text
      .split(/( +)/)
      .filter((text) => text !== '')
      .map((text) => ({ text, style: span.style, space: text.startsWith(' '), breakable: !tokenPattern.test(text) }));
  });
}

/** Cuts a word into parts of at most `width` cells (by grapheme). */
function cut(text: string, width: number): string[] {
  const parts: string[] = [''];
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    if (parts.at(-1) !== '' && cellWidth(parts.at(-1)! + segment) > width) parts.push('');
    parts[parts.length - 1] += segment;
  }
  return parts;
}

/** Adjacent pieces of one style become one span. */
function merge(pieces: Piece[]): Line {
  const line: Line = [];
  for (const piece of pieces) {
    const last = line.at(-1);
    if (last && last.style === piece.style) last.text += piece.text;
    else line.push({ text: piece.text, style: piece.style });
  }
  return line;
}

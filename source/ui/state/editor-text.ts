/**
 * Cursor arithmetic for the line editor, as readline does it: a word is a run of letters and
 * digits (Alt+B/F/D), Ctrl+W cuts back to whitespace, and lines are split by "\n".
 */
const wordChar = /[\p{L}\p{N}_]/u;

/** Start of the word before the cursor (Alt+B). */
export function wordStart(value: string, cursor: number): number {
  let i = cursor;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at the edge the character is undefined, which `test` reads as the word "undefined", so the loop stops there anyway.
  while (i > 0 && !wordChar.test(value[i - 1]!)) i--;
  while (i > 0 && wordChar.test(value[i - 1]!)) i--;
  return i;
}

/** End of the word after the cursor (Alt+F, Alt+D). */
export function wordEnd(value: string, cursor: number): number {
  let i = cursor;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at the edge the character is undefined, which `test` reads as the word "undefined", so the loop stops there anyway.
  while (i < value.length && !wordChar.test(value[i]!)) i++;
  while (i < value.length && wordChar.test(value[i]!)) i++;
  return i;
}

/** Start of the whitespace-delimited word before the cursor (Ctrl+W, readline's unix-word-rubout). */
export function whitespaceWordStart(value: string, cursor: number): number {
  let i = cursor;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at the start the character is undefined, which `test` reads as "undefined", no space, so the loop stops there anyway.
  while (i > 0 && /\s/.test(value[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(value[i - 1]!)) i--;
  return i;
}

export function lineStart(value: string, cursor: number): number {
  return value.lastIndexOf('\n', cursor - 1) + 1;
}

export function lineEnd(value: string, cursor: number): number {
  const end = value.indexOf('\n', cursor);
  return end === -1 ? value.length : end;
}

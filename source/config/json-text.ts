/**
 * JSON.parse for files people edit: a leading byte-order mark, which some Windows editors write,
 * is not an error.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/**
 * A value as an error message quotes it: as JSON, so control characters show as escapes instead
 * of acting on the terminal, and cut to `max` characters so a huge value keeps the message short.
 */
export function quoteValue(value: unknown, max = 80): string {
  if (typeof value === 'string') return JSON.stringify(value.length <= max ? value : `${value.slice(0, max - 1)}…`);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested too deep for JSON.stringify's stack.
    return Array.isArray(value) ? '[…]' : '{…}';
  }
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

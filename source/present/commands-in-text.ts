import type { Span, SpanStyle } from './spans.js';

/**
 * Finds the shell commands a reply shows in its prose — "to sign out, run aws sso logout (or …)",
 * "Sign in again with: aws sso login --profile dev", "Use `qchat login` …" — and marks them as
 * `code` spans, so the wrapper never breaks them and `/copy command` copies exactly them.
 *
 * Recognised: anything between backticks that starts with `aws ` or `qchat `, and an AWS CLI
 * command written in the text: `aws`, a service and an operation (lower-case words, as the CLI
 * names them), then `--flags`, each with at most one value (a quoted value may hold spaces), and
 * address-like positional arguments (s3://…, fileb://…, Name=value). It must be introduced as a
 * command (see introducesCommand), so "the aws account is …" is prose. The command ends at the
 * first other word, or at a word that ends a clause (".", ",", ";", ":" or ")" after it).
 */
export function commandSpans(text: string, style: SpanStyle = 'plain'): Span[] {
  const found = [...backticked(text), ...awsCommands(text)].sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let at = 0;
  for (const { start, end } of found) {
    if (start < at) continue;
    if (start > at) spans.push({ text: text.slice(at, start), style });
    spans.push({ text: text.slice(start, end), style: 'code' });
    at = end;
  }
  if (at < text.length || spans.length === 0) spans.push({ text: text.slice(at), style });
  return spans;
}

/** The commands in a text, each once, in order. */
export function commandsIn(text: string): string[] {
  return [...new Set(commandSpans(text).filter((span) => span.style === 'code').map((span) => span.text))];
}

interface Found {
  start: number;
  end: number;
}

function backticked(text: string): Found[] {
  return [...text.matchAll(/`((?:aws|qchat) [^`\n]+)`/g)].map((match) => ({ start: match.index + 1, end: match.index + 1 + match[1]!.length }));
}

/** A command starts a line, follows an opening parenthesis or a colon, or follows "run", "with", "use", "try" or "then". */
function introducesCommand(previous: string): boolean {
  return previous.endsWith(':') || /^(?:run|with|use|try|then)$/i.test(previous);
}

const cliWord = /^[a-z0-9][a-z0-9-]*$/;
const flag = /^--[a-z0-9][a-z0-9-]*$/;
const positional = /^[^\s'"]*(?::\/\/|=)[^\s'"]*$/;
const clauseEnd = /[.,;:)]+$/;

function awsCommands(text: string): Found[] {
  const words = [...text.matchAll(/\S+/g)].map((match) => ({ text: match[0], index: match.index }));
  const found: Found[] = [];
  for (let k = 0; k < words.length; k++) {
    const lead = /^\(?/.exec(words[k]!.text)![0].length;
    const lineStart = k === 0 || text.slice(words[k - 1]!.index, words[k]!.index).includes('\n');
    if (words[k]!.text.slice(lead) !== 'aws' || !(lead > 0 || lineStart || introducesCommand(words[k - 1]!.text))) continue;
    const end = commandEnd(words, k + 1);
    if (end !== undefined) {
      found.push({ start: words[k]!.index + lead, end });
      k = words.findIndex((word) => word.index >= end) - 1;
      if (k < 0) break;
    }
  }
  return found;
}

/** Where the command whose service is `words[from]` ends in the text; undefined when it is not one. */
function commandEnd(words: Array<{ text: string; index: number }>, from: number): number | undefined {
  let end: number | undefined;
  let parts = 0;
  let expectValue = false;
  for (let j = from; j < words.length; j++) {
    // A flag's quoted value runs to the word that closes the quote.
    const quote: string | undefined = expectValue && /^['"]/.test(words[j]!.text) ? words[j]!.text[0]! : undefined;
    const last: number | undefined = quote ? closingWord(words, j, quote) : j;
    if (last === undefined) break;
    const whole: string = words[last]!.text;
    const bare = whole.replace(clauseEnd, '');
    const fits = parts < 2 ? cliWord.test(bare) : quote !== undefined || flag.test(bare) || expectValue || positional.test(bare);
    if (!fits) break;
    expectValue = parts >= 2 && flag.test(bare);
    parts += 1;
    end = words[last]!.index + bare.length;
    j = last;
    if (bare.length < whole.length) break;
  }
  // A service with no operation after it is not a command ("aws account" in a sentence).
  return parts >= 2 ? end : undefined;
}

function closingWord(words: Array<{ text: string }>, from: number, quote: string): number | undefined {
  const closes = (text: string) => text.replace(clauseEnd, '').endsWith(quote);
  if (words[from]!.text.replace(clauseEnd, '').length > 1 && closes(words[from]!.text)) return from;
  const at = words.findIndex((word, i) => i > from && closes(word.text));
  return at === -1 ? undefined : at;
}

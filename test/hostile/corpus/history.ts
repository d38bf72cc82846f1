/**
 * Corrupt history and usage files, and user IDs shaped like paths. Whatever is on disk, the store
 * opens, moves an unreadable file aside (its bytes kept) and says so, loses nothing else and writes
 * nothing outside the data directory.
 */

/** A conversation that is on disk before the store opens: its id, and its file's lines. */
export const savedId = '20261122T090000Z-0badc0de';
export const savedLines = [
  { id: 'm1', role: 'user', at: '2026-11-22T09:00:00.000Z', text: 'how many lambda functions' },
  { id: 'm2', role: 'assistant', at: '2026-11-22T09:00:01.000Z', text: 'You have 39 Lambda functions.' },
].map((line) => JSON.stringify(line));

/** What a case puts in the user's history folder before the store opens. */
export type Plant =
  | { kind: 'file'; bytes: string | Buffer }
  | { kind: 'directory' }
  /** A link to a file outside the data directory (which must stay as it is). */
  | { kind: 'link-outside'; bytes: string }
  | { kind: 'dangling-link' };

export interface IndexCase {
  name: string;
  index: Plant;
  /** How the warning names the problem. */
  reason: RegExp;
}

const file = (bytes: string | Buffer): Plant => ({ kind: 'file', bytes });

export const indexCases: IndexCase[] = [
  { name: 'truncated JSON', index: file('{"version": 1, "conversations": [{"id": "2026'), reason: /not valid JSON/ },
  { name: 'empty file', index: file(''), reason: /not valid JSON/ },
  { name: 'a JSON array', index: file('[]'), reason: /not a qchat history index/ },
  { name: 'JSON null', index: file('null'), reason: /not a qchat history index/ },
  { name: 'binary garbage', index: file(Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x9b])), reason: /not valid JSON/ },
  { name: 'a newer version', index: file(JSON.stringify({ version: 2, conversations: [] })), reason: /not a qchat history index/ },
  { name: 'a conversation id that is a path', index: file(JSON.stringify({ version: 1, conversations: [{ id: '../../etc/passwd', title: 'x', createdAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-22T09:00:00Z', messageCount: 1 }] })), reason: /not a qchat history index/ },
  { name: 'a count that is text', index: file(JSON.stringify({ version: 1, conversations: [{ id: savedId, title: 'x', createdAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-22T09:00:00Z', messageCount: 'many' }] })), reason: /not a qchat history index/ },
  { name: 'huge garbage (8 MB)', index: file(`{"version": 1, "junk": "${'x'.repeat(8_000_000)}`), reason: /not valid JSON/ },
  { name: 'a folder', index: { kind: 'directory' }, reason: /a directory, not a file/ },
  { name: 'a link to a file outside the data directory', index: { kind: 'link-outside', bytes: '{"keep": "me"}' }, reason: /a symbolic link/ },
  { name: 'a dangling link', index: { kind: 'dangling-link' }, reason: /a symbolic link/ },
];

export interface ConversationCase {
  name: string;
  /** The saved conversation's file. */
  conversation: Plant;
  /** Whether it must be moved aside (else it is read, bad lines skipped and reported). */
  movedAside: boolean;
  /** Messages the store must still read from it. */
  readable: number;
}

export const conversationCases: ConversationCase[] = [
  { name: 'corrupt lines among good ones', conversation: file([savedLines[0], '{"id": "x", "role": ', '[1, 2]', 'null', '{"id":"y","role":"robot","at":"","text":""}', savedLines[1]].join('\n')), movedAside: false, readable: 2 },
  { name: 'binary garbage', conversation: file(Buffer.concat([Buffer.from(`${savedLines[0]}\n`), Buffer.from([0xff, 0x00, 0x1b, 0x0a, 0x80, 0x9b, 0x0a])])), movedAside: false, readable: 1 },
  { name: 'a 20 MB line', conversation: file(`${savedLines[0]}\n${JSON.stringify({ id: 'm2', role: 'assistant', at: '2026-11-22T09:00:01Z', text: 'y'.repeat(20_000_000) })}\n`), movedAside: false, readable: 2 },
  { name: 'a 20 MB line that is not JSON', conversation: file(`${savedLines[0]}\n${'{'.repeat(20_000_000)}\n`), movedAside: false, readable: 1 },
  { name: 'a last line cut short', conversation: file(`${savedLines.join('\n')}\n{"id":"m3","role":"us`), movedAside: false, readable: 2 },
  { name: 'escape sequences in the text', conversation: file(JSON.stringify({ id: 'm1', role: 'user', at: '2026-11-22T09:00:00Z', text: '\u001b]0;pwned\u0007\u001b[2Jhello' })), movedAside: false, readable: 1 },
  { name: 'a folder', conversation: { kind: 'directory' }, movedAside: true, readable: 0 },
  { name: 'a link to a file outside the data directory', conversation: { kind: 'link-outside', bytes: `${savedLines.join('\n')}\n` }, movedAside: true, readable: 0 },
  { name: 'a dangling link', conversation: { kind: 'dangling-link' }, movedAside: true, readable: 0 },
];

/** User IDs that must each land in one folder (and one usage file) directly inside their parent. */
export const hostileUserIds: Array<{ name: string; userId: string }> = [
  { name: 'parent traversal', userId: '../../etc' },
  { name: 'dot-dot', userId: '..' },
  { name: 'dot', userId: '.' },
  { name: 'empty', userId: '' },
  { name: 'absolute path', userId: '/etc/passwd' },
  { name: 'traversal in the middle', userId: 'a/../../b' },
  { name: 'Windows traversal', userId: '..\\..\\Windows\\System32' },
  { name: 'Windows drive', userId: 'C:\\Users' },
  { name: 'NUL byte', userId: 'alice\u0000.json' },
  { name: 'newline', userId: 'alice\nbob' },
  { name: 'escape sequence', userId: '\u001b]0;pwned\u0007' },
  { name: 'hidden-file name', userId: '.ssh' },
  { name: 'home directory', userId: '~root' },
  { name: 'URL-encoded traversal', userId: '%2e%2e%2f%2e%2e%2fetc' },
  { name: '1,000 characters', userId: 'u'.repeat(1000) },
  { name: '129 safe characters', userId: `d-${'a'.repeat(127)}` },
  { name: 'Unicode', userId: 'ユーザー' },
  { name: 'emoji', userId: '😀' },
  { name: 'space', userId: ' ' },
  { name: 'lock-file name', userId: 'alice.json.lock' },
];

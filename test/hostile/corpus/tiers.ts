import { readFileSync } from 'node:fs';

/**
 * Broken tier policy files (QCHAT_TIERS_FILE, sandbox only). Each must stop the command with exit 2
 * and a message that names the file and the key at fault.
 */
export interface TiersCase {
  name: string;
  /** The file's bytes (a function of the shipped policy), or a path to use as it is. */
  content: string | Buffer | { path: string } | { directory: true };
  says: RegExp;
}

type Policy = Record<string, { features: Record<string, unknown>; limits: Record<string, unknown> }>;
const shipped = (): Policy => JSON.parse(readFileSync('config/tiers.json', 'utf8')) as Policy;
const changed = (change: (policy: Policy) => void): string => {
  const policy = shipped();
  change(policy);
  return JSON.stringify(policy);
};

export const tiersCases: TiersCase[] = [
  { name: 'missing file', content: { path: '/nonexistent/qchat/tiers.json' }, says: /cannot be read \(ENOENT\)/ },
  { name: 'a folder', content: { directory: true }, says: /is a directory, not a file/ },
  { name: 'a device that never ends', content: { path: '/dev/zero' }, says: /is not a regular file/ },
  { name: 'empty file', content: '', says: /is not valid JSON/ },
  { name: 'not JSON', content: '{free: {}}', says: /is not valid JSON/ },
  { name: 'truncated', content: JSON.stringify(shipped()).slice(0, 100), says: /is not valid JSON/ },
  { name: 'invalid UTF-8', content: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), says: /is not valid JSON/ },
  { name: 'a JSON array', content: '[]', says: /\(top level\): must be an object \(got \[\]\)/ },
  { name: 'JSON null', content: 'null', says: /\(top level\): must be an object \(got null\)/ },
  { name: 'a JSON string', content: '"pro"', says: /\(top level\): must be an object/ },
  { name: 'over 1 MB', content: JSON.stringify({ ...shipped(), padding: 'x'.repeat(1_100_000) }), says: /at most 1,048,576 are read/ },
  { name: 'no pro tier', content: changed((p) => delete p.pro), says: /pro: is missing/ },
  { name: 'an extra tier', content: changed((p) => (p.gold = p.pro!)), says: /gold: is not a known key/ },
  { name: 'a misspelt limit', content: changed((p) => { p.pro!.limits.requestPerMonth = 10; }), says: /pro\.limits\.requestPerMonth: is not a known key/ },
  { name: 'a misspelt feature', content: changed((p) => { p.free!.features.histroy = true; }), says: /free\.features\.histroy: is not a known key/ },
  { name: 'a missing feature', content: changed((p) => { delete p.free!.features.diagnose; }), says: /free\.features\.diagnose: is missing/ },
  { name: 'features not an object', content: changed((p) => { p.pro!.features = ['diagnose'] as unknown as Record<string, unknown>; }), says: /pro\.features: must be an object/ },
  { name: 'a feature as text', content: changed((p) => { p.pro!.features.history = 'yes'; }), says: /pro\.features\.history: must be true or false \(got "yes"\)/ },
  { name: 'a feature as a number', content: changed((p) => { p.pro!.features.crossRegion = 1; }), says: /pro\.features\.crossRegion: must be true or false \(got 1\)/ },
  { name: 'a negative monthly limit', content: changed((p) => { p.pro!.limits.requestsPerMonth = -1; }), says: /pro\.limits\.requestsPerMonth: must be 0 or more \(got -1\)/ },
  { name: 'a fractional limit', content: changed((p) => { p.free!.limits.requestsPerMonth = 49.5; }), says: /free\.limits\.requestsPerMonth: must be a whole number \(got 49.5\)/ },
  { name: 'a limit as text', content: changed((p) => { p.pro!.limits.requestsPerMinute = '30'; }), says: /pro\.limits\.requestsPerMinute: must be a number \(got "30"\)/ },
  { name: 'a zero per-minute limit', content: changed((p) => { p.pro!.limits.requestsPerMinute = 0; }), says: /pro\.limits\.requestsPerMinute: must be 1 or more \(got 0\)/ },
  { name: 'a limit too large for JSON', content: changed((p) => { p.pro!.limits.requestsPerMonth = 1; }).replace('"requestsPerMonth":1', '"requestsPerMonth":1e400'), says: /pro\.limits\.requestsPerMonth: must be a number/ },
  { name: 'a limit of 100,000 digits', content: changed((p) => { p.pro!.limits.requestsPerMonth = 1; }).replace('"requestsPerMonth":1', `"requestsPerMonth":"${'9'.repeat(100_000)}"`), says: /requestsPerMonth: must be a number \(got "9+…"\)/ },
  { name: 'an escape sequence as a key', content: changed((p) => { p.pro!.features['\u001b]0;pwned\u0007'] = true; }), says: /pro\.features\."\\u001b\]0;pwned\\u0007": is not a known key/ },
  { name: 'a __proto__ key', content: changed((p) => { Object.defineProperty(p.pro, '__proto__', { value: { admin: true }, enumerable: true }); }), says: /pro\.__proto__: is not a known key/ },
];

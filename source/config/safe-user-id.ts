import { createHash } from 'node:crypto';

// Identity store user IDs look like `d-9067642ac7.0a1b2c3d-...` or plain UUIDs: letters, digits,
// dots and dashes. Those become the directory name as they are; anything else (or a name that
// could mean "this" or "parent" directory) is hashed, so no user ID can escape its parent folder.
const safe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The directory or file name under which a user's personal files live. */
export function safeUserDirName(userId: string): string {
  if (safe.test(userId) && !userId.includes('..')) return userId;
  return `u-${createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 32)}`;
}

import { describe, expect, it } from 'vitest';
import { isExpired, sessionUserName, signInMethodOf, type IdentityContext } from '../source/identity/identity-context.js';

const now = new Date('2026-11-22T10:00:00Z');
const expiringIn = (ms: number): IdentityContext => ({
  signInMethod: 'identity-center',
  accountId: '111122223333',
  principalArn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60/alice',
  userId: '9067-alice',
  userName: 'alice',
  identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7',
  identityStoreNote: 'from sso:ListInstances in us-east-1',
  instanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
  sessionId: 'session',
  expiresAt: new Date(now.getTime() + ms).toISOString(),
});

describe('when a sign-in is due for a refresh', () => {
  it.each([
    ['an hour left', 60 * 60_000, false],
    ['five minutes and a millisecond left', 5 * 60_000 + 1, false],
    ['exactly five minutes left (the refresh margin)', 5 * 60_000, true],
    ['a millisecond under five minutes left', 5 * 60_000 - 1, true],
    ['a minute left', 60_000, true],
    ['expired a minute ago', -60_000, true],
  ])('%s: %s', (_, ms, expired) => {
    expect(isExpired(expiringIn(ms), now)).toBe(expired);
  });
});

describe('the sign-in method of ARNs that only look like an Identity Center session', () => {
  it('an IAM role whose path (IAM pathType: /…/) ends like an SSO role session is a role', () => {
    expect(signInMethodOf('arn:aws:iam::111122223333:role/assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice')).toBe('iam-role');
  });
});

describe('the access-portal user name an Identity Center role session carries', () => {
  it.each([
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60/alice', 'alice'],
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/bob@example.com', 'bob@example.com'],
  ])('%s is %s', (arn, name) => {
    expect(sessionUserName(arn)).toBe(name);
  });
});

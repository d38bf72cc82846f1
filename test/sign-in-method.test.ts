import { describe, expect, it } from 'vitest';
import { signInMethodOf, type SignInMethod } from '../source/identity/identity-context.js';
import { sandboxCallers } from '../source/sandbox/callers.js';

describe('the sign-in method from the caller ARN (sts:GetCallerIdentity)', () => {
  it.each<[string, SignInMethod]>([
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60/alice', 'identity-center'],
    ['arn:aws-us-gov:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/bob', 'identity-center'],
    ['arn:aws:sts::111122223333:assumed-role/SAMLDevelopers/bob@example.com', 'iam-role'],
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSONot/bob', 'iam-role'],
    ['arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin/x/y', 'iam-role'],
    ['arn:aws:sts::111122223333:assumed-role/service-role/Deploy/session', 'iam-role'],
    ['arn:aws:iam::210987654321:user/dave', 'iam-user'],
    ['arn:aws:iam::210987654321:user/division/team/dave', 'iam-user'],
    ['arn:aws:sts::111122223333:federated-user/quinn', 'federated-user'],
    ['arn:aws-cn:sts::111122223333:federated-user/quinn', 'federated-user'],
    ['arn:aws:iam::111122223333:root', 'root'],
    ['arn:aws:iam::111122223333:rooted', 'iam-role'],
    ['arn:aws:iam::111122223333:user', 'iam-role'],
  ])('%s is %s', (arn, method) => {
    expect(signInMethodOf(arn)).toBe(method);
  });

  it('the sandbox has an identity for every sign-in method', () => {
    const methods = new Set(sandboxCallers().map((caller) => signInMethodOf(caller.arn)));
    expect([...methods].sort()).toEqual(['federated-user', 'iam-role', 'iam-user', 'identity-center', 'root']);
  });
});

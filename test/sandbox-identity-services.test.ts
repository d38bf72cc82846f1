import { IdentitystoreClient, DescribeGroupCommand, DescribeUserCommand, GetUserIdCommand, ListGroupMembershipsForMemberCommand, paginateListGroupMembershipsForMember } from '@aws-sdk/client-identitystore';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callerByName } from '../source/sandbox/callers.js';
import { identityWorld, membershipsOf, signInUsersOf, subscriptionsOf, userByName } from '../source/sandbox/world/identity.js';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

const storeA = 'd-9067642ac7';
const storeB = 'd-99675a9f51';
const instanceA = 'arn:aws:sso:::instance/ssoins-72230b78b3a231eb';
const userIdPattern = /^([0-9a-f]{10}-|)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const id = (storeId: string, userName: string) => userByName(storeId, userName)!.userId;

describe('the identity world fixture', () => {
  it('uses real ID formats and resolves every name it refers to', () => {
    const world = identityWorld();
    for (const user of world.users) expect(user.userId).toMatch(userIdPattern);
    for (const group of world.groups) {
      expect(group.groupId).toMatch(userIdPattern);
      for (const member of group.members) expect(userByName(group.identityStoreId, member), member).toBeDefined();
    }
    for (const instance of world.instances) {
      expect(instance.instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
      expect(instance.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    }
    for (const link of world.callerUsers) expect(callerByName(link.caller), link.caller).toBeDefined();
  });

  it('gives each person the subscriptions of their own and their groups’ assignments', () => {
    const names = (store: string, user: string) => subscriptionsOf(userByName(store, user)!).map((p) => p.name);
    expect(names(storeA, 'alice')).toEqual(['example-corp-pro']);
    expect(names(storeA, 'bob')).toEqual(['example-corp-pro']);
    expect(names(storeA, 'carol')).toEqual([]);
    expect(names(storeA, 'grace')).toEqual(['example-corp-pro']);
    expect(names(storeB, 'grace')).toEqual(['example-eu-pro']);
  });

  it('links sandbox callers to the users they sign in as', () => {
    expect(signInUsersOf('grace').map(({ instance, user }) => [instance.region, user.userId])).toEqual([
      ['us-east-1', id(storeA, 'grace')],
      ['eu-central-1', id(storeB, 'grace')],
    ]);
    expect(signInUsersOf('root').map(({ user }) => user.userName)).toEqual(['platform-admin']);
    expect(signInUsersOf('dave')).toEqual([]);
  });
});

describe('sandbox Organizations', () => {
  const sandbox = useSandbox();
  const describeOrganization = (user: string) => new OrganizationsClient(sandboxClientConfig(sandbox.current, user)).send(new DescribeOrganizationCommand({}));

  it('describes the organization of the caller’s account', async () => {
    for (const user of ['alice', 'bob', 'root']) {
      const { Organization } = await describeOrganization(user);
      expect(Organization).toEqual({
        Id: 'o-a1b2c3d4e5',
        Arn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
        FeatureSet: 'ALL',
        MasterAccountArn: 'arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/111122223333',
        MasterAccountId: '111122223333',
        MasterAccountEmail: 'aws-management@example.com',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      });
    }
    expect((await describeOrganization('erin')).Organization).toMatchObject({ Id: 'o-e7rin2k4m6', MasterAccountId: '333300001111' });
    expect((await describeOrganization('frank')).Organization?.Id).toBe('o-f3q8z1x5c2');
    expect((await describeOrganization('heidi')).Organization?.Id).toBe('o-h9d2k5w8n1');
  });

  it('answers AWSOrganizationsNotInUseException for an account outside any organization', async () => {
    await expect(describeOrganization('dave')).rejects.toMatchObject({
      name: 'AWSOrganizationsNotInUseException',
      message: 'Your account is not a member of an organization.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('sandbox SSO Admin ListInstances', () => {
  const sandbox = useSandbox();
  const listInstances = (user: string, region: string, input = {}) =>
    new SSOAdminClient(sandboxClientConfig(sandbox.current, user, region)).send(new ListInstancesCommand(input));

  it('lists the organization instance to accounts of the organization, in its region only', async () => {
    const { Instances, NextToken } = await listInstances('bob', 'us-east-1');
    expect(NextToken).toBeUndefined();
    expect(Instances).toEqual([
      {
        InstanceArn: instanceA,
        IdentityStoreId: storeA,
        OwnerAccountId: '111122223333',
        Name: 'example-corp',
        CreatedDate: new Date('2024-03-14T09:30:00Z'),
        Status: 'ACTIVE',
      },
    ]);
    expect((await listInstances('bob', 'eu-central-1')).Instances).toEqual([]);
    expect((await listInstances('dave', 'us-east-1')).Instances).toEqual([]);
  });

  it('shows erin only her account’s account instance, frank his organization instance, heidi hers only in ap-east-1', async () => {
    expect((await listInstances('erin', 'us-east-1')).Instances?.map((i) => [i.InstanceArn, i.OwnerAccountId])).toEqual([
      ['arn:aws:sso:::instance/ssoins-722370c791b4a949', '333344445555'],
    ]);
    expect((await listInstances('frank', 'us-east-1')).Instances?.map((i) => i.IdentityStoreId)).toEqual(['d-9067c95992']);
    expect((await listInstances('heidi', 'us-east-1')).Instances).toEqual([]);
    expect((await listInstances('heidi', 'ap-east-1')).Instances?.map((i) => i.IdentityStoreId)).toEqual(['d-956783c9df']);
  });

  it('validates MaxResults and NextToken', async () => {
    expect((await listInstances('alice', 'us-east-1', { MaxResults: 1 })).Instances).toHaveLength(1);
    await expect(listInstances('alice', 'us-east-1', { MaxResults: 0 })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(listInstances('alice', 'us-east-1', { NextToken: 'not-a-token' })).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('sandbox Identity Store', () => {
  const sandbox = useSandbox();
  const store = (user = 'alice', region = 'us-east-1') => new IdentitystoreClient(sandboxClientConfig(sandbox.current, user, region));

  it('finds user IDs by user name and by external ID', async () => {
    const byName = await store().send(
      new GetUserIdCommand({ IdentityStoreId: storeA, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'alice' } } }),
    );
    expect(byName).toMatchObject({ IdentityStoreId: storeA, UserId: id(storeA, 'alice') });
    const byExternalId = await store().send(
      new GetUserIdCommand({ IdentityStoreId: storeA, AlternateIdentifier: { ExternalId: { Issuer: 'https://idp.example.com/saml', Id: 'bob@example.com' } } }),
    );
    expect(byExternalId.UserId).toBe(id(storeA, 'bob'));
  });

  it('answers GetUserId errors: unknown user, unsupported attribute', async () => {
    await expect(
      store().send(new GetUserIdCommand({ IdentityStoreId: storeA, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'mallory' } } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'USER' });
    await expect(
      store().send(new GetUserIdCommand({ IdentityStoreId: storeA, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'title', AttributeValue: 'x' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('describes users and groups', async () => {
    const bob = await store().send(new DescribeUserCommand({ IdentityStoreId: storeA, UserId: id(storeA, 'bob') }));
    expect(bob).toMatchObject({
      IdentityStoreId: storeA,
      UserId: id(storeA, 'bob'),
      UserName: 'bob',
      DisplayName: 'Bob Brown',
      Name: { GivenName: 'Bob', FamilyName: 'Brown' },
      Emails: [{ Value: 'bob@example.com', Type: 'work', Primary: true }],
      ExternalIds: [{ Issuer: 'https://idp.example.com/saml', Id: 'bob@example.com' }],
    });
    const developers = identityWorld().groups.find((g) => g.displayName === 'developers')!;
    const group = await store().send(new DescribeGroupCommand({ IdentityStoreId: storeA, GroupId: developers.groupId }));
    expect(group).toMatchObject({ GroupId: developers.groupId, DisplayName: 'developers', IdentityStoreId: storeA });
  });

  it('answers ResourceNotFoundException with ResourceType and ResourceId, ValidationException for malformed IDs', async () => {
    const missing = '9067642ac7-00000000-0000-4000-8000-000000000000';
    await expect(store().send(new DescribeUserCommand({ IdentityStoreId: storeA, UserId: missing }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'USER',
      ResourceId: missing,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(store().send(new DescribeGroupCommand({ IdentityStoreId: storeA, GroupId: missing }))).rejects.toMatchObject({ ResourceType: 'GROUP', ResourceId: missing });
    await expect(store().send(new DescribeUserCommand({ IdentityStoreId: storeA, UserId: 'alice' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'userId' failed to satisfy constraint"),
    });
    await expect(store().send(new DescribeUserCommand({ IdentityStoreId: 'store-a', UserId: id(storeA, 'alice') }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(store().send(new DescribeUserCommand({ IdentityStoreId: 'd-0000000000', UserId: id(storeA, 'alice') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'IDENTITY_STORE',
      ResourceId: 'd-0000000000',
    });
  });

  it('has a store only in its instance’s region and denies accounts that cannot see it', async () => {
    const describeUser = (user: string, region: string, storeId: string, userName: string) =>
      store(user, region).send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: id(storeId, userName) }));
    await expect(describeUser('alice', 'eu-central-1', storeA, 'alice')).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'IDENTITY_STORE' });
    await expect(describeUser('dave', 'us-east-1', storeA, 'alice')).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    // grace's second store is an account instance of another account: her own account cannot read it.
    await expect(describeUser('grace', 'eu-central-1', storeB, 'grace')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const erinStore = 'd-906786d893';
    expect((await store('erin').send(new DescribeUserCommand({ IdentityStoreId: erinStore, UserId: id(erinStore, 'erin') }))).UserName).toBe('erin');
  });

  it('pages group memberships for a member', async () => {
    const bob = userByName(storeA, 'bob')!;
    const first = await store().send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: storeA, MemberId: { UserId: bob.userId }, MaxResults: 1 }));
    expect(first.GroupMemberships).toHaveLength(1);
    expect(first.NextToken).toBeDefined();
    const memberships = [];
    for await (const page of paginateListGroupMembershipsForMember({ client: store(), pageSize: 1 }, { IdentityStoreId: storeA, MemberId: { UserId: bob.userId } })) {
      memberships.push(...(page.GroupMemberships ?? []));
    }
    expect(memberships).toEqual(
      membershipsOf(bob).map((m) => ({ IdentityStoreId: storeA, MembershipId: m.membershipId, GroupId: m.groupId, MemberId: { UserId: bob.userId } })),
    );
    const groupNames = memberships.map((m) => identityWorld().groups.find((g) => g.groupId === m.GroupId)!.displayName);
    expect(groupNames).toEqual(['developers', 'everyone']);
    await expect(
      store().send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: storeA, MemberId: { UserId: id(storeA, 'alice') }, NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('the sandbox serves no invented operation', () => {
  const sandbox = useSandbox();

  /** Signs a request with SigV4 like an SDK would, for operations no SDK ships (because they do not exist). */
  async function signedPost(user: string, service: string, headers: Record<string, string>, body: string) {
    const caller = callerByName(user)!;
    const url = new URL(sandbox.current.url);
    const signer = new SignatureV4({
      service,
      region: 'us-east-1',
      sha256: NodeSha256,
      credentials: { accessKeyId: caller.accessKeyId, secretAccessKey: caller.secretAccessKey, ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}) },
    });
    const signed = await signer.sign({ method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { host: url.host, ...headers }, body });
    const response = await fetch(new URL('/', url), { method: 'POST', headers: signed.headers, body: signed.body as string });
    return { status: response.status, text: await response.text() };
  }

  it('STS has no SetContext action (botocore sts 2011-06-15 lists none; sts:SetContext is only an IAM permission)', async () => {
    const reply = await signedPost('bob', 'sts', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, 'Action=SetContext&Version=2011-06-15&ContextAssertion=x');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('<Code>InvalidAction</Code>');
  });

  it('AWS Sign-In ListTrustedIdentityPropagationApplicationsForConsole is not served (no public model has it)', async () => {
    const reply = await signedPost('alice', 'signin', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'SignInControlPlaneService.ListTrustedIdentityPropagationApplicationsForConsole' }, '{}');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** SHA-256 / HMAC-SHA-256 for SignatureV4 from node:crypto (no @aws-crypto package is installed). */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxClientConfig, useSandbox } from './helpers/sandbox.js';

describe('sandbox STS over awsQuery', () => {
  const sandbox = useSandbox();

  it('answers GetCallerIdentity for the identity the access key selects', async () => {
    const sts = new STSClient(sandboxClientConfig(sandbox.current, 'bob'));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: '111122223333',
      Arn: 'arn:aws:sts::111122223333:assumed-role/SAMLDevelopers/bob@example.com',
    });
  });

  it('rejects an unknown access key with the real InvalidClientTokenId error', async () => {
    const sts = new STSClient({ ...sandboxClientConfig(sandbox.current), credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers an unknown Action with InvalidAction, in an ErrorResponse with the STS namespace', async () => {
    const reply = await fetch(sandbox.current.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=SetContext&Version=2011-06-15',
    });
    expect(reply.status).toBe(400);
    const body = await reply.text();
    expect(body).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
    expect(body).toContain('<Message>Could not find operation SetContext for version 2011-06-15</Message>');
  });
});

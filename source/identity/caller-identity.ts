import type { AwsClients } from '../aws/clients.js';
import { UnexpectedReplyError } from '../aws/unexpected-reply.js';

/** Who the credentials belong to, as STS reports it. */
export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
}

export async function getCallerIdentity(clients: AwsClients, signal?: AbortSignal): Promise<CallerIdentity> {
  const [sts, { GetCallerIdentityCommand }] = await Promise.all([clients.get('sts'), import('@aws-sdk/client-sts')]);
  const reply = await sts.send(new GetCallerIdentityCommand({}), signal ? { abortSignal: signal } : {});
  if (!reply.Account || !reply.Arn || !reply.UserId) throw new UnexpectedReplyError('sts GetCallerIdentity', 'it names no Account, Arn or UserId');
  return { accountId: reply.Account, arn: reply.Arn, userId: reply.UserId };
}

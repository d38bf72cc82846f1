// Mapping the Tagging API's ARNs back to Cloud Control identifiers (source/aws/resource-arns.ts).
import { describe, expect, it } from 'vitest';
import { ArnIndex, taggingTypeFilter } from '../source/aws/resource-arns.js';

describe('ArnIndex', () => {
  const index = new ArnIndex([
    'arn:aws:sns:us-east-1:111122223333:alerts',
    'arn:aws:lambda:us-east-1:111122223333:function:orders-api',
    'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api',
    'arn:aws:sqs:us-east-1:111122223333:payments-queue',
  ]);

  it('finds an ARN that is the identifier, ends with it, or names the queue a URL ends in', () => {
    expect(index.arnOf('arn:aws:sns:us-east-1:111122223333:alerts')).toBe('arn:aws:sns:us-east-1:111122223333:alerts');
    expect(index.arnOf('orders-api')).toBe('arn:aws:lambda:us-east-1:111122223333:function:orders-api');
    expect(index.arnOf('/aws/lambda/orders-api')).toBe('arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api');
    expect(index.arnOf('https://sqs.us-east-1.amazonaws.com/111122223333/payments-queue')).toBe('arn:aws:sqs:us-east-1:111122223333:payments-queue');
  });

  it('never gives a resource the ARN of another that only shares its last segment', () => {
    // Only the tagged /aws/lambda/orders-api came back; /aws/ecs/orders-api is untagged.
    expect(index.arnOf('/aws/ecs/orders-api')).toBeUndefined();
    expect(index.arnOf('https://sqs.us-east-1.amazonaws.com/111122223333/other-queue')).toBeUndefined();
  });

  it('names the Tagging API resource type filter from the registry ARN template', () => {
    expect(taggingTypeFilter('AWS::Lambda::Function')).toBe('lambda:function');
    expect(taggingTypeFilter('AWS::Logs::LogGroup')).toBe('logs:log-group');
  });
});

import { describe, expect, it } from 'vitest';
import { toLine } from '../source/history/message.js';
import { redactSecrets } from '../source/history/redact.js';

describe('redactSecrets', () => {
  it.each([
    ['key AKIAIOSFODNN7EXAMPLE here', 'key [redacted] here'],
    ['temporary ASIAY34FZKBOKMUTVV7A', 'temporary [redacted]'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [redacted]'],
    ['export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'export AWS_SECRET_ACCESS_KEY=[redacted]'],
    ['aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws configure set aws_secret_access_key [redacted]'],
    ['{"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}', '{"SecretAccessKey": "[redacted]"}'],
    ['{"SessionToken":"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"}', '{"SessionToken":"[redacted]"}'],
    ['aws_session_token=FwoGZXIvYXdzEJr//////////wEaDHVzZWFzdDEiRzBF', 'aws_session_token=[redacted]'],
    ['x-amz-security-token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ', 'x-amz-security-token: [redacted]'],
    ['pasted IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ alone', 'pasted [redacted] alone'],
    ['Authorization: Bearer abcdef0123456789abcdef0123456789', 'Authorization: Bearer [redacted]'],
    ['token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MX0.c2lnbmF0dXJl end', 'token [redacted] end'],
    ['Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MX0.c2lnbmF0dXJl', 'Bearer [redacted]'],
    // Labels in every spelling the pattern allows, with tokens no other rule knows by their prefix.
    // A key glued to an escape sequence: the text is kept as a terminal draws it, the key redacted.
    ['key \u001b[31mAKIAIOSFODNN7EXAMPLE\u001b[0m\tthere', 'key [redacted]  there'],
    ['Authorization: Bearer   abcdef0123456789abcdef0123456789', 'Authorization: Bearer   [redacted]'],
    ['{"awsSecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}', '{"awsSecretAccessKey":"[redacted]"}'],
    ['SessionToken=abcdefghijklmnop0123456789', 'SessionToken=[redacted]'],
    ['session-token: abcdefghijklmnop0123456789', 'session-token: [redacted]'],
    ['SecurityToken=abcdefghijklmnop0123456789', 'SecurityToken=[redacted]'],
    ['security_token abcdefghijklmnop0123456789', 'security_token [redacted]'],
    ['aws_secret_access_key    wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key    [redacted]'],
  ])('redacts %j', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    'How many EC2 instances run in eu-west-1?',
    'the bearer of bad news',
    'arn:aws:iam::123456789012:user/alice',
    'AKIA is the prefix of an access key id',
    'aws_secret_access_key is set in ~/.aws/credentials',
    'i-0abcd1234efgh5678 and vol-0123456789abcdef0',
    '\u001b[31mred\u001b[0m text\twith a tab',
  ])('leaves %j alone', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('a line written to a history file', () => {
  it('never holds a key glued to an escape sequence', () => {
    expect(toLine({ id: 'm1', text: 'my key: \u001b[1mAKIAIOSFODNN7EXAMPLE' })).toBe('{"id":"m1","text":"my key: [redacted]"}\n');
  });
});

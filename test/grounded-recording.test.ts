import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recordOperation, recordingVariable, type OperationRecord } from '../source/storage/operation-record.js';
import { setup, teardown } from './global-setup.js';
import { tempHome } from './helpers/cli.js';
import { labelOf, readRecords, ungrounded } from './helpers/operation-check.js';

/**
 * The recording behind the run-wide grounding check (test/global-setup.ts): a built qchat writes
 * down what it sends and what its sandbox serves, and the check tells a grounded call from an
 * invented or misrouted one.
 */

const sts: OperationRecord = { side: 'sent', client: 'sdk', serviceId: 'STS', operation: 'GetCallerIdentity', protocol: 'awsQuery', method: 'POST', path: '/', auth: 'sigv4', signingName: 'sts', host: 'sts.us-east-1.amazonaws.com' };
const createToken: OperationRecord = { side: 'sent', client: 'sdk', serviceId: 'SSO OIDC', operation: 'CreateToken', protocol: 'restJson1', method: 'POST', path: '/token', auth: 'none', host: 'oidc.eu-west-1.amazonaws.com' };
const listResources: OperationRecord = { side: 'served', signingName: 'cloudcontrolapi', operation: 'ListResources', protocol: 'awsJson1_0', targetPrefix: 'CloudApiService', method: 'POST', path: '/', auth: 'sigv4' };
const costs: OperationRecord = { side: 'sent', client: 'sdk', serviceId: 'Cost Explorer', operation: 'GetCostAndUsage', protocol: 'awsJson1_1', targetPrefix: 'AWSInsightsIndexService', method: 'POST', path: '/', auth: 'sigv4', signingName: 'ce', host: 'ce.us-east-1.amazonaws.com' };
const regions: OperationRecord = { side: 'served', signingName: 'account', operation: 'ListRegions', protocol: 'restJson1', method: 'POST', path: '/listRegions', auth: 'sigv4' };
const profiles: OperationRecord = { side: 'sent', client: 'q-developer', operation: 'ListAvailableProfiles', protocol: 'awsJson1_0', targetPrefix: 'AmazonCodeWhispererService', method: 'POST', path: '/', auth: 'bearer', host: 'q.eu-central-1.amazonaws.com' };
const devicePage: OperationRecord = { side: 'served', signingName: 'sso-portal', operation: 'ShowDeviceAuthorization', protocol: 'restJson1', method: 'GET', path: '/device', auth: 'none' };

describe('the grounding check of recorded operations', () => {
  it('passes operations as AWS models them, on AWS hosts and on the sandbox', () => {
    const onSandbox = [sts, createToken, costs, profiles].map((record) => ({ ...record, host: 'override', ...(record.client === 'q-developer' ? { path: '/q/eu-central-1/' } : {}) }));
    // The sandbox gets (and refuses, 404) a request for another region's Q endpoint when a test asks it to.
    const servedElsewhere: OperationRecord = { side: 'served', signingName: 'codewhisperer', operation: 'ListAvailableProfiles', protocol: 'awsJson1_0', targetPrefix: 'AmazonCodeWhispererService', method: 'POST', path: '/q/us-west-2/', auth: 'bearer' };
    expect(ungrounded([sts, createToken, listResources, costs, regions, profiles, devicePage, servedElsewhere, ...onSandbox])).toEqual([]);
  });

  it.each<[string, OperationRecord, RegExp]>([
    ['the STS SetContext action issue 12 removed', { ...sts, operation: 'SetContext' }, /SetContext is not an operation of botocore sts/],
    ['SetContext served', { ...listResources, signingName: 'sts', protocol: 'awsQuery', targetPrefix: undefined, operation: 'SetContext' } as OperationRecord, /SetContext is not an operation of botocore sts/],
    [
      'the guessed Sign-In call issue 12 removed',
      { ...listResources, signingName: 'signin', targetPrefix: 'AWSSignInService', operation: 'ListTrustedIdentityPropagationApplicationsForConsole' },
      /no botocore model serves AWSSignInService over awsJson1_0/,
    ],
    ['an Amazon Q Developer operation the client does not have', { ...profiles, operation: 'GetSubscriptionStatus' }, /GetSubscriptionStatus is not an operation of the Amazon Q Developer client/],
    ['a service no model has', { ...sts, serviceId: 'Account Context' }, /no botocore model has serviceId "Account Context"/],
    ['CreateToken signed', { ...createToken, auth: 'sigv4', signingName: 'sso-oauth' }, /sends CreateToken unsigned/],
    ['GetCallerIdentity unsigned', { ...sts, auth: 'none', signingName: undefined } as OperationRecord, /requires a signature for GetCallerIdentity/],
    ['a wrong signing name', { ...costs, signingName: 'costexplorer' }, /signs as ce, not costexplorer/],
    ['a guessed target prefix', { ...listResources, targetPrefix: 'CloudControlService' }, /no botocore model serves CloudControlService/],
    ['awsJson 1.1 for a 1.0 service', { ...listResources, protocol: 'awsJson1_1' }, /is JSON 1.0, not 1.1/],
    ['a REST route the model does not have', { ...regions, method: 'GET', path: '/regions' }, /routes ListRegions to POST \/listRegions/],
    ['a host that is not the service’s', { ...costs, host: 'cost-explorer.us-east-1.amazonaws.com' }, /cost-explorer.us-east-1.amazonaws.com is not an endpoint of ce/],
    ['a Q endpoint in a region the client has none', { ...profiles, host: 'q.us-west-2.amazonaws.com' }, /q.us-west-2.amazonaws.com is not one of/],
    ['Q with SigV4', { ...profiles, auth: 'sigv4' }, /authenticates with a bearer token, not sigv4/],
    ['a Q call to the sandbox for a region the client has no endpoint in', { ...profiles, host: 'override', path: '/q/us-west-2/' }, /path \/q\/us-west-2\/ is not an endpoint's root/],
  ])('fails %s, naming it', (_name, record, problem) => {
    const found = ungrounded([sts, record]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(labelOf(record));
    expect(found[0]).toMatch(problem);
  });

  it('fails the run at its end when a process recorded an invented operation, and keeps the records', () => {
    const runs = process.env[recordingVariable];
    try {
      setup();
      recordOperation({ ...sts, operation: 'SetContext' });
      expect(() => teardown()).toThrow(/1 AWS operation\(s\) sent or served in this run are in no public model .*\n.*SetContext is not an operation of botocore sts/);
      expect(readRecords(process.env[recordingVariable]!).map((record) => record.operation)).toEqual(['SetContext']);
    } finally {
      process.env[recordingVariable] = runs;
    }
  });
});

describe('a built qchat records its operations', () => {
  it('what it sends and what its sandbox serves, each grounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qchat-recorded-'));
    const env = { PATH: process.env.PATH, HOME: tempHome(), QCHAT_HOME: tempHome(), QCHAT_NOW: '2026-11-22T10:00:00Z', [recordingVariable]: dir };
    const run = promisify(execFile);
    await run(process.execPath, ['dist/cli.js', 'whoami', '--json'], { env });
    await run(process.execPath, ['dist/cli.js', 'ask', '--json', 'how many Lambda functions in us-east-1'], { env });
    const records = readRecords(dir);
    const seen = records.map((record) => `${record.side} ${record.serviceId ?? record.signingName ?? record.client} ${record.operation} ${record.auth}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'sent STS GetCallerIdentity sigv4',
        'served sts GetCallerIdentity sigv4',
        'sent q-developer ListAvailableProfiles bearer',
        'served codewhisperer ListAvailableProfiles bearer',
        'sent CloudControl ListResources sigv4',
        'served cloudcontrolapi ListResources sigv4',
      ]),
    );
    // Both Q Developer regions, each on its own path of the one local endpoint.
    expect(records.filter((record) => record.side === 'sent' && record.operation === 'ListAvailableProfiles').map((record) => record.path).sort()).toEqual(['/q/eu-central-1/', '/q/us-east-1/']);
    expect(ungrounded(records)).toEqual([]);
  }, 60_000);
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../source/sandbox/services/index.js';
import { noFaults, FaultInjector } from '../source/sandbox/faults.js';
import { RateLimiter } from '../source/sandbox/rate-limits.js';
import { qDeveloperOperations } from './helpers/q-developer-model.js';

/**
 * The grounding rule read off the source: every AWS operation qchat's code can send, and every
 * operation the sandbox's tables hold, exists in a public model — an AWS SDK package's commands
 * (generated from the same service models as botocore's) or the operations of AWS's open-source Q
 * Developer client. An invented call fails here even on a path no test drives; what the whole run
 * really sent and served, on the wire, is checked when it ends (test/global-setup.ts).
 */

/** `@aws-sdk/client-sso` ships inside @aws-sdk/nested-clients (what the SDK's SSO credential provider uses). */
const nested: Record<string, string> = { '@aws-sdk/client-sso': join('@aws-sdk', 'nested-clients', 'dist-types', 'submodules', 'sso') };

function sdkHas(pkg: string, operation: string): boolean {
  return existsSync(join('node_modules', nested[pkg] ?? join(pkg, 'dist-types'), 'commands', `${operation}Command.d.ts`));
}

/** The SDK packages a file imports, and those of the local modules it imports (a helper may load the client). */
function packagesOf(file: string, depth = 1): string[] {
  const text = readFileSync(file, 'utf8');
  const own = [...text.matchAll(/'(@aws-sdk\/client-[\w-]+)'/g)].map((m) => m[1]!);
  const local = depth === 0 ? [] : [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((m) => join(dirname(file), `${m[1]}.ts`)).filter((path) => existsSync(path));
  return [...new Set([...own, ...local.flatMap((path) => packagesOf(path, depth - 1))])];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('every operation qchat sends exists in a public model', () => {
  const files = sourceFiles('source').filter((file) => !file.startsWith(join('source', 'sandbox')));

  it('each SDK Command qchat constructs (or pages through with the SDK paginator) is a command of an SDK package the same file imports', () => {
    const sent: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const packages = packagesOf(file);
      const operations = [...text.matchAll(/new (?:\w+\.)?(\w+)Command\(/g), ...text.matchAll(/\bpaginate(\w+)\(/g)].map((m) => m[1]);
      for (const operation of operations) {
        sent.push(operation!);
        expect(packages.some((pkg) => sdkHas(pkg, operation!)), `${file}: ${operation}Command in ${packages.join(', ') || 'no SDK package'}`).toBe(true);
      }
    }
    // The scan sees the calls it must: a scan that finds nothing proves nothing.
    expect(sent).toEqual(expect.arrayContaining(['GetCallerIdentity', 'RegisterClient', 'StartDeviceAuthorization', 'CreateToken', 'ListInstances', 'GetUserId', 'DescribeOrganization', 'ListRegions', 'ListResources']));
  });

  it('each Amazon Q Developer operation qchat sends is one of the Q Developer client’s', () => {
    const sent = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/callQDeveloper\([^,]+, '(\w+)'/g)].map((m) => m[1]!));
    expect(sent.sort()).toEqual(['GetUsageLimits', 'ListAvailableProfiles']);
    for (const operation of sent) expect(qDeveloperOperations.has(operation), operation).toBe(true);
  });

  it('no hand-signed request is left for an operation no SDK ships', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/SignatureV4|x-amz-target': '(?!AmazonCodeWhispererService)/);
  });
});

describe('every operation the sandbox serves exists in a public model', () => {
  /** The SDK package of each sandbox service, by signing name; web pages are not API operations. */
  const packages: Record<string, string | 'q-developer' | 'pages'> = {
    sts: '@aws-sdk/client-sts',
    cloudcontrolapi: '@aws-sdk/client-cloudcontrol',
    ce: '@aws-sdk/client-cost-explorer',
    account: '@aws-sdk/client-account',
    organizations: '@aws-sdk/client-organizations',
    sso: '@aws-sdk/client-sso-admin',
    identitystore: '@aws-sdk/client-identitystore',
    tagging: '@aws-sdk/client-resource-groups-tagging-api',
    tag: '@aws-sdk/client-resource-groups-tagging-api',
    awsssoportal: '@aws-sdk/client-sso',
    codewhisperer: 'q-developer',
    'sso-portal': 'pages',
  };
  const pages = new Set(['ShowDeviceAuthorization', 'DecideDeviceAuthorization', 'ShowAuthorization', 'DecideAuthorization']);
  const services = createServices({ clock: () => new Date(), faults: new FaultInjector(noFaults), approve: 'manual', approveDelayMs: 0, baseUrl: () => 'http://127.0.0.1:1', listProperties: 'identifiers', scale: 1, rateLimiter: new RateLimiter(true) });

  it.each(services.map((service) => [service.signingName, service] as const))('%s', (name, service) => {
    for (const operation of Object.keys(service.operations)) {
      if (pages.has(operation)) continue; // the device page and the authorization endpoint: browser pages, as IAM Identity Center has
      const pkg = name === 'sso-oauth' ? '@aws-sdk/client-sso-oidc' : packages[name];
      expect(pkg, `no public model named for sandbox service ${name}`).toBeDefined();
      if (pkg === 'q-developer') expect(qDeveloperOperations.has(operation), operation).toBe(true);
      else expect(sdkHas(pkg!, operation), `${name} ${operation} in ${pkg}`).toBe(true);
    }
  });

  /** The protocol class and X-Amz-Target prefix the SDK's generated client uses, read from its bundle. */
  const protocolClass = { awsJson1_0: 'AwsJson1_0Protocol', awsJson1_1: 'AwsJson1_1Protocol', awsQuery: 'AwsQueryProtocol', restJson1: 'AwsRestJsonProtocol' } as const;
  const packageOf = (name: string) => (name === 'sso-oauth' ? '@aws-sdk/client-sso-oidc' : packages[name]);
  // The Q endpoints have no SDK client; the portal's client is bundled inside nested-clients; pages are pages.
  const withSdkClient = services.filter((service) => packageOf(service.signingName)?.startsWith('@aws-sdk/') && service.signingName !== 'awsssoportal');
  it.each(withSdkClient.map((service) => [service.signingName, service] as const))(
    '%s speaks the protocol (and target prefix) of its SDK client',
    (name, service) => {
      const pkg = packageOf(name)!;
      const bundle = readFileSync(join('node_modules', pkg, 'dist-cjs', 'index.js'), 'utf8');
      expect(bundle, `${name}: ${protocolClass[service.protocol]} in ${pkg}`).toContain(protocolClass[service.protocol]);
      if (service.targetPrefix) expect(bundle).toContain(`serviceTarget: "${service.targetPrefix}"`);
    },
  );
});

import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../source/sandbox/server.js';
import { callQDeveloper } from '../source/identity/q-developer-client.js';
import { qDeveloperScopes } from '../source/identity/oidc.js';
import { deviceCodeGrant, sandboxStartUrl } from '../source/sandbox/services/sso-oidc.js';
import { userByName } from '../source/sandbox/world/identity.js';
import { fixedNow, useSandbox } from './helpers/sandbox.js';

const storeA = 'd-9067642ac7';
const storeB = 'd-99675a9f51';
/** The sandbox's poll interval is one second, measured in real time. */
const pollInterval = 1_050;

function oidc(sandbox: Sandbox): SSOOIDCClient {
  return new SSOOIDCClient({ region: 'us-east-1', endpoint: sandbox.url, maxAttempts: 1 });
}

/** RegisterClient + StartDeviceAuthorization, as a CLI does before showing the code. */
async function startSignIn(sandbox: Sandbox, identityStoreId: string, loginHint?: string) {
  const client = oidc(sandbox);
  const registration = await client.send(new RegisterClientCommand({ clientName: 'qchat-test', clientType: 'public', scopes: qDeveloperScopes }));
  const credentials = { clientId: registration.clientId!, clientSecret: registration.clientSecret! };
  const device = await client.send(new StartDeviceAuthorizationCommand({ ...credentials, startUrl: sandboxStartUrl(identityStoreId, loginHint) }));
  const poll = () => client.send(new CreateTokenCommand({ ...credentials, grantType: deviceCodeGrant, deviceCode: device.deviceCode }));
  return { client, registration, credentials, device, poll };
}

/** Opens the verification page like a browser and submits its form, choosing the decision (and the user). */
async function decideOnPage(pageUrl: string, decision: 'approve' | 'deny', userName?: string): Promise<{ status: number; html: string }> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  expect(page.status).toBe(200);
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(name!, value!);
  const preselected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
  fields.set('user', userName ?? preselected ?? '');
  fields.set('decision', decision);
  const form = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
  const reply = await fetch(new URL(form, pageUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
  return { status: reply.status, html: await reply.text() };
}

const corpPro = { arn: 'arn:aws:codewhisperer:us-east-1:111122223333:profile/PQ7K2M9X4RTA', region: 'us-east-1' };
const euPro = { arn: 'arn:aws:codewhisperer:eu-central-1:444455556666:profile/E4UC8N3W6ZPB', region: 'eu-central-1' };

/** Who an access token belongs to, as the sandbox's Q Developer endpoint reports it (GetUsageLimits userInfo). No ID token exists to read. */
async function userIdOf(sandbox: Sandbox, accessToken: string, profile = corpPro): Promise<unknown> {
  const reply = await callQDeveloper({ region: profile.region, endpointOverride: sandbox.url, accessToken }, 'GetUsageLimits', { profileArn: profile.arn });
  return (reply.userInfo as { userId?: string }).userId;
}

describe('SSO OIDC device authorization, approved or denied on the verification page', () => {
  const sandbox = useSandbox();

  it('registers a client and starts a device authorization with the real field names', async () => {
    const { registration, device } = await startSignIn(sandbox.current, storeA, 'bob');
    expect(registration).toMatchObject({ clientIdIssuedAt: fixedNow.getTime() / 1000, clientSecretExpiresAt: fixedNow.getTime() / 1000 + 90 * 86_400 });
    expect(device).toMatchObject({
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: `${sandbox.current.url}/device`,
      verificationUriComplete: `${sandbox.current.url}/device?user_code=${device.userCode}`,
      expiresIn: 600,
      interval: 1,
    });
  });

  it('is pending, slows a fast poller down, and after approval on the page issues tokens for the chosen user', async () => {
    const { client, credentials, device, poll } = await startSignIn(sandbox.current, storeA, 'bob');
    await expect(poll()).rejects.toMatchObject({ name: 'AuthorizationPendingException', error: 'authorization_pending', $metadata: { httpStatusCode: 400 } });
    await expect(poll()).rejects.toMatchObject({ name: 'SlowDownException', error: 'slow_down' });

    const page = await (await fetch(device.verificationUriComplete!)).text();
    expect(page).toContain(device.userCode);
    expect(page).toContain('arn:aws:sso:::instance/ssoins-72230b78b3a231eb');
    expect(page).toContain('<option value="bob" selected>');
    const decided = await decideOnPage(device.verificationUriComplete!, 'approve');
    expect(decided.status).toBe(200);
    expect(decided.html).toContain('Signed in as <b>bob</b>');

    await sleep(pollInterval);
    const token = await poll();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, accessToken: expect.any(String), refreshToken: expect.any(String) });
    // As the real service: no ID token (CreateToken documents idToken as not supported).
    expect(token.idToken).toBeUndefined();
    expect(await userIdOf(sandbox.current, token.accessToken!)).toBe(userByName(storeA, 'bob')!.userId);

    await sleep(pollInterval);
    await expect(poll()).rejects.toMatchObject({ name: 'InvalidGrantException', error: 'invalid_grant' });

    const refreshed = await client.send(new CreateTokenCommand({ ...credentials, grantType: 'refresh_token', refreshToken: token.refreshToken }));
    expect(await userIdOf(sandbox.current, refreshed.accessToken!)).toBe(userByName(storeA, 'bob')!.userId);
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    await expect(client.send(new CreateTokenCommand({ ...credentials, grantType: 'refresh_token', refreshToken: token.refreshToken }))).rejects.toMatchObject({
      name: 'InvalidGrantException',
    });

    const again = await fetch(device.verificationUriComplete!);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already approved as <b>bob</b>');
  });

  it('lets the person approve as another user of the store than the hint', async () => {
    const { device, poll } = await startSignIn(sandbox.current, storeA);
    expect(await (await fetch(device.verificationUriComplete!)).text()).not.toContain(' selected>');
    await decideOnPage(device.verificationUriComplete!, 'approve', 'alice');
    expect(await userIdOf(sandbox.current, (await poll()).accessToken!)).toBe(userByName(storeA, 'alice')!.userId);
  });

  it('answers AccessDeniedException once the person denies', async () => {
    const { device, poll } = await startSignIn(sandbox.current, storeA, 'carol');
    const decided = await decideOnPage(device.verificationUriComplete!, 'deny');
    expect(decided.html).toContain('was denied');
    await expect(poll()).rejects.toMatchObject({ name: 'AccessDeniedException', error: 'access_denied', $metadata: { httpStatusCode: 400 } });
  });

  it('serves the code entry page and rejects unknown codes and users', async () => {
    const entry = await fetch(`${sandbox.current.url}/device`);
    expect(entry.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await entry.text()).toContain('name="user_code"');
    const unknown = await fetch(`${sandbox.current.url}/device?user_code=${encodeURIComponent('<b>ZZZZ-ZZZZ')}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('&lt;b&gt;ZZZZ-ZZZZ');
    const { device } = await startSignIn(sandbox.current, storeA);
    expect((await decideOnPage(device.verificationUriComplete!, 'approve', 'oscar')).status).toBe(400);
  });

  it('models the client and request errors', async () => {
    const client = oidc(sandbox.current);
    await expect(client.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' }))).rejects.toMatchObject({
      name: 'InvalidClientMetadataException',
      error: 'invalid_client_metadata',
    });
    const { credentials } = await startSignIn(sandbox.current, storeA);
    const startUrl = sandboxStartUrl(storeA);
    await expect(client.send(new StartDeviceAuthorizationCommand({ ...credentials, clientSecret: 'wrong', startUrl }))).rejects.toMatchObject({
      name: 'InvalidClientException',
      error: 'invalid_client',
      $metadata: { httpStatusCode: 401 },
    });
    await expect(client.send(new StartDeviceAuthorizationCommand({ ...credentials, startUrl: `${sandbox.current.url}/start/d-0000000000` }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      error: 'invalid_request',
    });
    await expect(client.send(new CreateTokenCommand({ ...credentials, grantType: deviceCodeGrant, deviceCode: 'no-such-code' }))).rejects.toMatchObject({
      name: 'InvalidGrantException',
    });
    await expect(client.send(new CreateTokenCommand({ ...credentials, grantType: deviceCodeGrant }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
    await expect(client.send(new CreateTokenCommand({ ...credentials, grantType: 'password' }))).rejects.toMatchObject({ name: 'UnsupportedGrantTypeException' });
  });

  it('sends the OAuth error body and the x-amzn-errortype header on the wire', async () => {
    const { credentials, device } = await startSignIn(sandbox.current, storeA);
    const reply = await fetch(`${sandbox.current.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, grantType: deviceCodeGrant, deviceCode: device.deviceCode }),
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe('AuthorizationPendingException');
    expect(await reply.json()).toEqual({ error: 'authorization_pending', error_description: 'Authorization is still pending' });
  });
});

describe('SSO OIDC device code expiry, by the sandbox clock', () => {
  let now = fixedNow;
  const sandbox = useSandbox({ clock: () => now });

  it('answers ExpiredTokenException ten minutes after the start, and the page no longer approves', async () => {
    now = fixedNow;
    const { device, poll } = await startSignIn(sandbox.current, storeA, 'alice');
    const pageUrl = device.verificationUriComplete!;
    now = new Date(fixedNow.getTime() + 601_000);
    await expect(poll()).rejects.toMatchObject({ name: 'ExpiredTokenException', error: 'expired_token' });
    expect((await fetch(pageUrl)).status).toBe(410);
    const late = await fetch(`${sandbox.current.url}/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'DecideDeviceAuthorization', user_code: device.userCode!, user: 'alice', decision: 'approve' }).toString(),
    });
    expect(late.status).toBe(410);
  });
});

describe('SSO OIDC auto approval', () => {
  const sandbox = useSandbox({ approve: 'auto', approveDelayMs: 200 });

  it('approves as the login hint once the delay has passed', async () => {
    const { poll } = await startSignIn(sandbox.current, storeB, 'grace');
    await expect(poll()).rejects.toMatchObject({ name: 'AuthorizationPendingException' });
    await sleep(pollInterval);
    expect(await userIdOf(sandbox.current, (await poll()).accessToken!, euPro)).toBe(userByName(storeB, 'grace')!.userId);
  });

  it('leaves a sign-in without a login hint pending for a person', async () => {
    const { device, poll } = await startSignIn(sandbox.current, storeA);
    await sleep(300);
    await expect(poll()).rejects.toMatchObject({ name: 'AuthorizationPendingException' });
    await decideOnPage(device.verificationUriComplete!, 'approve', 'alice');
    await sleep(pollInterval);
    expect(await userIdOf(sandbox.current, (await poll()).accessToken!)).toBe(userByName(storeA, 'alice')!.userId);
  });
});

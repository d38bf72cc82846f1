import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredSignIn } from './credentials-file.js';
import { IdentityError } from './identity-context.js';
import { oidcClient, qDeveloperScopes, registerClient, signInOf, type OidcDeps, type SignInPrompt, type SignInTarget } from './oidc.js';

/** How long the browser has to come back, as the Q Developer CLI's DEFAULT_AUTHORIZATION_TIMEOUT. */
const authorizationTimeoutMs = 3 * 60_000;

/**
 * IAM Identity Center sign-in with the authorization code grant and PKCE (RFC 7636), the way the
 * Q Developer CLI does it (crates/chat-cli/src/auth/pkce.rs): listen on 127.0.0.1 (a free port),
 * register a public client whose redirect URI is `http://127.0.0.1:<port>/oauth/callback` and
 * whose issuerUrl is the start URL, open
 * `<oidc>/authorize?response_type=code&client_id&redirect_uri&scopes&state&code_challenge&code_challenge_method=S256`,
 * take the first callback, check its state, and trade the code and verifier for tokens.
 */
export async function pkceSignIn(deps: OidcDeps & { oidcEndpoint: string | undefined }, target: SignInTarget, onPrompt: (prompt: SignInPrompt) => void): Promise<StoredSignIn> {
  const callback = await listenForCallback();
  try {
    const redirectUri = `http://127.0.0.1:${callback.port}/oauth/callback`;
    const registration = await registerClient(deps, target, { redirectUri });
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: registration.clientId,
      redirect_uri: redirectUri,
      scopes: qDeveloperScopes.join(' '),
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const base = deps.oidcEndpoint ?? `https://oidc.${target.region}.amazonaws.com`;
    const authorizeUrl = `${base.replace(/\/+$/, '')}/authorize?${query.toString().replace(/\+/g, '%20')}`;
    onPrompt({ kind: 'browser', authorizeUrl, expiresAt: new Date(deps.clock().getTime() + authorizationTimeoutMs) });

    const reply = await callback.wait(deps.signal);
    if (reply.error) {
      throw new IdentityError(
        reply.error === 'access_denied' ? 'SIGN_IN_DENIED' : 'SIGN_IN_REQUIRED',
        reply.error === 'access_denied' ? 'The sign-in request was denied in the browser.' : `IAM Identity Center refused the sign-in: ${reply.error}${reply.description ? ` (${reply.description})` : ''}.`,
        { remedy: { kind: 'sign-in' } },
      );
    }
    if (reply.state !== state) throw new IdentityError('SIGN_IN_DENIED', 'The browser came back with a sign-in that qchat did not start (the state does not match); nothing was signed in.');
    const { oidc, commands, send } = await oidcClient(deps, target.region);
    const token = await oidc.send(
      new commands.CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: 'authorization_code', code: reply.code, redirectUri, codeVerifier: verifier }),
      send,
    );
    return signInOf(target, registration, token, deps.clock);
  } finally {
    await callback.close();
  }
}

interface CallbackReply {
  code?: string;
  state?: string;
  error?: string;
  description?: string;
}

async function listenForCallback(): Promise<{ port: number; wait: (signal?: AbortSignal) => Promise<CallbackReply>; close: () => Promise<void> }> {
  let deliver: (reply: CallbackReply) => void = () => {};
  const arrived = new Promise<CallbackReply>((resolve) => (deliver = resolve));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || !/^\/oauth\/callback\/?$/.test(url.pathname)) {
      res.writeHead(404).end();
      return;
    }
    const get = (name: string) => url.searchParams.get(name) ?? undefined;
    const reply: CallbackReply = { code: get('code'), state: get('state'), error: get('error') ?? (get('code') ? undefined : 'missing_code'), description: get('error_description') };
    const text = reply.error ? 'The sign-in did not complete. You can close this tab and look at qchat.' : 'Signed in. You can close this tab and return to qchat.';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(`<!doctype html><meta charset="utf-8"><title>qchat</title><p>${text}</p>`);
    deliver(reply);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    wait: (signal) =>
      new Promise<CallbackReply>((resolve, reject) => {
        const timer = setTimeout(() => reject(new IdentityError('SIGN_IN_EXPIRED', 'The browser did not come back within 3 minutes.', { remedy: { kind: 'sign-in' } })), authorizationTimeoutMs);
        const stop = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          stop();
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        void arrived.then((reply) => {
          stop();
          resolve(reply);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

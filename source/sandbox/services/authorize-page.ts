import { escapeXml as escapeHtml } from '../protocol.js';
import { RawReply, type Operation, type SandboxContext } from '../service.js';
import { instanceByStoreId, storeUsers, userByName, type IdentityCenterInstance } from '../world/identity.js';
import { htmlPage } from './device-page.js';
import type { OidcRegistry, RegisteredClient } from './oidc-registry.js';
import { parseStartUrl } from './sso-oidc.js';

/**
 * The authorization endpoint of SSO OIDC for the authorization code grant with PKCE, as the
 * Amazon Q Developer CLI opens it (crates/chat-cli/src/auth/pkce.rs):
 * `GET /authorize?response_type=code&client_id&redirect_uri&scopes&state&code_challenge&code_challenge_method=S256`.
 * The page names the client's Identity Center instance (from the issuerUrl it registered with) and
 * who to sign in as; Approve redirects to the loopback redirect_uri with `code` and `state`, Deny
 * with `error=access_denied`. A bad client or redirect URI is never redirected to (RFC 6749 §4.1.2.1).
 * In auto mode a start URL with a login hint is approved at once, as the device page does.
 */
export const authorizeRoutes = [
  { method: 'GET', path: '/authorize', operation: 'ShowAuthorization' },
  { method: 'POST', path: '/authorize', operation: 'DecideAuthorization' },
];

/** The authorization endpoint's operations, served by the SSO OIDC service (the same host in AWS: oidc.<region>.amazonaws.com/authorize). */
export function authorizeOperations(context: SandboxContext, registry: OidcRegistry): Record<string, Operation> {
  return {
    ShowAuthorization: ({ request, now }) => {
      const query = Object.fromEntries(request.query);
      const checked = checkRequest(registry, query);
      if (checked.kind === 'page') return checked.page;
      if (checked.kind === 'redirect-error') return redirect(query.redirect_uri!, { error: checked.error, error_description: checked.description, state: query.state });
      const hint = checked.loginHint ? userByName(checked.instance.identityStoreId, checked.loginHint) : undefined;
      if (context.approve === 'auto' && hint) return approve(registry, checked.client, checked.instance, hint.userName, query, now);
      return htmlPage(200, 'Sign in to an application', decisionForm(checked.instance, query, checked.loginHint));
    },
    DecideAuthorization: ({ request, now }) => {
      const form = Object.fromEntries(Object.entries(request.input).map(([key, value]) => [key, String(value)]));
      const checked = checkRequest(registry, form);
      if (checked.kind === 'page') return checked.page;
      if (checked.kind === 'redirect-error') return redirect(form.redirect_uri!, { error: checked.error, error_description: checked.description, state: form.state });
      if (form.decision === 'deny') return redirect(form.redirect_uri!, { error: 'access_denied', error_description: 'The user denied the request', state: form.state });
      return approve(registry, checked.client, checked.instance, form.user ?? '', form, now);
    },
  };
}

type Checked =
  | { kind: 'ok'; client: RegisteredClient; instance: IdentityCenterInstance; loginHint: string | undefined }
  | { kind: 'page'; page: RawReply }
  | { kind: 'redirect-error'; error: string; description: string };

function checkRequest(registry: OidcRegistry, params: Record<string, string>): Checked {
  const client = params.client_id ? registry.client(params.client_id) : undefined;
  if (!client) return { kind: 'page', page: htmlPage(400, 'Invalid request', '<p>The application is not registered (unknown client_id).</p>') };
  if (!params.redirect_uri || !client.redirectUris.includes(params.redirect_uri)) {
    return { kind: 'page', page: htmlPage(400, 'Invalid request', '<p>The redirect_uri is not one the application registered.</p>') };
  }
  if (params.response_type !== 'code') return { kind: 'redirect-error', error: 'unsupported_response_type', description: 'response_type must be code' };
  if (!client.grantTypes.includes('authorization_code')) return { kind: 'redirect-error', error: 'unauthorized_client', description: 'The client is not registered for authorization_code' };
  if (params.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge ?? '')) {
    return { kind: 'redirect-error', error: 'invalid_request', description: 'A PKCE code_challenge with code_challenge_method S256 is required' };
  }
  const scopes = (params.scopes ?? '').split(' ').filter(Boolean);
  if (scopes.some((scope) => !client.scopes.includes(scope))) return { kind: 'redirect-error', error: 'invalid_scope', description: 'The request asks for scopes the client did not register' };
  const start = client.issuerUrl ? parseStartUrl(client.issuerUrl) : undefined;
  const instance = start && instanceByStoreId(start.identityStoreId);
  if (!instance) return { kind: 'redirect-error', error: 'invalid_request', description: 'The client registered no known issuerUrl' };
  return { kind: 'ok', client, instance, loginHint: start.loginHint };
}

function approve(registry: OidcRegistry, client: RegisteredClient, instance: IdentityCenterInstance, userName: string, params: Record<string, string>, now: Date): RawReply {
  const user = userByName(instance.identityStoreId, userName);
  if (!user) return htmlPage(400, 'Choose a user', `<p>Choose a user of this instance and Approve, or Deny.</p>${decisionForm(instance, params, undefined)}`);
  const scopes = (params.scopes ?? '').split(' ').filter(Boolean);
  const code = registry.issueCode({ clientId: client.clientId, redirectUri: params.redirect_uri!, codeChallenge: params.code_challenge!, scopes: scopes.length > 0 ? scopes : client.scopes, instance, user }, now);
  return redirect(params.redirect_uri!, { code, state: params.state });
}

function redirect(redirectUri: string, params: Record<string, string | undefined>): RawReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return new RawReply({ status: 302, headers: { location: url.toString(), 'cache-control': 'no-store' }, body: '' });
}

const carried = ['response_type', 'client_id', 'redirect_uri', 'scopes', 'state', 'code_challenge', 'code_challenge_method'];

function decisionForm(instance: IdentityCenterInstance, params: Record<string, string>, loginHint: string | undefined): string {
  const hidden = carried.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? '')}">`).join('\n');
  const options = storeUsers(instance.identityStoreId)
    .map((user) => `<option value="${escapeHtml(user.userName)}"${user.userName === loginHint ? ' selected' : ''}>${escapeHtml(`${user.userName} (${user.givenName} ${user.familyName})`)}</option>`)
    .join('');
  return `<p>An application asks to sign in with IAM Identity Center and use Amazon Q Developer (${escapeHtml(params.scopes ?? '')}).</p>
<dl><dt>Instance</dt><dd>${escapeHtml(instance.name)} <code>${escapeHtml(instance.instanceArn)}</code></dd></dl>
<form method="post" action="/authorize">
${hidden}
<label for="user">Sign in as</label>
<select id="user" name="user">${options}</select>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
</form>`;
}

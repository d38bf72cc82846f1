import { escapeXml as escapeHtml, type SandboxReply } from '../protocol.js';
import { RawReply, type SandboxService } from '../service.js';
import { storeUsers, userByName } from '../world/identity.js';
import type { DeviceAuthorization, DeviceAuthorizations } from './device-authorizations.js';

const decideOperation = 'DecideDeviceAuthorization';

/**
 * The verification page a person opens to approve or deny a device sign-in: GET /device (enter a
 * code), GET /device?user_code=… (the code, the instance, who to approve as), POST /device (the
 * decision, a plain HTML form).
 */
export function deviceVerificationPage(authorizations: DeviceAuthorizations): SandboxService {
  return {
    signingName: 'sso-portal',
    protocol: 'restJson1',
    routes: [
      { method: 'GET', path: '/device', operation: 'ShowDeviceAuthorization' },
      { method: 'POST', path: '/device', operation: decideOperation },
    ],
    signed: false,
    throttled: false,
    regional: false,
    operations: {
      ShowDeviceAuthorization: ({ request, now }) => {
        const userCode = request.query.get('user_code');
        if (!userCode) return htmlPage(200, 'Authorize a device', codeEntryForm());
        const authorization = authorizations.byUserCode(userCode);
        if (!authorization) return htmlPage(404, 'Code not found', `<p>No sign-in request has the code <b>${escapeHtml(userCode)}</b>.</p>${codeEntryForm()}`);
        if (authorizations.isExpired(authorization, now)) return expired(authorization);
        const decision = authorizations.settle(authorization);
        if (decision.kind !== 'pending') return htmlPage(409, 'Already decided', decidedText(authorization));
        return htmlPage(200, 'Authorize a device', decisionForm(authorization));
      },
      [decideOperation]: ({ request, now }) => {
        const form = request.input;
        const authorization = authorizations.byUserCode(String(form.user_code ?? ''));
        if (!authorization) return htmlPage(404, 'Code not found', '<p>No sign-in request has that code.</p>');
        if (authorizations.isExpired(authorization, now)) return expired(authorization);
        if (authorizations.settle(authorization).kind !== 'pending') return htmlPage(409, 'Already decided', decidedText(authorization));
        if (form.decision === 'deny') {
          authorization.decision = { kind: 'denied' };
          return htmlPage(200, 'Request denied', `<p>The sign-in request <b>${escapeHtml(authorization.userCode)}</b> was denied. You can close this page.</p>`);
        }
        const user = form.decision === 'approve' ? userByName(authorization.instance.identityStoreId, String(form.user ?? '')) : undefined;
        if (!user) return htmlPage(400, 'Choose a user', `<p>Choose a user of this instance and Approve, or Deny.</p>${decisionForm(authorization)}`);
        authorization.decision = { kind: 'approved', user };
        return htmlPage(200, 'Request approved', `<p>Signed in as <b>${escapeHtml(user.userName)}</b>. You can close this page and return to the application.</p>`);
      },
    },
  };
}

function codeEntryForm(): string {
  return `<form method="get" action="/device">
<label for="user_code">Code shown by the application</label>
<input id="user_code" name="user_code" autocomplete="off" placeholder="XXXX-XXXX" required>
<button type="submit">Next</button>
</form>`;
}

function decisionForm(authorization: DeviceAuthorization): string {
  const { instance } = authorization;
  const options = storeUsers(instance.identityStoreId)
    .map((user) => {
      const selected = user.userName === authorization.loginHint ? ' selected' : '';
      return `<option value="${escapeHtml(user.userName)}"${selected}>${escapeHtml(`${user.userName} (${user.givenName} ${user.familyName})`)}</option>`;
    })
    .join('');
  return `<p>An application asks to sign in with IAM Identity Center. Approve only if it shows this code:</p>
<p class="code">${escapeHtml(authorization.userCode)}</p>
<dl><dt>Instance</dt><dd>${escapeHtml(instance.name)} <code>${escapeHtml(instance.instanceArn)}</code></dd>
<dt>Identity store</dt><dd><code>${escapeHtml(instance.identityStoreId)}</code> (${escapeHtml(instance.region)})</dd></dl>
<form method="post" action="/device">
<input type="hidden" name="user_code" value="${escapeHtml(authorization.userCode)}">
<label for="user">Sign in as</label>
<select id="user" name="user">${options}</select>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
</form>`;
}

function decidedText(authorization: DeviceAuthorization): string {
  const { decision } = authorization;
  const outcome = decision.kind === 'approved' ? `approved as <b>${escapeHtml(decision.user.userName)}</b>` : 'denied';
  return `<p>The sign-in request <b>${escapeHtml(authorization.userCode)}</b> was already ${outcome}.</p>`;
}

function expired(authorization: DeviceAuthorization): RawReply {
  return htmlPage(410, 'Code expired', `<p>The code <b>${escapeHtml(authorization.userCode)}</b> has expired. Start the sign-in again in the application.</p>`);
}

export function htmlPage(status: number, title: string, content: string): RawReply {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – qchat sandbox</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#16191f}
.code{font:600 2rem ui-monospace,monospace;letter-spacing:.15em}
dt{font-weight:600}dd{margin:0 0 .5rem}
label{display:block;margin:1rem 0 .25rem}
select,input{font-size:1rem;padding:.3rem}
button{font-size:1rem;margin:1rem .5rem 0 0;padding:.4rem 1.2rem;border:0;border-radius:4px;background:#0972d3;color:#fff}
button.deny{background:#d13212}
</style></head>
<body><h1>${escapeHtml(title)}</h1>
${content}
</body></html>`;
  const reply: SandboxReply = { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
  return new RawReply(reply);
}

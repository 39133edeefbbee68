/** Minimal server-rendered pages for first-run setup and invitations (the full web app is separate). */

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Punchclock</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#b00020}.ok{color:#0a7d32}code{word-break:break-all}
</style></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

const formScript = (url: string, fields: string[], done: string) => `
<p id="result" role="status" aria-live="polite"></p>
<script>
document.querySelector('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('result');
  const body = {};
  for (const name of ${JSON.stringify(fields)}) body[name] = document.getElementById(name).value;
  const res = await fetch(${JSON.stringify(url)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) { out.className = 'error'; out.textContent = (json.errors || []).map((x) => x.Message).join(' ') || 'Something went wrong.'; return; }
  out.className = 'ok';
  ${done}
});
</script>`;

export function setupPage(): string {
  return page(
    'Set up Punchclock',
    `<p>Create your company and its first administrator.</p>
<form>
<label for="CompanyName">Company name</label><input id="CompanyName" required maxlength="255" autocomplete="organization">
<label for="AdminName">Your name</label><input id="AdminName" maxlength="255" autocomplete="name">
<label for="AdminEmail">Your email</label><input id="AdminEmail" type="email" required autocomplete="email">
<label for="AdminPassword">Password (at least 8 characters)</label><input id="AdminPassword" type="password" required minlength="8" autocomplete="new-password">
<button type="submit">Create company</button>
</form>${formScript('/setup', ['CompanyName', 'AdminName', 'AdminEmail', 'AdminPassword'], "out.innerHTML = 'Your company is ready. Your API token: <code>' + json.data.Token + '</code>';")}`,
  );
}

export function setupDonePage(): string {
  return page(
    'Punchclock is set up',
    '<p>This deployment already has a company. <a href="/">Go to Punchclock</a>.</p>',
  );
}

export function invitePage(email: string, token: string): string {
  return page(
    'Choose your password',
    `<p>Set a password for <strong>${esc(email)}</strong>.</p>
<form>
<label for="Password">Password (at least 8 characters)</label><input id="Password" type="password" required minlength="8" autocomplete="new-password">
<button type="submit">Set password</button>
</form>${formScript(`/invite/${encodeURIComponent(token)}`, ['Password'], "out.textContent = 'Your password is set. You can now sign in.';")}`,
  );
}

export function invalidInvitePage(): string {
  return page(
    'Invitation not valid',
    '<p class="error">This invitation link has expired or was already used. Ask your administrator for a new one.</p>',
  );
}

export function homePage(needsSetup: boolean): string {
  return page(
    'Punchclock',
    `<p>Time and expense tracking that speaks ClickTime's REST API v2.</p><ul>
${needsSetup ? '<li><a href="/setup">Set up your company</a></li>' : ''}
<li><a href="/v2/docs">API documentation</a> (<a href="/v2/openapi.json">OpenAPI document</a>)</li></ul>`,
  );
}

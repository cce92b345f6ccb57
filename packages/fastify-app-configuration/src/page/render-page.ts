import { html, SafeHtml } from './html.js'
import type { HomeView, ViewError } from './view.js'

const KIND_LABELS: Readonly<Record<string, string>> = {
  clientId: 'client ID',
  resourceId: 'resource ID',
  objectId: 'object (principal) ID',
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}
th{width:14rem;font-weight:600}code,pre{font:13px ui-monospace,monospace;overflow-wrap:anywhere;white-space:pre-wrap}
.state{padding:.6rem 1rem;border-radius:.4rem;margin:1rem 0}.ready{background:#e6f4ea}.starting{background:#fff8e1}.failed{background:#fde8e8}
.error{border-left:4px solid #c62828;padding:.5rem 1rem;margin:1rem 0;background:#fdf3f3}.stale{border-left-color:#ef6c00;background:#fff6ec}
.yes{color:#1b5e20;font-weight:600}.no{color:#b71c1c;font-weight:600}small{color:#555}
`

function value(setting: unknown): string {
  return typeof setting === 'string' ? setting : JSON.stringify(setting)
}

function stateBanner(view: HomeView): SafeHtml {
  if (view.state === 'ready') {
    return html`<p class="state ready"><strong>Ready.</strong> Settings are loaded from App Configuration.</p>`
  }
  if (view.state === 'starting') {
    return html`<p class="state starting"><strong>Starting.</strong> Getting a token and loading settings…</p>`
  }
  return html`<p class="state failed"><strong>Not ready.</strong> Loading settings failed (attempt ${view.attempts}); the next attempt is at ${view.nextAttemptAt ?? 'soon'}.</p>`
}

function errorBlock(error: ViewError): SafeHtml {
  const title =
    error.during === 'start'
      ? 'Settings could not be loaded'
      : 'The last refresh failed — serving the last-known-good settings'
  return html`<section class="error${error.during === 'refresh' ? ' stale' : ''}">
<h3>${title}: <code>${error.code}</code></h3>
<p>${error.message}</p>
<p><strong>Fix:</strong></p><pre><code>${error.fix}</code></pre>
<p><small>At ${error.at}. Error codes: packages/credential/ERRORS.md (UAMI_CRED_…) and the sample kit README (UAMI_SAMPLE_…); run <code>uami doctor</code> on the host to check the whole chain.</small></p>
</section>`
}

function identitySection(view: HomeView): SafeHtml {
  const { identity } = view
  const claims = identity.claims
  const match = identity.match
  const claimRows = [
    ['oid (object ID)', claims?.oid],
    ['appid (client ID)', claims?.appid ?? claims?.azp],
    ['xms_mirid (identity resource ID)', claims?.xms_mirid],
    ['xms_az_rid (host resource ID)', claims?.xms_az_rid],
    ['tid (tenant)', claims?.tid],
    ['aud (audience)', Array.isArray(claims?.aud) ? claims?.aud.join(' ') : claims?.aud],
  ] as const
  return html`<h2>Identity</h2>
<table>
<tr><th>Chosen by</th><td>${KIND_LABELS[identity.kind] ?? identity.kind}, from <code>${identity.variable}</code></td></tr>
<tr><th>Value</th><td><code>${identity.value}</code></td></tr>
<tr><th>Credential</th><td><code>${identity.credential}</code> (host detected: ${identity.detectedHost})</td></tr>
</table>
<h2>Proof: the claims of the App Configuration token</h2>
${
  claims === undefined
    ? html`<p>No token yet.</p>`
    : html`<table>${claimRows.map(([name, claim]) => html`<tr><th>${name}</th><td><code>${claim ?? '—'}</code></td></tr>`)}</table>
<p>${
        match === undefined
          ? ''
          : match.matches
            ? html`<span class="yes">Match:</span> the <code>${match.claim}</code> claim equals <code>${identity.variable}</code>, so the token was issued to the configured identity.`
            : html`<span class="no">No match:</span> the <code>${match.claim}</code> claim is <code>${match.received ?? 'absent'}</code>, <code>${identity.variable}</code> is <code>${match.expected}</code>.${identity.detectedHost === 'developer-machine' ? ' On a developer machine DefaultAzureCredential signs in as you, not as the managed identity.' : ''}`
      }</p>
<p><small>Checked at ${identity.checkedAt ?? '—'}. The token itself is never shown or logged.</small></p>`
}`
}

function settingsSection(view: HomeView): SafeHtml {
  const settings = view.settings
  if (settings === undefined) return html`<h2>Settings</h2><p>Not loaded yet.</p>`
  const keys = Object.keys(settings.values).sort()
  return html`<h2>Settings from App Configuration</h2>
<p>From <code>${settings.endpoint}</code>. Last refreshed ${settings.lastRefreshedAt} (<strong>${settings.freshness}</strong>); values loaded ${settings.loadedAt}. The sample checks <code>${settings.sentinelKey}</code> every ${settings.refreshSeconds} s and reloads everything when it changes.</p>
${
  keys.length === 0
    ? html`<p>The store has no settings without a label.</p>`
    : html`<table><tr><th>Key</th><th>Value</th></tr>${keys.map((key) => html`<tr><td><a href="/config/${encodeURIComponent(key)}"><code>${key}</code></a></td><td><code>${value(settings.values[key])}</code></td></tr>`)}</table>`
}`
}

/**
 * Renders `/` as a small HTML page: what the sample is, the identity it chose and the claims that prove it, the
 * settings and when they were refreshed, and every error with its fix. Every value is escaped; the page has no
 * script.
 *
 * @param view - From {@link homeView}.
 * @returns The complete HTML document.
 */
export function renderPage(view: HomeView): string {
  const { sample } = view
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>uami sample: ${sample.title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<h1>uami sample: ${sample.title}</h1>
<p>A user-assigned managed identity chosen by <strong>${KIND_LABELS[sample.identifierKind] ?? sample.identifierKind}</strong>, reading Azure App Configuration. ${sample.why}</p>
${stateBanner(view)}
${view.errors.map(errorBlock)}
${identitySection(view)}
${settingsSection(view)}
<h2>How the credential was chosen</h2>
<ul>${view.identity.notes.map((note) => html`<li>${note}</li>`)}</ul>
<p><small>JSON: request this page with <code>Accept: application/json</code>. Also: <a href="/identity">/identity</a>, <a href="/readyz">/readyz</a>, <a href="/healthz">/healthz</a>.</small></p>
</body>
</html>
`.toString()
}

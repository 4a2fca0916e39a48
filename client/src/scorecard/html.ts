/**
 * The scorecard webview's HTML shell: a strict CSP (`default-src 'none'`, styles from the webview's cspSource, the
 * one script by nonce) and static markup only. Every piece of workspace data is rendered later by media/scorecard.js
 * with DOM APIs and textContent.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function scorecardHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString();
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('scorecard.css')}">
<title>Launch Readiness scorecard</title>
</head>
<body>
<header class="head">
  <div id="verdict" class="verdict unknown" role="status" aria-live="polite">Waiting for the first analysis…</div>
  <div class="toolbar">
    <select id="folder" aria-label="Workspace folder" hidden></select>
    <button id="rescan" type="button">Rescan</button>
    <select id="export" aria-label="Export report">
      <option value="">Export…</option>
      <option value="markdown">Markdown</option>
      <option value="html">HTML</option>
      <option value="sarif">SARIF</option>
      <option value="json">JSON</option>
    </select>
  </div>
  <div id="status" class="status"></div>
</header>
<section aria-labelledby="checks-title">
  <h2 id="checks-title">Checklist</h2>
  <ul id="checks" class="checks"></ul>
</section>
<section aria-labelledby="routes-title">
  <h2 id="routes-title">Routes</h2>
  <label class="filter">Show
    <select id="route-filter">
      <option value="all">all routes</option>
      <option value="fail">failing</option>
      <option value="warn">warnings</option>
      <option value="pass">passing</option>
    </select>
  </label>
  <table id="routes" class="routes">
    <thead><tr><th scope="col">Method</th><th scope="col">Path and protections</th><th scope="col">Status</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<section id="probe" aria-labelledby="probe-title">
  <h2 id="probe-title">Live probe</h2>
  <form id="probe-form">
    <label for="probe-url">Staging URL</label>
    <input id="probe-url" type="url" placeholder="https://staging.example.com" required>
    <label><input id="probe-burst" type="checkbox"> Allow request bursts (rate-limit check)</label>
    <label><input id="probe-post" type="checkbox"> Allow POST requests (webhook and malformed-body checks)</label>
    <div class="toolbar">
      <button id="probe-run" type="submit">Run probe</button>
      <button id="probe-cancel" type="button" disabled>Cancel</button>
    </div>
  </form>
  <div id="probe-result" aria-live="polite"></div>
</section>
<script nonce="${nonce}" src="${media('probe-view.js')}"></script>
<script nonce="${nonce}" src="${media('scorecard.js')}"></script>
</body>
</html>`;
}

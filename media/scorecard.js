// @ts-check
/**
 * Scorecard webview script: renders the verdict, the checklist rows (expandable to their findings), the route
 * table (filterable by status) and the probe section from the host's messages. Workspace data only ever reaches the
 * DOM through textContent and attributes set by DOM APIs. It posts `ready` first; the host answers with state.
 */
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  /** @type {{ filter: string, expanded: string[], url: string, burst: boolean, post: boolean, last?: any }} */
  const ui = Object.assign({ filter: 'all', expanded: [], url: '', burst: false, post: false }, vscode.getState() || {});
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const ICON = { pass: '✓', warn: '!', fail: '✗', unknown: '?', skip: '–', error: '✗' };
  const LABEL = { pass: 'passing', warn: 'warning', fail: 'failing', unknown: 'not checked', skip: 'skipped', error: 'error' };

  /** @param {string} tag @param {Record<string, any>} [attrs] @param {(Node|string)[]} [kids] */
  function el(tag, attrs, kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = String(v);
      else if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const kid of kids || []) node.append(kid);
    return node;
  }
  const save = () => vscode.setState(ui);

  function renderVerdict(/** @type {any} */ s) {
    const v = $('verdict');
    if (s.error) { v.className = 'verdict unknown error'; v.textContent = 'The language server did not answer: ' + s.error; return; }
    if (!s.scorecard) { v.className = 'verdict unknown'; v.textContent = 'Waiting for the first analysis…'; return; }
    const ready = s.scorecard.verdict === 'ready';
    v.className = 'verdict ' + s.scorecard.verdict;
    v.textContent = ready ? 'Support-ready' : 'Not launch-ready';
  }

  function findingItem(/** @type {any} */ f) {
    const where = f.uri.split('/').pop() + ':' + (f.range.start.line + 1);
    const open = () => vscode.postMessage({ type: 'openFinding', uri: f.uri, range: f.range });
    return el('li', {}, [el('button', { type: 'button', class: 'finding', title: f.message, onclick: open, text: where + ' — ' + f.message })]);
  }

  function checkRow(/** @type {any} */ row) {
    const li = el('li', { class: 'check ' + row.status, 'data-check': row.id });
    const expanded = ui.expanded.includes(row.id);
    const list = el('ul', { class: 'findings', id: 'findings-' + row.id }, row.items.map(findingItem));
    list.hidden = !expanded || !row.items.length;
    const toggle = () => {
      if (!row.items.length) return;
      list.hidden = !list.hidden;
      button.setAttribute('aria-expanded', String(!list.hidden));
      ui.expanded = list.hidden ? ui.expanded.filter((x) => x !== row.id) : [...ui.expanded, row.id];
      save();
    };
    const button = el('button', { type: 'button', class: 'row', 'aria-expanded': String(!list.hidden), 'aria-controls': list.id, onclick: toggle }, [
      el('span', { class: 'icon', 'aria-label': LABEL[row.status] || row.status, text: ICON[row.status] || '?' }),
      el('span', { class: 'title', text: row.title }),
      el('span', { class: 'count', title: row.findings + ' findings', text: row.findings }),
      el('span', { class: 'breaks', text: row.whatBreaks }),
    ]);
    li.append(button, list);
    return li;
  }

  /** A route's status: the worst severity among the scorecard findings that name it. */
  function routeStatuses(/** @type {any} */ scorecard) {
    /** @type {Map<string, string>} */
    const out = new Map();
    for (const row of scorecard ? scorecard.checks : []) {
      for (const f of row.items) {
        if (!f.route) continue;
        const s = f.severity === 'error' ? 'fail' : 'warn';
        if (out.get(f.route) !== 'fail') out.set(f.route, s);
      }
    }
    return out;
  }

  function renderRoutes(/** @type {any} */ s) {
    const body = /** @type {HTMLElement} */ (document.querySelector('#routes tbody'));
    const statuses = routeStatuses(s.scorecard);
    const rows = [];
    for (const r of s.routes || []) {
      const status = statuses.get(r.method + ' ' + r.path) || 'pass';
      if (ui.filter !== 'all' && ui.filter !== status) continue;
      const open = () => vscode.postMessage({ type: 'openRoute', uri: r.uri, line: r.line });
      const p = r.protections;
      const prot = el('div', { class: 'protections' }, [['auth', p.auth], ['roles', p.roles], ['rate limit', p.rateLimit], ['validation', p.validation]].map(([k, v]) =>
        el('span', { class: v ? 'has' : 'missing', text: k + ': ' + (v || 'none') })));
      rows.push(el('tr', { class: 'route ' + status, tabindex: 0, title: r.file + ':' + r.line, onclick: open, onkeydown: (/** @type {KeyboardEvent} */ e) => (e.key === 'Enter' || e.key === ' ') && open() }, [
        el('td', { class: 'method', text: r.method }),
        el('td', {}, [el('div', { class: 'path', text: r.path }), prot]),
        el('td', { class: 'route-status' }, [el('span', { class: 'icon', 'aria-hidden': 'true', text: ICON[status] + ' ' }), el('span', { text: LABEL[status] })]),
      ]));
    }
    if (!rows.length) rows.push(el('tr', {}, [el('td', { colspan: 3, text: (s.routes || []).length ? 'No route matches this filter.' : 'No routes found.' })]));
    body.replaceChildren(...rows);
  }

  function renderFolders(/** @type {any} */ s) {
    const select = /** @type {HTMLSelectElement} */ ($('folder'));
    select.hidden = s.folders.length < 2;
    select.replaceChildren(...s.folders.map((/** @type {any} */ f) => el('option', { value: f.uri, text: f.name })));
    if (s.folder) select.value = s.folder;
  }

  function renderState(/** @type {any} */ s) {
    ui.last = s;
    save();
    renderVerdict(s);
    renderFolders(s);
    $('checks').replaceChildren(...(s.scorecard ? s.scorecard.checks.map(checkRow) : []));
    renderRoutes(s);
    $('probe-run').toggleAttribute('disabled', !s.trusted);
    if (!s.trusted) $('probe-result').textContent = 'This workspace is not trusted: the probe is disabled.';
  }

  /** The server's one-line status, plus any folder's problem (invalid config, indexing failure) on its own line. */
  function renderStatus(/** @type {any} */ status) {
    const problems = status.folders.filter((/** @type {any} */ f) => f.problem).map((/** @type {any} */ f) => el('div', { class: 'error', text: f.name + ': ' + f.problem }));
    $('status').replaceChildren(el('div', { text: status.message }), ...problems);
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'state') renderState(m);
    else if (m.type === 'status') renderStatus(m.status);
    // @ts-ignore provided by probe-view.js, loaded with the same nonce.
    else if (m.type === 'probe') window.readinessProbe.render(m.probe);
  });

  $('rescan').addEventListener('click', () => vscode.postMessage({ type: 'rescan' }));
  $('folder').addEventListener('change', (e) => vscode.postMessage({ type: 'selectFolder', folder: /** @type {HTMLSelectElement} */ (e.target).value }));
  $('export').addEventListener('change', (e) => {
    const select = /** @type {HTMLSelectElement} */ (e.target);
    if (select.value) vscode.postMessage({ type: 'exportReport', format: select.value });
    select.value = '';
  });
  const filter = /** @type {HTMLSelectElement} */ ($('route-filter'));
  filter.value = ui.filter;
  filter.addEventListener('change', () => { ui.filter = filter.value; save(); if (ui.last) renderRoutes(ui.last); });
  // @ts-ignore
  window.readinessProbe.init(vscode, ui, save);
  if (ui.last) renderState(ui.last);
  vscode.postMessage({ type: 'ready' });
})();

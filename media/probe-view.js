// @ts-check
/**
 * The scorecard's probe section: target URL, consent toggles for bursts and POSTs, run/cancel (posted to the host,
 * which confirms the target and calls `readiness/probe`), then per-check results, a header grade and a latency chart
 * (P50/P95 per route against its budget line), drawn with DOM/SVG APIs only.
 */
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const ICON = { pass: '✓', warn: '!', fail: '✗', skip: '–', error: '✗' };

  /** @param {string} tag @param {Record<string, any>} attrs */
  function svg(tag, attrs, text) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = String(text);
    return n;
  }

  /** A letter grade from the checks that ran: pass counts 1, warn ½; any failure caps the grade at C. */
  function grade(/** @type {any[]} */ checks) {
    const ran = checks.filter((c) => c.status !== 'skip');
    if (!ran.length) return '–';
    const score = ran.reduce((n, c) => n + (c.status === 'pass' ? 1 : c.status === 'warn' ? 0.5 : 0), 0) / ran.length;
    const letter = score >= 0.9 ? 'A' : score >= 0.8 ? 'B' : score >= 0.7 ? 'C' : score >= 0.6 ? 'D' : 'F';
    return ran.some((c) => c.status === 'fail') && letter < 'C' ? 'C' : letter;
  }

  function chart(/** @type {any[]} */ latency) {
    const rowH = 18, left = 110, width = 300;
    const max = Math.max(1, ...latency.map((l) => Math.max(l.p95Ms, l.budgetMs || 0)));
    const scale = (/** @type {number} */ ms) => (ms / max) * (width - left - 10);
    const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${latency.length * rowH + 14}`, role: 'img', 'aria-label': 'Latency P50 and P95 per route against the budget' });
    latency.forEach((l, i) => {
      const y = i * rowH;
      root.append(svg('text', { x: 0, y: y + 11 }, l.route.length > 22 ? l.route.slice(0, 21) + '…' : l.route));
      root.append(svg('rect', { class: 'p95', x: left, y: y + 2, width: scale(l.p95Ms), height: 6 }, undefined));
      root.append(svg('rect', { class: 'p50', x: left, y: y + 9, width: scale(l.p50Ms), height: 6 }, undefined));
      if (l.budgetMs) root.append(svg('line', { class: 'budget', x1: left + scale(l.budgetMs), x2: left + scale(l.budgetMs), y1: y, y2: y + rowH - 2 }, undefined));
    });
    root.append(svg('text', { x: left, y: latency.length * rowH + 10 }, `P95 (top), P50 (bottom), dashed: budget; scale 0–${max} ms`));
    return root;
  }

  function renderReport(/** @type {any} */ report, /** @type {HTMLElement} */ out) {
    const head = document.createElement('div');
    head.className = 'grade';
    head.textContent = `Grade ${grade(report.checks)} — ${report.target} (${report.requests} requests)`;
    const list = document.createElement('ul');
    list.className = 'checks';
    for (const c of report.checks) {
      const li = document.createElement('li');
      li.className = 'check ' + c.status;
      const icon = document.createElement('span');
      icon.className = 'icon';
      icon.textContent = (ICON[c.status] || '?') + ' ';
      const text = document.createElement('span');
      text.textContent = `${c.id}: ${c.summary}`;
      li.append(icon, text);
      list.append(li);
    }
    out.replaceChildren(head, list);
    if (report.latency && report.latency.length) out.append(chart(report.latency));
  }

  /** @type {any} */
  const api = {
    init(/** @type {any} */ vscode, /** @type {any} */ ui, /** @type {() => void} */ save) {
      const url = /** @type {HTMLInputElement} */ ($('probe-url'));
      const burst = /** @type {HTMLInputElement} */ ($('probe-burst'));
      const post = /** @type {HTMLInputElement} */ ($('probe-post'));
      url.value = ui.url;
      burst.checked = ui.burst;
      post.checked = ui.post;
      const remember = () => { ui.url = url.value; ui.burst = burst.checked; ui.post = post.checked; save(); };
      for (const input of [url, burst, post]) input.addEventListener('change', remember);
      $('probe-form').addEventListener('submit', (e) => {
        e.preventDefault();
        remember();
        vscode.postMessage({ type: 'runProbe', url: url.value, allowBurst: burst.checked, allowPost: post.checked });
      });
      $('probe-cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancelProbe' }));
    },
    render(/** @type {any} */ p) {
      const out = $('probe-result');
      const running = p.state === 'running';
      $('probe-cancel').toggleAttribute('disabled', !running);
      if (p.state === 'idle') return;
      if (running) out.textContent = `Probing ${p.target}…`;
      else if (p.state === 'error') { out.textContent = p.message; out.className = 'error'; return; }
      else renderReport(p.report, out);
      out.className = '';
    },
  };
  // @ts-ignore a global shared with scorecard.js (both load by nonce; no modules in the webview).
  window.readinessProbe = api;
})();

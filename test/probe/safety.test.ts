// The probe's safety rules, checked from the servers' side: redirects to another host are reported and never
// followed, the budget caps a large burst, nothing but GET/HEAD/OPTIONS is sent without --allow-post, and every
// request the target received is in the report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from './targets';
import { INVENTORY } from './app';
import { startHttps, startRedirector, startSentinel } from './servers';
import { createContext, runProbe } from '../../server/src/probe';
import { GateRefusal } from '../../server/src/probe/gate';
import { httpsRedirectCheck } from '../../server/src/probe/checks/redirect';

let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());

test('an HTTP redirect to another host is reported, not followed', async () => {
  const sentinel = await startSentinel();
  const redirector = await startRedirector(`https://localhost:${sentinel.port}/`);
  try {
    const ctx = createContext({ url: 'https://127.0.0.1:9/', httpUrl: `http://127.0.0.1:${redirector.port}/` });
    const result = await httpsRedirectCheck(ctx);
    assert.equal(result.status, 'fail');
    assert.match(result.summary, /another host \(localhost:\d+\); reported, not followed/);
    assert.equal(sentinel.hits(), 0);
    assert.equal(ctx.gate.log.length, 1);
    assert.match(String(ctx.gate.log[0].location), /^https:\/\/localhost:/);
  } finally {
    await redirector.close();
    await sentinel.close();
  }
});

test('a target page that redirects to another host is never fetched there, in a full probe', async () => {
  const sentinel = await startSentinel();
  const away = `http://localhost:${sentinel.port}/login`;
  const server = await startHttps((_req, res) => {
    res.writeHead(302, { location: away });
    res.end();
  }, lab.pki.good);
  try {
    const r = await runProbe({ url: `https://127.0.0.1:${server.port}/`, ca: lab.pki.ca, routes: INVENTORY, latencySamples: 1, httpUrl: `http://127.0.0.1:${server.port + 0}/` });
    assert.equal(sentinel.hits(), 0);
    assert.ok(r.requestLog.every((x) => x.url.startsWith(`https://127.0.0.1:${server.port}/`) || x.url.startsWith(`http://127.0.0.1:${server.port}/`)));
    assert.ok(r.requestLog.some((x) => x.location === away));
  } finally {
    await server.close();
    await sentinel.close();
  }
});

test('the gate refuses another origin and PUT/DELETE before anything is sent', async () => {
  const sentinel = await startSentinel();
  try {
    const ctx = createContext({ url: `http://127.0.0.1:${sentinel.port + 1}/`, allowPost: true });
    await assert.rejects(ctx.gate.send({ method: 'GET', url: `http://127.0.0.1:${sentinel.port}/`, purpose: 'test' }), GateRefusal);
    await assert.rejects(ctx.gate.send({ method: 'DELETE' as 'GET', url: '/x', purpose: 'test' }), /never sent/);
    assert.equal(sentinel.hits(), 0);
    assert.equal(ctx.gate.requests, 0);
    assert.ok(ctx.gate.log.every((x) => x.error?.startsWith('not sent')));
  } finally {
    await sentinel.close();
  }
});

test('the budget caps a large burst: the server sees at most the budget', async () => {
  const t = await lab.start('bad');
  try {
    const r = await runProbe({ url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: INVENTORY, allowBurst: true, allowPost: true, burst: 1000, budget: 40, latencySamples: 2 });
    assert.equal(r.requests, 40);
    assert.ok(t.log.requests.length <= 40, `server saw ${t.log.requests.length}`);
    const sent = r.requestLog.filter((x) => x.method !== 'TLS' && !x.error?.startsWith('not sent'));
    assert.equal(sent.length, t.log.requests.length);
    assert.ok(r.requestLog.some((x) => x.error === 'not sent: request budget of 40 spent'));
    const rate = r.checks.find((c) => c.id === 'rate-limit')!;
    assert.notEqual(rate.status, 'pass');
  } finally {
    await t.close();
  }
});

test('without --allow-post and --allow-burst no POST is sent and those checks skip with the reason', async () => {
  const t = await lab.start('bad');
  try {
    const r = await runProbe({ url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: INVENTORY, latencySamples: 2 });
    assert.deepEqual([...new Set(t.log.requests.map((x) => x.method))].sort(), ['GET', 'OPTIONS']);
    const skip = Object.fromEntries(r.checks.filter((c) => c.status === 'skip').map((c) => [c.id, c.summary]));
    assert.match(skip['rate-limit'], /--allow-burst/);
    assert.match(skip['webhook-signature'], /--allow-post/);
    assert.match(skip['error-handling'], /--allow-post/);
    assert.ok(!r.latency.some((l) => l.route.startsWith('POST')));
  } finally {
    await t.close();
  }
});

test('--allow-burst alone bursts only GET routes; POST auth/chat routes are listed as needing --allow-post', async () => {
  const t = await lab.start('bad');
  try {
    const r = await runProbe({ url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: INVENTORY, allowBurst: true, latencySamples: 1 });
    assert.ok(!t.log.requests.some((x) => x.method === 'POST'));
    const rate = r.checks.find((c) => c.id === 'rate-limit')!;
    assert.equal(rate.status, 'skip');
    assert.match(rate.summary, /--allow-post/);
  } finally {
    await t.close();
  }
});

test('a spent budget turns unfinished checks into skip with the reason, never into a pass', async () => {
  const t = await lab.start('bad');
  try {
    const r = await runProbe({ url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: INVENTORY, allowBurst: true, allowPost: true, budget: 12, latencySamples: 1 });
    assert.equal(r.requests, 12);
    const byId = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    for (const id of ['rate-limit', 'bundle-secrets', 'health'] as const) {
      assert.equal(byId[id].status, 'skip', `${id}: ${byId[id].summary}`);
      assert.match(byId[id].summary, /budget (of 12 )?spent/);
    }
    assert.ok(!r.checks.some((c) => c.status === 'pass' && c.id !== 'edge'), r.checks.map((c) => `${c.id}=${c.status}`).join(' '));
  } finally {
    await t.close();
  }
});

test('a finding seen before the budget ran out is kept: a reflected Origin after 2 CORS requests still fails', async () => {
  const t = await lab.start('bad');
  try {
    // TLS handshake, plain-HTTP request and the page take 3 of the 5; CORS gets 2 before the gate refuses.
    const r = await runProbe({ url: t.url, httpUrl: t.httpUrl, ca: lab.pki.ca, routes: INVENTORY, budget: 5 });
    const cors = r.checks.find((c) => c.id === 'cors')!;
    assert.equal(cors.status, 'fail', cors.summary);
    assert.equal(r.requestLog.filter((x) => x.purpose === 'cors' && x.status).length, 2);
    assert.equal(t.log.requests.length, 4);
  } finally {
    await t.close();
  }
});

test('every request has a timeout: a server that never answers is logged as a timeout, not waited on', async () => {
  const { startHttp } = await import('./servers');
  const hung = await startHttp(() => {
    /* never responds */
  });
  try {
    const ctx = createContext({ url: `http://127.0.0.1:${hung.port}/`, timeoutMs: 200 });
    await assert.rejects(ctx.gate.send({ method: 'GET', url: '/', purpose: 'test' }));
    assert.equal(ctx.gate.log[0].error, 'timeout');
    assert.equal(ctx.gate.requests, 1);
  } finally {
    await hung.close();
  }
});

// Side-by-side of the probe with two reference checkers on the same local targets (not part of CI):
//  - header tests vs MDN HTTP Observatory's own retriever and tests (good, bad and "mixed" HTTPS targets), and
//  - SPF verdicts vs Debian's spfquery (Mail::SPF) against the same dns2 authoritative server.
// Run:  node --import tsx scripts/compare-probe.mjs
// Needs: Observatory installed outside the repo (npm i --ignore-scripts @mdn/mdn-http-observatory@1.4.8 in a cache
// folder, plus an empty {} at conf/hsts-preload.json; set OBSERVATORY_DIR to the package folder) and `spfquery`
// (apt spf-tools-perl). Everything runs on 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makePki } from '../test/probe/pki.ts';
import { createApp } from '../test/probe/app.ts';
import { startHttp, startHttps, startRedirector } from '../test/probe/servers.ts';
import { startDns, txtChunks } from '../test/probe/dns-server.ts';
import { testZones } from '../test/probe/zones.ts';
import { runProbe } from '../server/src/probe/index.ts';
import { DnsClient } from '../server/src/probe/dns/resolver.ts';
import { spfCheck } from '../server/src/probe/dns/spf.ts';

const run = promisify(execFile);
const OBS = process.env.OBSERVATORY_DIR ?? '/tmp/obs-cache/node_modules/@mdn/mdn-http-observatory';

const MIXED = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'",
  'x-frame-options': 'ALLOW-FROM https://partner.example',
  'referrer-policy': 'unsafe-url',
  'strict-transport-security': 'max-age=86400',
  'x-content-type-options': 'nosniff',
};

async function startTargets(pki) {
  const out = {};
  for (const profile of ['good', 'bad']) {
    const app = createApp(profile);
    const https = await startHttps(app.handler, pki.good);
    const http = profile === 'good' ? await startRedirector(`https://127.0.0.1:${https.port}/`) : await startHttp(app.handler);
    out[profile] = { https, http };
  }
  const https = await startHttps((_q, res) => {
    res.writeHead(200, { ...MIXED, 'content-type': 'text/html' });
    res.end('<!doctype html><title>mixed</title>');
  }, pki.good);
  out.mixed = { https, http: await startRedirector(`https://127.0.0.1:${https.port}/`, 302) };
  return out;
}

/** Observatory in a child process, so that NODE_EXTRA_CA_CERTS (read at startup) trusts the test CA. */
async function observatory(t, caFile) {
  const code = `
    const { retrieve } = await import(${JSON.stringify(join(OBS, 'src/retriever/retriever.js'))});
    const { ALL_TESTS } = await import(${JSON.stringify(join(OBS, 'src/constants.js'))});
    const r = await retrieve('127.0.0.1', { httpPort: '${t.http.port}', httpsPort: '${t.https.port}' });
    // Each output class carries the Observatory test name as its static \`name\` ("content-security-policy").
    const out = ALL_TESTS.map((test) => { const o = test(r); return { name: o.constructor.name, pass: o.pass, result: o.result }; });
    process.stdout.write(JSON.stringify(out));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
  return JSON.parse(stdout);
}

const PAIRS = [
  ['content-security-policy', 'content-security-policy', (r) => r.headers.tests['content-security-policy'].pass],
  ['x-content-type-options', 'x-content-type-options', (r) => r.headers.tests['x-content-type-options'].pass],
  ['x-frame-options', 'x-frame-options', (r) => r.headers.tests['x-frame-options'].pass],
  ['referrer-policy', 'referrer-policy', (r) => r.headers.tests['referrer-policy'].pass],
  ['strict-transport-security', 'hsts', (r) => r.byId.hsts.status],
  ['redirection', 'https-redirect', (r) => r.byId['https-redirect'].status],
  ['cross-origin-resource-sharing', 'cors', (r) => r.byId.cors.status],
];

async function compareHeaders(pki) {
  const targets = await startTargets(pki);
  const rows = [];
  for (const [name, t] of Object.entries(targets)) {
    const obs = await observatory(t, pki.caFile);
    const report = await runProbe({ url: `https://127.0.0.1:${t.https.port}/`, httpUrl: `http://127.0.0.1:${t.http.port}/`, ca: pki.ca, latencySamples: 1 });
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    const ours = { byId, headers: byId['security-headers'].evidence };
    for (const [obsName, ourName, ourPass] of PAIRS) {
      const o = obs.find((x) => x.name === obsName);
      // Header sub-tests are booleans; whole checks have a status, and only `pass` counts as Observatory's pass.
      const v = ourPass(ours);
      const status = typeof v === 'boolean' ? (v ? 'pass' : 'fail') : v;
      rows.push({ target: name, test: ourName, observatory: o ? `${o.pass ? 'pass' : 'fail'} (${o.result})` : 'n/a', ours: status, agree: o ? o.pass === (status === 'pass') : null });
    }
    rows.push({ target: name, test: 'grade', observatory: '-', ours: `${ours.headers.grade} (${ours.headers.score})`, agree: null });
  }
  for (const t of Object.values(targets)) await Promise.all([t.https.close(), t.http.close()]);
  return rows;
}

/** For an address that matches nothing, a protective record gives fail/softfail; see the mapping in docs/probe.md. */
const SPFQUERY_EXPECTS = { pass: 'pass', fail: 'pass', softfail: 'pass', neutral: 'warn', permerror: 'fail', none: 'fail', temperror: 'error' };

async function compareSpf() {
  const zones = { ...testZones(), 'softall.test': [{ type: 'TXT', data: txtChunks('v=spf1 ip4:192.0.2.1 ~all') }], 'neutral.test': [{ type: 'TXT', data: txtChunks('v=spf1 ip4:192.0.2.1 ?all') }] };
  const dns = await startDns(zones);
  const rows = [];
  for (const domain of ['good.test', 'softall.test', 'neutral.test', 'lookups.test', 'twospf.test', 'plusall.test', 'voids.test', 'nothing.test']) {
    const ours = await spfCheck(new DnsClient(dns.server, 1000), domain);
    let ref;
    try {
      ref = (await run('spfquery', ['--scope', 'mfrom', '--id', `postmaster@${domain}`, '--ip-address', '198.18.0.1', '--helo-id', 'probe.test'], { env: { ...process.env, RES_NAMESERVERS: '127.0.0.1', RES_OPTIONS: `port:${dns.port}` } })).stdout;
    } catch (e) {
      ref = e.stdout ?? '';
    }
    const verdict = ref.split('\n')[0].trim();
    // "pass" for a random address means the record lets anyone send: that is our fail, not our pass.
    const expected = verdict === 'pass' ? 'fail' : SPFQUERY_EXPECTS[verdict] ?? '?';
    rows.push({ domain, spfquery: verdict, 'spfquery→ours': expected, ours: ours.status, agree: expected === ours.status, why: ours.summary });
  }
  await dns.close();
  return rows;
}

const pki = makePki();
try {
  if (!existsSync(join(OBS, 'conf/hsts-preload.json'))) writeFileSync(join(OBS, 'conf/hsts-preload.json'), '{}');
  console.log('Headers: MDN HTTP Observatory vs readiness probe');
  console.table(await compareHeaders(pki));
  console.log('SPF: spfquery (Mail::SPF, address 198.18.0.1) vs readiness probe');
  console.table(await compareSpf());
} finally {
  pki.cleanup();
}

// SPF, DKIM, DMARC, MX and CAA against a real authoritative DNS server (dns2 on 127.0.0.1) serving a good domain
// and one domain per defect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDns, type DnsTestServer } from './dns-server';
import { testZones } from './zones';
import { DnsClient } from '../../server/src/probe/dns/resolver';
import { spfCheck } from '../../server/src/probe/dns/spf';
import { dkimCheck, rsaModulusBits } from '../../server/src/probe/dns/dkim';
import { caaCheck, dmarcCheck, mxCheck } from '../../server/src/probe/dns/dmarc-mx-caa';

let dns: DnsTestServer;
const client = () => new DnsClient(dns.server, 1000);

before(async () => {
  dns = await startDns(testZones());
});
after(() => dns.close());

test('a healthy domain passes every mail check', async () => {
  const c = client();
  const spf = await spfCheck(c, 'good.test');
  assert.equal(spf.status, 'pass', spf.summary);
  assert.equal(spf.evidence.lookups, 1);
  const dkim = await dkimCheck(c, 'good.test', ['sel1']);
  assert.equal(dkim.status, 'pass', dkim.summary);
  assert.match(dkim.summary, /RSA 2048-bit/);
  assert.equal((await dmarcCheck(c, 'good.test')).status, 'pass');
  const mx = await mxCheck(c, 'good.test');
  assert.equal(mx.status, 'pass', mx.summary);
  const caa = await caaCheck(c, 'good.test');
  assert.equal(caa.status, 'pass');
  assert.match(caa.summary, /letsencrypt\.org/);
  assert.ok(c.queries.includes('TXT _dmarc.good.test'));
});

test('SPF with 11 DNS-querying terms fails and suggests flattening', async () => {
  const spf = await spfCheck(client(), 'lookups.test');
  assert.equal(spf.status, 'fail');
  assert.equal(spf.evidence.lookups, 11);
  assert.match(String(spf.evidence.suggestion), /flatten/);
});

test('two SPF records fail with one merged record suggested', async () => {
  const spf = await spfCheck(client(), 'twospf.test');
  assert.equal(spf.status, 'fail');
  assert.match(spf.summary, /2 SPF records/);
  assert.equal(spf.evidence.suggestion, 'twospf.test TXT "v=spf1 ip4:192.0.2.1 include:_spf.google.com ~all"');
});

test('+all fails and the suggestion ends in -all', async () => {
  const spf = await spfCheck(client(), 'plusall.test');
  assert.equal(spf.status, 'fail');
  assert.match(spf.summary, /\+all/);
  assert.equal(spf.evidence.suggestion, 'plusall.test TXT "v=spf1 ip4:192.0.2.1 -all"');
});

test('three void lookups fail SPF (limit 2)', async () => {
  const spf = await spfCheck(client(), 'voids.test');
  assert.equal(spf.status, 'fail');
  assert.equal(spf.evidence.voidLookups, 3);
});

test('a missing SPF record fails', async () => {
  const spf = await spfCheck(client(), 'nothing.test');
  assert.equal(spf.status, 'fail');
  assert.match(spf.summary, /no SPF record/);
});

test('DMARC p=none warns and suggests the next step to quarantine', async () => {
  const d = await dmarcCheck(client(), 'pnone.test');
  assert.equal(d.status, 'warn');
  assert.match(String(d.evidence.suggestion), /p=quarantine/);
});

test('no DMARC record fails with a starting record (p=none, rua, strict alignment)', async () => {
  const d = await dmarcCheck(client(), 'nodmarc.test');
  assert.equal(d.status, 'fail');
  assert.match(String(d.evidence.suggestion), /v=DMARC1; p=none; rua=mailto:dmarc-reports@nodmarc\.test; adkim=s; aspf=s/);
});

test('a subdomain without its own DMARC record uses the organisational domain', async () => {
  const d = await dmarcCheck(client(), 'mail.good.test');
  assert.equal(d.status, 'pass');
  assert.equal(d.evidence.at, '_dmarc.good.test');
});

test('a 1024-bit DKIM key warns, a revoked key fails, a named selector without a key fails', async () => {
  const weak = await dkimCheck(client(), 'weakdkim.test', ['sel1']);
  assert.equal(weak.status, 'warn');
  assert.match(weak.summary, /RSA 1024-bit/);
  assert.match(String(weak.evidence.suggestion), /-b 2048/);
  assert.equal((await dkimCheck(client(), 'revoked.test', ['sel1'])).status, 'fail');
  assert.equal((await dkimCheck(client(), 'good.test', ['nope'])).status, 'fail');
});

test('DKIM falls back to common selectors and only warns when none is found', async () => {
  const d = await dkimCheck(client(), 'pnone.test', undefined);
  assert.equal(d.status, 'warn');
  assert.match(d.summary, /common selectors/);
});

test('MX hosts that do not resolve fail; no MX warns; no CAA warns', async () => {
  assert.equal((await mxCheck(client(), 'nodmarc.test')).status, 'fail');
  assert.equal((await mxCheck(client(), 'pnone.test')).status, 'warn');
  const caa = await caaCheck(client(), 'pnone.test');
  assert.equal(caa.status, 'warn');
  assert.match(String(caa.evidence.suggestion), /CAA 0 issue/);
});

test('a DNS server that does not answer is an error, not a verdict', async () => {
  const dead = new DnsClient('127.0.0.1:9', 300);
  await assert.rejects(() => spfCheck(dead, 'good.test'), /ECONNREFUSED|ETIMEOUT|TIMEOUT/i);
});

test('the DKIM modulus is read from the DER of p= (SPKI and PKCS#1)', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const key = generateKeyPairSync('rsa', { modulusLength: 1536 }).publicKey;
  assert.equal(rsaModulusBits(key.export({ type: 'spki', format: 'der' }).toString('base64')), 1536);
  assert.equal(rsaModulusBits(key.export({ type: 'pkcs1', format: 'der' }).toString('base64')), 1536);
  assert.equal(rsaModulusBits('bm90IGEga2V5'), undefined);
});

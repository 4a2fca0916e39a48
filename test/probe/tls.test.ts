// tls-cert against real node HTTPS servers on 127.0.0.1 serving certificates made by openssl at test time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makePki, type KeyPair, type TestPki } from './pki';
import { startHttps } from './servers';
import { createContext } from '../../server/src/probe';
import { tlsCertCheck } from '../../server/src/probe/checks/tls';

let pki: TestPki;
before(() => {
  pki = makePki();
});
after(() => pki.cleanup());

async function probeCert(pair: KeyPair, opts: { ca?: boolean; host?: string } = {}) {
  const server = await startHttps((_req, res) => res.end('ok'), pair);
  try {
    const ctx = createContext({ url: `https://${opts.host ?? '127.0.0.1'}:${server.port}/`, ca: opts.ca === false ? undefined : pki.ca });
    const result = await tlsCertCheck(ctx);
    return { result, log: ctx.gate.log };
  } finally {
    await server.close();
  }
}

test('a certificate from the trusted test CA for 127.0.0.1 passes, and the handshake is logged', async () => {
  const { result, log } = await probeCert(pki.good);
  assert.equal(result.status, 'pass', result.summary);
  assert.ok(Number(result.evidence.daysLeft) > 190);
  assert.deepEqual(log.map((r) => r.method), ['TLS']);
});

test('the same certificate without --ca is untrusted', async () => {
  const { result } = await probeCert(pki.good, { ca: false });
  assert.equal(result.status, 'fail');
  assert.match(String(result.evidence.authorizationError), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
});

test('a certificate expiring in 5 days warns', async () => {
  const { result } = await probeCert(pki.shortLived);
  assert.equal(result.status, 'warn');
  assert.match(result.summary, /expires in [45] days/);
});

test('an expired certificate fails with CERT_HAS_EXPIRED', async () => {
  const { result } = await probeCert(pki.expired);
  assert.equal(result.status, 'fail');
  assert.equal(result.evidence.authorizationError, 'CERT_HAS_EXPIRED');
  assert.match(result.summary, /expired/);
});

test('a self-signed certificate fails', async () => {
  const { result } = await probeCert(pki.selfSigned);
  assert.equal(result.status, 'fail');
  assert.equal(result.evidence.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
});

test('a trusted certificate for another host name fails the hostname check', async () => {
  const { result } = await probeCert(pki.wrongHost);
  assert.equal(result.status, 'fail');
  assert.equal(result.evidence.hostnameMatches, false);
  assert.match(result.summary, /not valid for 127\.0\.0\.1/);
});

test('a plain-HTTP target fails tls-cert without any connection', async () => {
  const ctx = createContext({ url: 'http://127.0.0.1:9/' });
  const result = await tlsCertCheck(ctx);
  assert.equal(result.status, 'fail');
  assert.equal(ctx.gate.requests, 0);
});

/**
 * Good and defective mail-DNS zones for the probe tests, one domain per defect so every check's verdict is tested
 * on its own. DKIM keys are generated at test time (2048-bit for the good domain, 1024-bit for the weak one).
 */
import { generateKeyPairSync } from 'node:crypto';
import { txtChunks, type Rr, type Zone } from './dns-server';

function dkimKey(bits: number): string {
  const der = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' });
  return `v=DKIM1; k=rsa; p=${der.toString('base64')}`;
}

const txt = (...values: string[]): Rr[] => values.map((v) => ({ type: 'TXT', data: txtChunks(v) }));
const mail = (domain: string): Zone => ({
  [`mx.${domain}`]: [{ type: 'A', address: '192.0.2.25' }],
});

/** A complete, healthy domain: SPF with one nested include, 2048-bit DKIM, p=reject DMARC, MX, CAA. */
function good(): Zone {
  return {
    'good.test': [
      ...txt('v=spf1 ip4:192.0.2.0/24 include:_spf.mail.good.test -all', 'google-site-verification=abc'),
      { type: 'MX', exchange: 'mx.good.test', priority: 10 },
      { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
    ],
    '_spf.mail.good.test': txt('v=spf1 ip4:198.51.100.0/24 ~all'),
    'sel1._domainkey.good.test': txt(dkimKey(2048)),
    '_dmarc.good.test': txt('v=DMARC1; p=reject; rua=mailto:dmarc@good.test; adkim=s; aspf=s'),
    ...mail('good.test'),
  };
}

/** Eleven includes: one over the limit of ten DNS-querying terms. */
function tooManyLookups(): Zone {
  const zone: Zone = { 'lookups.test': txt(`v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.lookups.test`).join(' ')} -all`) };
  for (let i = 0; i < 11; i++) zone[`s${i}.lookups.test`] = txt(`v=spf1 ip4:203.0.113.${i} -all`);
  return zone;
}

function defects(): Zone {
  return {
    ...tooManyLookups(),
    'twospf.test': txt('v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:_spf.google.com ~all'),
    'plusall.test': txt('v=spf1 ip4:192.0.2.1 +all'),
    'voids.test': txt('v=spf1 a:n1.voids.test a:n2.voids.test a:n3.voids.test -all'),
    'pnone.test': txt('v=spf1 -all'),
    '_dmarc.pnone.test': txt('v=DMARC1; p=none'),
    'weakdkim.test': txt('v=spf1 -all'),
    'sel1._domainkey.weakdkim.test': txt(dkimKey(1024)),
    'revoked.test': txt('v=spf1 -all'),
    'sel1._domainkey.revoked.test': txt('v=DKIM1; k=rsa; p='),
    'nodmarc.test': [...txt('v=spf1 -all'), { type: 'MX', exchange: 'nowhere.nodmarc.test', priority: 10 }],
  };
}

export function testZones(): Zone {
  return { ...good(), ...defects() };
}

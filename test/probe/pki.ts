/**
 * A throwaway test PKI made with the real openssl CLI at test time (no key is ever committed): a CA, a valid leaf
 * for localhost/127.0.0.1, a leaf that expires in 5 days, an expired leaf (back-dated with `openssl ca`, which
 * OpenSSL 3.0's `x509` cannot do), a self-signed leaf and a leaf for another host name.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestPki {
  dir: string;
  ca: string;
  caFile: string;
  good: KeyPair;
  shortLived: KeyPair;
  expired: KeyPair;
  selfSigned: KeyPair;
  wrongHost: KeyPair;
  cleanup(): void;
}

const SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function ssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function leaf(dir: string, name: string, days: number, san = SAN): KeyPair {
  writeFileSync(join(dir, `${name}.ext`), `${san}\nbasicConstraints=CA:FALSE\n`);
  ssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  ssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', String(days), '-extfile', `${name}.ext`]);
  return read(dir, name);
}

function read(dir: string, name: string): KeyPair {
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.crt`), 'utf8') };
}

/** `openssl ca` accepts explicit start and end dates, which is how a certificate that expired in 2021 is made. */
function expiredLeaf(dir: string): KeyPair {
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    ['[ca]', 'default_ca=test', '[test]', 'dir=.', 'database=index.txt', 'serial=serial', 'new_certs_dir=newcerts',
      'certificate=ca.crt', 'private_key=ca.key', 'default_md=sha256', 'policy=any', 'copy_extensions=none', 'x509_extensions=leaf',
      '[any]', 'commonName=supplied', '[leaf]', SAN, 'basicConstraints=CA:FALSE', ''].join('\n'),
  );
  ssl(dir, ['req', ...EC, '-keyout', 'expired.key', '-out', 'expired.csr', '-subj', '/CN=expired']);
  ssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-in', 'expired.csr', '-out', 'expired.crt', '-startdate', '20200101000000Z', '-enddate', '20210101000000Z', '-notext']);
  return read(dir, 'expired');
}

export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-pki-'));
  ssl(dir, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=Readiness Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const good = leaf(dir, 'good', 200);
  const shortLived = leaf(dir, 'short', 5);
  const wrongHost = leaf(dir, 'wronghost', 200, 'subjectAltName=DNS:other.example');
  const expired = expiredLeaf(dir);
  ssl(dir, ['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.crt', '-days', '200', '-subj', '/CN=self', '-addext', SAN]);
  return {
    dir,
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    caFile: join(dir, 'ca.crt'),
    good,
    shortLived,
    expired,
    selfSigned: read(dir, 'self'),
    wrongHost,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

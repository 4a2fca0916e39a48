/**
 * `tls-cert`: is the certificate trusted, valid for the host and far enough from expiry? One handshake through
 * node:tls with verification off (so that an untrusted certificate can still be described), judged from
 * `authorized`, `authorizationError`, `checkServerIdentity` and `valid_to`.
 */
import { connect, checkServerIdentity, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import { GateRefusal, errorCode, trustStore } from '../gate';
import { check, type ProbeContext } from '../context';
import type { ProbeCheck } from '../types';

const DAY = 86_400_000;
const WARN_DAYS = 30;

interface Handshake {
  authorized: boolean;
  authorizationError?: string;
  cert: PeerCertificate;
  protocol: string | null;
}

function handshake(host: string, port: number, ca: string | undefined, timeoutMs: number): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: isIP(host) ? undefined : host, ca: trustStore(ca), rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const result = {
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined,
        cert: socket.getPeerCertificate(),
        protocol: socket.getProtocol(),
      };
      socket.end();
      resolve(result);
    });
  });
}

export async function tlsCertCheck(ctx: ProbeContext, now = Date.now()): Promise<ProbeCheck> {
  const { target } = ctx;
  if (target.protocol !== 'https:') return check('tls-cert', 'fail', `${target.origin} is served over plain HTTP, without TLS`);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  const record = (() => {
    try {
      return ctx.gate.reserve('TLS', target, 'tls-cert');
    } catch (e) {
      return e as GateRefusal;
    }
  })();
  if (record instanceof GateRefusal) return check('tls-cert', 'skip', `not checked: ${record.message}`);
  let hs: Handshake;
  const started = performance.now();
  try {
    hs = await handshake(host, port, ctx.options.ca, ctx.options.timeoutMs);
  } catch (e) {
    record.error = errorCode(e);
    return check('tls-cert', 'error', `TLS handshake with ${target.host} failed (${record.error})`);
  } finally {
    record.ms = Math.round(performance.now() - started);
  }
  return judge(hs, host, now);
}

function judge(hs: Handshake, host: string, now: number): ProbeCheck {
  const validTo = Date.parse(hs.cert.valid_to);
  const daysLeft = Math.floor((validTo - now) / DAY);
  const identityError = checkServerIdentity(host, hs.cert);
  const evidence = {
    subject: hs.cert.subject?.CN,
    issuer: hs.cert.issuer?.CN,
    subjectAltName: hs.cert.subjectaltname,
    validFrom: hs.cert.valid_from,
    validTo: hs.cert.valid_to,
    daysLeft,
    protocol: hs.protocol,
    trusted: hs.authorized,
    authorizationError: hs.authorizationError ?? null,
    hostnameMatches: !identityError && hs.authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID',
  };
  // node checks the host name during the handshake too; report that as a host-name problem, not a trust one.
  if (!hs.authorized && hs.authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const why = hs.authorizationError === 'CERT_HAS_EXPIRED' ? `expired on ${hs.cert.valid_to}` : `not trusted (${hs.authorizationError})`;
    return check('tls-cert', 'fail', `certificate ${why}`, evidence);
  }
  if (!evidence.hostnameMatches) return check('tls-cert', 'fail', `certificate is not valid for ${host} (${evidence.subjectAltName ?? 'no SAN'})`, evidence);
  if (daysLeft < WARN_DAYS) return check('tls-cert', 'warn', `certificate expires in ${daysLeft} days (renew before ${WARN_DAYS})`, evidence);
  return check('tls-cert', 'pass', `trusted certificate for ${host}, ${daysLeft} days left`, evidence);
}

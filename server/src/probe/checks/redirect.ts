/**
 * `https-redirect`: a plain-HTTP request must be sent to HTTPS on the same host with a permanent redirect (301/308).
 * The redirect is read, never followed: its Location is evidence, and another host is a finding, not a hop.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, pickHeaders, type ProbeContext } from '../context';
import type { ProbeCheck } from '../types';

export function plainHttpUrl(target: URL, httpUrl?: string): URL {
  if (httpUrl) return new URL(httpUrl);
  const u = new URL(target.href);
  u.protocol = 'http:';
  u.port = '';
  return u;
}

export async function httpsRedirectCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  if (ctx.target.protocol !== 'https:') return check('https-redirect', 'fail', 'the target itself is plain HTTP; serve it over HTTPS and redirect HTTP to it');
  const from = plainHttpUrl(ctx.target, ctx.options.httpUrl);
  let res;
  try {
    res = await ctx.gate.send({ method: 'GET', url: from.href, purpose: 'https-redirect' });
  } catch (e) {
    if (e instanceof GateRefusal) return check('https-redirect', 'skip', `not checked: ${e.message}`);
    const code = errorCode(e);
    // Nothing listening on plain HTTP cannot be downgraded; an explicit --http-url that fails is an error.
    if (code === 'ECONNREFUSED' && !ctx.options.httpUrl) return check('https-redirect', 'pass', `${from.host} does not serve plain HTTP`, { url: from.href, error: code });
    return check('https-redirect', 'error', `could not reach ${from.href} (${code})`, { url: from.href, error: code });
  }
  const evidence = { request: `GET ${from.href}`, status: res.status, headers: pickHeaders(res.headers, ['location']) };
  const location = res.headers.location;
  if (res.status < 300 || res.status >= 400 || !location) {
    return check('https-redirect', 'fail', `plain HTTP answers ${res.status} instead of redirecting to HTTPS`, evidence);
  }
  const to = new URL(location, from);
  if (to.protocol !== 'https:') return check('https-redirect', 'fail', `HTTP redirects to ${to.protocol}// instead of https://`, evidence);
  if (to.hostname !== ctx.target.hostname) {
    return check('https-redirect', 'fail', `HTTP redirects to another host (${to.host}); reported, not followed`, evidence);
  }
  if (res.status !== 301 && res.status !== 308) {
    return check('https-redirect', 'warn', `HTTP redirects to HTTPS with a temporary ${res.status}; use 301 or 308`, evidence);
  }
  return check('https-redirect', 'pass', `HTTP redirects to HTTPS on the same host with ${res.status}`, evidence);
}

/**
 * `hsts` and `security-headers`, read from the target page's response. The header grade starts at 100 and applies
 * the modifiers documented in docs/probe.md (close to MDN HTTP Observatory's, so that teams who know that scale can
 * read ours); bonuses can take it above 100.
 */
import { check, pickHeaders, type PageResult, type ProbeContext } from '../context';
import type { ProbeCheck } from '../types';

export const HSTS_MIN_SECONDS = 180 * 86_400;

export interface HstsInfo {
  present: boolean;
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
}

export function parseHsts(value: string | undefined): HstsInfo {
  if (!value) return { present: false, includeSubDomains: false, preload: false };
  const parts = value.split(';').map((p) => p.trim().toLowerCase());
  const maxAge = parts.find((p) => p.startsWith('max-age='));
  return {
    present: true,
    maxAge: maxAge ? Number(maxAge.slice(8).replace(/"/g, '')) : undefined,
    includeSubDomains: parts.includes('includesubdomains'),
    preload: parts.includes('preload'),
  };
}

/** One graded test: whether it passes, its score modifier, and what was seen. */
export interface HeaderTest {
  pass: boolean;
  modifier: number;
  detail: string;
}

export function parseCsp(value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources.map((s) => s.toLowerCase()));
  }
  return out;
}

function cspTest(value: string | undefined): HeaderTest {
  if (!value) return { pass: false, modifier: -25, detail: 'Content-Security-Policy not set' };
  const csp = parseCsp(value);
  const script = csp.get('script-src') ?? csp.get('default-src');
  if (!script) return { pass: false, modifier: -25, detail: 'CSP has neither default-src nor script-src' };
  const hashed = script.some((s) => /^'(nonce-|sha256-|sha384-|sha512-)/.test(s));
  if (script.includes("'unsafe-inline'") && !hashed) return { pass: false, modifier: -20, detail: "CSP allows 'unsafe-inline' scripts" };
  if (script.includes("'unsafe-eval'")) return { pass: false, modifier: -10, detail: "CSP allows 'unsafe-eval'" };
  if (script.some((s) => s === '*' || s === 'http:' || s === 'https:' || s === 'data:')) return { pass: false, modifier: -20, detail: 'CSP allows scripts from any host' };
  const strict = csp.get('default-src')?.includes("'none'");
  return { pass: true, modifier: strict ? 10 : 0, detail: strict ? "CSP with default-src 'none'" : 'CSP without unsafe sources' };
}

function framingTest(xfo: string | undefined, csp: string | undefined): HeaderTest {
  if (csp && parseCsp(csp).has('frame-ancestors')) return { pass: true, modifier: 5, detail: 'CSP frame-ancestors set' };
  const v = xfo?.trim().toLowerCase();
  if (v === 'deny' || v === 'sameorigin') return { pass: true, modifier: 0, detail: `X-Frame-Options ${v.toUpperCase()}` };
  return { pass: false, modifier: -20, detail: xfo ? `X-Frame-Options "${xfo}" is not DENY/SAMEORIGIN` : 'no X-Frame-Options or frame-ancestors' };
}

const SAFE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin'];

function referrerTest(value: string | undefined): HeaderTest {
  if (!value) return { pass: true, modifier: 0, detail: 'Referrer-Policy not set (browser default strict-origin-when-cross-origin)' };
  const last = value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean).pop() ?? '';
  if (SAFE_REFERRER.includes(last)) return { pass: true, modifier: 5, detail: `Referrer-Policy ${last}` };
  if (UNSAFE_REFERRER.includes(last)) return { pass: false, modifier: -5, detail: `Referrer-Policy ${last} leaks URLs to other sites` };
  return { pass: false, modifier: -5, detail: `Referrer-Policy "${value}" not recognised` };
}

function hstsTest(info: HstsInfo, https: boolean): HeaderTest {
  if (!https) return { pass: false, modifier: -20, detail: 'not HTTPS' };
  if (!info.present || info.maxAge === undefined || Number.isNaN(info.maxAge)) return { pass: false, modifier: -20, detail: 'Strict-Transport-Security not set' };
  if (info.maxAge < HSTS_MIN_SECONDS) return { pass: false, modifier: -10, detail: `HSTS max-age ${info.maxAge}s is under 180 days` };
  return { pass: true, modifier: info.preload ? 5 : 0, detail: `HSTS max-age ${info.maxAge}s` };
}

export function gradeHeaders(h: Record<string, string>, https: boolean): { score: number; grade: string; tests: Record<string, HeaderTest> } {
  const nosniff = h['x-content-type-options']?.trim().toLowerCase() === 'nosniff';
  const banner = h['server'] && /\d/.test(h['server']) ? h['server'] : undefined;
  const tests: Record<string, HeaderTest> = {
    'content-security-policy': cspTest(h['content-security-policy']),
    'x-content-type-options': nosniff ? { pass: true, modifier: 0, detail: 'nosniff' } : { pass: false, modifier: -5, detail: 'X-Content-Type-Options: nosniff not set' },
    'x-frame-options': framingTest(h['x-frame-options'], h['content-security-policy']),
    'referrer-policy': referrerTest(h['referrer-policy']),
    'strict-transport-security': hstsTest(parseHsts(h['strict-transport-security']), https),
    'permissions-policy': h['permissions-policy'] ? { pass: true, modifier: 5, detail: 'Permissions-Policy set' } : { pass: false, modifier: 0, detail: 'Permissions-Policy not set' },
    'version-banners': {
      pass: !banner && !h['x-powered-by'],
      modifier: (banner ? -5 : 0) + (h['x-powered-by'] ? -5 : 0),
      detail: [banner && `Server: ${banner}`, h['x-powered-by'] && `X-Powered-By: ${h['x-powered-by']}`].filter(Boolean).join(', ') || 'no version banners',
    },
  };
  const score = Math.max(0, 100 + Object.values(tests).reduce((s, t) => s + t.modifier, 0));
  return { score, grade: letter(score), tests };
}

export function letter(score: number): string {
  return score >= 100 ? 'A+' : score >= 90 ? 'A' : score >= 70 ? 'B' : score >= 50 ? 'C' : score >= 25 ? 'D' : 'F';
}

function noPage(id: 'hsts' | 'security-headers', page: PageResult): ProbeCheck | undefined {
  if ('error' in page) return check(id, 'error', `could not fetch the target page (${page.error})`);
  return undefined;
}

export async function hstsCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  if (ctx.target.protocol !== 'https:') return check('hsts', 'fail', 'HSTS needs HTTPS; the target is plain HTTP');
  const page = await ctx.page();
  const failed = noPage('hsts', page);
  if (failed || 'error' in page) return failed!;
  const raw = page.response.headers['strict-transport-security'];
  const info = parseHsts(raw);
  const evidence = { request: `GET ${page.response.url}`, status: page.response.status, header: raw ?? null, ...info };
  if (!info.present || info.maxAge === undefined || Number.isNaN(info.maxAge)) return check('hsts', 'fail', 'no Strict-Transport-Security header (add max-age=31536000; includeSubDomains)', evidence);
  const extras = [info.includeSubDomains && 'includeSubDomains', info.preload && 'preload'].filter(Boolean).join(', ');
  if (info.maxAge < HSTS_MIN_SECONDS) return check('hsts', 'warn', `HSTS max-age=${info.maxAge} is under 180 days (${HSTS_MIN_SECONDS})`, evidence);
  return check('hsts', 'pass', `HSTS max-age=${info.maxAge}${extras ? ` with ${extras}` : ''}`, evidence);
}

export async function securityHeadersCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  const page = await ctx.page();
  const failed = noPage('security-headers', page);
  if (failed || 'error' in page) return failed!;
  const h = page.response.headers;
  const { score, grade, tests } = gradeHeaders(h, ctx.target.protocol === 'https:');
  const names = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'server', 'x-powered-by'];
  const evidence = { request: `GET ${page.response.url}`, status: page.response.status, score, grade, tests, headers: pickHeaders(h, names) };
  const missing = Object.entries(tests).filter(([, t]) => !t.pass && t.modifier < 0).map(([k]) => k);
  const status = score >= 90 ? 'pass' : score >= 50 ? 'warn' : 'fail';
  const tail = missing.length ? `; to fix: ${missing.join(', ')}` : '';
  return check('security-headers', status, `header grade ${grade} (${score}/100)${tail}`, evidence);
}

/**
 * `bundle-secrets`: what the browser downloads. The target page's inline scripts, its same-origin scripts and their
 * source maps (when served) are scanned with the same secret patterns as the static rules (`scanSecrets`), so a key
 * found here is the same finding the code scan would make. Other-origin scripts are listed, never fetched.
 */
import { GateRefusal, errorCode } from '../gate';
import { check, type ProbeContext } from '../context';
import { scanSecrets } from '../../model/secrets/scan';
import { LineMap } from '../../model/span';
import type { ProbeCheck } from '../types';

const MAX_SCRIPTS = 12;
const MAX_BYTES = 5 * 1024 * 1024;

interface Hit {
  where: string;
  line: number;
  kind: string;
  title: string;
  preview: string;
  confidence: string;
}

export function scriptSources(html: string): { srcs: string[]; inline: string[] } {
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)].map((m) => m[1]);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]).filter((s) => s.trim());
  return { srcs, inline };
}

function scan(text: string, where: string): Hit[] {
  return scanSecrets(text, new LineMap(text)).map((s) => ({ where, line: s.span.line, kind: s.kind, title: s.title, preview: s.preview, confidence: s.confidence }));
}

/** The text a source map carries: its `sourcesContent`, which is where original code (and its secrets) lives. */
function mapText(json: string): string | undefined {
  try {
    const map = JSON.parse(json) as { sourcesContent?: (string | null)[] };
    return (map.sourcesContent ?? []).filter((s): s is string => typeof s === 'string').join('\n');
  } catch {
    return undefined;
  }
}

function mapUrl(script: string, headers: Record<string, string>): string | undefined {
  const fromHeader = headers['sourcemap'] ?? headers['x-sourcemap'];
  if (fromHeader) return fromHeader;
  const m = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(script.slice(-2000));
  return m?.[1];
}

async function scanScript(ctx: ProbeContext, url: URL, hits: Hit[], fetched: string[]): Promise<void> {
  const res = await ctx.gate.send({ method: 'GET', url: url.href, purpose: 'bundle-secrets', maxBytes: MAX_BYTES });
  fetched.push(`${url.pathname} (${res.status}, ${res.body.length} bytes)`);
  if (res.status !== 200) return;
  hits.push(...scan(res.body, url.pathname));
  const map = mapUrl(res.body, res.headers);
  if (!map) return;
  if (map.startsWith('data:')) {
    const text = mapText(Buffer.from(map.slice(map.indexOf(',') + 1), map.includes(';base64,') ? 'base64' : 'utf8').toString('utf8'));
    if (text) hits.push(...scan(text, `${url.pathname} (inline source map)`));
    return;
  }
  const mapLocation = new URL(map, url);
  if (mapLocation.origin !== ctx.target.origin) return;
  const mres = await ctx.gate.send({ method: 'GET', url: mapLocation.href, purpose: 'bundle-secrets', maxBytes: MAX_BYTES });
  fetched.push(`${mapLocation.pathname} (${mres.status}, ${mres.body.length} bytes)`);
  const text = mres.status === 200 ? mapText(mres.body) : undefined;
  if (text) hits.push(...scan(text, `${mapLocation.pathname} (source map)`));
}

export async function bundleSecretsCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  const page = await ctx.page();
  if ('error' in page) return check('bundle-secrets', 'error', `could not fetch the target page (${page.error})`);
  const type = page.response.headers['content-type'] ?? '';
  if (!/html/i.test(type)) return check('bundle-secrets', 'skip', `the target page is not HTML (${type || 'no content type'}); nothing ships to a browser here`);
  const { srcs, inline } = scriptSources(page.response.body);
  const hits: Hit[] = inline.flatMap((s, i) => scan(s, `inline script ${i + 1}`));
  const fetched: string[] = [];
  const otherOrigins: string[] = [];
  const errors: string[] = [];
  let refused: string | undefined;
  for (const src of srcs.slice(0, MAX_SCRIPTS)) {
    const url = new URL(src, page.response.url);
    if (url.origin !== ctx.target.origin) {
      otherOrigins.push(url.origin);
      continue;
    }
    try {
      await scanScript(ctx, url, hits, fetched);
    } catch (e) {
      if (e instanceof GateRefusal) {
        refused = e.message;
        break;
      }
      errors.push(`${url.pathname}: ${errorCode(e)}`);
    }
  }
  const evidence = { scripts: srcs.length, inlineScripts: inline.length, fetched, otherOrigins: [...new Set(otherOrigins)], errors, secrets: hits };
  const serious = hits.filter((h) => h.confidence !== 'low');
  if (serious.length) {
    const h = serious[0];
    return check('bundle-secrets', 'fail', `${serious.length} secret(s) shipped to browsers, e.g. ${h.title} ${h.preview} in ${h.where}:${h.line}`, evidence);
  }
  if (refused && !hits.length) return check('bundle-secrets', 'skip', `scripts not all fetched: ${refused}`, evidence);
  if (hits.length) return check('bundle-secrets', 'warn', `${hits.length} possible secret(s) (low confidence) in the page's scripts`, evidence);
  return check('bundle-secrets', 'pass', `no secrets in ${inline.length} inline and ${fetched.length} fetched script(s) and maps`, evidence);
}

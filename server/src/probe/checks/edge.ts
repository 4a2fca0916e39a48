/**
 * `edge`: which CDN or WAF (if any) answers for the target, read from response headers only. Informational: it
 * passes either way and tells the reader where rate limits, TLS and caching may really live.
 */
import { check, type ProbeContext } from '../context';
import type { ProbeCheck } from '../types';

/** Header fingerprints of common edges: a header name, optionally with a value pattern. */
const EDGES: { name: string; header: string; value?: RegExp }[] = [
  { name: 'Cloudflare', header: 'cf-ray' },
  { name: 'Cloudflare', header: 'server', value: /cloudflare/i },
  { name: 'Amazon CloudFront', header: 'x-amz-cf-id' },
  { name: 'Fastly', header: 'x-served-by', value: /cache-/i },
  { name: 'Fastly', header: 'fastly-debug-digest' },
  { name: 'Akamai', header: 'x-akamai-transformed' },
  { name: 'Akamai', header: 'server', value: /akamai/i },
  { name: 'Vercel', header: 'x-vercel-id' },
  { name: 'Netlify', header: 'x-nf-request-id' },
  { name: 'Fly.io', header: 'fly-request-id' },
  { name: 'Azure Front Door', header: 'x-azure-ref' },
  { name: 'Google Cloud', header: 'via', value: /google/i },
  { name: 'Sucuri WAF', header: 'x-sucuri-id' },
  { name: 'Imperva', header: 'x-iinfo' },
  { name: 'AWS WAF / ALB', header: 'x-amzn-waf-action' },
];

export function detectEdges(headers: Record<string, string>): string[] {
  const found = new Set<string>();
  for (const e of EDGES) {
    const v = headers[e.header];
    if (v !== undefined && (!e.value || e.value.test(v))) found.add(e.name);
  }
  return [...found];
}

export async function edgeCheck(ctx: ProbeContext): Promise<ProbeCheck> {
  const page = await ctx.page();
  if ('error' in page) return check('edge', 'error', `could not fetch the target page (${page.error})`);
  const edges = detectEdges(page.response.headers);
  const via = page.response.headers['via'];
  const evidence = { request: `GET ${page.response.url}`, detected: edges, via: via ?? null };
  if (!edges.length) return check('edge', 'pass', 'no CDN or WAF seen in the response headers (informational)', evidence);
  return check('edge', 'pass', `served through ${edges.join(', ')} (informational)`, evidence);
}

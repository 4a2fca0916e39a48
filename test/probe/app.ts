/**
 * The staging API the probe tests run against, in a "good" and a "bad" configuration, as a plain node request
 * handler served by real HTTP/HTTPS servers on 127.0.0.1. It records every request it receives, so tests can
 * check the probe's safety rules from the server's side (methods seen, counts per path).
 */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Profile = 'good' | 'bad';

export interface AppLog {
  requests: { method: string; path: string; origin?: string; auth: boolean }[];
}

const GOOD_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=()',
};

export const WEBHOOK_SECRET = `whsec_${Math.random().toString(36).slice(2)}`;
const LIMIT = 5;

/** A PEM private key made now, so the bad bundle ships a real-looking secret that was never committed. */
function leakedKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A random value in the Stripe live-key format: the shape a detector knows, never a real key. */
export function fakeStripeKey(): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `sk_live_${Array.from(randomBytes(24), (b) => abc[b % abc.length]).join('')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
}

function verifiedStripe(header: string | undefined, body: string): boolean {
  const m = /t=(\d+),v1=([0-9a-f]+)/.exec(header ?? '');
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  return createHmac('sha256', WEBHOOK_SECRET).update(`${m[1]}.${body}`).digest('hex') === m[2];
}

export function createApp(profile: Profile, opts: { slowMs?: number } = {}) {
  const log: AppLog = { requests: [] };
  const counts = new Map<string, number>();
  const secret = profile === 'bad' ? leakedKey() : '';
  // The bad bundle also inlines a Stripe live key (random, made now), the way a client-side env variable ships one.
  const inlined = profile === 'bad' ? `var e={apiKey:"${fakeStripeKey()}"};` : 'var e={};';
  const bundle = `!function(){${inlined}console.log("app",e)}();\n//# sourceMappingURL=/app.js.map\n`;
  const map = JSON.stringify({ version: 3, sources: ['src/app.ts'], sourcesContent: [profile === 'bad' ? `const signingKey = \`${secret}\`;\n` : 'export const x = 1;\n'], mappings: '' });
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin;
    log.requests.push({ method: req.method ?? '', path: url.pathname, origin, auth: Boolean(req.headers.authorization) });
    const body = await readBody(req);
    const headers: Record<string, string> = profile === 'good' ? { ...GOOD_HEADERS } : { 'x-powered-by': 'Express', server: 'node/20.1.0' };
    if (origin) {
      if (profile === 'bad') Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' });
      else if (origin === 'https://app.example') Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' });
    }
    const send = (status: number, text: string, type = 'application/json', extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, 'content-type': type, ...extra });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method === 'OPTIONS') return send(204, '');
    const key = `${req.method} ${url.pathname}`;
    const route = ROUTES.find((r) => r.method === req.method && r.re.test(url.pathname));
    if (!route) return send(404, '{"error":"not found"}');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return route.run({ profile, req, body, send, count: counts.get(key)!, bundle, map, slowMs: opts.slowMs ?? 600 });
  };
  return { handler, log };
}

interface Call {
  profile: Profile;
  req: IncomingMessage;
  body: string;
  send: (status: number, text: string, type?: string, extra?: Record<string, string>) => void;
  count: number;
  bundle: string;
  map: string;
  slowMs: number;
}

const limited = (c: Call, ok: () => void) => {
  if (c.profile === 'good' && c.count > LIMIT) return c.send(429, '{"error":"slow down"}', 'application/json', { 'retry-after': '60', 'ratelimit-policy': `${LIMIT};w=60` });
  ok();
};

const json = (c: Call, ok: () => void) => {
  try {
    JSON.parse(c.body || '{}');
  } catch (e) {
    if (c.profile === 'bad') return c.send(500, `<pre>${(e as Error).stack}</pre>`, 'text/html');
    return c.send(400, '{"error":"invalid JSON"}');
  }
  ok();
};

const authed = (c: Call, ok: () => void) => (c.profile === 'good' && !c.req.headers.authorization ? c.send(401, '{"error":"unauthorized"}') : ok());

const ROUTES: { method: string; re: RegExp; run: (c: Call) => void }[] = [
  { method: 'GET', re: /^\/$/, run: (c) => c.send(200, '<!doctype html><title>Support</title><script src="/app.js"></script><script src="https://cdn.other.example/x.js"></script>', 'text/html') },
  { method: 'GET', re: /^\/app\.js$/, run: (c) => c.send(200, c.bundle, 'application/javascript') },
  { method: 'GET', re: /^\/app\.js\.map$/, run: (c) => c.send(200, c.map) },
  { method: 'GET', re: /^\/health$/, run: (c) => (c.profile === 'good' ? c.send(200, '{"ok":true}') : c.send(404, '{"error":"not found"}')) },
  { method: 'GET', re: /^\/api\/tickets\/[^/]+$/, run: (c) => authed(c, () => c.send(200, '{"id":1,"subject":"refund","email":"a@b.example"}')) },
  { method: 'GET', re: /^\/api\/reports$/, run: (c) => authed(c, () => setTimeout(() => c.send(200, '{"reports":[]}'), c.profile === 'bad' ? c.slowMs : 0)) },
  { method: 'POST', re: /^\/api\/login$/, run: (c) => limited(c, () => json(c, () => c.send(400, '{"error":"bad credentials"}'))) },
  { method: 'POST', re: /^\/api\/chat$/, run: (c) => limited(c, () => json(c, () => authed(c, () => c.send(200, '{"reply":"hello"}')))) },
  {
    method: 'POST',
    re: /^\/api\/webhooks\/stripe$/,
    run: (c) => (c.profile === 'bad' || verifiedStripe(c.req.headers['stripe-signature'] as string, c.body) ? c.send(200, '{"received":true}') : c.send(400, '{"error":"bad signature"}')),
  },
];

/** The route inventory a static scan of this app would produce. */
export const INVENTORY = [
  { method: 'GET', path: '/api/tickets/:id', tags: ['data'], file: 'src/server.ts', line: 12, protections: { auth: 'requireAuth', rateLimit: null } },
  { method: 'GET', path: '/api/reports', tags: ['data'], file: 'src/server.ts', line: 18, protections: { auth: 'requireAuth', rateLimit: null } },
  { method: 'POST', path: '/api/login', tags: ['auth', 'public'], file: 'src/auth.ts', line: 5, protections: { auth: null, rateLimit: 'loginLimiter' } },
  { method: 'POST', path: '/api/chat', tags: ['ai'], file: 'src/chat.ts', line: 9, protections: { auth: 'requireAuth', rateLimit: null } },
  { method: 'POST', path: '/api/webhooks/stripe', tags: ['webhook'], file: 'src/webhooks.ts', line: 3, protections: { auth: null, rateLimit: null } },
  { method: 'GET', path: '/health', tags: ['health', 'public'], file: 'src/server.ts', line: 30, protections: { auth: null, rateLimit: null } },
];

/**
 * Source templates for the rate-limit module the "Add rate limit" fix creates once per project: a general limiter,
 * a strict one for auth entry points (per IP: brute force and credential stuffing), and an AI-chat one keyed by
 * user id + conversation id, because a per-IP limit lets one customer behind a NAT starve the rest and does not
 * stop a runaway conversation loop.
 */
import type { Framework } from '../api';
import { exportKw, exportsOf, importOf, tidy, typed, type ModuleFlavor } from './templates';

/** Exported limiter names, by the kind of route they suit. */
export const LIMITERS = { default: 'rateLimiter', auth: 'authRateLimiter', ai: 'chatRateLimiter' } as const;
export type LimiterKind = keyof typeof LIMITERS;

/** The npm package each framework's limiter comes from (for the "not a dependency yet" note). */
export const LIMITER_PACKAGE: Record<Framework, string> = {
  express: 'express-rate-limit',
  koa: 'koa-ratelimit',
  hono: 'hono-rate-limiter',
  fastify: '@fastify/rate-limit',
  nestjs: '@nestjs/throttler',
  nextjs: '@upstash/ratelimit',
};

const HEADER = (what: string) =>
  `/**\n * Rate limits created by Launch Readiness (${what}). chatRateLimiter keys by user id + conversation id so that one\n * customer or one runaway conversation cannot spend the whole model budget; authRateLimiter slows brute force.\n * In-memory stores are per process: use a shared store (Redis) when you run several instances.\n */\n`;

function expressModule(f: ModuleFlavor, ipHelper: boolean): string {
  const ip = ipHelper ? 'ipKeyGenerator(req.ip ?? \'\')' : "(req.ip ?? '')";
  return [
    HEADER('express-rate-limit'),
    importOf(f, 'express-rate-limit', ipHelper ? ['rateLimit', 'ipKeyGenerator'] : ['rateLimit']),
    importOf(f, 'express', ['Request', 'Response'], undefined, true),
    `\n/** The caller's id when an auth guard ran before the limiter (res.locals.user or req.user). */`,
    `function userIdOf(req${typed(f, ': Request')}, res${typed(f, ': Response')})${typed(f, ': string | undefined')} {`,
    `  const user = (res.locals.user ?? (req${typed(f, ' as Request & { user?: unknown }')}).user)${typed(f, ' as { id?: unknown; sub?: unknown } | undefined')};`,
    `  const id = user?.id ?? user?.sub;`,
    `  return id === undefined ? undefined : String(id);`,
    `}\n`,
    `${exportKw(f)}const ${LIMITERS.default} = rateLimit({ windowMs: 15 * 60 * 1000, limit: 300, standardHeaders: 'draft-7', legacyHeaders: false });\n`,
    `${exportKw(f)}const ${LIMITERS.auth} = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false });\n`,
    `${exportKw(f)}const ${LIMITERS.ai} = rateLimit({`,
    `  windowMs: 60 * 1000,`,
    `  limit: 20,`,
    `  standardHeaders: 'draft-7',`,
    `  legacyHeaders: false,`,
    `  keyGenerator: (req, res) => \`\${userIdOf(req, res) ?? ${ip}}:\${req.params.conversationId ?? req.body?.conversationId ?? ''}\`,`,
    `});`,
    exportsOf(f, Object.values(LIMITERS)),
  ].join('\n');
}

function koaModule(f: ModuleFlavor): string {
  const limiter = (name: string, duration: string, max: number, id: string) =>
    `${exportKw(f)}const ${name} = ratelimit({ driver: 'memory', db: new Map(), duration: ${duration}, max: ${max}, id: ${id} });`;
  return [
    HEADER('koa-ratelimit'),
    importOf(f, 'koa-ratelimit', [], 'ratelimit'),
    importOf(f, 'koa', ['Context'], undefined, true),
    '',
    limiter(LIMITERS.default, '15 * 60 * 1000', 300, `(ctx${typed(f, ': Context')}) => ctx.ip`),
    limiter(LIMITERS.auth, '15 * 60 * 1000', 10, `(ctx${typed(f, ': Context')}) => ctx.ip`),
    `/** Per user and conversation; falls back to the client IP before authentication. */`,
    limiter(
      LIMITERS.ai,
      '60 * 1000',
      20,
      `(ctx${typed(f, ': Context')}) => \`\${ctx.state.user?.id ?? ctx.state.user?.sub ?? ctx.ip}:\${(ctx${typed(f, ' as Context & { params?: Record<string, string> }')}).params?.conversationId ?? (ctx.request${typed(f, ' as { body?: { conversationId?: string } }')}).body?.conversationId ?? ''}\``,
    ),
    exportsOf(f, Object.values(LIMITERS)),
  ].join('\n');
}

function honoModule(f: ModuleFlavor): string {
  const ip = `c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'`;
  const limiter = (name: string, windowMs: string, limit: number, key: string) =>
    `${exportKw(f)}const ${name} = honoRateLimiter({ windowMs: ${windowMs}, limit: ${limit}, standardHeaders: 'draft-7', keyGenerator: (c) => ${key} });`;
  return [
    HEADER('hono-rate-limiter'),
    // Renamed on import: the package's `rateLimiter` would clash with the exported `rateLimiter` below.
    importOf(f, 'hono-rate-limiter', [f.esm ? 'rateLimiter as honoRateLimiter' : 'rateLimiter: honoRateLimiter']),
    '',
    limiter(LIMITERS.default, '15 * 60 * 1000', 300, ip),
    limiter(LIMITERS.auth, '15 * 60 * 1000', 10, ip),
    `/** Per user (an auth middleware's 'user' or 'jwtPayload') and conversation; falls back to the client IP. */`,
    limiter(
      LIMITERS.ai,
      '60 * 1000',
      20,
      // Context variables are typed per app (Env['Variables']); this shared module reads them untyped.
      `{\n  const vars = c${typed(f, ' as unknown as { get(key: string): unknown }')};\n  const user = (vars.get('user') ?? vars.get('jwtPayload'))${typed(f, ' as { id?: string; sub?: string } | undefined')};\n  return \`\${user?.id ?? user?.sub ?? ${ip}}:\${c.req.param('conversationId') ?? ''}\`;\n}`,
    ),
    exportsOf(f, Object.values(LIMITERS)),
  ].join('\n');
}

/** Next.js store: Upstash Redis sliding windows (shared by every instance and region). */
function upstashStore(f: ModuleFlavor): string[] {
  return [
    importOf(f, '@upstash/ratelimit', ['Ratelimit']) + importOf(f, '@upstash/redis', ['Redis']),
    `const redis = Redis.fromEnv();`,
    `const limits = {`,
    `  default: new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(300, '15 m'), prefix: 'rl:default' }),`,
    `  auth: new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, '15 m'), prefix: 'rl:auth' }),`,
    `  chat: new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(20, '1 m'), prefix: 'rl:chat' }),`,
    `};\n`,
    `async function allow(bucket${typed(f, ": 'default' | 'auth' | 'chat'")}, key${typed(f, ': string')})${typed(f, ': Promise<boolean>')} {`,
    `  return (await limits[bucket].limit(key)).success;`,
    `}`,
  ];
}

/** Next.js store without Upstash: a fixed window per process. */
function memoryStore(f: ModuleFlavor): string[] {
  return [
    `const windows = { default: [300, 15 * 60 * 1000], auth: [10, 15 * 60 * 1000], chat: [20, 60 * 1000] }${typed(f, ' as const')};`,
    `const hits = new Map${typed(f, '<string, { count: number; resetAt: number }>')}();\n`,
    `/** Fixed-window counter in memory (per process). Use @upstash/ratelimit or Redis when you run several instances. */`,
    `async function allow(bucket${typed(f, ': keyof typeof windows')}, key${typed(f, ': string')})${typed(f, ': Promise<boolean>')} {`,
    `  const [limit, windowMs] = windows[bucket];`,
    `  const now = Date.now();`,
    `  const entry = hits.get(key);`,
    `  if (!entry || entry.resetAt <= now) {`,
    `    hits.set(key, { count: 1, resetAt: now + windowMs });`,
    `    return true;`,
    `  }`,
    `  entry.count += 1;`,
    `  return entry.count <= limit;`,
    `}`,
  ];
}

function nextModule(f: ModuleFlavor, upstash: boolean): string {
  const store = upstash ? upstashStore(f) : memoryStore(f);
  return [
    HEADER(upstash ? '@upstash/ratelimit' : 'in-memory'),
    ...store,
    `\n/** Key by the caller's token (hashed: tokens never reach the store) or else the client IP. */`,
    `async function callerKey(headers${typed(f, ': { get(name: string): string | null }')})${typed(f, ': Promise<string>')} {`,
    `  const token = headers.get('authorization');`,
    `  if (!token) return headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown';`,
    `  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));`,
    `  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');`,
    `}\n`,
    `/** False when the caller is over the bucket's limit: answer 429. */`,
    `${exportKw(f)}async function checkRateLimit(headers${typed(f, ': { get(name: string): string | null }')}, bucket${typed(f, ": 'default' | 'auth' | 'chat'")})${typed(f, ': Promise<boolean>')} {`,
    `  return allow(bucket, \`\${bucket}:\${await callerKey(headers)}\`);`,
    `}`,
    exportsOf(f, ['checkRateLimit']),
  ].join('\n');
}

/** The limiter module for a framework that uses one (Express, Koa, Hono, Next.js); undefined for the others. */
export function rateLimitModuleSource(framework: Framework, f: ModuleFlavor, deps: Record<string, string>): string | undefined {
  const text = moduleFor(framework, f, deps);
  return text === undefined ? undefined : tidy(text.endsWith('\n') ? text : `${text}\n`);
}

function moduleFor(framework: Framework, f: ModuleFlavor, deps: Record<string, string>): string | undefined {
  switch (framework) {
    case 'express':
      return expressModule(f, !/^[~^]?[4-7]\./.test(deps['express-rate-limit'] ?? ''));
    case 'koa':
      return koaModule(f);
    case 'hono':
      return honoModule(f);
    case 'nextjs':
      return nextModule(f, !!deps['@upstash/ratelimit'] && !!deps['@upstash/redis']);
    default:
      return undefined;
  }
}

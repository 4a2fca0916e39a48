/**
 * The "Add rate limit" quick fix. Reuses the project's limiter when it suits the route (for AI chat: one keyed by
 * more than the IP); otherwise adds the framework's idiomatic limiter: a shared module created once (Express
 * express-rate-limit, Koa koa-ratelimit, Hono hono-rate-limiter, Next.js @upstash/ratelimit or an in-memory check),
 * Fastify's per-route `config.rateLimit`, or NestJS `@Throttle` with `ThrottlerGuard`.
 */
import type { Fix, Route, TextEdit } from '../api';
import { indentAt, indentUnit, type ImportSource } from '../lib/edits';
import { addProperty, addToArrayProperty, topLevelKeys } from '../lib/objects';
import { commonGuard } from '../lib/routes';
import { existingExport, flavorOf, guardSource, helperPath, importsFor, rootIdentifier, usageOf, type FixContext } from './common';
import { asyncEdit, isPagesApi } from './add-auth-next';
import { LIMITER_PACKAGE, LIMITERS, rateLimitModuleSource, type LimiterKind } from './ratelimit-templates';

export const RATELIMIT_FIX_TITLE = 'Add rate limit';

interface Plan {
  edits: TextEdit[];
  sources: ImportSource[];
  createFiles?: { file: string; text: string }[];
  reused: boolean;
  what: string;
}

export function limiterKind(route: Route): LimiterKind {
  if (route.tags.includes('ai')) return 'ai';
  return route.tags.includes('auth') ? 'auth' : 'default';
}

export function addRateLimitFix(ctx: FixContext, route: Route): Fix | undefined {
  // A limiter module an earlier fix created offers the variant that suits this route (auth, chat): prefer it.
  const plan = (createdEarlier(ctx, route) ? idiomaticLimiter(ctx, route) : undefined) ?? reusedLimiter(ctx, route) ?? idiomaticLimiter(ctx, route);
  if (!plan) return undefined;
  const imports = importsFor(ctx, route.file, plan.sources);
  if (!imports) return undefined;
  const pkg = LIMITER_PACKAGE[route.framework];
  const missing = !plan.reused && !ctx.model.dependencies[pkg];
  const install =
    route.framework === 'nextjs'
      ? plan.createFiles && missing
        ? 'the created limiter keeps counts in memory (per process): for serverless or several instances switch it to Upstash: npm i @upstash/ratelimit @upstash/redis'
        : undefined
      : missing
        ? `${pkg} is not a dependency yet: npm i ${pkg}`
        : undefined;
  const notes = [install, setupNote(ctx, route, plan)].filter(Boolean);
  return {
    title: `${RATELIMIT_FIX_TITLE} (${plan.what})`,
    edits: [...imports, ...plan.edits],
    createFiles: plan.createFiles,
    safe: plan.reused,
    note: notes.length ? notes.join('. ') : undefined,
  };
}

/** What to wire once besides the edit (plugin registration, module import), unless the project already uses it. */
function setupNote(ctx: FixContext, route: Route, plan: Plan): string | undefined {
  if (plan.reused) return undefined;
  const imported = (spec: RegExp, name?: string) =>
    Object.values(ctx.model.files).some((f) => f.imports.some((i) => spec.test(i.spec) && (!name || i.names.some((n) => n.imported === name))));
  if (route.framework === 'fastify' && !imported(/^(@fastify\/rate-limit|fastify-rate-limit)$/)) {
    return "Register the plugin once: `await app.register(import('@fastify/rate-limit'), { global: false })`";
  }
  if (route.framework === 'nestjs' && !imported(/^@nestjs\/throttler$/, 'ThrottlerModule')) return 'Add ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }]) to your AppModule imports';
  return undefined;
}

/** The project's most common limiter, inserted as middleware, when it is reusable here. */
function reusedLimiter(ctx: FixContext, route: Route): Plan | undefined {
  const ai = route.tags.includes('ai');
  const p = commonGuard(ctx.model.guards, ['rateLimit'], route, (g) => !ai || (g.keyedBy !== undefined && g.keyedBy !== 'ip'));
  if (!p) return undefined;
  const expr = usageOf(ctx, p);
  if (!rootIdentifier(expr)) return undefined;
  const src = guardSource(ctx, p, expr, route.file);
  if (!src) return undefined;
  const placed = placeMiddleware(ctx, route, expr);
  return placed && { edits: placed.edits, sources: [...(src === 'local' ? [] : [src]), ...placed.sources], reused: true, what: expr };
}

function createdEarlier(ctx: FixContext, route: Route): boolean {
  if (route.framework === 'fastify' || route.framework === 'nestjs') return false;
  const name = route.framework === 'nextjs' ? 'checkRateLimit' : LIMITERS[limiterKind(route)];
  return existingExport(ctx, helperPath(ctx, route, route.framework === 'nextjs' ? 'lib' : 'middleware', 'rate-limit', name), name);
}

function idiomaticLimiter(ctx: FixContext, route: Route): Plan | undefined {
  if (route.framework === 'fastify') return fastifyConfig(ctx, route);
  if (route.framework === 'nestjs') return nestThrottle(ctx, route);
  const name = route.framework === 'nextjs' ? 'checkRateLimit' : LIMITERS[limiterKind(route)];
  const file = helperPath(ctx, route, route.framework === 'nextjs' ? 'lib' : 'middleware', 'rate-limit', name);
  const source: ImportSource = { file, imported: name, local: name };
  let createFiles: Plan['createFiles'];
  if (!existingExport(ctx, file, name)) {
    if (ctx.model.files[file]) return undefined;
    const text = rateLimitModuleSource(route.framework, flavorOf(ctx, route.file), ctx.model.dependencies);
    if (!text) return undefined;
    createFiles = [{ file, text }];
  }
  const placed = route.framework === 'nextjs' ? nextCheck(ctx, route) : placeMiddleware(ctx, route, name);
  return placed && { edits: placed.edits, sources: [source, ...placed.sources], createFiles, reused: false, what: name };
}

/** Route middleware (Express, Koa, Hono), Fastify `onRequest`, or NestJS `@UseGuards`. */
function placeMiddleware(ctx: FixContext, route: Route, expr: string): { edits: TextEdit[]; sources: ImportSource[] } | undefined {
  const text = ctx.text(route.file);
  const a = route.anchors;
  if (text === undefined || !a) return undefined;
  if (route.framework === 'fastify') {
    if (a.optionsObject) {
      const e = addToArrayProperty(route.file, text, a.optionsObject, 'onRequest', expr);
      return e && { edits: [e], sources: [] };
    }
    return a.middlewareInsert === undefined ? undefined : { edits: [insert(route, a.middlewareInsert, `{ onRequest: [${expr}] }, `)], sources: [] };
  }
  if (route.framework === 'nestjs') {
    if (a.decoratorInsert === undefined) return undefined;
    return {
      edits: [insert(route, a.decoratorInsert, `${indentAt(text, a.decoratorInsert)}@UseGuards(${expr})\n`)],
      sources: [{ module: '@nestjs/common', imported: 'UseGuards', local: 'UseGuards' }],
    };
  }
  if (route.framework === 'nextjs' || a.middlewareInsert === undefined) return undefined;
  // Last before the handler, so that a per-user limiter runs after any auth guard (existing, or one "Add auth
  // guard" inserts first in the same pass) and sees who the caller is.
  const handler = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
  const inline = handler && handler.id.startsWith(`${route.file}#`) && handler.span.start >= a.middlewareInsert && handler.span.end <= route.span.end;
  if (inline) return { edits: [insert(route, handler.span.start, `${expr}, `)], sources: [] };
  const auth = route.protections.filter((p) => p.kind === 'auth' && p.scope === 'route' && p.declaredAt.file === route.file && p.declaredAt.span.start >= a.middlewareInsert!).at(-1);
  if (auth && auth.declaredAt.span.start < route.span.end) return { edits: [insert(route, auth.declaredAt.span.end, `, ${expr}`)], sources: [] };
  return { edits: [insert(route, a.middlewareInsert, `${expr}, `)], sources: [] };
}

const insert = (route: Route, offset: number, newText: string): TextEdit => ({ file: route.file, start: offset, end: offset, newText });

/** Fastify: `config: { rateLimit: { max, timeWindow } }` on the route (@fastify/rate-limit reads it per route). */
function fastifyConfig(ctx: FixContext, route: Route): Plan | undefined {
  const text = ctx.text(route.file);
  const a = route.anchors;
  if (text === undefined || !a) return undefined;
  const kind = limiterKind(route);
  const ts = flavorOf(ctx, route.file).ts;
  const user = ts ? '(request as unknown as { user?: { id?: string; sub?: string } }).user' : 'request.user';
  const params = ts ? '(request.params as { conversationId?: string })' : 'request.params';
  const key = kind === 'ai' ? `, keyGenerator: (request) => \`\${${user}?.id ?? ${user}?.sub ?? request.ip}:\${${params}?.conversationId ?? ''}\`` : '';
  const limit = kind === 'ai' ? `max: 20, timeWindow: '1 minute'` : kind === 'auth' ? `max: 10, timeWindow: '15 minutes'` : `max: 300, timeWindow: '15 minutes'`;
  const rateLimit = `rateLimit: { ${limit}${key} }`;
  const what = 'config.rateLimit';
  if (!a.optionsObject) {
    if (a.middlewareInsert === undefined) return undefined;
    return { edits: [insert(route, a.middlewareInsert, `{ config: { ${rateLimit} } }, `)], sources: [], reused: false, what };
  }
  const configAt = topLevelKeys(text, a.optionsObject.start, a.optionsObject.end).get('config');
  if (configAt === undefined) return { edits: [addProperty(route.file, text, a.optionsObject, `config: { ${rateLimit} }`)], sources: [], reused: false, what };
  const open = configAt + text.slice(configAt).search(/\S/);
  if (text[open] !== '{') return undefined;
  const close = matchingBrace(text, open);
  if (close === undefined || topLevelKeys(text, open, close + 1).has('rateLimit')) return undefined;
  return { edits: [addProperty(route.file, text, { start: open, end: close + 1 }, rateLimit)], sources: [], reused: false, what };
}

function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return undefined;
}

/**
 * NestJS: `@Throttle({ default: { limit, ttl } })` above the method, and ThrottlerGuard in its guards (appended to an
 * existing `@UseGuards(...)`, so an auth guard there still runs first), since @Throttle alone limits nothing.
 */
function nestThrottle(ctx: FixContext, route: Route): Plan | undefined {
  const text = ctx.text(route.file);
  const at = route.anchors?.decoratorInsert;
  if (text === undefined || at === undefined) return undefined;
  const indent = indentAt(text, at);
  const kind = limiterKind(route);
  const limit = kind === 'ai' ? 'limit: 20, ttl: 60_000' : kind === 'auth' ? 'limit: 10, ttl: 900_000' : 'limit: 300, ttl: 900_000';
  const handler = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
  const guards = handler?.decorators.find((d) => d.name === 'UseGuards');
  const throttle = insert(route, at, `${indent}@Throttle({ default: { ${limit} } })\n`);
  const sources: ImportSource[] = [
    { module: '@nestjs/throttler', imported: 'Throttle', local: 'Throttle' },
    { module: '@nestjs/throttler', imported: 'ThrottlerGuard', local: 'ThrottlerGuard' },
  ];
  if (guards && text[guards.span.end - 1] === ')') {
    const guard = insert(route, guards.span.end - 1, guards.args.length ? ', ThrottlerGuard' : 'ThrottlerGuard');
    return { edits: [throttle, guard], sources, reused: false, what: '@Throttle' };
  }
  const edits = [insert(route, at, `${indent}@Throttle({ default: { ${limit} } })\n${indent}@UseGuards(ThrottlerGuard)\n`)];
  return { edits, sources: [...sources, { module: '@nestjs/common', imported: 'UseGuards', local: 'UseGuards' }], reused: false, what: '@Throttle' };
}

/** Next.js: a 429 check at the top of the handler body with the created (or existing) checkRateLimit. */
function nextCheck(ctx: FixContext, route: Route): { edits: TextEdit[]; sources: ImportSource[] } | undefined {
  const fn = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
  const text = ctx.text(route.file);
  // Pages-router handlers have Node-style headers and answer through `res`: not handled here yet.
  if (!fn?.bodySpan || text === undefined || text[fn.bodySpan.start] !== '{' || isPagesApi(route)) return undefined;
  const makeAsync = asyncEdit(ctx, route.file, text, fn);
  if (makeAsync === null) return undefined;
  const request = fn.params[0] && /^[A-Za-z_$][\w$]*$/.test(fn.params[0].name) ? fn.params[0].name : undefined;
  const headers = request ? `${request}.headers` : '(await headers())';
  const bucket = { ai: 'chat', auth: 'auth', default: 'default' }[limiterKind(route)];
  const usesNextResponse = !!ctx.model.files[route.file]?.imports.some((i) => i.names.some((n) => n.local === 'NextResponse'));
  const deny = `${usesNextResponse ? 'NextResponse' : 'Response'}.json({ error: 'Too many requests' }, { status: 429 })`;
  const indent = indentAt(text, fn.span.start) + indentUnit(text);
  const newText = `\n${indent}if (!(await checkRateLimit(${headers}, '${bucket}'))) return ${deny};`;
  const sources: ImportSource[] = request ? [] : [{ module: 'next/headers', imported: 'headers', local: 'headers' }];
  return { edits: [insert(route, fn.bodySpan.start + 1, newText), ...(makeAsync ? [makeAsync] : [])], sources };
}

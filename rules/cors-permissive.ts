/**
 * cors-permissive: CORS that lets any website read a logged-in user's answers. Catches the CORS middlewares of the
 * six frameworks configured to reflect any origin (`origin: true`, echoing callbacks, Koa's reflecting default)
 * or `*` together with credentials, hand-written `Access-Control-Allow-Origin` headers copied from the request, and
 * `vercel.json` header rules. Allow-lists (arrays, anchored regexes, env-driven lists) are fine.
 */
import { defineRule, type CallFact, type FileFacts, type Finding, type FunctionFacts, type RuleContext, type ValueFact } from './api';
import { corsOriginFix } from './fixes/cors-allow-list';
import { eachFunction, importedModule, isLiteral, prop } from './lib/calls';
import { jsonHeaderRules } from './lib/vercel';

type OriginKind = 'reflect' | 'wildcard' | 'list';

/** Libraries whose middleware takes `{ origin, credentials }`, and what each does when `origin` is missing. */
const CORS_MODULES: Record<string, OriginKind> = {
  cors: 'wildcard',
  '@fastify/cors': 'wildcard',
  'fastify-cors': 'wildcard',
  'hono/cors': 'wildcard',
  '@koa/cors': 'reflect',
  kcors: 'reflect',
  '@elysiajs/cors': 'reflect',
};

/** What an `origin` option allows: any origin echoed back, `*`, or a real allow-list. */
export function originKind(origin: ValueFact | undefined, missing: OriginKind): OriginKind {
  if (!origin) return missing;
  if (isLiteral(origin, 'true')) return 'reflect';
  if (isLiteral(origin, '*')) return 'wildcard';
  const t = origin.text;
  if (origin.literal || t.startsWith('[') || t.startsWith('/') || /process\.env|\.split\(/.test(t)) return 'list';
  // A callback that accepts every origin: `(o, cb) => cb(null, true)`, `cb(null, origin)`, `(origin) => origin`.
  if (/=>|function/.test(t)) {
    if (/includes\(|indexOf\(|\.test\(|\.has\(|endsWith\(|===|allow/i.test(t)) return 'list';
    if (/,\s*true\s*\)|null,\s*\w*origin\w*\s*\)|=>\s*\w*origin\w*\s*$|return\s+\w*origin\b|=>\s*true\b/i.test(t)) return 'reflect';
  }
  return 'list';
}

interface CorsUse {
  call: CallFact;
  options?: ValueFact;
  module: string;
}

/** Calls that configure a CORS middleware: `cors({...})`, `app.register(cors, {...})`, `app.enableCors({...})`. */
function corsUses(facts: FileFacts, fn: FunctionFacts): CorsUse[] {
  const out: CorsUse[] = [];
  for (const call of fn.calls) {
    const module = importedModule(facts, call.root);
    if (module && module in CORS_MODULES && call.callee === call.root) out.push({ call, options: call.args[0], module });
    else if (/\.register$/.test(call.callee) && call.args[0]) {
      const registered = importedModule(facts, call.args[0].text);
      if (registered && registered in CORS_MODULES) out.push({ call, options: call.args[1], module: registered });
    } else if (/\.enableCors$/.test(call.callee)) out.push({ call, options: call.args[0], module: 'cors' });
    else if (/^NestFactory\.create$/.test(call.callee) && prop(call.args[1], 'cors')) {
      const cors = prop(call.args[1], 'cors')!;
      out.push({ call, options: isLiteral(cors, 'true') ? undefined : cors, module: 'cors' });
    }
  }
  return out;
}

function middlewareFinding(ctx: RuleContext, file: string, use: CorsUse, privateApi: boolean): Finding | undefined {
  const kind = originKind(prop(use.options, 'origin'), CORS_MODULES[use.module]);
  const credentials = isLiteral(prop(use.options, 'credentials'), 'true');
  if (kind === 'list') return undefined;
  if (kind === 'wildcard' && !credentials && !privateApi) return undefined;
  const what = kind === 'reflect' ? 'echoes any Origin back' : 'allows every origin (*)';
  const message = credentials
    ? `CORS ${what} with credentials: any website a signed-in user visits can call this API as them and read the answers.`
    : kind === 'reflect'
      ? `CORS ${what}: any website can call this API from a visitor's browser. List the origins that embed your app instead.`
      : `CORS allows every origin (*) on an API with private routes: list the origins that embed your app instead.`;
  const fix = corsOriginFix(ctx, file, use.call, use.options, use.module);
  return ctx.finding({
    severity: credentials || kind === 'reflect' ? ctx.severity : 'warning',
    message,
    file,
    span: use.call.span,
    route: null,
    key: `${use.module} ${kind} ${credentials} ${use.call.callee}`,
    fixes: fix ? [fix] : [],
  });
}

/** `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` and friends. */
function headerFindings(ctx: RuleContext, file: string, fn: FunctionFacts): Finding[] {
  const out: Finding[] = [];
  for (const response of fn.responses) {
    const origin = response.headers?.find((h) => h.name === 'access-control-allow-origin');
    if (!origin) continue;
    const sameFn = fn.responses.flatMap((r) => r.headers ?? []);
    const credentials = sameFn.some((h) => h.name === 'access-control-allow-credentials' && /true/.test(h.value.text));
    const reflected = origin.value.sources.includes('headers') || origin.value.names.includes('origin');
    // An allow-list check usually wraps the header (`if (allowed.includes(origin)) res.setHeader(...)`), which is no
    // early exit, so the function's own text is the evidence.
    const body = ctx.slice(file, fn.bodySpan ?? fn.span);
    const checked = /(includes|indexOf|has|test|match)\([^)]*origin/i.test(body) || /allow(ed)?_?(origins?|list)/i.test(body);
    if (reflected && !checked) {
      out.push(ctx.finding({
        severity: credentials ? ctx.severity : 'warning',
        message: `Access-Control-Allow-Origin is copied from the request's Origin${credentials ? ' with credentials' : ''}: any website can read this API's answers${credentials ? ' as the signed-in user' : ''}. Check the origin against an allow-list first.`,
        file,
        span: response.span,
        route: null,
        key: `header-reflect ${fn.name ?? ''}`,
      }));
    } else if (isLiteral(origin.value, '*') && credentials) {
      out.push(ctx.finding({
        message: 'Access-Control-Allow-Origin: * is sent together with Access-Control-Allow-Credentials: true on a private API.',
        file,
        span: response.span,
        route: null,
        key: `header-wildcard ${fn.name ?? ''}`,
      }));
    }
  }
  return out;
}

/** Whether the API has authenticated routes or reads cookies: then even `*` exposes more than public data. */
function hasPrivateRoutes(ctx: RuleContext): boolean {
  return ctx.routes.some((r) => r.protections.some((p) => p.kind === 'auth'));
}

export const corsPermissive = defineRule({
  meta: {
    id: 'cors-permissive',
    check: 'cors',
    title: 'Permissive CORS',
    description: 'CORS allows any or a reflected origin on a credentialed/private API.',
    defaultSeverity: 'error',
    docs: 'rules/docs/cors-permissive.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    const privateApi = hasPrivateRoutes(ctx);
    for (const [facts, fn] of eachFunction(ctx.model)) {
      if (facts.directive === 'use client') continue;
      for (const use of corsUses(facts, fn)) {
        const f = middlewareFinding(ctx, facts.file, use, privateApi);
        if (f) out.push(f);
      }
      out.push(...headerFindings(ctx, facts.file, fn));
    }
    for (const rule of jsonHeaderRules(ctx)) {
      if (rule.origin === '*' && rule.credentials) {
        out.push(ctx.finding({
          message: `${rule.file} sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true for ${rule.source}.`,
          file: rule.file,
          span: rule.span,
          route: null,
          key: `json-headers ${rule.source}`,
        }));
      }
    }
    return out;
  },
});

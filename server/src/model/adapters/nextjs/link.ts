/**
 * Next.js facts → routes: app router route handlers (one route per exported HTTP method), pages API handlers (one
 * route per method the handler branches on, else ALL; next-connect chains), each with the middleware file that runs
 * in front of it, wrapper protections (`withAuth(handler)`), checks inside the handler and the project's basePath.
 */
import type { LinkContext, LinkedRoute } from '../../adapter';
import type { ExprRef, HttpMethod, Location, Protection } from '../../types';
import { HTTP_METHODS } from './collect';
import type { NextExport, NextFacts } from './facts';
import { coverage, findMiddlewares, type NextMiddleware } from './middleware';
import { nextFileInfo } from './paths';

interface Wrapper {
  file: string;
  ref: ExprRef;
}

interface HandlerChain {
  handlerId?: string;
  /** Wrapper calls around the handler, outermost first. */
  wrappers: Wrapper[];
}

/** Route-wrapper libraries that reject unauthenticated requests by themselves. */
const WRAPPER_LIBRARIES: { module: RegExp; names: RegExp; library: string }[] = [
  { module: /^@auth0\/nextjs-auth0(\/edge)?$/, names: /^withApiAuthRequired$/, library: '@auth0/nextjs-auth0' },
];

export function linkNext(ctx: LinkContext): LinkedRoute[] {
  const all = ctx.facts<NextFacts>('nextjs');
  const middlewares = findMiddlewares(ctx, all);
  const basePaths = new Map<string, { value: string; location: Location }>();
  for (const [file, f] of all) if (f.basePath) basePaths.set(nextFileInfo(file)!.root, { value: f.basePath.value, location: { file, span: f.basePath.span } });
  const routes: LinkedRoute[] = [];
  for (const [file, facts] of all) {
    const info = nextFileInfo(file);
    if (!info?.path || (facts.kind !== 'app-route' && facts.kind !== 'pages-api')) continue;
    const mw = middlewares.find((m) => m.root === info.root);
    const base = basePaths.get(info.root);
    const make = (method: HttpMethod, span: NextExport['span'], chain: HandlerChain, extra: Protection[] = [], extraIds: string[] = []) =>
      buildRoute(ctx, { file, method, path: info.path!, span, chain, mw, base, extra, extraIds });
    if (facts.kind === 'app-route') {
      for (const e of facts.exports) {
        if ((HTTP_METHODS as readonly string[]).includes(e.name)) routes.push(make(e.name as HttpMethod, e.span, resolveHandler(ctx, file, e)));
      }
    } else if (facts.connect?.length) routes.push(...connectRoutes(ctx, file, facts, make));
    else {
      const def = facts.exports.find((e) => e.name === 'default');
      if (!def) continue;
      const chain = resolveHandler(ctx, file, def);
      for (const method of pagesMethods(ctx, chain.handlerId)) routes.push(make(method, def.span, chain));
    }
  }
  return routes;
}

interface RouteInput {
  file: string;
  method: HttpMethod;
  path: string;
  span: NextExport['span'];
  chain: HandlerChain;
  mw?: NextMiddleware;
  base?: { value: string; location: Location };
  extra: Protection[];
  extraIds: string[];
}

function buildRoute(ctx: LinkContext, r: RouteInput): LinkedRoute {
  const protections: Protection[] = [];
  const via: LinkedRoute['via'] = [];
  const middlewareIds: string[] = [];
  if (r.base) via.push({ message: `next.config basePath "${r.base.value}"`, location: r.base.location });
  if (r.mw) {
    const cov = coverage(r.mw, r.path);
    if (cov.via) via.push(cov.via);
    if (cov.runs && r.mw.functionId) middlewareIds.push(r.mw.functionId);
    if (cov.runs) protections.push(...r.mw.protections.filter((p) => cov.guards || p.kind !== 'auth'));
  }
  protections.push(...r.extra);
  middlewareIds.push(...r.extraIds);
  for (const w of r.chain.wrappers) protections.push(...classifyWrapper(ctx, w));
  const handler = r.chain.handlerId ? ctx.functions[r.chain.handlerId] : undefined;
  if (handler) protections.push(...ctx.inHandler(handler));
  return {
    method: r.method,
    path: joinBase(r.base?.value, r.path),
    framework: 'nextjs',
    file: r.file,
    span: r.span,
    handlerId: r.chain.handlerId,
    middlewareIds,
    protections,
    via,
    // No route-level insertion point exists in Next.js syntax: fixes go into the handler body (`bodySpan`).
    anchors: {},
  };
}

function joinBase(base: string | undefined, path: string): string {
  if (!base || base === '/') return path;
  const b = '/' + base.replace(/^\/+|\/+$/g, '');
  return path === '/' ? b : b + path;
}

/** Protections a wrapper call gives (`withAuth(handler)`), from the classifier or the wrapper-library table. */
function classifyWrapper(ctx: LinkContext, w: Wrapper): Protection[] {
  const found = ctx.classify(w.file, w.ref, 'route');
  if (found.length || w.ref.kind !== 'call' || w.ref.callee.kind !== 'ident') return found;
  const resolved = ctx.resolveRef(w.file, w.ref.callee);
  if (resolved.kind !== 'module') return found;
  const lib = WRAPPER_LIBRARIES.find((l) => l.module.test(resolved.module) && l.names.test(resolved.exportName));
  if (!lib) return found;
  return [{ kind: 'auth', name: w.ref.callee.name, via: 'library', library: lib.library, scope: 'route', declaredAt: { file: w.file, span: w.ref.span } }];
}

/** Follow an exported value to its handler function through aliases and wrapper calls. */
export function resolveHandler(ctx: LinkContext, file: string, e: NextExport): HandlerChain {
  const chain: HandlerChain = { wrappers: [] };
  if (e.from) {
    const target = ctx.resolveModule(file, e.from);
    if (target) followResolved(ctx, ctx.resolveName(target, e.imported ?? e.name), chain, 0);
    return chain;
  }
  if (e.value) followRef(ctx, file, e.value, chain, 0);
  else if (e.local) followResolved(ctx, ctx.resolveName(file, e.local), chain, 0);
  return chain;
}

function followRef(ctx: LinkContext, file: string, ref: ExprRef, chain: HandlerChain, depth: number): void {
  if (depth > 6) return;
  if (ref.kind === 'function') chain.handlerId = ref.functionId;
  else if (ref.kind === 'call') {
    chain.wrappers.push({ file, ref });
    const inner = ref.args.find((a) => a.kind === 'function') ?? ref.args.find((a) => a.kind === 'ident' || a.kind === 'call' || a.kind === 'member');
    if (inner) followRef(ctx, file, inner, chain, depth + 1);
  } else if (ref.kind === 'ident' || ref.kind === 'member') followResolved(ctx, ctx.resolveRef(file, ref), chain, depth + 1);
}

function followResolved(ctx: LinkContext, r: ReturnType<LinkContext['resolveRef']>, chain: HandlerChain, depth: number): void {
  if (r.kind === 'function') chain.handlerId = r.fn.id;
  else if (r.kind === 'local' && r.binding.init) followRef(ctx, r.file, r.binding.init, chain, depth + 1);
}

/** The methods a pages API handler branches on (`switch (req.method)`), or ALL when it does not look. */
function pagesMethods(ctx: LinkContext, handlerId: string | undefined): HttpMethod[] {
  if (!handlerId) return ['ALL'];
  const file = handlerId.slice(0, handlerId.lastIndexOf('#'));
  const facts = ctx.files[file]?.collected.nextjs as NextFacts | undefined;
  const methods = facts?.methodsByFunction?.[handlerId];
  // A handler that only special-cases a CORS preflight (`if (req.method === 'OPTIONS')`) serves every method.
  return methods?.some((m) => m !== 'OPTIONS' && m !== 'HEAD') ? methods : ['ALL'];
}

type Make = (method: HttpMethod, span: NextExport['span'], chain: HandlerChain, extra?: Protection[], extraIds?: string[]) => LinkedRoute;

/** next-connect: `router.use(mw)` applies to the method handlers registered after it. */
function connectRoutes(ctx: LinkContext, file: string, facts: NextFacts, make: Make): LinkedRoute[] {
  const routes: LinkedRoute[] = [];
  const used: Protection[] = [];
  const usedIds: string[] = [];
  for (const call of facts.connect ?? []) {
    if (call.method === 'USE') {
      for (const arg of call.args) {
        used.push(...ctx.classify(file, arg, 'router'));
        const r = ctx.resolveRef(file, arg);
        if (r.kind === 'function') usedIds.push(r.fn.id);
      }
      continue;
    }
    const handlerRef = call.args[call.args.length - 1];
    if (!handlerRef) continue;
    const chain: HandlerChain = { wrappers: [] };
    followRef(ctx, file, handlerRef, chain, 0);
    const routeMw = call.args.slice(0, -1);
    const own = routeMw.flatMap((a) => ctx.classify(file, a, 'route'));
    routes.push(make(call.method, call.span, chain, [...used, ...own], [...usedIds]));
  }
  return routes;
}

/**
 * NestJS facts → routes. Each controller method with an HTTP decorator becomes one route per path, under the app's
 * global prefix (minus its excludes) and URI version, with protections in Nest's execution order: global guards,
 * controller guards, method guards, then pipes (global, controller, method, parameter), then checks in the handler.
 * `@Public()` metadata lifts auth from guards that honour it; `@SkipThrottle()` lifts throttler limits; `@Roles()`
 * turns a roles guard into a role protection.
 */
import type { LinkContext, LinkedRoute } from '../../adapter';
import type { ExprRef, FunctionFacts, Location, Protection, ProtectionScope, RouteTag, ValueFact } from '../../types';
import type { NestController, NestDecorator, NestFacts, NestRouteFact } from './facts';
import { guardInfo, keyText, metaDecoratorOf, pipeInfo, PUBLIC_KEY, ROLES_KEY } from './guards';
import { middlewareFor } from './middleware';
import { appGlobals, appKey, routePaths, type AppGlobals } from './paths';

const PUBLIC_NAMES = /^(Public|IsPublic|AllowAnonymous|Anonymous|SkipAuth|NoAuth|Unprotected)$/;
const ROLE_NAMES = /^(Roles|Role|HasRoles|HasRole|RequireRoles|Permissions|RequirePermissions)$/;

/** What a route's class + method decorators say, with guard and pipe expressions per scope. */
interface RouteMeta {
  guards: { file: string; ref: ExprRef; scope: ProtectionScope }[];
  pipes: { file: string; ref: ExprRef; scope: ProtectionScope }[];
  roles?: string[];
  isPublic: boolean;
  skipThrottle: boolean;
}

/**
 * Guard and pipe analysis does not depend on the route (metadata is applied afterwards), so a global guard is
 * classified once per link, not once per route.
 */
const memos = new WeakMap<LinkContext, Map<string, unknown>>();
function memo<T>(ctx: LinkContext, key: string, make: () => T): T {
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

export function linkNest(ctx: LinkContext): LinkedRoute[] {
  const all = ctx.facts<NestFacts>('nestjs');
  const routes: LinkedRoute[] = [];
  for (const [file, facts] of all) {
    for (const controller of facts.controllers) {
      const globals = memo(ctx, `app\0${appKey(all, file)}`, () => appGlobals(all, file));
      for (const route of controller.routes) routes.push(...buildRoutes(ctx, file, controller, route, globals));
    }
  }
  return routes;
}

function buildRoutes(ctx: LinkContext, file: string, c: NestController, r: NestRouteFact, g: AppGlobals): LinkedRoute[] {
  const meta = routeMeta(ctx, file, c, r, g);
  const protections = [...guardProtections(ctx, meta), ...pipeProtections(ctx, file, r, meta)];
  const handler = ctx.functions[r.functionId];
  if (handler) protections.push(...ctx.inHandler(handler));
  const tags: RouteTag[] = meta.isPublic ? ['public'] : [];
  return routePaths(c, r, g).map(({ path, local, via }) => {
    // Middleware selects routes by path, so each path of a multi-path route is matched on its own.
    const mw = middlewareFor(ctx, g, { controller: c.name, method: r.method, localPath: local });
    return {
      method: r.method,
      path,
      framework: 'nestjs' as const,
      file,
      span: r.span,
      handlerId: handler ? r.functionId : undefined,
      middlewareIds: mw.ids,
      protections: [...mw.protections, ...protections.map((p) => ({ ...p }))],
      tags: [...tags],
      via: [...via, { message: `@Controller of ${c.name}`, location: { file, span: c.span } }],
      anchors: { decoratorInsert: r.decoratorInsert, classDecoratorInsert: c.classDecoratorInsert },
    };
  });
}

function routeMeta(ctx: LinkContext, file: string, c: NestController, r: NestRouteFact, g: AppGlobals): RouteMeta {
  const meta: RouteMeta = {
    guards: g.guards.map((x) => ({ ...x, scope: 'app' as const })),
    pipes: g.pipes.map((x) => ({ ...x, scope: 'app' as const })),
    isPublic: false,
    skipThrottle: false,
  };
  const scopes: [NestDecorator[], ProtectionScope][] = [
    [c.decorators, 'controller'],
    [r.decorators, 'route'],
  ];
  for (const [decorators, scope] of scopes) {
    for (const d of decorators) readDecorator(ctx, file, d, scope, meta);
  }
  return meta;
}

function readDecorator(ctx: LinkContext, file: string, d: NestDecorator, scope: ProtectionScope, meta: RouteMeta): void {
  if (d.name === 'UseGuards') meta.guards.push(...d.args.map((ref) => ({ file, ref, scope })));
  else if (d.name === 'UsePipes') meta.pipes.push(...d.args.map((ref) => ({ file, ref, scope })));
  else if (d.name === 'SkipThrottle') meta.skipThrottle = !/^false$|default:\s*false/.test(d.values[0] ?? '');
  else {
    const found = metaDecoratorOf(ctx, file, d.name);
    const keys = found ? found.meta.keys.map((k) => keyText(ctx, found.file, k)) : [];
    if (found) meta.guards.push(...found.meta.guards.map((ref) => ({ file: found.file, ref, scope })));
    // Method-level metadata overrides class-level (Reflector.getAllAndOverride), so later scopes win.
    if (keys.some((k) => ROLES_KEY.test(k)) || (!found && ROLE_NAMES.test(d.name))) meta.roles = d.values.filter((v) => v);
    if ((keys.some((k) => PUBLIC_KEY.test(k)) && !found?.meta.falseValue) || (!found && PUBLIC_NAMES.test(d.name))) meta.isPublic = true;
  }
}

function guardProtections(ctx: LinkContext, meta: RouteMeta): Protection[] {
  const out: Protection[] = [];
  for (const g of meta.guards) {
    const info = memo(ctx, `g\0${g.file}\0${g.ref.span.start}\0${g.scope}`, () => guardInfo(ctx, g.file, g.ref, g.scope));
    // @Public() lifts a guard that reads the public key; a global guard we cannot inspect is assumed to honour it.
    const lifted = meta.isPublic && (info.publicAware === true || (g.scope === 'app' && info.publicAware === undefined));
    for (const p of info.protections) {
      if (p.kind === 'auth' && lifted) continue;
      if (p.kind === 'rateLimit' && info.throttler && meta.skipThrottle) continue;
      if (p.kind === 'role' && info.role && !meta.roles?.length) continue;
      out.push(p.kind === 'role' && meta.roles ? { ...p, roles: meta.roles } : p);
    }
    if (info.role && meta.roles?.length && !info.protections.some((p) => p.kind === 'role')) {
      const declaredAt: Location = { file: g.file, span: g.ref.span };
      out.push({ kind: 'role', name: g.ref.text, via: 'behaviour', scope: g.scope, declaredAt, roles: meta.roles });
    }
  }
  return out;
}

const INPUT_DECORATORS = /^(Body|Query)$/;

/** Pipes in Nest's order; class-validator pipes count only when every body/query parameter is a DTO class. */
function pipeProtections(ctx: LinkContext, file: string, r: NestRouteFact, meta: RouteMeta): Protection[] {
  const out: Protection[] = [];
  const dtoOnly = dtoTyped(ctx, file, r);
  for (const p of meta.pipes) {
    const info = memo(ctx, `p\0${p.file}\0${p.ref.span.start}\0${p.scope}`, () => pipeInfo(ctx, p.file, p.ref, p.scope));
    if (info.protection && (!info.needsDto || dtoOnly)) out.push(info.protection);
  }
  for (const param of r.params) {
    if (!INPUT_DECORATORS.test(param.decorator)) continue;
    for (const ref of param.pipes) {
      const info = pipeInfo(ctx, file, ref, 'route');
      if (info.protection && (!info.needsDto || isDto(ctx, file, param.type))) out.push(info.protection);
    }
  }
  return out;
}

/** Every `@Body()`/`@Query()` parameter is typed with a class, and no raw `@Req()` lets input bypass the pipes. */
function dtoTyped(ctx: LinkContext, file: string, r: NestRouteFact): boolean {
  const handler = ctx.functions[r.functionId];
  if (r.params.some((p) => /^(Req|Request)$/.test(p.decorator)) && (!handler || readsRawInput(handler))) return false;
  return r.params.filter((p) => INPUT_DECORATORS.test(p.decorator)).every((p) => isDto(ctx, file, p.type));
}

/** The handler reads `req.body` / `req.query` through its `@Req()` parameter (what no pipe sees). */
function readsRawInput(fn: FunctionFacts): boolean {
  const reqNames = fn.params.filter((p) => p.decorators?.some((d) => /^(Req|Request)$/.test(d.name))).map((p) => p.name.toLowerCase());
  const raw = (names: string[]) => names.some((n, i) => reqNames.includes(n) && /^(body|query)$/.test(names[i + 1] ?? ''));
  const values: ValueFact[] = [
    ...fn.calls.flatMap((c) => c.args),
    ...fn.assignments.map((a) => a.value),
    ...fn.returns,
    ...fn.responses.flatMap((r) => (r.body ? [r.body] : [])),
  ];
  const seen = (v: ValueFact): boolean => raw(v.names) || (v.props ?? []).some((p) => seen(p.value));
  return values.some(seen) || fn.calls.some((c) => raw(c.chainNames)) || fn.guards.some((g) => raw(g.names));
}

function isDto(ctx: LinkContext, file: string, type: string | undefined): boolean {
  if (!type || !/^[A-Z]/.test(type) || /^(Record|Partial|Pick|Omit|Object|Array|Map|Set|Promise)$/.test(type)) return false;
  const name = type.split('.')[0];
  // `import type { Dto }` erases the class: the pipe then sees `Object` and validates nothing.
  if (ctx.files[file]?.imports.some((i) => i.typeOnly && i.names.some((n) => n.local === name))) return false;
  const r = ctx.resolveName(file, name);
  return (r.kind === 'local' && r.binding.kind === 'class') || r.kind === 'module';
}

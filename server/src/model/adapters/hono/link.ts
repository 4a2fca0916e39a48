/**
 * Hono facts of every file → routes. Each router's registrations are flattened in order, with sub-apps mounted by
 * `app.route(path, sub)` spliced in where the mount happens (Hono copies the sub-app's handlers at that point).
 * A `use(pattern, mw)` then guards exactly the routes registered after it whose path matches the pattern.
 */
import type { LinkContext, LinkedRoute } from '../../adapter';
import type { ExprRef, Location, Protection, ProtectionScope, Span } from '../../types';
import { joinPath } from '../fastify/syntax';
import type { BaseStep, HonoFacts, HonoInstance, HonoMountOp, HonoOp, HonoPassOp, HonoRouteOp, RouterTarget } from './facts';
import { classifyHono, honoFunctionId } from './guards';

type Entry =
  | { kind: 'use'; file: string; pattern: string; refs: ExprRef[]; scope: ProtectionScope }
  | { kind: 'route'; file: string; op: HonoRouteOp; prefix: string; via: Via[] };
type Via = { message: string; location: Location };

interface Env {
  ctx: LinkContext;
  instances: Map<string, HonoInstance>;
  ops: Map<string, { file: string; op: HonoOp }[]>;
}

export function linkHono(ctx: LinkContext): LinkedRoute[] {
  const env: Env = { ctx, instances: new Map(), ops: new Map() };
  const all = ctx.facts<HonoFacts>('hono');
  for (const [, facts] of all) for (const inst of facts.instances) env.instances.set(inst.key, inst);
  const mounted = new Set<string>();
  for (const [file, facts] of all) {
    for (const op of facts.ops) {
      const target = routerOf(env, file, op.target);
      if (!target) continue;
      const resolved = target.basePath ? { ...rebase(op, target.basePath), bases: [...target.bases, ...op.bases] } : op;
      const list = env.ops.get(target.router) ?? [];
      list.push({ file, op: resolved });
      env.ops.set(target.router, list);
    }
  }
  // Only once every router's operations are known can a pass (`registerUsers(app)`) find its target.
  for (const [router, list] of env.ops) {
    for (const { file, op } of list) {
      const sub = op.kind === 'mount' || op.kind === 'pass' ? subOf(env, file, op) : undefined;
      // A router mounted on itself is still a root (Hono would recurse; we list its routes once).
      if (sub && sub.router !== router) mounted.add(sub.router);
    }
  }
  for (const [router, list] of env.ops) {
    const home = router.slice(0, router.indexOf('#'));
    list.sort((a, b) => (a.file === b.file ? a.op.pos - b.op.pos : a.file === home ? -1 : b.file === home ? 1 : a.file < b.file ? -1 : 1));
  }
  const routes: LinkedRoute[] = [];
  for (const router of env.ops.keys()) {
    if (mounted.has(router)) continue;
    routes.push(...routesOf(env, flatten(env, router, '', [], 0, new Set())));
  }
  return routes;
}

/** The router (and extra base path) a target denotes; imported names must resolve to a known Hono instance. */
function routerOf(env: Env, file: string, target: RouterTarget): { router: string; basePath: string; bases: BaseStep[] } | undefined {
  if ('router' in target) return { router: target.router, basePath: '', bases: [] };
  const r = env.ctx.resolveName(file, target.name);
  if (r.kind !== 'local') return undefined;
  const inst = env.instances.get(`${r.file}#${r.binding.name}`);
  return inst ? { router: inst.router, basePath: inst.basePath, bases: inst.bases } : undefined;
}

/** The router a mount (`app.route(path, sub)`) or a pass (`registerUsers(app)`) brings in. */
function subOf(env: Env, file: string, op: HonoMountOp | HonoPassOp): { router: string } | undefined {
  if (op.kind === 'mount') return routerOf(env, file, op.sub);
  const r = env.ctx.resolveRef(file, op.fn);
  const key = r.kind === 'function' ? `${r.fn.id}@${op.index}` : undefined;
  return key && env.ops.has(key) ? { router: key } : undefined;
}

/** `via` plus one entry per `basePath(...)` call that shaped the path (each listed once). */
function withBases(via: Via[], bases: BaseStep[]): Via[] {
  const out = [...via];
  for (const b of bases) {
    const location = { file: b.file, span: b.span };
    if (!out.some((v) => v.location.file === b.file && v.location.span.start === b.span.start)) out.push({ message: `basePath('${b.path}')`, location });
  }
  return out;
}

/** Operations on an imported `basePath` instance: its base path applies on top of what was written. */
function rebase(op: HonoOp, basePath: string): HonoOp {
  if (op.kind === 'route') return { ...op, paths: op.paths.map((p) => joinPath(basePath, p)) };
  if (op.kind === 'use') return { ...op, pattern: joinPath(basePath, op.pattern) };
  return { ...op, path: joinPath(basePath, op.path) };
}

function flatten(env: Env, router: string, prefix: string, via: Via[], depth: number, seen: Set<string>): Entry[] {
  if (seen.has(router)) return [];
  const inner = new Set(seen).add(router);
  const out: Entry[] = [];
  for (const { file, op } of env.ops.get(router) ?? []) {
    if (op.kind === 'use') {
      const pattern = joinPath(prefix, op.pattern);
      const scope: ProtectionScope = depth > 0 ? 'router' : pattern === '/*' ? 'app' : 'mount';
      out.push({ kind: 'use', file, pattern, refs: op.refs, scope });
    } else if (op.kind === 'route') out.push({ kind: 'route', file, op, prefix, via: withBases(via, op.bases) });
    else {
      const sub = subOf(env, file, op);
      if (!sub) continue;
      const path = joinPath(prefix, op.path);
      const message = op.kind === 'mount' ? `mounted at '${path}' with app.route()` : `routes registered by ${op.fn.text}()`;
      const step = { message, location: { file, span: op.span } };
      // Passing the app itself to a function keeps its scope; a mounted sub-app is a router of its own.
      out.push(...flatten(env, sub.router, path, [...withBases(via, op.bases), step], op.kind === 'mount' ? depth + 1 : depth, inner));
    }
  }
  return out;
}

function routesOf(env: Env, entries: Entry[]): LinkedRoute[] {
  const routes: LinkedRoute[] = [];
  entries.forEach((entry, i) => {
    if (entry.kind !== 'route') return;
    const before = entries.slice(0, i).filter((e): e is Extract<Entry, { kind: 'use' }> => e.kind === 'use');
    for (const raw of entry.op.paths) {
      const path = joinPath(entry.prefix, raw);
      const uses = before.filter((u) => patternMatches(u.pattern, path));
      const protections: Protection[] = [];
      const middlewareIds: string[] = [];
      for (const use of uses) collectGuards(env, use.file, use.refs, use.scope, protections, middlewareIds);
      const { file, op } = entry;
      collectGuards(env, file, op.handlers.slice(0, -1), 'route', protections, middlewareIds);
      if (op.validated) {
        protections.push({ kind: 'validation', name: 'createRoute request', via: 'library', library: '@hono/zod-openapi', scope: 'route', declaredAt: { file, span: op.validated } });
      }
      const handlerId = honoFunctionId(env.ctx, file, op.handlers[op.handlers.length - 1]);
      const handler = handlerId ? env.ctx.functions[handlerId] : undefined;
      if (handler) protections.push(...env.ctx.inHandler(handler));
      for (const method of op.methods) {
        routes.push({
          method,
          path,
          framework: 'hono',
          file,
          span: op.span as Span,
          handlerId,
          middlewareIds: [...middlewareIds],
          protections: protections.map((p) => ({ ...p })),
          via: [...entry.via],
          anchors: { middlewareInsert: op.middlewareInsert },
        });
      }
    }
  });
  return routes;
}

function collectGuards(env: Env, file: string, refs: ExprRef[], scope: ProtectionScope, protections: Protection[], ids: string[]): void {
  for (const ref of refs) {
    protections.push(...classifyHono(env.ctx, file, ref, scope));
    const id = honoFunctionId(env.ctx, file, ref);
    if (id) ids.push(id);
  }
}

/** Hono's matching of a `use` path: `*` is any rest (a trailing `/*` also matches the bare prefix), `:p` one segment. */
export function patternMatches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  let re = '';
  const trailing = pattern.endsWith('/*');
  const body = trailing ? pattern.slice(0, -2) : pattern;
  for (const part of body.split(/(\*|:[A-Za-z_$][\w$]*(?:\{[^}]*\})?\??)/)) {
    if (part === '*') re += '.*';
    else if (part.startsWith(':')) re += '[^/]+';
    else re += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  if (trailing) re += '(?:/.*)?';
  return new RegExp(`^${re}/?$`).test(path);
}

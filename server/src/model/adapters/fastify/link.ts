/**
 * Fastify facts of every file → routes. Builds the encapsulation tree: each instance is a root context; each
 * `register(plugin, { prefix })` of a plain plugin opens a child context (hooks inside apply to it and its children,
 * never to siblings); a `fastify-plugin` (`fp(...)`) wrapped plugin is merged into the context that registers it
 * (its hooks and routes belong to the parent, and `prefix` is ignored, as Fastify does).
 */
import type { LinkContext, LinkedRoute } from '../../adapter';
import type { ExprRef, Location, Protection, ProtectionScope } from '../../types';
import type { FastifyFacts, FastifyRegisterOp, FastifyRouteOp, GuardHook } from './facts';
import { GUARD_HOOKS } from './facts';
import { classifyHook, functionIdOf, type GuardEnv } from './guards';
import { keyedByText } from '../../taint/behaviour';
import { autoloaded } from './autoload';
import { resolvePlugin, type ScopeEntry } from './plugins';
import { joinPath } from './syntax';

interface Env extends GuardEnv {
  scopes: Map<string, ScopeEntry>;
}

/** One encapsulation context after merging fp plugins into it. */
interface Context {
  hooks: { file: string; hook: GuardHook; ref: ExprRef }[];
  routes: { file: string; op: FastifyRouteOp }[];
  children: { file: string; op: FastifyRegisterOp; key: string; prefix?: string; from?: string }[];
  libraries: { file: string; op: FastifyRegisterOp; module: string }[];
}

/** What a context inherits from its ancestors. */
interface Inherited {
  prefix: string;
  protections: Protection[];
  middlewareIds: string[];
  via: { message: string; location: Location }[];
  /** `@fastify/rate-limit` registered with `global: false` somewhere above: route `config.rateLimit` then counts. */
  rateLimitOptIn?: Protection;
  depth: number;
}

export function linkFastify(ctx: LinkContext): LinkedRoute[] {
  const env: Env = { ctx, scopes: new Map(), decorators: new Map(), jwtVerifiers: new Set() };
  const all = ctx.facts<FastifyFacts>('fastify');
  for (const [file, facts] of all) {
    for (const scope of facts.scopes) env.scopes.set(scope.key, { file, scope, fastifyFile: facts.fastifyFile });
    for (const id of facts.jwtVerifiers) env.jwtVerifiers.add(id);
    for (const scope of facts.scopes) for (const op of scope.ops) if (op.op === 'decorate' && !env.decorators.has(op.name)) env.decorators.set(op.name, { file, ref: op.ref });
  }
  const registered = new Set<string>();
  for (const { file, scope } of env.scopes.values()) {
    for (const op of scope.ops) {
      if (op.op === 'pass') {
        const key = passedTo(env, file, op.fn);
        if (key) registered.add(key);
      }
      if (op.op !== 'register') continue;
      for (const t of registrationsOf(env, file, op)) if (t.kind === 'scope') registered.add(t.key);
    }
  }
  const routes: LinkedRoute[] = [];
  for (const entry of env.scopes.values()) {
    const root = entry.scope.kind === 'instance' || (!registered.has(entry.scope.key) && entry.fastifyFile);
    if (!root) continue;
    // A plugin nobody registers is the app itself (fastify-cli's `app.js`) or loaded in a way we cannot see.
    const start: Inherited = { prefix: '', protections: [], middlewareIds: [], via: [], depth: 0 };
    walk(env, entry.scope.key, start, new Set(), routes);
  }
  return routes;
}

/** The context of a scope: the scope itself plus every fp-wrapped plugin it (transitively) registers. */
function contextOf(env: Env, key: string, seen: Set<string>): Context {
  const out: Context = { hooks: [], routes: [], children: [], libraries: [] };
  const add = (k: string) => {
    const entry = env.scopes.get(k);
    if (!entry || seen.has(k)) return;
    seen.add(k);
    for (const op of entry.scope.ops) {
      if (op.op === 'hook') out.hooks.push({ file: entry.file, hook: op.hook, ref: op.ref });
      else if (op.op === 'route') out.routes.push({ file: entry.file, op });
      else if (op.op === 'pass') {
        const key = passedTo(env, entry.file, op.fn);
        if (key) add(key);
      }
      else if (op.op === 'register') {
        for (const target of registrationsOf(env, entry.file, op)) {
          if (target.kind === 'library') out.libraries.push({ file: entry.file, op, module: target.module });
          else if (!target.encapsulated) add(target.key);
          else out.children.push({ file: entry.file, op, key: target.key, prefix: target.prefix, from: target.from });
        }
      }
    }
  };
  add(key);
  // Fastify runs hooks by lifecycle stage (onRequest before preHandler), in registration order within a stage.
  out.hooks.sort((a, b) => GUARD_HOOKS.indexOf(a.hook) - GUARD_HOOKS.indexOf(b.hook));
  return out;
}

function walk(env: Env, key: string, inherited: Inherited, path: Set<string>, routes: LinkedRoute[]): void {
  if (path.has(key)) return;
  const context = contextOf(env, key, new Set(path));
  const scope: ProtectionScope = inherited.depth === 0 ? 'app' : 'router';
  const here: Inherited = { ...inherited, protections: [...inherited.protections], middlewareIds: [...inherited.middlewareIds] };
  for (const lib of context.libraries) {
    const p = libraryProtection(lib.file, lib.op, lib.module, scope);
    if (p && p.kind === 'rateLimit' && lib.op.options?.global === 'false') here.rateLimitOptIn = { ...p, scope: 'route' };
    else if (p) here.protections.push(p);
  }
  for (const h of context.hooks) {
    here.protections.push(...classifyHook(env, h.file, h.ref, scope));
    const id = functionIdOf(env, h.file, h.ref);
    if (id) here.middlewareIds.push(id);
  }
  for (const r of context.routes) routes.push(...routesOf(env, r.file, r.op, here));
  const inner = new Set(path).add(key);
  for (const child of context.children) {
    const prefix = child.prefix ?? child.op.prefix;
    const what = child.from ? `plugin ${child.from} loaded by @fastify/autoload` : 'plugin registered';
    const via = { message: prefix ? `${what} with prefix '${prefix}'` : what, location: { file: child.file, span: child.op.span } };
    const next: Inherited = { ...here, prefix: joinPath(here.prefix, prefix ?? ''), via: [...here.via, via], depth: here.depth + 1 };
    walk(env, child.key, next, inner, routes);
  }
}

/** The plugin-like function a `fn(app)` call hands the instance to, when the model knows it. */
function passedTo(env: Env, file: string, fn: ExprRef): string | undefined {
  const id = functionIdOf(env, file, fn);
  return id && env.scopes.has(id) ? id : undefined;
}

type Registration =
  | { kind: 'scope'; key: string; encapsulated: boolean; prefix?: string; from?: string }
  | { kind: 'library'; module: string };

/** What one `register(...)` call adds: a plugin scope, a library, or (autoload) every plugin under a folder. */
function registrationsOf(env: Env, file: string, op: FastifyRegisterOp): Registration[] {
  const target = resolvePlugin(env.ctx, env.scopes, file, op.plugin);
  if (!target) return [];
  if (target.kind === 'library' && /^(@fastify\/autoload|fastify-autoload)$/.test(target.module)) {
    return autoloaded(env.ctx, env.scopes, file, op).map((a) => ({ kind: 'scope', key: a.key, encapsulated: a.encapsulated, prefix: a.prefix, from: a.file }));
  }
  return [target];
}

/** Protections that registering a well-known plugin gives the whole context. */
function libraryProtection(file: string, op: FastifyRegisterOp, module: string, scope: ProtectionScope): Protection | undefined {
  const declaredAt = { file, span: op.span };
  const name = op.plugin.kind === 'ident' ? op.plugin.name : module;
  if (module === '@fastify/rate-limit' || module === 'fastify-rate-limit') {
    return { kind: 'rateLimit', name, via: 'library', library: module, scope, declaredAt, keyedBy: keyedByText(op.options?.keyGenerator, 'ip') };
  }
  if ((module === '@fastify/bearer-auth' || module === 'fastify-bearer-auth') && op.options?.addHook !== 'false') {
    return { kind: 'auth', name, via: 'library', library: module, scope, declaredAt };
  }
  return undefined;
}

function routesOf(env: Env, file: string, op: FastifyRouteOp, inh: Inherited): LinkedRoute[] {
  const protections = inh.protections.filter((p) => !(op.rateLimit?.disabled && isRateLimitPlugin(p.library)));
  const middlewareIds = [...inh.middlewareIds];
  addRouteLevel(env, file, op, inh, protections, middlewareIds);
  const handlerId = op.handler ? functionIdOf(env, file, op.handler) : undefined;
  const handler = handlerId ? env.ctx.functions[handlerId] : undefined;
  if (handler) protections.push(...env.ctx.inHandler(handler));
  const anchors = { optionsObject: op.optionsObject, middlewareInsert: op.middlewareInsert };
  return op.methods.map((method) => ({
    method,
    path: joinPath(inh.prefix, op.path),
    framework: 'fastify' as const,
    file,
    span: op.span,
    handlerId,
    middlewareIds: [...middlewareIds],
    protections: protections.map((p) => ({ ...p })),
    via: [...inh.via],
    anchors: { ...anchors },
    tags: op.public ? ['public' as const] : undefined,
  }));
}

/** `config: { rateLimit: false }` exempts a route from a global limit set by this plugin. */
function isRateLimitPlugin(library: string | undefined): boolean {
  return library === '@fastify/rate-limit' || library === 'fastify-rate-limit';
}

/** Route hooks (by lifecycle stage), the route schema and an opted-in `config.rateLimit`. */
function addRouteLevel(env: Env, file: string, op: FastifyRouteOp, inh: Inherited, protections: Protection[], middlewareIds: string[]): void {
  for (const hook of [...op.hooks].sort((a, b) => GUARD_HOOKS.indexOf(a.hook) - GUARD_HOOKS.indexOf(b.hook))) {
    protections.push(...classifyHook(env, file, hook.ref, 'route'));
    for (const ref of hook.ref.kind === 'array' ? hook.ref.items : [hook.ref]) {
      const id = functionIdOf(env, file, ref);
      if (id) middlewareIds.push(id);
    }
  }
  if (op.schema && (op.schema.opaque || op.schema.parts.length)) {
    const name = op.schema.parts.length ? `schema (${op.schema.parts.join(', ')})` : 'schema';
    protections.push({ kind: 'validation', name, via: 'library', library: 'fastify', scope: 'route', declaredAt: { file, span: op.schema.span } });
  }
  if (op.rateLimit && !op.rateLimit.disabled && inh.rateLimitOptIn && !protections.some((p) => p.kind === 'rateLimit')) {
    protections.push({ ...inh.rateLimitOptIn, name: 'config.rateLimit', declaredAt: { file, span: op.rateLimit.span } });
  }
}

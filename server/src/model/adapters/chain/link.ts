/**
 * Links middleware-chain facts (Express, Koa) into routes. Every app/router that nothing mounts is a root; walking
 * its registration calls in order keeps the list of middleware registered so far, so a `use(mw)` protects only the
 * routes (and mounts) registered after it, as at run time. Mounts and prefixes join paths and are recorded as `via`.
 */
import type { LinkContext, LinkedRoute } from '../../adapter';
import type { ExprRef, Framework, FunctionFacts, HttpMethod, ProtectionScope, Route } from '../../types';
import { joinPaths, pathUnder } from '../common';
import { ChainResolver, flatten, keyOf, type Key, type MountHooks, type Rec } from './resolve';
import type { ChainFacts } from './types';

export interface ChainLinkOptions extends MountHooks {
  adapterId: string;
  framework: Framework;
  /** A `use(path, fn)` whose fn takes at most this many parameters and never calls next is an endpoint. */
  endpointMaxParams: number;
  /** Modules of this framework: a registering function nobody calls is this framework's when its file imports one. */
  modules: RegExp;
  /** Also claim such functions in files that import no chain framework at all (Express: the common case). */
  claimsUnmarked?: boolean;
}

/** Every module of a middleware-chain framework (to tell whose an unmarked registering function is). */
const CHAIN_MODULES = /^(express|koa|@koa\/router|koa-router|koa-mount)$/;

/** Other frameworks' modules: a registering function in a file that imports one is not ours to claim. */
const OTHER_FRAMEWORKS = /^(fastify|fastify-plugin|hono|@nestjs\/|next(\/|$))/;

/** Middleware registered so far, with the absolute path prefix it applies under. */
interface Active {
  file: string;
  ref: ExprRef;
  scope: ProtectionScope;
  prefix: string;
}

interface WalkState {
  base: string;
  active: Active[];
  via: Route['via'];
  scope: ProtectionScope;
  stack: string[];
}

export function linkChain(ctx: LinkContext, opts: ChainLinkOptions): LinkedRoute[] {
  return new ChainLinker(ctx, opts).run();
}

class ChainLinker {
  private readonly res: ChainResolver;
  private readonly lists = new Map<Key, Rec[]>();
  private readonly params = new Map<string, Rec[]>();
  private readonly mounted = new Set<Key>();
  private readonly usedParams = new Set<string>();
  private readonly visited = new Set<Key>();
  private readonly routes: LinkedRoute[] = [];

  constructor(
    private readonly ctx: LinkContext,
    private readonly opts: ChainLinkOptions,
  ) {
    const facts = ctx.facts<ChainFacts>(opts.adapterId);
    this.res = new ChainResolver(ctx, facts, opts);
    for (const [file, f] of facts) for (const entry of f.entries) this.place({ file, entry });
    for (const [key, list] of this.lists) {
      const home = this.res.homes.get(key)!.file;
      list.sort((a, b) => Number(a.file !== home) - Number(b.file !== home) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.entry.span.start - b.entry.span.start));
    }
  }

  /** File an entry under the container (or router-ish parameter) it registers on. */
  private place(rec: Rec): void {
    const recv = rec.entry.recv;
    let key: Key | undefined;
    if (recv.kind === 'container') key = keyOf(rec.file, recv.scope, recv.name);
    else if (recv.kind === 'param') key = `${recv.fnId}|${recv.index}`;
    else {
      const r = this.ctx.resolveName(rec.file, recv.name);
      if (r.kind === 'local' && this.res.homes.has(keyOf(r.file, undefined, r.binding.name))) key = keyOf(r.file, undefined, r.binding.name);
    }
    if (!key) return;
    const map = recv.kind === 'param' ? this.params : this.lists;
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(rec);
  }

  run(): LinkedRoute[] {
    this.markMounted();
    const homes = [...this.res.homes.entries()].sort(([, a], [, b]) => (a.file === b.file ? a.fact.span.start - b.fact.span.start : a.file < b.file ? -1 : 1));
    for (const [key, home] of homes) {
      if (!this.mounted.has(key)) this.walk(key, { base: '/', active: [], via: [], scope: home.fact.kind === 'app' ? 'app' : 'router', stack: [] });
    }
    // Routers only mounted by each other (a cycle) were never reached: keep their routes, unprefixed.
    for (const [key] of homes) if (!this.visited.has(key)) this.walk(key, { base: '/', active: [], via: [], scope: 'router', stack: [] });
    // Registering functions nobody visibly calls with an app (`export default (app) => { app.get(…) }`) still
    // declare routes: keep them, unprefixed, rather than hide them.
    for (const [pk, list] of this.params) {
      if (!this.usedParams.has(pk) && this.claims(list[0].file)) this.process(list, { base: '/', active: [], via: [], scope: 'router', stack: [pk] });
    }
    return this.routes;
  }

  private claims(file: string): boolean {
    const specs = this.ctx.files[file]?.imports.map((i) => i.spec) ?? [];
    if (specs.some((s) => this.opts.modules.test(s))) return true;
    return !!this.opts.claimsUnmarked && !specs.some((s) => CHAIN_MODULES.test(s) || OTHER_FRAMEWORKS.test(s));
  }

  private markMounted(): void {
    for (const rec of [...this.lists.values(), ...this.params.values()].flat()) {
      if (rec.entry.op === 'call') {
        const fn = this.callee(rec);
        if (fn) this.usedParams.add(`${fn.id}|${rec.entry.argIndex}`);
      }
      if (rec.entry.op !== 'use') continue;
      for (const item of flatten(rec.entry.args)) {
        const inner = this.opts.mountCall?.(this.ctx, rec.file, item)?.inner ?? item;
        for (const k of this.res.targets(rec.file, inner, rec.entry.scopes)) this.mounted.add(k);
      }
    }
  }

  private callee(rec: Rec): FunctionFacts | undefined {
    return this.res.calleeFunction(rec.file, rec.entry.args[0]);
  }

  private walk(key: Key, st: WalkState): void {
    if (st.stack.includes(key) || st.stack.length > 12) return;
    this.visited.add(key);
    const home = this.res.homes.get(key)!;
    const list = this.lists.get(key) ?? [];
    const prefixEntry = [...list].reverse().find((r) => r.entry.op === 'prefix');
    const prefix = prefixEntry?.entry.paths?.[0] ?? home.fact.prefix;
    const via = [...st.via];
    if (prefix) {
      const at = prefixEntry ? { file: prefixEntry.file, span: prefixEntry.entry.span } : { file: home.file, span: home.fact.span };
      via.push({ message: `router prefix ${prefix}`, location: at });
    }
    const base = prefix ? joinPaths(st.base, prefix) : st.base;
    this.process(list, { ...st, base, via, active: [...st.active], stack: [...st.stack, key] });
  }

  /** Run a container's (or a registering function's) entries in order; `st.active` grows as `use` calls pass. */
  private process(list: Rec[], st: WalkState): void {
    for (const rec of list) {
      const e = rec.entry;
      if (e.op === 'route') for (const p of e.paths ?? ['/']) this.emit(rec, e.method ?? 'ALL', joinPaths(st.base, p), flatten(e.args), st);
      else if (e.op === 'use') for (const p of e.paths ?? [undefined]) this.use(rec, p, flatten(e.args), st);
      else if (e.op === 'call') {
        const fn = this.callee(rec);
        const pk = fn && `${fn.id}|${e.argIndex}`;
        if (pk && !st.stack.includes(pk)) this.process(this.params.get(pk) ?? [], { ...st, stack: [...st.stack, pk] });
      }
    }
  }

  /** `use([path], ...items)`: mounts routers, registers middleware for later routes, or is itself an endpoint. */
  private use(rec: Rec, path: string | undefined, items: ExprRef[], st: WalkState): void {
    const abs = path ? joinPaths(st.base, path) : st.base;
    const pending: Active[] = [];
    items.forEach((item, i) => {
      const mount = this.opts.mountCall?.(this.ctx, rec.file, item);
      if (mount) {
        // Koa's `app.use(mount(…))` takes one middleware: inserting `guard, ` there would break it, so no anchor.
        const unanchored = { ...rec, entry: { ...rec.entry, insertAt: undefined } };
        return this.use(unanchored, joinPaths(path ?? '/', mount.path ?? '/'), [mount.inner], st);
      }
      const targets = this.res.targets(rec.file, item, rec.entry.scopes);
      if (targets.length) {
        // Only a mount with a path shapes the routes' paths; `app.use(router)` is not worth a related-information entry.
        const mountVia = { message: `mounted at ${abs} in ${rec.file}:${rec.entry.span.line}`, location: { file: rec.file, span: rec.entry.span } };
        const via = path ? [...st.via, mountVia] : st.via;
        const active = [...st.active, ...pending.map((p) => ({ ...p, scope: 'mount' as const }))];
        for (const t of targets) this.walk(t, { ...st, base: abs, active, via, scope: 'router' });
        return;
      }
      if (path && i === items.length - 1 && this.isEndpoint(rec.file, item)) {
        this.emit(rec, 'ALL', abs, [...pending.map((p) => p.ref), item], st);
        pending.length = 0;
        return;
      }
      pending.push({ file: rec.file, ref: item, scope: st.scope, prefix: abs });
    });
    st.active.push(...pending);
  }

  private isEndpoint(file: string, ref: ExprRef): boolean {
    const fn = this.res.functionOf(file, ref, true);
    return !!fn && !fn.callsNext && fn.params.length >= 1 && fn.params.length <= this.opts.endpointMaxParams;
  }

  private emit(rec: Rec, method: HttpMethod, path: string, items: ExprRef[], st: WalkState): void {
    const handlerRef = items[items.length - 1];
    const routeMws = items.slice(0, -1);
    const chain = st.active.filter((a) => pathUnder(a.prefix, path));
    const handler = handlerRef ? this.res.functionOf(rec.file, handlerRef, true) : undefined;
    const protections = [
      ...chain.flatMap((a) => this.ctx.classify(a.file, a.ref, a.scope)),
      ...routeMws.flatMap((r) => this.ctx.classify(rec.file, r, 'route')),
      ...(handler ? this.ctx.inHandler(handler) : []),
    ];
    const ids = [...chain.map((a) => this.res.functionOf(a.file, a.ref, false)), ...routeMws.map((r) => this.res.functionOf(rec.file, r, false))]
      .filter((f): f is FunctionFacts => !!f && f.id !== handler?.id)
      .map((f) => f.id);
    this.routes.push({
      method,
      path,
      framework: this.opts.framework,
      file: rec.file,
      span: rec.entry.span,
      handlerId: handler?.id,
      middlewareIds: [...new Set(ids)],
      protections,
      via: st.via,
      anchors: rec.entry.insertAt !== undefined ? { middlewareInsert: rec.entry.insertAt } : undefined,
    });
  }
}

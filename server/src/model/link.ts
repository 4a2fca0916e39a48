/**
 * Cross-file linking: resolves names through imports and re-exports, runs every framework adapter's `link`, then
 * adds route tags, config-declared controls and the known-guard inventory. Works on plain facts only.
 */
import picomatch from 'picomatch';
import type { ReadinessConfig } from '../config';
import type { FrameworkAdapter, LinkContext, LinkedRoute, Resolved } from './adapter';
import { classifyRef, protectionsInHandler } from './protections';
import type { ModuleResolver } from './resolver';
import { tagRoute } from './tags';
import type {
  DeclaredControl,
  ExprRef,
  FileFacts,
  FunctionFacts,
  KnownGuard,
  Protection,
  Route,
} from './types';

export function createLinkContext(
  files: Record<string, FileFacts>,
  functions: Record<string, FunctionFacts>,
  resolver: ModuleResolver,
  config: ReadinessConfig,
): LinkContext {
  const resolveModule = (from: string, spec: string) => resolver.resolve(from, spec);

  const resolveExport = (file: string, name: string, depth: number): Resolved => {
    const facts = files[file];
    if (!facts || depth > 8) return { kind: 'unresolved', name };
    for (const ex of facts.exports) {
      if (ex.exported !== name) continue;
      if (ex.from) {
        const target = resolveModule(file, ex.from);
        const inner = ex.imported ?? name;
        return target ? resolveExport(target, inner, depth + 1) : { kind: 'module', module: ex.from, exportName: inner };
      }
      if (ex.local && ex.local !== 'module.exports') return resolveNameIn(file, ex.local, depth + 1);
      const binding = facts.bindings.find((b) => b.name === name && b.exported);
      if (binding) return bindingResult(file, binding.name, depth);
    }
    const direct = facts.bindings.find((b) => b.name === name && b.exported);
    if (direct) return bindingResult(file, direct.name, depth);
    for (const ex of facts.exports) {
      if (ex.exported === '*' && ex.from) {
        const target = resolveModule(file, ex.from);
        if (!target) continue;
        const hit = resolveExport(target, name, depth + 1);
        if (hit.kind !== 'unresolved') return hit;
      }
    }
    return { kind: 'unresolved', name };
  };

  const bindingResult = (file: string, name: string, depth: number): Resolved => {
    const binding = files[file]?.bindings.find((b) => b.name === name);
    if (!binding) return { kind: 'unresolved', name };
    if (binding.functionId && functions[binding.functionId]) return { kind: 'function', file, fn: functions[binding.functionId] };
    // `const requireAuth = passport.authenticate('jwt')` or `export const auth = otherAuth`: follow plain aliases.
    if (binding.init?.kind === 'ident' && depth < 8) {
      const alias = resolveNameIn(file, binding.init.name, depth + 1);
      if (alias.kind !== 'unresolved') return alias;
    }
    return { kind: 'local', file, binding };
  };

  const resolveNameIn = (file: string, name: string, depth: number): Resolved => {
    const facts = files[file];
    if (!facts) return { kind: 'unresolved', name };
    if (facts.bindings.some((b) => b.name === name)) return bindingResult(file, name, depth);
    for (const imp of facts.imports) {
      const hit = imp.names.find((n) => n.local === name);
      if (!hit) continue;
      const target = resolveModule(file, imp.spec);
      if (!target) return { kind: 'module', module: imp.spec, exportName: hit.imported };
      if (hit.imported === '*') return { kind: 'module', module: target, exportName: '*' };
      return resolveExport(target, hit.imported, depth + 1);
    }
    const fn = facts.functions.find((f) => f.name === name && !f.parentId);
    if (fn) return { kind: 'function', file, fn };
    return { kind: 'unresolved', name };
  };

  const resolveRef = (file: string, ref: ExprRef): Resolved => {
    if (ref.kind === 'ident') return resolveNameIn(file, ref.name, 0);
    if (ref.kind === 'function') {
      const fn = functions[ref.functionId];
      return fn ? { kind: 'function', file, fn } : { kind: 'unresolved', name: ref.text };
    }
    if (ref.kind === 'member') {
      const base = resolveNameIn(file, ref.object, 0);
      // `import * as auth from './auth'` then `auth.requireAuth`, or `const c = require('./controller')`.
      if (base.kind === 'module' && base.exportName === '*' && files[base.module]) {
        return resolveExport(base.module, ref.path[0], 0);
      }
      if (base.kind === 'module') return { kind: 'module', module: base.module, exportName: [base.exportName, ...ref.path].join('.') };
      // `export default { list, get }` style controllers: `controller.get` → the object's property binding.
      if (base.kind === 'local' && base.binding.init?.kind === 'other' && ref.path.length === 1) {
        const member = resolveNameIn(base.file, ref.path[0], 0);
        if (member.kind !== 'unresolved') return member;
      }
      // A class method of a local binding lives in the binding's own file: search that file's functions (in the same
      // order as before), not every function of the workspace — this ran for each member ref on every snapshot.
      const last = ref.path[ref.path.length - 1];
      const method = base.kind === 'local' ? files[base.file]?.functions.find((f) => f.className && f.name === `${f.className}.${last}`) : undefined;
      if (method && base.kind === 'local') return { kind: 'function', file: base.file, fn: method };
      return { kind: 'unresolved', name: ref.text };
    }
    return { kind: 'unresolved', name: ref.text };
  };

  const ctx: LinkContext = {
    files,
    functions,
    config,
    facts<F>(adapterId: string) {
      const out: [string, F][] = [];
      for (const [file, f] of Object.entries(files)) if (f.collected[adapterId] !== undefined) out.push([file, f.collected[adapterId] as F]);
      return out;
    },
    resolveModule,
    resolveName: (file, name) => resolveNameIn(file, name, 0),
    resolveRef,
    classify: (file, ref, scope) => classifyRef(ctx, file, ref, scope),
    inHandler: (fn) => protectionsInHandler(ctx, fn),
  };
  return ctx;
}

function routeMatches(patterns: string[], route: Pick<Route, 'method' | 'path'>): boolean {
  for (const raw of patterns) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(raw.trim());
    const method = m ? m[1] : undefined;
    const pathGlob = (m ? m[2] : raw).trim();
    if (method && method !== route.method && route.method !== 'ALL') continue;
    if (picomatch.isMatch(route.path, pathGlob, { dot: true }) || route.path === pathGlob) return true;
  }
  return false;
}

export function linkRoutes(
  ctx: LinkContext,
  adapters: readonly FrameworkAdapter[],
  problems: { file: string; message: string }[],
): { routes: Route[]; guards: KnownGuard[]; declaredControls: DeclaredControl[] } {
  const routes: Route[] = [];
  for (const adapter of adapters) {
    let linked: LinkedRoute[];
    try {
      linked = adapter.link(ctx);
    } catch (e) {
      problems.push({ file: '.', message: `the ${adapter.framework} adapter failed: ${(e as Error).message}` });
      continue;
    }
    for (const r of linked) routes.push({ ...r, key: `${r.method} ${r.path}`, tags: r.tags ?? [] });
  }
  const declaredControls: DeclaredControl[] = (ctx.config.controls ?? []).map((c) => ({ ...c }));
  const publicRoutes = ctx.config.publicRoutes ?? [];
  for (const route of routes) {
    route.tags = [...new Set([...route.tags, ...tagRoute(ctx, route)])];
    if (publicRoutes.length && routeMatches(publicRoutes, route) && !route.tags.includes('public')) route.tags.push('public');
    for (const control of declaredControls) {
      if (!routeMatches(control.paths, route)) continue;
      const protection: Protection = {
        kind: control.kind,
        name: control.description,
        via: 'declared',
        scope: 'config',
        declaredAt: { file: 'readiness.config.json', span: { start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 } },
      };
      route.protections.push(protection);
    }
  }
  routes.sort((a, b) => (a.file === b.file ? a.span.start - b.span.start : a.file < b.file ? -1 : 1));
  return { routes, guards: inventoryGuards(routes), declaredControls };
}

/** Every distinct code-level protection with how many routes use it: what fixes reuse ("the guard this project uses"). */
function inventoryGuards(routes: Route[]): KnownGuard[] {
  const byKey = new Map<string, KnownGuard>();
  for (const route of routes) {
    for (const p of route.protections) {
      if (p.via === 'declared' || p.scope === 'handler') continue;
      const key = `${p.kind}\0${p.name}\0${p.importFrom?.file ?? p.importFrom?.module ?? p.declaredAt.file}`;
      const known = byKey.get(key);
      if (known) known.uses++;
      else byKey.set(key, { protection: p, uses: 1, framework: route.framework });
    }
  }
  return [...byKey.values()].sort((a, b) => b.uses - a.uses);
}

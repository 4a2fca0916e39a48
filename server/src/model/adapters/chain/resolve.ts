/**
 * Cross-file resolution for middleware-chain frameworks: which app/router an expression denotes (a local or
 * imported router, `require('./routes/x')`, a router factory call, Koa `router.routes()`), and which function a
 * middleware/handler expression runs (inline, imported, `controller.method`, factory-made, `asyncHandler(fn)`).
 */
import type { LinkContext, Resolved } from '../../adapter';
import type { ExprRef, FunctionFacts } from '../../types';
import { literalOfRef } from '../common';
import type { ChainFacts, ContainerFact, EntryFact } from './types';

/** `file|scope|name`: one container, unique in the workspace. */
export type Key = string;

export const keyOf = (file: string, scope: string | undefined, name: string): Key => `${file}|${scope ?? ''}|${name}`;

export interface Home {
  file: string;
  fact: ContainerFact;
}

export interface Rec {
  file: string;
  entry: EntryFact;
}

/** Framework-specific unwrapping of a `use` argument before it is resolved. */
export interface MountHooks {
  /** Koa `router.routes()` / `router.middleware()` → the router expression. */
  unwrapRoutes?(ref: ExprRef): ExprRef | undefined;
  /** Koa `mount('/x', target)` (koa-mount) → the prefix and the mounted target. */
  mountCall?(ctx: LinkContext, file: string, ref: ExprRef): { path?: string; inner: ExprRef } | undefined;
}

export class ChainResolver {
  readonly homes = new Map<Key, Home>();
  private children?: Map<string, FunctionFacts[]>;

  constructor(
    readonly ctx: LinkContext,
    facts: [string, ChainFacts][],
    private readonly hooks: MountHooks,
  ) {
    for (const [file, f] of facts) for (const c of f.containers) this.homes.set(keyOf(file, c.scope, c.name), { file, fact: c });
  }

  /** The containers `ref` (used in `file`, inside functions `scopes`) denotes as a mount target. */
  targets(file: string, ref: ExprRef, scopes: string[], depth = 0): Key[] {
    if (depth > 6) return [];
    if (ref.kind === 'ident') {
      for (const s of [...scopes, undefined]) {
        const k = keyOf(file, s, ref.name);
        if (this.homes.has(k)) return [k];
      }
      return this.fromResolved(this.ctx.resolveName(file, ref.name));
    }
    if (ref.kind === 'member' && ref.object === 'this' && ref.path.length === 1) {
      const k = keyOf(file, undefined, `this.${ref.path[0]}`);
      return this.homes.has(k) ? [k] : [];
    }
    if (ref.kind === 'member') return this.fromResolved(this.ctx.resolveRef(file, ref));
    if (ref.kind !== 'call') return [];
    const inner = this.hooks.unwrapRoutes?.(ref);
    if (inner) return this.targets(file, inner, scopes, depth + 1);
    const spec = ref.callee.kind === 'ident' && ref.callee.name === 'require' ? literalOfRef(ref.args[0]) : undefined;
    if (spec !== undefined) {
      const target = this.ctx.resolveModule(file, spec);
      return target ? this.defaultContainer(target) : [];
    }
    const fn = this.calleeFunction(file, ref.callee);
    return fn ? this.factoryResult(fn) : [];
  }

  private fromResolved(r: Resolved): Key[] {
    if (r.kind === 'local') {
      const k = keyOf(r.file, undefined, r.binding.name);
      return this.homes.has(k) ? [k] : [];
    }
    if (r.kind === 'module' && r.exportName === '*' && this.ctx.files[r.module]) return this.defaultContainer(r.module);
    return [];
  }

  /** `module.exports = router` / `export default router` of a workspace file. */
  private defaultContainer(file: string): Key[] {
    const ex = this.ctx.files[file]?.exports.find((e) => e.exported === 'default' && e.local && e.local !== 'module.exports');
    if (!ex?.local) return [];
    const k = keyOf(file, undefined, ex.local);
    if (this.homes.has(k)) return [k];
    return this.fromResolved(this.ctx.resolveName(file, ex.local));
  }

  /** The router a factory function creates: the one it returns, else the only one it creates. */
  private factoryResult(fn: FunctionFacts): Key[] {
    const made = [...this.homes.entries()].filter(([, h]) => h.fact.scope === fn.id);
    const returned = made.filter(([, h]) => h.fact.returned);
    if (returned.length) return [returned[0][0]];
    return made.length === 1 ? [made[0][0]] : [];
  }

  /**
   * The function a middleware or handler expression runs. For a call, a wrapper's function argument
   * (`asyncHandler(async (req, res) => …)`) wins for handlers; otherwise the function a factory returns
   * (`requireRole('admin')`).
   */
  functionOf(file: string, ref: ExprRef, asHandler: boolean, depth = 0): FunctionFacts | undefined {
    if (depth > 6) return undefined;
    if (ref.kind === 'function') return this.ctx.functions[ref.functionId];
    if (ref.kind === 'ident' || ref.kind === 'member') {
      const r = this.ctx.resolveRef(file, ref);
      if (r.kind === 'function') return r.fn;
      if (r.kind === 'module') return this.moduleFunction(r);
      if (r.kind === 'local' && r.binding.init) return this.functionOf(r.file, r.binding.init, asHandler, depth + 1);
      return ref.kind === 'member' ? this.instanceMethod(file, ref) : undefined;
    }
    if (ref.kind !== 'call') return undefined;
    // `controller.list.bind(controller)` runs `controller.list`.
    if (ref.callee.kind === 'member' && ref.callee.path.length > 1 && ref.callee.path[ref.callee.path.length - 1] === 'bind') {
      const { object, path, text, span } = ref.callee;
      return this.functionOf(file, { kind: 'member', object, path: path.slice(0, -1), text, span }, asHandler, depth + 1);
    }
    if (asHandler) {
      for (const arg of [...ref.args].reverse()) {
        const fn = arg.kind === 'function' || arg.kind === 'ident' || arg.kind === 'member' ? this.functionOf(file, arg, true, depth + 1) : undefined;
        if (fn) return fn;
      }
    }
    const factory = this.calleeFunction(file, ref.callee);
    return factory && (this.childrenOf(factory.id)[0] ?? factory);
  }

  /** `ctrl.list` where `const ctrl = new TicketsController(db)` and the class lives in another file. */
  private instanceMethod(file: string, ref: Extract<ExprRef, { kind: 'member' }>): FunctionFacts | undefined {
    const base = this.ctx.resolveName(file, ref.object);
    const init = base.kind === 'local' ? base.binding.init : undefined;
    if (base.kind !== 'local' || init?.kind !== 'new' || ref.path.length !== 1) return undefined;
    const cls = this.ctx.resolveRef(base.file, init.callee);
    if (cls.kind !== 'local' || cls.binding.kind !== 'class') return undefined;
    const name = `${cls.binding.name}.${ref.path[0]}`;
    return this.ctx.files[cls.file]?.functions.find((f) => f.name === name);
  }

  /** `const handler = require('./x')` where x does `module.exports = function (req, res) {…}`. */
  moduleFunction(r: Extract<Resolved, { kind: 'module' }>): FunctionFacts | undefined {
    if (r.exportName !== '*' || !this.ctx.files[r.module]) return undefined;
    const binding = this.ctx.files[r.module].bindings.find((b) => b.name === 'default' && b.functionId);
    return binding ? this.ctx.functions[binding.functionId!] : undefined;
  }

  /** The function a callee expression names (`registerRoutes`, a required module's exported function). */
  calleeFunction(file: string, ref: ExprRef): FunctionFacts | undefined {
    // `require('./routes/api')(deps)`: the required module's exported function.
    const spec = ref.kind === 'call' && ref.callee.kind === 'ident' && ref.callee.name === 'require' ? literalOfRef(ref.args[0]) : undefined;
    if (spec !== undefined) {
      const target = this.ctx.resolveModule(file, spec);
      return target ? this.moduleFunction({ kind: 'module', module: target, exportName: '*' }) : undefined;
    }
    const r = this.ctx.resolveRef(file, ref);
    if (r.kind === 'function') return r.fn;
    return r.kind === 'module' ? this.moduleFunction(r) : undefined;
  }

  private childrenOf(id: string): FunctionFacts[] {
    if (!this.children) {
      this.children = new Map();
      for (const fn of Object.values(this.ctx.functions)) {
        if (!fn.parentId) continue;
        const list = this.children.get(fn.parentId) ?? [];
        list.push(fn);
        this.children.set(fn.parentId, list);
      }
    }
    return this.children.get(id) ?? [];
  }
}

/** Flatten array refs (`[auth, limiter]`) into their items. */
export function flatten(refs: ExprRef[]): ExprRef[] {
  return refs.flatMap((r) => (r.kind === 'array' ? flatten(r.items) : [r]));
}

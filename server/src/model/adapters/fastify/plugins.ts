/**
 * What a `register(x)` call registers: a plugin scope somewhere in the workspace (through imports, `require`,
 * `import()`, default exports and `fp(...)` wrappers) or a package such as `@fastify/rate-limit`.
 */
import type { LinkContext, Resolved } from '../../adapter';
import type { ExprRef } from '../../types';
import type { FastifyScope } from './facts';

export interface ScopeEntry {
  file: string;
  scope: FastifyScope;
  fastifyFile: boolean;
}

export type PluginTarget = { kind: 'scope'; key: string; encapsulated: boolean } | { kind: 'library'; module: string } | undefined;

const LOAD = /^(?:await\s+)?(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)(?:\.default)?$/;
const FP_NAMES = new Set(['fp', 'fastifyPlugin', 'plugin']);

export function resolvePlugin(ctx: LinkContext, scopes: Map<string, ScopeEntry>, file: string, ref: ExprRef, encapsulated = true, depth = 0): PluginTarget {
  if (depth > 8) return undefined;
  if (ref.kind === 'function') return scopes.has(ref.functionId) ? { kind: 'scope', key: ref.functionId, encapsulated } : undefined;
  const load = LOAD.exec(ref.text);
  if (load) {
    const target = ctx.resolveModule(file, load[1]);
    if (!target) return { kind: 'library', module: load[1] };
    return fromResolved(ctx, scopes, defaultExport(ctx, target), encapsulated, depth + 1);
  }
  if (ref.kind === 'call') {
    if (isFastifyPlugin(ctx, file, ref.callee) && ref.args[0]) return resolvePlugin(ctx, scopes, file, ref.args[0], false, depth + 1);
    return undefined;
  }
  if (ref.kind === 'ident' || ref.kind === 'member') return fromResolved(ctx, scopes, ctx.resolveRef(file, ref), encapsulated, depth + 1);
  return undefined;
}

function fromResolved(ctx: LinkContext, scopes: Map<string, ScopeEntry>, r: Resolved, encapsulated: boolean, depth: number): PluginTarget {
  if (r.kind === 'function') return scopes.has(r.fn.id) ? { kind: 'scope', key: r.fn.id, encapsulated } : undefined;
  if (r.kind === 'module') return { kind: 'library', module: r.module };
  if (r.kind === 'local' && r.binding.init) return resolvePlugin(ctx, scopes, r.file, r.binding.init, encapsulated, depth);
  return undefined;
}

/** A file's default export (`export default`, `module.exports =`), resolved. */
function defaultExport(ctx: LinkContext, file: string): Resolved {
  const ex = ctx.files[file]?.exports.find((e) => e.exported === 'default');
  if (ex?.local && ex.local !== 'module.exports') return ctx.resolveName(file, ex.local);
  return ctx.resolveName(file, 'default');
}

/** `fp(...)` from `fastify-plugin` (by import, or by its conventional local names when the import is not visible). */
function isFastifyPlugin(ctx: LinkContext, file: string, callee: ExprRef): boolean {
  if (callee.kind !== 'ident') return false;
  const r = ctx.resolveName(file, callee.name);
  if (r.kind === 'module') return /^fastify-plugin$/.test(r.module);
  return r.kind === 'unresolved' && FP_NAMES.has(callee.name);
}

/** The plugin a file's default export denotes (what `register(require(file))` or @fastify/autoload loads). */
export function defaultPlugin(ctx: LinkContext, scopes: Map<string, ScopeEntry>, file: string): PluginTarget {
  return fromResolved(ctx, scopes, defaultExport(ctx, file), true, 1);
}

/**
 * Resolving a CallFact to the project function it calls, after the AST is gone: `requireUser(req)` (a name or an
 * import), `svc.reply()` (a namespace import or an exported object), and Nest's `this.chatService.reply()` through the
 * constructor parameter's declared type (`private readonly chatService: ChatService`).
 */
import type { LinkContext } from '../adapter';
import type { CallFact, FunctionFacts } from '../types';

export const fileOf = (fn: FunctionFacts): string => fn.id.slice(0, fn.id.lastIndexOf('#'));

export function resolveCall(ctx: LinkContext, fn: FunctionFacts, call: CallFact): FunctionFacts | undefined {
  if (!call.root || call.callee.includes('(')) return undefined;
  const file = fileOf(fn);
  const path = call.callee.split('.');
  if (path.length === 1) {
    const r = ctx.resolveName(file, call.root);
    return r.kind === 'function' ? r.fn : undefined;
  }
  if (path[0] === 'this' && path.length === 3 && fn.className) return injectedMethod(ctx, file, fn.className, path[1], path[2]);
  if (path[0] === 'this' && path.length === 2 && fn.className) return methodOf(ctx, fn.className, path[1], file);
  const r = ctx.resolveRef(file, { kind: 'member', object: path[0], path: path.slice(1), text: call.callee, span: call.span });
  return r.kind === 'function' ? r.fn : undefined;
}

/** `this.<field>.<method>()` where the constructor declares `<field>: <Type>`. */
function injectedMethod(ctx: LinkContext, file: string, className: string, field: string, method: string): FunctionFacts | undefined {
  const ctor = ctx.files[file]?.functions.find((f) => f.name === `${className}.constructor`);
  const param = ctor?.params.find((p) => p.name === field || p.name.endsWith(` ${field}`));
  const type = param?.type?.replace(/<.*$/, '').trim();
  return type ? methodOf(ctx, type, method) : undefined;
}

function methodOf(ctx: LinkContext, className: string, method: string, preferFile?: string): FunctionFacts | undefined {
  const name = `${className}.${method}`;
  const local = preferFile ? ctx.files[preferFile]?.functions.find((f) => f.name === name) : undefined;
  if (local) return local;
  for (const facts of Object.values(ctx.files)) {
    const hit = facts.functions.find((f) => f.name === name);
    if (hit) return hit;
  }
  return undefined;
}

/** `fn` and the project functions it calls, breadth-first to `depth` levels, each once. */
export function reachable(ctx: LinkContext, fn: FunctionFacts, depth: number): FunctionFacts[] {
  const out = [fn];
  const seen = new Set([fn.id]);
  let frontier = [fn];
  for (let level = 0; level < depth; level++) {
    const next: FunctionFacts[] = [];
    for (const f of frontier) {
      for (const c of f.calls) {
        const target = resolveCall(ctx, f, c);
        if (target && !seen.has(target.id)) {
          seen.add(target.id);
          next.push(target);
        }
      }
      // Callbacks defined inside the function (`tools: { lookup: { execute: async () => … } }`) act for it too.
      for (const child of ctx.files[fileOf(f)]?.functions ?? []) {
        if (child.parentId === f.id && !seen.has(child.id)) {
          seen.add(child.id);
          next.push(child);
        }
      }
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}

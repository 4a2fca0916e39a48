/**
 * Protections inside a handler body: a session/identity check that ends with 401/403 (`const session = await auth();
 * if (!session) return 401`), a role check, a limiter call that answers 429, a schema parse of client input, and the
 * same found in project helpers the handler calls (1–2 levels). Library names come from resolving the call's root.
 */
import type { LinkContext } from '../adapter';
import { IDENTITY_CALLS, LIMITER_CALL, PROTECTION_LIBRARIES } from '../catalogue';
import type { CallFact, ExprRef, FunctionFacts, Protection } from '../types';
import { argNames, argSources, behaviourOf, keyedByNames } from './behaviour';

type Helpers = (ctx: LinkContext, fn: FunctionFacts, depth: number) => Protection[];

const fileOf = (fn: FunctionFacts) => fn.id.slice(0, fn.id.lastIndexOf('#'));

function leadingName(ref: ExprRef): string | undefined {
  if (ref.kind === 'ident') return ref.name;
  if (ref.kind === 'member') return ref.object;
  if (ref.kind === 'call' || ref.kind === 'new') return leadingName(ref.callee);
  return /^([A-Za-z_$][\w$]*)/.exec(ref.text)?.[1];
}

/** The npm module a call's root comes from: imported directly, or a local built from an import (`const r = new Ratelimit()`). */
export function moduleOfRoot(ctx: LinkContext, file: string, root: string | undefined, depth = 0): string | undefined {
  if (!root || root === 'this' || depth > 3) return undefined;
  const r = ctx.resolveName(file, root);
  if (r.kind === 'module') return r.module;
  if (r.kind === 'local' && r.binding.init) {
    // `const validate = ajv.compile(schema)` → `const ajv = new Ajv()` → 'ajv'.
    const lead = leadingName(r.binding.init);
    if (lead && !(lead === root && r.file === file)) return moduleOfRoot(ctx, r.file, lead, depth + 1);
  }
  return undefined;
}

function libraryOf(module: string | undefined, kind: Protection['kind']): string | undefined {
  if (!module) return undefined;
  const e = PROTECTION_LIBRARIES.find((x) => x.kind === kind && (typeof x.module === 'string' ? x.module === module : x.module.test(module)));
  return e ? (e.library ?? (typeof e.module === 'string' ? e.module : module)) : undefined;
}

function lastSegment(callee: string): string {
  return callee.replace(/\(\)/g, '').split('.').pop() ?? callee;
}

export function handlerProtections(ctx: LinkContext, fn: FunctionFacts, helpers: Helpers): Protection[] {
  const file = fileOf(fn);
  const b = behaviourOf(fn, true);
  const out: Protection[] = [];
  const at = (span: CallFact['span']) => ({ file, span });
  if (b.auth) {
    const idCall = fn.calls.find((c) => IDENTITY_CALLS.test(c.callee.replace(/\(\)$/, '')) || IDENTITY_CALLS.test(lastSegment(c.callee)));
    const library = idCall ? libraryOf(moduleOfRoot(ctx, file, idCall.root), 'auth') : undefined;
    out.push({ kind: 'auth', name: idCall?.callee ?? 'inline check', via: library ? 'library' : 'behaviour', library, scope: 'handler', declaredAt: at(b.auth.span) });
  }
  if (b.role) out.push({ kind: 'role', name: 'inline check', via: 'behaviour', scope: 'handler', declaredAt: at(b.role.guard.span), roles: b.role.roles.length ? b.role.roles : undefined });
  const limit = rateLimitInHandler(ctx, file, fn, b.rateLimit?.guard !== undefined);
  if (limit) out.push(limit);
  if (b.validation) {
    const module = moduleOfRoot(ctx, file, b.validation.root);
    const library = libraryOf(module, 'validation');
    out.push({ kind: 'validation', name: library ?? b.validation.callee, via: library ? 'library' : 'behaviour', library, scope: 'handler', declaredAt: at(b.validation.span) });
  }
  for (const p of helpers(ctx, fn, 1)) if (!out.some((o) => o.kind === p.kind)) out.push({ ...p, scope: 'handler' });
  return out;
}

/** A limiter call in the body: a catalogue limiter (`ratelimit.limit(id)`, `limiter.consume(ip)`) or any call before a 429. */
function rateLimitInHandler(ctx: LinkContext, file: string, fn: FunctionFacts, answers429: boolean): Protection | undefined {
  for (const c of fn.calls) {
    if (!LIMITER_CALL.test(c.callee)) continue;
    const module = moduleOfRoot(ctx, file, c.root);
    const library = libraryOf(module, 'rateLimit');
    if (!library && !answers429) continue;
    return {
      kind: 'rateLimit',
      name: c.callee,
      via: library ? 'library' : 'behaviour',
      library,
      scope: 'handler',
      declaredAt: { file, span: c.span },
      keyedBy: keyedByNames(argNames(c), argSources(c)),
      importFrom: module && library ? { module, exportName: 'default' } : undefined,
    };
  }
  if (answers429) {
    const g = fn.guards.find((x) => x.status === 429)!;
    return { kind: 'rateLimit', name: 'inline check', via: 'behaviour', scope: 'handler', declaredAt: { file, span: g.span }, keyedBy: keyedByNames(g.names, g.sources) };
  }
  return undefined;
}

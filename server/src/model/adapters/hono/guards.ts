/**
 * What a Hono middleware expression protects against. The shared classifier is asked first; Hono's own middleware
 * packages (`hono/jwt`, `hono/bearer-auth`, `@hono/zod-validator`, `hono-rate-limiter`, …) are recognised here as a
 * fallback, including through a local alias (`const auth = jwt({ secret })` then `app.use('/api/*', auth)`).
 */
import type { LinkContext } from '../../adapter';
import type { ExprRef, Protection, ProtectionKind, ProtectionScope } from '../../types';

const HONO_CATALOGUE: { module: RegExp; kind: ProtectionKind }[] = [
  { module: /^hono\/(jwt|jwk|bearer-auth|basic-auth)$/, kind: 'auth' },
  { module: /^@hono\/(auth-js|firebase-auth|oidc-auth)$/, kind: 'auth' },
  { module: /^hono\/validator$/, kind: 'validation' },
  { module: /^@hono\/[a-z-]+-validator$/, kind: 'validation' },
  { module: /^(hono-rate-limiter|@hono-rate-limiter\/.+|@hono\/rate-limiter)$/, kind: 'rateLimit' },
];

/** Names exported by those packages that actually enforce something (a package can also export helpers). */
const ENFORCING = /^(jwt|jwk|bearerAuth|basicAuth|verifyAuth|verifyFirebaseAuth|oidcAuthMiddleware|validator|[a-z]+Validator|rateLimiter)$/;

export function classifyHono(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope): Protection[] {
  if (ref.kind === 'array') return ref.items.flatMap((item) => classifyHono(ctx, file, item, scope));
  const shared = ctx.classify(file, ref, scope);
  if (shared.length) return shared;
  const combinator = ref.kind === 'call' ? combinatorOf(ctx, file, ref.callee) : undefined;
  if (ref.kind === 'call' && combinator) {
    // hono/combine: `every(a, b)` gives what any branch gives; `some(a, b)` only what every branch gives.
    const branches = ref.args.map((a) => classifyHono(ctx, file, a, scope));
    const all = branches.flat();
    const kept = all.filter((p, i) => all.findIndex((q) => q.kind === p.kind) === i);
    const ok = combinator === 'every' ? kept : kept.filter((p) => branches.every((b) => b.some((q) => q.kind === p.kind)));
    return ok.map((p) => ({ ...p, name: ref.text, declaredAt: { file, span: ref.span } }));
  }
  const hit = catalogue(ctx, file, ref, 0);
  if (!hit) return [];
  const name = ref.kind === 'call' || ref.kind === 'new' ? ref.callee.text : ref.text;
  const importFrom = { module: hit.module, exportName: hit.exportName };
  return [{ kind: hit.kind, name, via: 'library', library: hit.module, scope, declaredAt: { file, span: ref.span }, importFrom }];
}

type Hit = { kind: ProtectionKind; module: string; exportName: string };

function catalogue(ctx: LinkContext, file: string, ref: ExprRef, depth: number): Hit | undefined {
  if (depth > 4) return undefined;
  const target = ref.kind === 'call' ? ref.callee : ref;
  if (target.kind !== 'ident' && target.kind !== 'member') return undefined;
  const r = ctx.resolveRef(file, target);
  if (r.kind === 'module') {
    const exportName = r.exportName.split('.').pop()!;
    const entry = HONO_CATALOGUE.find((e) => e.module.test(r.module));
    return entry && ENFORCING.test(exportName) ? { kind: entry.kind, module: r.module, exportName } : undefined;
  }
  // `const auth = jwt({ secret })`: the alias carries the middleware it was built from.
  if (r.kind === 'local' && ref.kind !== 'call' && r.binding.init?.kind === 'call') return catalogue(ctx, r.file, r.binding.init, depth + 1);
  return undefined;
}

/** The function a middleware or handler expression denotes, when it is a function the model knows. */
export function honoFunctionId(ctx: LinkContext, file: string, ref: ExprRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'function') return ref.functionId;
  if (ref.kind !== 'ident' && ref.kind !== 'member') return undefined;
  const r = ctx.resolveRef(file, ref);
  if (r.kind === 'function') return r.fn.id;
  // `export const requireUser = createMiddleware(async (c, next) => ...)`: the wrapped function is the middleware.
  const init = r.kind === 'local' ? r.binding.init : undefined;
  if (init?.kind === 'call' && /(^|\.)createMiddleware$/.test(init.callee.text) && init.args[0]?.kind === 'function') return init.args[0].functionId;
  return undefined;
}

function combinatorOf(ctx: LinkContext, file: string, callee: ExprRef): 'some' | 'every' | undefined {
  if (callee.kind !== 'ident') return undefined;
  const r = ctx.resolveRef(file, callee);
  if (r.kind !== 'module' || r.module !== 'hono/combine') return undefined;
  return r.exportName === 'some' || r.exportName === 'every' ? r.exportName : undefined;
}

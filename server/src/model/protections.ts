/**
 * Protection recognition: what auth / role / rate-limit / validation a middleware, guard, hook or handler body
 * provides. OWNED BY the protections work item; this first version knows a few catalogue modules and the config's
 * helper names so that the pipeline runs end to end.
 */
import type { LinkContext } from './adapter';
import type { ExprRef, FunctionFacts, Protection, ProtectionKind, ProtectionScope } from './types';

const CATALOGUE: { module: RegExp; kind: ProtectionKind }[] = [
  { module: /^express-rate-limit$/, kind: 'rateLimit' },
  { module: /^passport$/, kind: 'auth' },
  { module: /^express-jwt$/, kind: 'auth' },
];

function refName(ref: ExprRef): string {
  if (ref.kind === 'ident') return ref.name;
  if (ref.kind === 'member') return [ref.object, ...ref.path].join('.');
  if (ref.kind === 'call' || ref.kind === 'new') return refName(ref.callee);
  return ref.text;
}

export function classifyRef(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope): Protection[] {
  if (ref.kind === 'array') return ref.items.flatMap((item) => classifyRef(ctx, file, item, scope));
  const name = refName(ref);
  const declaredAt = { file, span: ref.span };
  const helpers = ctx.config.helpers ?? {};
  const out: Protection[] = [];
  const byConfig: [ProtectionKind, string[] | undefined][] = [
    ['auth', helpers.auth],
    ['role', helpers.roles],
    ['rateLimit', helpers.rateLimit],
    ['validation', helpers.validation],
  ];
  for (const [kind, names] of byConfig) if (names?.includes(name.split('.').pop()!)) out.push({ kind, name, via: 'config', scope, declaredAt });
  if (out.length) return out;
  const target = ref.kind === 'call' || ref.kind === 'new' ? ref.callee : ref;
  const resolved = ctx.resolveRef(file, target);
  if (resolved.kind === 'module') {
    for (const entry of CATALOGUE) {
      if (entry.module.test(resolved.module)) out.push({ kind: entry.kind, name, via: 'library', library: resolved.module, scope, declaredAt });
    }
  }
  return out;
}

export function protectionsInHandler(_ctx: LinkContext, _fn: FunctionFacts): Protection[] {
  return [];
}

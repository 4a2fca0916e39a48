/**
 * Protection recognition: what auth / role / rate-limit / validation a middleware, guard, hook, plugin or handler
 * body provides. Three ways, in order: the user's config helper names, the catalogue of well-known libraries
 * (catalogue.ts), and the BEHAVIOUR of the project's own functions (taint/behaviour.ts) — followed through
 * factories (`requireRole('admin')` → the inner middleware), aliases (`const limiter = rateLimit({...})`), Nest
 * guard classes (`canActivate`, `extends AuthGuard('jwt')`) and 1–2 levels of called project helpers.
 */
import type { LinkContext, Resolved } from './adapter';
import { PROTECTION_LIBRARIES, type ProtectionLibrary } from './catalogue';
import { behaviourOf, keyedByText, rolesIn } from './taint/behaviour';
import { resolveCall } from './taint/calls';
import { handlerProtections } from './taint/handler-protections';
import { overriddenKey } from './tracker-key';
import type { BindingFact, ExprRef, FunctionFacts, Location, Protection, ProtectionKind, ProtectionScope } from './types';

interface Site {
  scope: ProtectionScope;
  declaredAt: Location;
  /** The name as written at the use site (`requireAuth`, `limiter`, `passport.authenticate`). */
  name: string;
}

export function refName(ref: ExprRef): string {
  if (ref.kind === 'ident') return ref.name;
  if (ref.kind === 'member') return [ref.object, ...ref.path].join('.');
  if (ref.kind === 'call' || ref.kind === 'new') return refName(ref.callee);
  const lead = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/.exec(ref.text);
  return lead ? lead[1] : ref.text;
}

export function fileOfFunction(fn: FunctionFacts): string {
  return fn.id.slice(0, fn.id.lastIndexOf('#'));
}

/** Catalogue entry for a module export (`express-rate-limit` default, `@nestjs/common` ValidationPipe). */
export function libraryFor(module: string, exportName: string): ProtectionLibrary | undefined {
  const first = exportName.split('.')[0];
  const last = exportName.split('.').pop() ?? first;
  return PROTECTION_LIBRARIES.find(
    (e) =>
      (typeof e.module === 'string' ? e.module === module : e.module.test(module)) &&
      (!e.exports || e.exports.includes(first) || e.exports.includes(last) || (first === '*' && e.exports.includes('*'))),
  );
}

export function libraryName(entry: ProtectionLibrary, module: string): string {
  return entry.library ?? (typeof entry.module === 'string' ? entry.module : module);
}

function byConfig(ctx: LinkContext, site: Site): Protection[] {
  const helpers = ctx.config.helpers ?? {};
  const last = site.name.split('.').pop()!;
  const table: [ProtectionKind, string[] | undefined][] = [
    ['auth', helpers.auth],
    ['role', helpers.roles],
    ['rateLimit', helpers.rateLimit],
    ['validation', helpers.validation],
  ];
  return table
    .filter(([, names]) => names?.includes(last) || names?.includes(site.name))
    .map(([kind]) => ({ kind, name: site.name, via: 'config' as const, scope: site.scope, declaredAt: site.declaredAt }));
}

/** Fastify route options passed as a ref: `{ schema: {...}, config: { rateLimit: {...} } }`. */
function optionsObject(ref: ExprRef, site: Site): Protection[] {
  if (ref.kind !== 'other' || !ref.text.startsWith('{')) return [];
  const out: Protection[] = [];
  const base = { scope: site.scope, declaredAt: site.declaredAt };
  if (/\bschema\s*:/.test(ref.text)) out.push({ kind: 'validation', name: 'schema', via: 'library', library: 'fastify', ...base });
  if (/\brateLimit\s*:/.test(ref.text)) out.push({ kind: 'rateLimit', name: 'rateLimit', via: 'library', library: '@fastify/rate-limit', keyedBy: keyedByText(/keyGenerator\s*:([^,}]*)/.exec(ref.text)?.[1], 'ip'), ...base });
  return out;
}

export function classifyRef(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope): Protection[] {
  return classify(ctx, file, ref, { scope, declaredAt: { file, span: ref.span }, name: refName(ref) }, 0);
}

function classify(ctx: LinkContext, file: string, ref: ExprRef, site: Site, depth: number): Protection[] {
  if (ref.kind === 'array') return ref.items.flatMap((item) => classify(ctx, file, item, { ...site, name: refName(item) }, depth));
  if (depth > 4) return [];
  const configured = byConfig(ctx, site);
  if (configured.length) return configured;
  const fromOptions = optionsObject(ref, site);
  if (fromOptions.length) return fromOptions;
  const target = ref.kind === 'call' || ref.kind === 'new' ? ref.callee : ref;
  let resolved = ctx.resolveRef(file, target);
  if (resolved.kind === 'unresolved' && target.kind === 'other') {
    // `body('email').isEmail()` (express-validator chains): resolve the leading identifier.
    const lead = /^([A-Za-z_$][\w$]*)/.exec(target.text)?.[1];
    if (lead) resolved = ctx.resolveName(file, lead);
  }
  return fromResolved(ctx, file, ref, resolved, site, depth);
}

function fromResolved(ctx: LinkContext, file: string, ref: ExprRef, resolved: Resolved, site: Site, depth: number): Protection[] {
  switch (resolved.kind) {
    case 'module': {
      const lib = fromModule(ref, resolved.module, resolved.exportName, site);
      return lib.length ? lib : fromWrappedFunctions(ctx, file, ref, site, depth);
    }
    case 'function':
      return fromFunction(ctx, resolved.fn, ref, site, depth);
    case 'local':
      return fromBinding(ctx, resolved.file, resolved.binding, site, depth);
    default:
      return fromUnresolved(ctx, file, ref, site);
  }
}

/**
 * A library wrapper that is not a protection itself but takes the middleware as a function argument
 * (Hono `createMiddleware(async (c, next) => …)`, `fp(async (app) => …)`): the function argument's behaviour decides.
 */
function fromWrappedFunctions(ctx: LinkContext, file: string, ref: ExprRef, site: Site, depth: number): Protection[] {
  if (ref.kind !== 'call') return [];
  return ref.args.filter((a) => a.kind === 'function').flatMap((a) => classify(ctx, file, a, site, depth + 1));
}

function fromModule(ref: ExprRef, module: string, exportName: string, site: Site): Protection[] {
  const entry = libraryFor(module, exportName);
  if (!entry) return [];
  const options = ref.kind === 'call' ? ref.options : undefined;
  const p: Protection = {
    kind: entry.kind,
    name: site.name,
    via: 'library',
    library: libraryName(entry, module),
    scope: site.scope,
    declaredAt: site.declaredAt,
    importFrom: { module, exportName: exportName.split('.')[0] },
  };
  if (entry.kind === 'rateLimit') p.keyedBy = keyedByText(options?.keyGenerator ?? options?.identifier ?? options?.key ?? options?.id, entry.keyedBy ?? 'unknown');
  return [p];
}

/** A project function: its own behaviour, the middleware it returns (factory), and helpers it calls. */
function fromFunction(ctx: LinkContext, fn: FunctionFacts, ref: ExprRef, site: Site, depth: number): Protection[] {
  const file = fileOfFunction(fn);
  const candidates = [fn, ...Object.values(ctx.files[file]?.functions ?? []).filter((f) => f.parentId === fn.id)];
  const out: Protection[] = [];
  const factoryRoles = ref.kind === 'call' ? ref.args.flatMap((a) => rolesIn(a.text)) : [];
  const importFrom = fn.exported && fn.name ? { file, exportName: fn.name.split('.').pop()! } : undefined;
  for (const f of candidates) {
    for (const p of behaviourProtections(ctx, f, site, depth)) {
      if (p.kind === 'role' && factoryRoles.length) p.roles = [...new Set([...factoryRoles, ...(p.roles ?? [])])];
      if (importFrom) p.importFrom = importFrom;
      if (!out.some((o) => o.kind === p.kind)) out.push(p);
    }
  }
  return out;
}

/** Behaviour of one function plus the project helpers it calls (up to two levels). */
function behaviourProtections(ctx: LinkContext, fn: FunctionFacts, site: Site, depth: number): Protection[] {
  const b = behaviourOf(fn);
  const base = { name: site.name, via: 'behaviour' as const, scope: site.scope, declaredAt: site.declaredAt };
  const out: Protection[] = [];
  if (b.auth) out.push(b.authLibrary ? { kind: 'auth', ...base, via: 'library', library: b.authLibrary } : { kind: 'auth', ...base });
  if (b.role) out.push({ kind: 'role', ...base, roles: b.role.roles.length ? b.role.roles : undefined });
  if (b.rateLimit) out.push({ kind: 'rateLimit', ...base, keyedBy: b.rateLimit.keyedBy });
  if (b.validation) out.push({ kind: 'validation', ...base });
  for (const p of delegatedLibraryProtections(ctx, fn, site)) if (!out.some((o) => o.kind === p.kind)) out.push(p);
  if (depth >= 2) return out;
  for (const p of helperProtections(ctx, fn, depth + 1)) {
    if (!out.some((o) => o.kind === p.kind)) out.push({ ...p, ...base, via: p.via, library: p.library });
  }
  return out;
}

/**
 * A wrapper that builds a library middleware and runs it on the same request (Hono
 * `(c, next) => jwt({ secret: c.env.JWT_SECRET })(c, next)`, needed when options come from the request's env):
 * the call's callee is `jwt()` — the result of a catalogue factory, invoked.
 */
function delegatedLibraryProtections(ctx: LinkContext, fn: FunctionFacts, site: Site): Protection[] {
  const file = fileOfFunction(fn);
  const out: Protection[] = [];
  for (const c of fn.calls) {
    const factory = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\(\)$/.exec(c.callee)?.[1];
    if (!factory || !c.root || c.args.length === 0) continue;
    const r = ctx.resolveName(file, c.root);
    if (r.kind !== 'module') continue;
    const exportName = [r.exportName, ...factory.split('.').slice(1)].join('.');
    // The factory call itself (`rateLimiter({ keyGenerator })`) carries the options, e.g. what a limiter is keyed by.
    const options = fn.calls.find((o) => o.callee === factory)?.args[0]?.props;
    const ref: ExprRef = options
      ? { kind: 'call', callee: { kind: 'other', text: factory, span: c.span }, args: [], text: factory, span: c.span, options: Object.fromEntries(options.map((o) => [o.path, o.value.text])) }
      : { kind: 'other', text: factory, span: c.span };
    for (const p of fromModule(ref, r.module, exportName, site)) {
      if (!out.some((o) => o.kind === p.kind)) out.push(p);
    }
  }
  return out;
}

/** Protections of project functions called by name from `fn` (`await requireUser(req)`), depth-limited. */
export function helperProtections(ctx: LinkContext, fn: FunctionFacts, depth: number): Protection[] {
  const file = fileOfFunction(fn);
  const out: Protection[] = [];
  const seen = new Set<string>();
  for (const c of fn.calls) {
    if (!c.root || c.callee.includes('(') || seen.has(c.callee)) continue;
    seen.add(c.callee);
    const target = resolveCall(ctx, fn, c);
    if (!target || target.id === fn.id) continue;
    const site: Site = { scope: 'handler', declaredAt: { file, span: c.span }, name: c.callee };
    for (const p of behaviourProtections(ctx, target, site, depth)) if (!out.some((o) => o.kind === p.kind)) out.push(p);
  }
  return out;
}

/** `const limiter = rateLimit({...})`, `const requireAdmin = requireRole('admin')`, Nest guard classes. */
function fromBinding(ctx: LinkContext, file: string, binding: BindingFact, site: Site, depth: number): Protection[] {
  let out: Protection[] = [];
  if (binding.init) out = classify(ctx, file, binding.init, site, depth + 1);
  if (binding.kind === 'class') out = classProtections(ctx, file, binding, site, depth);
  // The guard to reuse is the binding itself (`chatLimiter`), not the factory it was built with (`rateLimit`):
  // an exported binding is imported from its file; a module-private one cannot be imported at all.
  const importFrom = binding.exported ? { file, exportName: binding.name } : undefined;
  return out.map((p) => ({ ...p, importFrom }));
}

/** A guard class: `extends AuthGuard('jwt')` / `extends ThrottlerGuard` (library), else its `canActivate`/`use` body. */
function classProtections(ctx: LinkContext, file: string, binding: BindingFact, site: Site, depth: number): Protection[] {
  const facts = ctx.files[file];
  if (!facts) return [];
  const out: Protection[] = [];
  const mod = facts.functions.find((f) => f.name === '<module>');
  for (const c of mod?.calls ?? []) {
    if (c.span.start < binding.span.start || c.span.end > binding.span.end || !c.root) continue;
    const r = ctx.resolveName(file, c.root);
    if (r.kind === 'module') out.push(...fromModule({ kind: 'other', text: c.callee, span: c.span }, r.module, r.exportName, site));
  }
  for (const heritage of facts.imports) {
    // `extends ThrottlerGuard` has no call: recognise catalogue classes the class name embeds.
    for (const n of heritage.names) {
      if (!binding.name.includes(n.local) || n.local.length < 6) continue;
      const entry = libraryFor(heritage.spec, n.imported);
      if (entry && entry.kind !== 'validation' && !out.some((o) => o.kind === entry.kind)) {
        const keyedBy = entry.kind === 'rateLimit' ? overriddenKey(facts, binding.name) ?? entry.keyedBy : entry.keyedBy;
        out.push({ kind: entry.kind, name: site.name, via: 'library', library: libraryName(entry, heritage.spec), scope: site.scope, declaredAt: site.declaredAt, keyedBy });
      }
    }
  }
  const methods = facts.functions.filter((f) => f.className === binding.name && /\.(canActivate|use|intercept|transform|handle)$/.test(f.name ?? ''));
  for (const m of methods) for (const p of behaviourProtections(ctx, m, site, depth)) if (!out.some((o) => o.kind === p.kind)) out.push(p);
  return out;
}

/**
 * A name imported from a project file that declares it in a way the core pass cannot bind (Auth.js v5's
 * `export const { auth, handlers } = NextAuth(config)`): a protection when that file imports a catalogue library
 * exporting the name.
 */
function fromProjectReExport(ctx: LinkContext, file: string, name: string, site: Site): Protection[] {
  const imp = ctx.files[file]?.imports.find((i) => i.names.some((n) => n.local === name));
  const imported = imp?.names.find((n) => n.local === name)?.imported;
  const target = imp && ctx.resolveModule(file, imp.spec);
  if (!target || !imported) return [];
  for (const inner of ctx.files[target]?.imports ?? []) {
    const entry = libraryFor(inner.spec, imported);
    if (entry?.exports?.includes(imported)) {
      return [{ kind: entry.kind, name: site.name, via: 'library', library: libraryName(entry, inner.spec), scope: site.scope, declaredAt: site.declaredAt, importFrom: { file: target, exportName: imported } }];
    }
  }
  return [];
}

/** `fastify.authenticate` decorators: resolve `decorate('authenticate', fn)` anywhere in the workspace. */
function fromUnresolved(ctx: LinkContext, file: string, ref: ExprRef, site: Site): Protection[] {
  const lead = ref.kind === 'ident' ? ref.name : ref.kind === 'call' && ref.callee.kind === 'ident' ? ref.callee.name : undefined;
  if (lead) return fromProjectReExport(ctx, file, lead, site);
  if (ref.kind !== 'member') return [];
  const prop = ref.path[ref.path.length - 1];
  for (const [file, facts] of Object.entries(ctx.files)) {
    for (const fn of facts.functions) {
      for (const c of fn.calls) {
        if (!/\.decorate$/.test(c.callee) || c.args[0]?.literal?.kind !== 'string' || c.args[0].text.slice(1, -1) !== prop) continue;
        const target = ctx.functions[`${file}#${c.args[1]?.span.start}`];
        if (target) return behaviourProtections(ctx, target, site, 1);
        const name = /^[A-Za-z_$][\w$]*$/.test(c.args[1]?.text ?? '') ? c.args[1].text : undefined;
        if (name) {
          const r = ctx.resolveName(file, name);
          if (r.kind === 'function') return behaviourProtections(ctx, r.fn, site, 1);
        }
      }
    }
  }
  return [];
}

export function protectionsInHandler(ctx: LinkContext, fn: FunctionFacts): Protection[] {
  return handlerProtections(ctx, fn, helperProtections);
}

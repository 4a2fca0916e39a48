/**
 * Next.js `middleware.ts` (or `proxy.ts`): what the exported middleware provides (through the shared classifier,
 * plus the few auth libraries whose middleware is a re-export or a factory call the classifier cannot see into) and
 * which routes it runs in front of (`config.matcher`, Clerk `createRouteMatcher` conditions).
 */
import type { LinkContext } from '../../adapter';
import type { ExprRef, Location, Protection } from '../../types';
import type { NextExport, NextFacts, NextMatcher } from './facts';
import { matcherRegExp, nextFileInfo, samplePath } from './paths';

export interface NextMiddleware {
  file: string;
  root: string;
  facts: NextFacts;
  exported: NextExport;
  /** The middleware function's FunctionFacts id, when it is written in the workspace. */
  functionId?: string;
  protections: Protection[];
}

/** Auth libraries whose middleware export guards routes by itself. Keyed by module specifier prefix. */
const MIDDLEWARE_LIBRARIES: { module: RegExp; names: RegExp; library: string; needsProtect?: boolean }[] = [
  { module: /^next-auth\/middleware$/, names: /^(default|withAuth)$/, library: 'next-auth' },
  { module: /^@clerk\/nextjs(\/server)?$/, names: /^authMiddleware$/, library: '@clerk/nextjs' },
  { module: /^@clerk\/nextjs(\/server)?$/, names: /^clerkMiddleware$/, library: '@clerk/nextjs', needsProtect: true },
  { module: /^@auth0\/nextjs-auth0(\/edge)?$/, names: /^withMiddlewareAuthRequired$/, library: '@auth0/nextjs-auth0' },
];

export function findMiddlewares(ctx: LinkContext, all: [string, NextFacts][]): NextMiddleware[] {
  const out: NextMiddleware[] = [];
  for (const [file, facts] of all) {
    if (facts.kind !== 'middleware') continue;
    const exported =
      facts.exports.find((e) => e.name === 'middleware') ?? facts.exports.find((e) => e.name === 'proxy') ?? facts.exports.find((e) => e.name === 'default');
    if (!exported) continue;
    const target = classifiable(ctx, file, exported);
    const resolved = target ? ctx.resolveRef(target.file, target.ref) : undefined;
    const functionId = resolved?.kind === 'function' ? resolved.fn.id : factoryCallback(exported.value);
    const declaredAt: Location = { file, span: exported.span };
    // Protections are declared where the middleware is exported, whichever module implements it.
    let protections = target ? ctx.classify(target.file, target.ref, 'middleware-file').map((p) => ({ ...p, declaredAt })) : [];
    // Clerk's clerkMiddleware() only authenticates where its callback calls protect(): bare, every route stays public.
    if (callsFactory(ctx, file, exported, 'clerkMiddleware') && !facts.callsProtect) protections = protections.filter((p) => p.kind !== 'auth');
    else if (!protections.some((p) => p.kind === 'auth')) {
      const lib = libraryAuth(ctx, file, exported, facts);
      if (lib) protections = [{ kind: 'auth', name: lib.name, via: 'library', library: lib.library, scope: 'middleware-file', declaredAt }, ...protections];
    }
    out.push({ file, root: nextFileInfo(file)!.root, facts, exported, functionId, protections });
  }
  return out;
}

/**
 * The expression the classifier should look at, and the file it is written in: the middleware's name when it has one
 * (config helpers match names), the implementing module's name for a re-export.
 */
function classifiable(ctx: LinkContext, file: string, e: NextExport): { file: string; ref: ExprRef } | undefined {
  const ident = (name: string): ExprRef => ({ kind: 'ident', name, text: name, span: e.span });
  if (e.from) {
    const target = ctx.resolveModule(file, e.from);
    return target && e.imported !== 'default' ? { file: target, ref: ident(e.imported ?? e.name) } : undefined;
  }
  if (e.local) return { file, ref: ident(e.local) };
  return e.value ? { file, ref: e.value } : undefined;
}

/** `clerkMiddleware(async (auth, req) => {...})`, `auth((req) => {...})`: the callback is the code that runs. */
function factoryCallback(value: ExprRef | undefined): string | undefined {
  if (value?.kind !== 'call') return undefined;
  const fn = value.args.find((a) => a.kind === 'function');
  return fn?.kind === 'function' ? fn.functionId : undefined;
}

/** The export is a call of `factory` (`export default clerkMiddleware()`), directly or through one local alias. */
function callsFactory(ctx: LinkContext, file: string, e: NextExport, factory: string): boolean {
  let value = e.value;
  const name = e.local ?? (value?.kind === 'ident' ? value.name : undefined);
  if (name) value = ctx.files[file]?.bindings.find((b) => b.name === name)?.init;
  return value?.kind === 'call' && value.callee.kind === 'ident' && value.callee.name === factory;
}

/** Auth from a known library: a re-export (`export { auth as middleware } from '@/auth'`) or a factory call. */
function libraryAuth(ctx: LinkContext, file: string, e: NextExport, facts: NextFacts): { name: string; library: string } | undefined {
  if (e.from) return moduleAuth(ctx, file, e.from, e.imported ?? e.name, facts);
  // Auth.js v5 edge setup: `export default NextAuth(authConfig).auth`.
  const factoryAuth = e.value?.kind === 'other' ? /^([A-Za-z_$][\w$]*)\([^]*\)\.auth$/.exec(e.value.text) : null;
  if (factoryAuth) {
    const imp = ctx.files[file]?.imports.find((i) => i.names.some((n) => n.local === factoryAuth[1]));
    return imp && /^(next-auth|@auth\/)/.test(imp.spec) ? { name: 'auth', library: 'next-auth' } : undefined;
  }
  const value = e.value?.kind === 'call' ? e.value.callee : e.value;
  let name = value?.kind === 'ident' ? value.name : e.local;
  if (!name) return undefined;
  // `export const middleware = auth(...)` or `export default clerkMiddleware(...)`: follow one local alias.
  const local = ctx.files[file]?.bindings.find((b) => b.name === name);
  if (local?.init?.kind === 'call' && local.init.callee.kind === 'ident') name = local.init.callee.name;
  else if (local?.init?.kind === 'ident') name = local.init.name;
  const imp = ctx.files[file]?.imports.flatMap((i) => i.names.map((n) => ({ spec: i.spec, ...n }))).find((n) => n.local === name);
  return imp ? moduleAuth(ctx, file, imp.spec, imp.imported, facts) : undefined;
}

function moduleAuth(ctx: LinkContext, file: string, spec: string, imported: string, facts: NextFacts) {
  for (const lib of MIDDLEWARE_LIBRARIES) {
    if (lib.module.test(spec) && lib.names.test(imported) && (!lib.needsProtect || facts.callsProtect)) return { name: imported, library: lib.library };
  }
  // Auth.js v5: `export const { auth } = NextAuth(config)` in a workspace module, used as the middleware.
  const target = ctx.resolveModule(file, spec);
  const viaNextAuth = target && ctx.files[target]?.imports.some((i) => /^(next-auth|@auth\/)/.test(i.spec));
  if (imported === 'auth' && (viaNextAuth || /^(next-auth|@auth\/)/.test(spec))) return { name: 'auth', library: 'next-auth' };
  return undefined;
}

export interface Coverage {
  /** The middleware runs for the route. */
  runs: boolean;
  /** Its auth applies to the route (Clerk route matchers can limit `protect()` to some paths). */
  guards: boolean;
  via?: { message: string; location: Location };
}

const matches = (list: NextMatcher[] | undefined, url: string) => (list ?? []).some((m) => matcherRegExp(m.source)?.test(url));

/** Whether a middleware file runs in front of a route path (basePath already stripped), and why. */
export function coverage(mw: NextMiddleware, routePath: string): Coverage {
  const url = samplePath(routePath);
  const name = mw.file.split('/').pop();
  const { facts } = mw;
  let via: Coverage['via'];
  if (facts.matcherUnreadable) {
    // Next.js reads matchers statically and ignores a non-literal one: the middleware then runs for every path.
    via = { message: `${name}: matcher is not a literal, which Next.js ignores: it runs before every route`, location: { file: mw.file, span: facts.matcherUnreadable } };
  } else if (!facts.matcher) {
    via = { message: `${name} has no matcher: it runs before every route`, location: { file: mw.file, span: mw.exported.span } };
  } else {
    const hit = facts.matcher.find((m) => matcherRegExp(m.source)?.test(url));
    if (!hit) return { runs: false, guards: false };
    if (hit.conditional) {
      const message = `${name} matcher "${hit.source}" runs only when its has/missing conditions hold: a request can skip it`;
      return { runs: false, guards: false, via: { message, location: { file: mw.file, span: hit.span } } };
    }
    via = { message: `${name} matcher "${hit.source}" covers this route`, location: { file: mw.file, span: hit.span } };
  }
  let guards = true;
  if (facts.protectInclude?.length && !matches(facts.protectInclude, url)) guards = false;
  if (facts.protectExclude?.length && matches(facts.protectExclude, url)) guards = false;
  return { runs: true, guards, via };
}

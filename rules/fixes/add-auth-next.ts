/**
 * "Add auth guard" for Next.js route handlers: a session check with an early 401 at the top of the handler body,
 * using the session helper the project already calls elsewhere (Auth.js `auth()`, NextAuth `getServerSession(
 * authOptions)`, Clerk `auth()`), or a created bearer-token module when there is none.
 */
import type { FileFacts, Fix, FunctionFacts, Route, TextEdit } from '../api';
import { indentAt, indentUnit, resolveSpec, type ImportSource } from '../lib/edits';
import { existingExport, flavorOf, helperPath, importsFor, isAlias, rootIdentifier, type FixContext } from './common';
import { authModuleSource, jwtLibraryOf } from './templates';

interface SessionCheck {
  /** Statements with `$V` for the session variable and `$DENY` for the 401 response expression. */
  code: string;
  sources: ImportSource[];
  reused: boolean;
  createFiles?: { file: string; text: string }[];
  note?: string;
}

/** Pages-router API routes (`pages/api/*`) take `(req, res)` and answer through `res`, not a returned Response. */
export function isPagesApi(route: Route): boolean {
  return /(^|\/)pages\/api\//.test(route.file);
}

/** The `(req, res)` parameter names of a pages-router handler, or undefined when they are not plain identifiers. */
function reqRes(fn: FunctionFacts): [string, string] | undefined {
  const [req, res] = fn.params.map((p) => p.name);
  const ident = /^[A-Za-z_$][\w$]*$/;
  return req && res && ident.test(req) && ident.test(res) ? [req, res] : undefined;
}

export function nextAuthFix(ctx: FixContext, route: Route): Fix | undefined {
  const fn = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
  const text = ctx.text(route.file);
  if (!fn?.bodySpan || text === undefined || text[fn.bodySpan.start] !== '{') return undefined;
  const pages = isPagesApi(route) ? reqRes(fn) : undefined;
  if (isPagesApi(route) && !pages) return undefined;
  const check = (pages ? undefined : sessionForApp(ctx)) ?? (pages ? sessionForPages(ctx) : undefined) ?? createdCheck(ctx, route, fn, pages);
  if (!check) return undefined;
  const facts = ctx.model.files[route.file];
  const usesNextResponse = !!facts?.imports.some((i) => i.names.some((n) => n.local === 'NextResponse'));
  const deny = pages
    ? `${pages[1]}.status(401).json({ error: 'Unauthorized' })`
    : `${usesNextResponse ? 'NextResponse' : 'Response'}.json({ error: 'Unauthorized' }, { status: 401 })`;
  const inner = indentAt(text, fn.span.start) + indentUnit(text);
  const variable = freeName(fn, 'session');
  const code = check.code
    .replaceAll('$V', variable)
    .replaceAll('$DENY', deny)
    .replaceAll('$RRC', pages ? `${pages[0]}, ${pages[1]}, ` : '')
    .replaceAll('$RR', pages ? `${pages[0]}, ${pages[1]}` : '');
  const edits: TextEdit[] = [
    { file: route.file, start: fn.bodySpan.start + 1, end: fn.bodySpan.start + 1, newText: code.split('\n').map((l) => `\n${inner}${l}`).join('') },
  ];
  const makeAsync = asyncEdit(ctx, route.file, text, fn);
  if (makeAsync === null) return undefined;
  if (makeAsync) edits.push(makeAsync);
  const imports = importsFor(ctx, route.file, check.sources);
  if (!imports) return undefined;
  return {
    title: check.reused ? 'Add auth guard (session check with 401)' : `Add auth guard (create ${check.createFiles?.[0]?.file ?? 'guard'})`,
    edits: [...imports, ...edits],
    createFiles: check.createFiles,
    safe: check.reused,
    note: check.note,
  };
}

const APP_CACHE = new WeakMap<object, SessionCheck | null>();

/** The project's session helper for app-router handlers (memoised per snapshot: it scans every file's imports). */
function sessionForApp(ctx: FixContext): SessionCheck | undefined {
  if (!APP_CACHE.has(ctx.model)) APP_CACHE.set(ctx.model, projectSession(ctx, false) ?? null);
  return APP_CACHE.get(ctx.model) ?? undefined;
}

/** Pages-router handlers pass `req, res` to the same helpers (Clerk's app-router `auth()` does not apply). */
function sessionForPages(ctx: FixContext): SessionCheck | undefined {
  return projectSession(ctx, true);
}

/** A local name not used by the handler's parameters or locals. */
function freeName(fn: FunctionFacts, base: string): string {
  const taken = new Set([...fn.params.flatMap((p) => [p.name, ...(p.bindings ?? [])]), ...fn.assignments.map((a) => a.name)]);
  for (const name of [base, `auth${base[0].toUpperCase()}${base.slice(1)}`, `${base}2`]) if (!taken.has(name)) return name;
  return `${base}_${fn.span.start}`;
}

/** `async ` in front of a sync handler (the check awaits); null when the syntax is not one we can edit safely. */
export function asyncEdit(ctx: FixContext, file: string, text: string, fn: FunctionFacts): TextEdit | undefined | null {
  if (fn.async) return undefined;
  const head = text.slice(fn.span.start, fn.bodySpan!.start);
  const kw = /\bfunction\b/.exec(head);
  if (kw) return { file, start: fn.span.start + kw.index, end: fn.span.start + kw.index, newText: 'async ' };
  if (/^\(|^[A-Za-z_$][\w$]*\s*=>/.test(head)) return { file, start: fn.span.start, end: fn.span.start, newText: 'async ' };
  void ctx;
  return null;
}

/** The session helper the project already uses in some file, with the imports it needs. */
function projectSession(ctx: FixContext, pages: boolean): SessionCheck | undefined {
  for (const [file, facts] of Object.entries(ctx.model.files)) {
    for (const imp of facts.imports) {
      for (const n of imp.names) {
        if (!pages && imp.spec === '@clerk/nextjs/server' && n.imported === 'auth') {
          return { code: `const $V = await ${n.local}();\nif (!$V.userId) return $DENY;`, sources: [{ module: imp.spec, imported: 'auth', local: n.local }], reused: true };
        }
        if (/^next-auth(\/next)?$/.test(imp.spec) && n.imported === 'getServerSession') {
          const viaOptions = serverSessionOptions(ctx, file, facts, n.local);
          if (viaOptions) return viaOptions;
        }
        if (n.imported === 'auth' && imp.kind === 'import') {
          const target = resolveSpec(ctx.model, file, imp.spec);
          const fromNextAuth = target && ctx.model.files[target]?.imports.some((i) => /^next-auth/.test(i.spec));
          const source: ImportSource = isAlias(imp.spec) ? { module: imp.spec, imported: 'auth', local: n.local } : { file: target, imported: 'auth', local: n.local };
          if (fromNextAuth) return { code: `const $V = await ${n.local}($RR);\nif (!$V?.user) return $DENY;`, sources: [source], reused: true };
        }
      }
    }
  }
  return undefined;
}

/** `getServerSession(authOptions)` as called in `file`, with the import of `authOptions` re-pointed at its module. */
function serverSessionOptions(ctx: FixContext, file: string, facts: FileFacts, local: string): SessionCheck | undefined {
  const call = facts.functions.flatMap((f) => f.calls).find((c) => c.callee === local);
  const spec = facts.imports.find((i) => i.names.some((n) => n.local === local))!.spec;
  const sources: ImportSource[] = [{ module: spec, imported: 'getServerSession', local }];
  // authOptions is the last argument in both forms: `getServerSession(authOptions)`, `getServerSession(req, res, authOptions)`.
  const arg = call && (call.args.length === 1 || call.args.length === 3) ? call.args[call.args.length - 1].text : undefined;
  if (!arg) return { code: `const $V = await ${local}($RR);\nif (!$V) return $DENY;`, sources, reused: true };
  const root = rootIdentifier(arg);
  const argImport = root ? facts.imports.find((i) => i.names.some((n) => n.local === root)) : undefined;
  if (!root || !argImport) return undefined;
  const target = isAlias(argImport.spec) ? undefined : resolveSpec(ctx.model, file, argImport.spec);
  if (!target && argImport.spec.startsWith('.')) return undefined;
  const imported = argImport.names.find((n) => n.local === root)!.imported;
  sources.push(target ? { file: target, imported, local: root } : { module: argImport.spec, imported, local: root });
  return { code: `const $V = await ${local}($RRC${arg});\nif (!$V) return $DENY;`, sources, reused: true };
}

/** No session helper in the project: a created `lib/require-auth` module checking the bearer token. */
function createdCheck(ctx: FixContext, route: Route, fn: FunctionFacts, pages?: [string, string]): SessionCheck | undefined {
  const jwt = jwtLibraryOf(ctx.model.dependencies);
  const { text, name } = authModuleSource('nextjs', flavorOf(ctx, route.file), jwt);
  const file = helperPath(ctx, route, 'lib', 'require-auth', name);
  const sources: ImportSource[] = [{ file, imported: name, local: name }];
  const request = fn.params[0] && /^[A-Za-z_$][\w$]*$/.test(fn.params[0].name) ? fn.params[0].name : undefined;
  const header = pages
    ? `${pages[0]}.headers.authorization ?? null`
    : request
      ? `${request}.headers.get('authorization')`
      : `(await headers()).get('authorization')`;
  if (!request && !pages) sources.push({ module: 'next/headers', imported: 'headers', local: 'headers' });
  const code = `const $V = await ${name}(${header});\nif (!$V) return $DENY;`;
  if (existingExport(ctx, file, name)) return { code, sources, reused: true };
  if (ctx.model.files[file]) return undefined;
  const note = jwt
    ? `Creates ${file}, which verifies bearer tokens with ${jwt} and JWT_SECRET.`
    : `Creates ${file}, which rejects every request with 401 until you finish verifyToken() (no JWT library in package.json).`;
  return { code, sources, reused: false, createFiles: [{ file, text }], note };
}

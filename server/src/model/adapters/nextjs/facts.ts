/**
 * The Next.js adapter's per-file facts (plain JSON, cached with the file's other facts).
 */
import type { ExprRef, HttpMethod, Span } from '../../types';
import type { NextFileKind } from './paths';

/** One exported value the adapter cares about (`export const GET = …`, `export default …`, `export { a as GET }`). */
export interface NextExport {
  /** Exported name: an HTTP method, `default`, `middleware`, `proxy`. */
  name: string;
  /** Where it is exported (the declaration, the `export default` statement or the export specifier). */
  span: Span;
  /** The exported value, when it is written here (`export const GET = withAuth(...)`, function declarations). */
  value?: ExprRef;
  /** A local name it refers to (`export { handler as GET }`, `export default handler`). */
  local?: string;
  /** A re-export (`export { auth as middleware } from '@/auth'`, `export { default } from 'next-auth/middleware'`). */
  from?: string;
  imported?: string;
}

/** A `config.matcher` entry (or a Clerk `createRouteMatcher` pattern). */
export interface NextMatcher {
  source: string;
  /** True when the entry has `has`/`missing` conditions: the middleware then runs only for some requests. */
  conditional?: boolean;
  span: Span;
}

/** A next-connect style chain: `router.use(mw).get(handler)`, exported by `router.handler()`. */
export interface NextConnectCall {
  method: HttpMethod | 'USE';
  args: ExprRef[];
  span: Span;
}

export interface NextFacts {
  kind: NextFileKind;
  exports: NextExport[];
  /** Pages API: HTTP methods a function compares `req.method` with, by FunctionFacts id. */
  methodsByFunction?: Record<string, HttpMethod[]>;
  /** Middleware: `export const config = { matcher }`; undefined = no matcher (runs for every path). */
  matcher?: NextMatcher[];
  /** Middleware: the matcher exists but could not be read (not literal). */
  matcherUnreadable?: Span;
  /** Middleware: Clerk route matchers used to decide when to `protect()`: include = guarded, exclude = public. */
  protectInclude?: NextMatcher[];
  protectExclude?: NextMatcher[];
  /** Middleware: the file calls Clerk's `protect()` / `redirectToSignIn()` (a bare `clerkMiddleware()` guards nothing). */
  callsProtect?: boolean;
  /** Pages API: next-connect calls on a router created in this file. */
  connect?: NextConnectCall[];
  /** next.config: `basePath`. */
  basePath?: { value: string; span: Span };
}

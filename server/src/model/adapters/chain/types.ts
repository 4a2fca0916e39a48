/**
 * Facts of "middleware chain" frameworks (Express, Koa): the apps/routers a file creates and the ordered
 * registration calls made on them. Plain data, cached per file; `link.ts` turns them into routes across files.
 */
import type { ExprRef, HttpMethod, Span } from '../../types';

/** An app or router created in a file: `const app = express()`, `const r = Router()`, `new Router({ prefix })`. */
export interface ContainerFact {
  name: string;
  /** FunctionFacts id of the function the container is created in (a router factory); undefined at module scope. */
  scope?: string;
  kind: 'app' | 'router';
  span: Span;
  /** Koa: `new Router({ prefix: '/api' })`. */
  prefix?: string;
  /** True when the enclosing function returns it (`return r`): the factory's result. */
  returned?: boolean;
}

/** How the receiver of a registration call is bound. */
export type ReceiverFact =
  | { kind: 'container'; name: string; scope?: string }
  | { kind: 'param'; fnId: string; index: number }
  | { kind: 'import'; name: string };

/**
 * One call on an app/router, in source order:
 * - `route`: `app.get('/x', mw, h)`, `router.route('/x').post(h)`; `paths` are as written (not yet prefixed).
 * - `use`: `app.use(mw)`, `app.use('/p', mw, router)`, `router.use(other.routes())`.
 * - `prefix`: Koa `router.prefix('/x')`.
 * - `call`: the container passed to a function (`registerRoutes(app)`), whose body registers on its parameter.
 */
export interface EntryFact {
  op: 'route' | 'use' | 'prefix' | 'call';
  recv: ReceiverFact;
  method?: HttpMethod;
  /** Path values; undefined for `use` without a path; `['/*']` when the path is dynamic. */
  paths?: string[];
  /** Middleware/handler arguments after the path (arrays kept as array refs). For `call`: the callee. */
  args: ExprRef[];
  /** For `call`: which argument is the container. */
  argIndex?: number;
  span: Span;
  /** Offset of the first middleware/handler argument: where a quick fix inserts `guard, `. */
  insertAt?: number;
  /** Enclosing function ids, innermost first (resolves function-scoped containers used as mount targets). */
  scopes: string[];
}

export interface ChainFacts {
  containers: ContainerFact[];
  entries: EntryFact[];
}

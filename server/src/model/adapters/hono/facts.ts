/**
 * The plain facts the Hono collector extracts from one file: named instances (with the router they share and their
 * `basePath`) and every registration (`get/post/on/all`, `use`, `route`) in source order.
 */
import type { ExprRef, HttpMethod, Span } from '../../types';

/**
 * Which router an operation targets: a router created in this file (`file#name`, `file#default` or `file#@offset`
 * for an inline `new Hono()`; `functionId@index` for a function parameter typed `Hono`), or a name imported from
 * another file that the linker resolves.
 */
export type RouterTarget = { router: string } | { name: string };

/** A variable (or the default export) holding a Hono instance. `basePath` instances share their parent's router. */
export interface HonoInstance {
  /** `file#name` (`file#default` for `export default new Hono()`). */
  key: string;
  router: string;
  basePath: string;
  bases: BaseStep[];
}

/** One `basePath(path)` call: reported in a route's `via`. */
export interface BaseStep {
  path: string;
  file: string;
  span: Span;
}

interface OpBase {
  target: RouterTarget;
  span: Span;
  /** Offset of the call: orders operations within a file. */
  pos: number;
  /** The `basePath` calls already applied to this operation's paths. */
  bases: BaseStep[];
}

export interface HonoRouteOp extends OpBase {
  kind: 'route';
  methods: HttpMethod[];
  /** Path with the instance's basePath applied (for imported targets the linker adds theirs). */
  paths: string[];
  /** Middlewares then the handler, as written. */
  handlers: ExprRef[];
  middlewareInsert?: number;
  /** `@hono/zod-openapi` routes: the `request` schema object the library validates before the handler. */
  validated?: Span;
}

export interface HonoUseOp extends OpBase {
  kind: 'use';
  /** Path pattern (`*`, `/api/*`), basePath applied. */
  pattern: string;
  refs: ExprRef[];
}

export interface HonoMountOp extends OpBase {
  kind: 'mount';
  path: string;
  sub: RouterTarget;
}

/** `registerUsers(app)`: the function registers on the instance it receives as parameter `index`. */
export interface HonoPassOp extends OpBase {
  kind: 'pass';
  fn: ExprRef;
  index: number;
  /** The passed instance's basePath (`/` when none). */
  path: string;
}

export type HonoOp = HonoRouteOp | HonoUseOp | HonoMountOp | HonoPassOp;

export interface HonoFacts {
  instances: HonoInstance[];
  ops: HonoOp[];
}

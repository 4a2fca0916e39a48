/**
 * The plain facts the Fastify collector extracts from one file: instances (`Fastify()`), plugin functions (whose first
 * parameter is an instance) and, for each, its operations in source order. The linker turns them into an
 * encapsulation tree and then into routes.
 */
import type { ExprRef, HttpMethod, Span } from '../../types';

/** A lifecycle hook that runs before the handler and can therefore protect it. */
export type GuardHook = 'onRequest' | 'preParsing' | 'preValidation' | 'preHandler';
export const GUARD_HOOKS: readonly GuardHook[] = ['onRequest', 'preParsing', 'preValidation', 'preHandler'];

export interface FastifyHook {
  hook: GuardHook;
  ref: ExprRef;
}

export interface FastifyRouteOp {
  op: 'route';
  methods: HttpMethod[];
  path: string;
  span: Span;
  handler?: ExprRef;
  hooks: FastifyHook[];
  /** Request parts the route schema validates (`body`, `querystring`, `params`, `headers`); `opaque` when not literal. */
  schema?: { parts: string[]; opaque: boolean; span: Span };
  /** `config: { rateLimit: {...} }` (or `false`, which turns a global limit off for this route). */
  rateLimit?: { disabled: boolean; span: Span };
  /** `config: { public: true }` and similar flags: public on purpose (pre-sets the route's `public` tag). */
  public?: boolean;
  optionsObject?: { start: number; end: number };
  middlewareInsert?: number;
}

export interface FastifyHookOp {
  op: 'hook';
  hook: GuardHook;
  ref: ExprRef;
  span: Span;
}

export interface FastifyRegisterOp {
  op: 'register';
  plugin: ExprRef;
  prefix?: string;
  /** Literal-ish option texts (`global: 'false'`, `addHook: 'false'`). */
  options?: Record<string, string>;
  /** @fastify/autoload: the string parts of `dir` (`['routes']` for `path.join(__dirname, 'routes')`). */
  dirParts?: string[];
  span: Span;
}

export interface FastifyDecorateOp {
  op: 'decorate';
  name: string;
  ref: ExprRef;
  span: Span;
}

/** `registerRoutes(app)`: a function given the instance registers in the same context (no encapsulation). */
export interface FastifyPassOp {
  op: 'pass';
  fn: ExprRef;
  span: Span;
}

export type FastifyOp = FastifyRouteOp | FastifyHookOp | FastifyRegisterOp | FastifyDecorateOp | FastifyPassOp;

export interface FastifyScope {
  /** `file#offset` of the instance declaration, or the plugin function's FunctionFacts id. */
  key: string;
  kind: 'instance' | 'plugin';
  /** The variable or parameter name the code uses for the instance. */
  name: string;
  span: Span;
  ops: FastifyOp[];
}

export interface FastifyFacts {
  /** The file imports `fastify`, `fastify-plugin` or an `@fastify/*` package (or names a Fastify type). */
  fastifyFile: boolean;
  scopes: FastifyScope[];
  /** Ids of functions that call `request.jwtVerify()` (directly or in a nested callback): `@fastify/jwt` auth. */
  jwtVerifiers: string[];
}

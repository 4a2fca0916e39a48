/**
 * The workspace model: plain, JSON-serialisable facts about a workspace, produced by `model/` (the only code that
 * touches AST nodes) and consumed by the engine and every rule. Nothing here holds an AST node, a ts-morph object or
 * a function: per-file facts are cached on disk by content hash and shipped between worker threads as they are.
 *
 * Conventions: `file` is workspace-relative with `/` separators; offsets are 0-based UTF-16 offsets into the file's
 * text; lines and columns are 1-based (as in the JSON report).
 */

export type Framework = 'express' | 'fastify' | 'nextjs' | 'nestjs' | 'hono' | 'koa';
export const FRAMEWORKS: readonly Framework[] = ['express', 'fastify', 'nextjs', 'nestjs', 'hono', 'koa'];

/** Upper-case HTTP method; `ALL` for `app.all`, `app.use(handler)` endpoints and Next.js catch-all handlers. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

/** A range of source text. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A span in a named file: where something was declared. */
export interface Location {
  file: string;
  span: Span;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-function facts: a small "taint IR" of each function body, enough for rules to follow request data, identity
// and secrets through local variables without an AST.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Where a value comes from. A value can carry several sources (`{...req.body, ownerId: req.user.id}`).
 * - `params`/`query`/`body`: client-controlled request input (Express `req.params`, Next.js `params`, Nest `@Param`,
 *   Hono `c.req.param()`, Koa `ctx.params`, `searchParams`, `await request.json()`, …);
 *   `bodyWhole` marks the whole body object (mass assignment) rather than one property of it.
 * - `headers`/`headersWhole`, `authHeader` (the Authorization header or an API-key header), `cookie`, `session`
 *   (an unverified session/cookie/token read), `rawBody` (the unparsed body: what webhook signatures need).
 * - `identity`: verified claims (`req.user`, `res.locals.user`, `auth()`/`getServerSession()` results, a verified JWT
 *   payload, Nest `request.user`/`@CurrentUser()`, Hono `c.get('jwtPayload')`, Supabase `auth.getUser()` user).
 * - `validated`: the output of a schema parse (zod `parse`, joi `validate`, a class-validator DTO, …); client sources
 *   that flowed through a validator become `validated`.
 * - `error`: a caught error or an error-handler's `err` parameter. `secretEnv`: `process.env` of a secret-ish name;
 *   `env`: any other environment variable. `toolArgs`: the model-supplied arguments of an LLM tool's execute function.
 *   `llm`: the output of an LLM call. `dbRecord`: a record read from a database.
 */
export type Source =
  | 'params'
  | 'query'
  | 'body'
  | 'bodyWhole'
  | 'headers'
  | 'headersWhole'
  | 'authHeader'
  | 'cookie'
  | 'session'
  | 'rawBody'
  | 'identity'
  | 'validated'
  | 'error'
  | 'secretEnv'
  | 'env'
  | 'toolArgs'
  | 'llm'
  | 'dbRecord';

/** The sources of one expression, and the identifier/property names seen along the way (`req.body.email` → email). */
export interface ValueFact {
  /** Source text, truncated to 160 characters (with `…`). Never a secret literal's whole value: see `redact`. */
  text: string;
  span: Span;
  sources: Source[];
  /** Property and variable names the value passed through, lower-cased (`req.user.tenantId` → ['req','user','tenantid']). */
  names: string[];
  /** For object literals: each top-level and nested key path (`where.id`, `where.tenantId`, `data`) with its value. */
  props?: { path: string; value: ValueFact }[];
  /** For object literals: sources of spread elements (`{ ...req.body }`). */
  spreads?: Source[];
  /** A literal value's kind, when the expression is a literal. String literals keep at most 4 chars + length. */
  literal?: { kind: 'string' | 'number' | 'boolean' | 'null' | 'regexp' | 'template'; preview?: string; length?: number };
}

/** One call inside a function body (including nested callbacks). */
export interface CallFact {
  /**
   * The callee as a dotted path with call results marked: `prisma.ticket.findUnique`, `res.status().json`,
   * `db.select().from().where`, `console.log`, `stripe.webhooks.constructEvent`.
   */
  callee: string;
  /** The root identifier of the callee (`prisma`, `res`, `console`), when there is one. */
  root?: string;
  span: Span;
  args: ValueFact[];
  /** Sources flowing into the receiver object (`req.user.tenantId` in `db.where(eq(t.tenantId, req.user.tenantId))`
   *  appears in args; for chained builders the sources of every earlier call's args in the chain are merged here). */
  chainSources: Source[];
  /** Names seen in every earlier call's args in the chain (e.g. `tenantid` for `.where(eq(t.tenantId, …))`). */
  chainNames: string[];
  awaited: boolean;
  /** The local variable the result is assigned to, if any (`const ticket = await prisma.ticket.findUnique(...)`). */
  assignedTo?: string;
}

/** A condition that ends the request early (`if (!user) return res.status(401).end()`, `throw new ForbiddenException()`). */
export interface GuardFact {
  span: Span;
  /** The condition's source text (truncated). */
  test: string;
  /** Sources and names flowing into the condition. */
  sources: Source[];
  names: string[];
  /** HTTP status the branch ends with (401, 403, 404, 429, …) when known; exceptions map to their status. */
  status?: number;
  /** How the branch ends: a response, a `throw`, a `return` of a Response/false, or `next(err)`. */
  exit: 'respond' | 'throw' | 'return' | 'next';
}

/** A response written by the function: `res.status(500).json({ error: err.message })`, `return Response.json(x)`. */
export interface ResponseFact {
  span: Span;
  status?: number;
  body?: ValueFact;
  /** Header names set on the response, lower-cased, with their values (`access-control-allow-origin`). */
  headers?: { name: string; value: ValueFact }[];
  /**
   * Conditions of the enclosing `if`/`?:` branches inside the function, innermost first (else branches negated as
   * `!(test)`); absent for straight-line responses. Lets rules see `if (err.statusCode < 500) reply.send(err.message)`.
   */
  when?: string[];
}

/** A local variable assignment: lets rules follow values through locals when the IR did not already. */
export interface AssignmentFact {
  name: string;
  span: Span;
  value: ValueFact;
}

export interface ParamFact {
  name: string;
  /** Names bound by destructuring (`{ params }`, `{ body: { message } }`). */
  bindings?: string[];
  /** Parameter decorators (`@Param('id')`, `@Body()`, `@Req()`, `@CurrentUser()`), name and first argument text. */
  decorators?: { name: string; arg?: string }[];
  /** Declared type's text, truncated (`CreateTicketDto`, `Request`). */
  type?: string;
  span: Span;
}

export interface DecoratorFact {
  name: string;
  /** Argument source texts, each truncated to 160 characters. */
  args: string[];
  span: Span;
}

/** A summary of one function-like declaration: declarations, methods, variable-initialised and inline callbacks. */
export interface FunctionFacts {
  /** `file#start`: unique in the workspace, stable while the function does not move. */
  id: string;
  /** Declared or inferred name (`requireAuth`, `TicketsController.findOne`, `default`). */
  name?: string;
  className?: string;
  span: Span;
  /** Span of the body block (or expression body), for fixes that insert at the top of a handler. */
  bodySpan?: Span;
  params: ParamFact[];
  decorators: DecoratorFact[];
  async: boolean;
  /** True when the function value is exported (directly, by `export default`, or by an export list). */
  exported: boolean;
  /** The id of the function this one is nested in, if any. */
  parentId?: string;
  calls: CallFact[];
  guards: GuardFact[];
  responses: ResponseFact[];
  assignments: AssignmentFact[];
  /** Sources of values returned (`return user`, `return c.json(...)` is a response, not a return). */
  returns: ValueFact[];
  /** Names of request sources the function reads at all (cheap summary of `calls`/`guards` for fast checks). */
  reads: Source[];
  /** True when the function calls its `next` parameter (Express/Koa middleware that continues the chain). */
  callsNext: boolean;
  /** True when the body contains a `try` whose catch re-sends or logs (for error-leak rules). */
  hasTryCatch: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-file facts.
// ---------------------------------------------------------------------------------------------------------------

export interface ImportFact {
  /** The module specifier as written (`./auth`, `@/lib/auth`, `express-rate-limit`). */
  spec: string;
  /** Local name → imported name (`default` for default imports, `*` for namespace imports). */
  names: { local: string; imported: string }[];
  /** `require()` calls produce ImportFacts too. */
  kind: 'import' | 'require' | 'dynamic';
  typeOnly: boolean;
  span: Span;
}

export interface ExportFact {
  /** Exported name (`default` for default exports). */
  exported: string;
  /** Local name it refers to, when it is a local declaration or alias. */
  local?: string;
  /** For re-exports: the module specifier (`export { x } from './y'`, `export * from './z'` with exported `*`). */
  from?: string;
  /** For `export { a as b } from`: the name in the other module. */
  imported?: string;
}

/**
 * How an expression that names a value is written, so that middleware and handlers can be resolved across files
 * after the AST is gone.
 */
export type ExprRef =
  | { kind: 'ident'; name: string; text: string; span: Span }
  | { kind: 'member'; object: string; path: string[]; text: string; span: Span }
  | { kind: 'call'; callee: ExprRef; args: ExprRef[]; text: string; span: Span; options?: Record<string, string> }
  | { kind: 'function'; functionId: string; text: string; span: Span }
  | { kind: 'array'; items: ExprRef[]; text: string; span: Span }
  | { kind: 'new'; callee: ExprRef; args: ExprRef[]; text: string; span: Span }
  | { kind: 'other'; text: string; span: Span };

/** A top-level (module-scope) binding: `const limiter = rateLimit({...})`, `function requireAuth() {}`, a class. */
export interface BindingFact {
  name: string;
  kind: 'const' | 'let' | 'var' | 'function' | 'class';
  span: Span;
  init?: ExprRef;
  /** For functions and variable-initialised functions: the FunctionFacts id. */
  functionId?: string;
  exported: boolean;
}

/** An environment variable read (`process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`). */
export interface EnvReadFact {
  name: string;
  span: Span;
  /** `import.meta.env` and NEXT_PUBLIC_-style names reach the browser. */
  via: 'process.env' | 'import.meta.env' | 'other';
}

/** A string literal or template that looks like a secret (from the text scanner, not the AST). Never the whole value. */
export interface SecretFact {
  /** Detector id (`openai-key`, `aws-access-key`, `stripe-live-secret`, `pem-private-key`, `entropy`, …). */
  kind: string;
  /** Human name of the kind ("OpenAI API key"). */
  title: string;
  /** First ≤ 4 characters, then `…`, then the length: `sk-p…(51 chars)`. */
  preview: string;
  /** Variable or key the value is assigned to, when known (`OPENAI_API_KEY`, `apiKey`). */
  assignedTo?: string;
  span: Span;
  confidence: 'high' | 'medium' | 'low';
}

/** `// readiness-ignore-next-line <rule> -- reason` and `// readiness-ignore-file <rule> -- reason`. */
export interface SuppressionFact {
  scope: 'next-line' | 'file';
  /** Rule ids, or `*` for all. */
  rules: string[];
  reason?: string;
  /** The line of the comment itself (1-based). */
  line: number;
  span: Span;
}

/** Facts extracted from one source file. JSON-serialisable; cached on disk by content hash. */
export interface FileFacts {
  file: string;
  /** sha1 of the text, hex. */
  hash: string;
  lang: 'ts' | 'tsx' | 'js' | 'jsx';
  lines: number;
  /** False when the text pre-filter found nothing an AST is needed for (only text facts are present). */
  parsed: boolean;
  /** `'use client'` / `'use server'` directive at the top of the file. */
  directive?: 'use client' | 'use server';
  imports: ImportFact[];
  exports: ExportFact[];
  bindings: BindingFact[];
  functions: FunctionFacts[];
  env: EnvReadFact[];
  secrets: SecretFact[];
  suppressions: SuppressionFact[];
  /**
   * Facts from each collector (framework adapters and rule-specific collectors), keyed by collector id. Each
   * collector declares its own facts type; see `model/collectors/index.ts` for the registry and types.
   */
  collected: Record<string, unknown>;
}

/** A file that was found but not analysed, with the reason (minified, too large, unparsable, unreadable …). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** A non-source file the rules care about: `.env*`, `.gitignore`, `vercel.json`, `package.json`, docs. */
export interface TextFileFacts {
  file: string;
  kind: 'env' | 'gitignore' | 'package-json' | 'vercel-json' | 'doc' | 'config' | 'bundle' | 'other';
  /** Whether git tracks the file (undefined outside a git repository). */
  tracked?: boolean;
  /** Whether `.gitignore` covers it. */
  ignored?: boolean;
  /** For env files: variable names (values are never kept). For docs: env-var-looking names mentioned. */
  names?: string[];
  /** For package.json: dependencies and devDependencies (name → version range), read once when the file is loaded. */
  dependencies?: Record<string, string>;
  /** For docs: level-1..3 headings, lower-cased (for handover coverage). */
  headings?: string[];
  secrets: SecretFact[];
  lines: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Routes and protections (after linking across files).
// ---------------------------------------------------------------------------------------------------------------

export type ProtectionKind = 'auth' | 'role' | 'rateLimit' | 'validation';

/** Where a protection was declared relative to the route. */
export type ProtectionScope =
  | 'app' // app.use(mw) before the route, app-wide hook, global guard/pipe
  | 'router' // router.use(mw), plugin-level hook, Hono/Koa router-level use
  | 'mount' // app.use('/prefix', mw, router)
  | 'controller' // Nest class decorator
  | 'route' // route-level middleware, route options, method decorator
  | 'handler' // a check inside the handler body
  | 'middleware-file' // Next.js middleware.ts with a matching matcher
  | 'config'; // declared in readiness.config.json (outside the code)

export interface Protection {
  kind: ProtectionKind;
  /** Display name: the identifier as written (`requireAuth`, `limiter`, `ThrottlerGuard`, `zod`). */
  name: string;
  /** How it was recognised: a catalogue library, the function's behaviour, the user's config, or a declared control. */
  via: 'library' | 'behaviour' | 'config' | 'declared';
  /** Catalogue library (`express-rate-limit`, `passport`, `next-auth`), when recognised that way. */
  library?: string;
  scope: ProtectionScope;
  declaredAt: Location;
  /** Module the protection can be imported from, relative to the workspace root (for "reuse this guard" fixes). */
  importFrom?: { file?: string; module?: string; exportName: string };
  /** Rate limits: what the limit is keyed by. AI chat routes want `user` or `conversation`, not only `ip`. */
  keyedBy?: 'ip' | 'user' | 'conversation' | 'apiKey' | 'custom' | 'unknown';
  /** Roles: the roles/claims required when known (`admin`). */
  roles?: string[];
}

export type RouteTag = 'ai' | 'auth' | 'webhook' | 'admin' | 'health' | 'public' | 'data';

/**
 * Offsets (into the route file's text) where quick fixes insert protections the way the framework expects. Set by
 * the adapter, because only it knows the registration's syntax.
 */
export interface RouteAnchors {
  /**
   * Express/Koa/Hono (and Fastify shorthand without options): start offset of the first middleware/handler argument,
   * so that `guard, ` inserted there becomes the route's first middleware.
   */
  middlewareInsert?: number;
  /** Fastify: the route's options object (`{ ... }` of `route({...})` or the shorthand's opts argument). */
  optionsObject?: { start: number; end: number };
  /** NestJS: start offset of the line holding the method's first decorator (insert `@UseGuards(X)` above it). */
  decoratorInsert?: number;
  /** NestJS: start offset of the line holding the class's first decorator. */
  classDecoratorInsert?: number;
}

export interface Route {
  /** `METHOD path` (as in the JSON report's `route` field). Several routes can share it (e.g. in two apps). */
  key: string;
  method: HttpMethod;
  /** Normalised full path (`/api/tickets/:id`, catch-all `*slug`), prefixes from mounts applied. */
  path: string;
  framework: Framework;
  /** Where the route is registered (the `app.get(...)` call, the decorated method, the exported GET function). */
  file: string;
  span: Span;
  /** The handler's FunctionFacts id (may be in another file), when resolved. */
  handlerId?: string;
  /** Other function ids in the chain (route middleware, hooks) whose bodies rules may inspect. */
  middlewareIds: string[];
  /** Ordered protections, outermost first. */
  protections: Protection[];
  tags: RouteTag[];
  /** Where prefixes and app-level chains came from (mount calls, controller decorator, basePath): related info. */
  via: { message: string; location: Location }[];
  /** Insertion points for quick fixes (see RouteAnchors). Handler-body fixes use the handler's `bodySpan`. */
  anchors?: RouteAnchors;
}

/** A middleware or guard the model knows about, with what it protects against (for fixes and the route table). */
export interface KnownGuard {
  protection: Protection;
  /** Number of routes using it (the most common one is what "Add auth guard" reuses). */
  uses: number;
  framework?: Framework;
}

/** A control declared outside the code in readiness.config.json, e.g. a gateway rate limit on `/api/**`. */
export interface DeclaredControl {
  kind: ProtectionKind;
  paths: string[];
  description: string;
}

export interface ModelProblem {
  file: string;
  message: string;
  span?: Span;
}

/**
 * A secret found on a line added by a past commit (`readiness scan --history`). Like SecretFact, never the value.
 */
export interface HistoryFinding {
  /** Short sha of the commit that added the line (the oldest one, when several added the same secret). */
  commit: string;
  /** Author date of that commit, ISO 8601. */
  date: string;
  /** Path of the file in that commit (it may no longer exist). */
  file: string;
  /** 1-based line in that commit's version of the file. */
  line: number;
  kind: string;
  title: string;
  /** First ≤ 4 characters and the length, as in SecretFact. */
  preview: string;
  assignedTo?: string;
  confidence: 'high' | 'medium' | 'low';
}

/** The result of walking git history for secrets, bounded by commit count and patch bytes. */
export interface HistoryScan {
  findings: HistoryFinding[];
  commitsScanned: number;
  /** True when a bound stopped the walk before the first commit (older history was not read). */
  truncated: boolean;
  /** Why history could not be read (not a git repository, no commits, git missing). */
  error?: string;
}

/** The immutable snapshot every rule runs over. */
export interface WorkspaceModel {
  /** Absolute root on disk (never printed in reports; reports use the root as given). */
  root: string;
  /** Incremented on every change; code actions from an older version return nothing. */
  version: number;
  files: Record<string, FileFacts>;
  textFiles: Record<string, TextFileFacts>;
  /** Dependencies and devDependencies of the workspace's package.json files (name → version range). */
  dependencies: Record<string, string>;
  frameworks: Framework[];
  routes: Route[];
  /** FunctionFacts by id, across every file (an index over `files[*].functions`). */
  functions: Record<string, FunctionFacts>;
  guards: KnownGuard[];
  declaredControls: DeclaredControl[];
  /** Whether the root is inside a git work tree (rules about tracked files say `unknown` otherwise). */
  git: boolean;
  skipped: SkippedFile[];
  problems: ModelProblem[];
  /** Secrets in git history; present only when a history scan was asked for (`readiness scan --history`). */
  history?: HistoryScan;
}

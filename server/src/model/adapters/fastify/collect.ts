/**
 * Fastify syntax in one file → FastifyFacts. One walk finds instance declarations (`const app = Fastify()`), then
 * a second attributes every `x.get/route/addHook/register/decorate(...)` call to the scope `x` denotes: the nearest
 * enclosing function whose first parameter is `x` (a plugin) or an instance variable named `x`.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { unwrap } from '../../refs';
import type { FastifyFacts, FastifyOp, FastifyPassOp, FastifyRegisterOp, FastifyRouteOp, FastifyScope, GuardHook } from './facts';
import { GUARD_HOOKS } from './facts';
import { asObject, HTTP_METHODS, methodCall, methodsOf, paramOwner, pathValue, propValue, stringOf } from './syntax';

const OPS = new Set([...Object.keys(HTTP_METHODS), 'route', 'addHook', 'register', 'decorate']);
/** Methods that return the instance itself, so `app.withTypeProvider<T>().get(...)` still targets `app`. */
const RETURNS_SELF = new Set(['withTypeProvider', 'register', 'after', 'addHook', 'decorate', 'setValidatorCompiler', 'setSerializerCompiler']);

export const FASTIFY_MODULE = /^(fastify|fastify-plugin|@fastify\/.+)$/;

export function mayApplyFastify(text: string): boolean {
  return /fastify/i.test(text) || /\.(register|addHook|decorate)\(/.test(text);
}

export function collectFastify(ctx: ExtractContext): FastifyFacts | undefined {
  const factories = new Set<string>();
  for (const imp of ctx.core.imports) if (imp.spec === 'fastify') for (const n of imp.names) factories.add(n.local);
  const fastifyFile = ctx.core.imports.some((i) => FASTIFY_MODULE.test(i.spec)) || /\bFastify(Instance|PluginAsync|PluginCallback)\b/.test(ctx.text);
  const table = new ScopeTable(ctx, factories);
  table.addInstances(ctx.sf);
  const jwt = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const m = methodCall(node);
      if (m?.name === 'jwtVerify') markJwt(node, ctx, jwt);
      if (m && OPS.has(m.name)) {
        const op = opOf(node, m.name, ctx);
        const scope = op && table.scopeOf(node, m.receiver);
        if (op && scope) scope.ops.push(op);
      } else table.notePass(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  table.settlePasses();
  const used = [...table.scopes.values()].filter((s) => s.ops.length || s.kind === 'instance');
  if (!used.length && !jwt.size) return undefined;
  return { fastifyFile, scopes: used, jwtVerifiers: [...jwt] };
}

/** The instances and plugin scopes of one file, and which of them a receiver expression denotes. */
class ScopeTable {
  readonly scopes = new Map<string, FastifyScope>();
  private readonly instances = new Map<string, { key: string; pos: number }[]>();
  private readonly pending: { owner: ts.FunctionLikeDeclaration; name: string; op: FastifyPassOp }[] = [];

  constructor(
    private readonly ctx: ExtractContext,
    private readonly factories: Set<string>,
  ) {}

  /** `Fastify()`, `fastify({ logger })`, `require('fastify')()`, optionally followed by `.withTypeProvider<T>()`. */
  private isFactory(e: ts.Expression): boolean {
    const n = peelSelf(e);
    if (!ts.isCallExpression(n)) return false;
    const callee = unwrap(n.expression);
    if (ts.isIdentifier(callee)) return this.factories.has(callee.text) || /^fastify$/i.test(callee.text);
    return /^require\(\s*['"]fastify['"]\s*\)$/.test(callee.getText(this.ctx.sf));
  }

  addInstances(node: ts.Node): void {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && this.isFactory(node.initializer)) {
      const pos = node.getStart(this.ctx.sf);
      const key = `${this.ctx.file}#inst@${pos}`;
      this.instances.set(node.name.text, [...(this.instances.get(node.name.text) ?? []), { key, pos }]);
      this.scopes.set(key, { key, kind: 'instance', name: node.name.text, span: this.ctx.span(node), ops: [] });
    }
    ts.forEachChild(node, (child) => this.addInstances(child));
  }

  /**
   * `registerRoutes(app)`: the instance handed to a function as first argument. Kept (in `settlePasses`) only when
   * the argument is a known instance/plugin scope or a parameter that looks like one (typed Fastify…, named app/
   * fastify/server/instance), so that `log(request)` in a handler does not turn the handler into a plugin.
   */
  notePass(call: ts.CallExpression): void {
    const callee = unwrap(call.expression);
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    if (!first || !ts.isIdentifier(first) || (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee))) return;
    const owner = paramOwner(call, first.text);
    const op: FastifyPassOp = { op: 'pass', fn: this.ctx.ref(callee), span: this.ctx.span(call) };
    if (!owner) this.scopeOf(call, first, false)?.ops.push(op);
    else this.pending.push({ owner, name: first.text, op });
  }

  settlePasses(): void {
    for (const { owner, name, op } of this.pending) {
      const key = this.ctx.functionId(owner);
      const type = owner.parameters[0]?.type?.getText(this.ctx.sf) ?? '';
      if (!this.scopes.has(key) && !/Fastify/.test(type) && !/^(app|fastify|server|instance|api|f)$/i.test(name)) continue;
      if (!this.scopes.has(key)) this.scopes.set(key, { key, kind: 'plugin', name, span: this.ctx.span(owner), ops: [] });
      this.scopes.get(key)!.ops.push(op);
    }
  }

  /** The nearest enclosing function whose first parameter is the receiver (a plugin), else the instance variable. */
  scopeOf(call: ts.CallExpression, receiver: ts.Expression, params = true): FastifyScope | undefined {
    const r = peelSelf(receiver);
    if (!ts.isIdentifier(r)) return undefined;
    const owner = params ? paramOwner(call, r.text) : undefined;
    if (owner) {
      const key = this.ctx.functionId(owner);
      let scope = this.scopes.get(key);
      if (!scope) this.scopes.set(key, (scope = { key, kind: 'plugin', name: r.text, span: this.ctx.span(owner), ops: [] }));
      return scope;
    }
    const declared = this.instances.get(r.text);
    if (!declared) return undefined;
    const before = declared.filter((d) => d.pos <= call.getStart(this.ctx.sf));
    return this.scopes.get((before[before.length - 1] ?? declared[0]).key);
  }
}

/** Strip calls that return the instance itself (`app.withTypeProvider<T>()`, `app.register(x)`). */
function peelSelf(e: ts.Expression): ts.Expression {
  let n = unwrap(e);
  while (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && RETURNS_SELF.has(n.expression.name.text)) n = unwrap(n.expression.expression);
  return n;
}

function markJwt(node: ts.Node, ctx: ExtractContext, out: Set<string>): void {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) out.add(ctx.functionId(n));
  }
}

function opOf(call: ts.CallExpression, name: string, ctx: ExtractContext): FastifyOp | undefined {
  const args = call.arguments;
  const span = ctx.span(call);
  if (name === 'addHook') {
    const hook = stringOf(args[0]) as GuardHook | undefined;
    if (!hook || !GUARD_HOOKS.includes(hook) || !args[1]) return undefined;
    return { op: 'hook', hook, ref: ctx.ref(args[1]), span };
  }
  if (name === 'register') {
    if (!args[0]) return undefined;
    const opts = asObject(args[1]);
    const prefix = opts ? pathValue(propValue(opts, 'prefix'), ctx.sf) : undefined;
    const options: Record<string, string> = {};
    for (const key of ['global', 'addHook', 'keyGenerator', 'dirNameRoutePrefix']) {
      const v = opts && propValue(opts, key);
      if (v) options[key] = v.getText(ctx.sf);
    }
    const op: FastifyRegisterOp = { op: 'register', plugin: ctx.ref(args[0]), prefix, options, span };
    // @fastify/autoload: `{ dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } }`.
    const dir = opts && propValue(opts, 'dir');
    if (dir) {
      op.dirParts = stringsIn(dir);
      const inner = asObject(propValue(opts!, 'options'));
      op.prefix = inner ? pathValue(propValue(inner, 'prefix'), ctx.sf) : prefix;
    }
    return op;
  }
  if (name === 'decorate') {
    const key = stringOf(args[0]);
    return key && args[1] ? { op: 'decorate', name: key, ref: ctx.ref(args[1]), span } : undefined;
  }
  if (name === 'route') {
    const first = args[0] && unwrap(args[0]);
    const obj = asObject(first) ?? (first && ts.isIdentifier(first) ? asObject(localInit(ctx.sf, first.text)) : undefined);
    const methods = obj && methodsOf(propValue(obj, 'method'));
    const path = obj && pathValue(propValue(obj, 'url') ?? propValue(obj, 'path'), ctx.sf);
    if (!obj || !methods || path === undefined) return undefined;
    return routeOp(methods, path, span, obj, undefined, ctx);
  }
  const path = pathValue(args[0], ctx.sf);
  if (path === undefined || args.length < 2) return undefined;
  // `get(path, handler)`, `get(path, { handler, ...opts })` or `get(path, opts, handler)`.
  const second = unwrap(args[1]);
  const opts = asObject(second) ?? (ts.isIdentifier(second) && args.length === 2 ? asObject(localInit(ctx.sf, second.text)) : undefined);
  const handlerArg = args.length >= 3 ? args[args.length - 1] : opts ? undefined : args[1];
  const op = routeOp([HTTP_METHODS[name]], path, span, opts, handlerArg, ctx);
  if (!opts && args.length === 2) op.middlewareInsert = args[1].getStart(ctx.sf);
  return op;
}

/** A route from its (optional) options object and (optional) separate handler argument. */
function routeOp(
  methods: FastifyRouteOp['methods'],
  path: string,
  span: FastifyRouteOp['span'],
  opts: ts.ObjectLiteralExpression | undefined,
  handlerArg: ts.Expression | undefined,
  ctx: ExtractContext,
): FastifyRouteOp {
  const handler = handlerArg ?? (opts && propValue(opts, 'handler'));
  const op: FastifyRouteOp = { op: 'route', methods, path, span, handler: handler ? ctx.ref(handler) : undefined, hooks: [] };
  if (!opts) return op;
  op.optionsObject = { start: opts.getStart(ctx.sf), end: opts.getEnd() };
  for (const hook of GUARD_HOOKS) {
    const v = propValue(opts, hook);
    if (v) op.hooks.push({ hook, ref: ctx.ref(v) });
  }
  const schema = propValue(opts, 'schema');
  if (schema) op.schema = schemaParts(schema, ctx);
  const config = asObject(propValue(opts, 'config'));
  const rl = config && propValue(config, 'rateLimit');
  if (rl) op.rateLimit = { disabled: unwrap(rl).kind === ts.SyntaxKind.FalseKeyword, span: ctx.span(rl) };
  // `config: { public: true }` (or `auth: false`, `skipAuth: true`): the route says it is public on purpose.
  const flag = (key: string, value: ts.SyntaxKind) => !!config && propValue(config, key) !== undefined && unwrap(propValue(config, key)!).kind === value;
  if (flag('public', ts.SyntaxKind.TrueKeyword) || flag('isPublic', ts.SyntaxKind.TrueKeyword) || flag('skipAuth', ts.SyntaxKind.TrueKeyword) || flag('auth', ts.SyntaxKind.FalseKeyword)) op.public = true;
  return op;
}

const INPUT_PARTS = ['body', 'querystring', 'query', 'params', 'headers'];

/** Which request parts a route schema validates; follows an identifier to a same-file object literal. */
function schemaParts(node: ts.Expression, ctx: ExtractContext): NonNullable<FastifyRouteOp['schema']> {
  let obj = asObject(node);
  const n = unwrap(node);
  if (!obj && ts.isIdentifier(n)) obj = asObject(localInit(ctx.sf, n.text));
  if (!obj) return { parts: [], opaque: true, span: ctx.span(node) };
  const parts = INPUT_PARTS.filter((p) => propValue(obj!, p)).map((p) => (p === 'query' ? 'querystring' : p));
  return { parts, opaque: false, span: ctx.span(node) };
}

function localInit(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) found = node.initializer;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The string literals inside an expression, in order (`join(__dirname, 'src', 'routes')` → ['src', 'routes']). */
function stringsIn(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    const s = stringOf(n);
    if (s !== undefined) out.push(s);
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * One AST pass over a file for middleware-chain frameworks (Express, Koa): records the apps/routers it creates and
 * every registration call on them (routes, `use`, Koa `prefix`, the container handed to a registering function),
 * in source order. A dialect says which calls create containers and which method names register routes.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { isFunctionNode } from '../../function-facts';
import { unwrap } from '../../refs';
import type { HttpMethod } from '../../types';
import { evalStrings, importMap, isStringish, pathStrings, spanFromTo } from '../common';
import type { ChainFacts, ContainerFact, EntryFact, ReceiverFact } from './types';

/**
 * Text pre-filter for files that register on an app/router made elsewhere (an imported router, a registering
 * function's `app` parameter) without naming the framework. Deliberately narrow: `searchParams.get('q')` or an
 * axios instance's `api.get('/x')` must not make UI files parse.
 */
export const REGISTRATION_HINT = /\b\w*(?:app|router|routes|server)\w*\s*\.\s*(?:get|post|put|patch|delete|del|options|head|all|route|use)\s*\(/i;

export type ImportMap = Map<string, { spec: string; imported: string }>;

export interface ChainDialect {
  /** The container an expression creates (`express()`, `new Router({ prefix })`), judged by the file's imports. */
  creation(node: ts.Expression, imports: ImportMap, consts: Map<string, string>): { kind: 'app' | 'router'; prefix?: string } | undefined;
  /** Method names that register a route, and their HTTP method. */
  methods: Record<string, HttpMethod>;
  /** Express `app.route('/x').get(h)` chains. */
  routeChains?: boolean;
  /** Koa `router.prefix('/x')`. */
  prefixCalls?: boolean;
  /** Koa named routes: `router.get('name', '/path', h)`. */
  namedRoutes?: boolean;
}

interface Frame {
  id: string;
  params: { name: string; type: string }[];
}

interface Scan {
  containers: ContainerFact[];
  calls: { node: ts.CallExpression; frames: Frame[] }[];
  returns: { name: string; fnId?: string }[];
  consts: Map<string, string>;
}

/** A parameter that is plausibly an app or router (`app`, `router: Router`), not `req`/`res`/`ctx`/a Map. */
const ROUTERISH_NAME = /(^r$|app|router|api|server|routes)/i;
const ROUTERISH_TYPE = /\b(Router|Express|Application|Koa|App)\b/;

export function collectChain(ctx: ExtractContext, dialect: ChainDialect): ChainFacts | undefined {
  const scan = walk(ctx, dialect, imports(ctx));
  const entries: EntryFact[] = [];
  for (const call of scan.calls) {
    const entry = registration(ctx, dialect, scan, call.node, call.frames) ?? delegation(ctx, scan, call.node, call.frames);
    if (entry) entries.push(entry);
  }
  for (const c of scan.containers) if (scan.returns.some((r) => r.name === c.name && r.fnId === c.scope)) c.returned = true;
  if (!scan.containers.length && !entries.length) return undefined;
  entries.sort((a, b) => a.span.start - b.span.start);
  return { containers: scan.containers, entries };
}

function walk(ctx: ExtractContext, dialect: ChainDialect, imports: ImportMap): Scan {
  const scan: Scan = { containers: [], calls: [], returns: [], consts: new Map() };
  const frames: Frame[] = [];
  const visit = (node: ts.Node): void => {
    const isFn = isFunctionNode(node) && (!!node.body || ts.isArrowFunction(node));
    if (isFn) frames.push({ id: ctx.functionId(node), params: node.parameters.map((p) => paramInfo(p, ctx.sf)) });
    const fnId = frames.length ? frames[frames.length - 1].id : undefined;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const values = ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const ? evalStrings(node.initializer, scan.consts) : undefined;
      if (values?.length === 1 && !scan.consts.has(node.name.text)) scan.consts.set(node.name.text, values[0]);
      const made = dialect.creation(unwrap(node.initializer), imports, scan.consts);
      if (made) scan.containers.push({ name: node.name.text, scope: fnId, kind: made.kind, span: ctx.span(node), prefix: made.prefix });
    }
    // Class-based servers: `app = express()` as a property, or `this.app = express()` in the constructor.
    const member = classMember(node);
    if (member) {
      const made = dialect.creation(unwrap(member.init), imports, scan.consts);
      if (made) scan.containers.push({ name: member.name, kind: made.kind, span: ctx.span(node), prefix: made.prefix });
    }
    if (ts.isCallExpression(node)) scan.calls.push({ node, frames: [...frames] });
    if (ts.isReturnStatement(node) && node.expression && ts.isIdentifier(unwrap(node.expression))) {
      scan.returns.push({ name: (unwrap(node.expression) as ts.Identifier).text, fnId });
    }
    ts.forEachChild(node, visit);
    if (isFn) frames.pop();
  };
  visit(ctx.sf);
  return scan;
}

function classMember(node: ts.Node): { name: string; init: ts.Expression } | undefined {
  if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) return { name: `this.${node.name.text}`, init: node.initializer };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const name = receiverName(node.left);
    if (name?.startsWith('this.')) return { name, init: node.right };
  }
  return undefined;
}

/** `app` or `this.app`: the receivers a registration can be made on. */
function receiverName(node: ts.Expression): string | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${n.name.text}`;
  return undefined;
}

function paramInfo(p: ts.ParameterDeclaration, sf: ts.SourceFile): { name: string; type: string } {
  return { name: ts.isIdentifier(p.name) ? p.name.text : '', type: p.type ? p.type.getText(sf) : '' };
}

/** How the identifier `name` is bound where it is used: a container, a router-ish parameter, or an import. */
function receiverOf(name: string, frames: Frame[], scan: Scan, imports: ImportMap): ReceiverFact | undefined {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (scan.containers.some((c) => c.name === name && c.scope === f.id)) return { kind: 'container', name, scope: f.id };
    const index = f.params.findIndex((p) => p.name === name);
    if (index >= 0) {
      const p = f.params[index];
      // A declared type decides (`server: FastifyInstance` is not ours); otherwise the name must look like an app.
      const routerish = p.type ? ROUTERISH_TYPE.test(p.type) : ROUTERISH_NAME.test(p.name);
      return routerish ? { kind: 'param', fnId: f.id, index } : undefined;
    }
  }
  if (scan.containers.some((c) => c.name === name && c.scope === undefined)) return { kind: 'container', name };
  if (imports.has(name)) return { kind: 'import', name };
  return undefined;
}

/** `X.get(...)`, `X.use(...)`, `X.prefix(...)`, `X.route('/p').get(...)` on a known receiver → an entry. */
function registration(ctx: ExtractContext, dialect: ChainDialect, scan: Scan, call: ts.CallExpression, frames: Frame[]): EntryFact | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const op = callee.name.text;
  const method = dialect.methods[op];
  if (!method && op !== 'use' && !(op === 'prefix' && dialect.prefixCalls)) return undefined;
  const base = unwrap(callee.expression);
  const scopes = frames.map((f) => f.id).reverse();
  const route = method && dialect.routeChains ? routeCallOf(base, dialect) : undefined;
  if (route) return routeChainEntry(ctx, scan, call as ts.CallExpression & { expression: ts.PropertyAccessExpression }, route, method!, frames);
  // `app.use(a).use(b)` and `router.get(…).post(…)`: registration calls return their receiver.
  const root = chainRoot(base, dialect);
  if (!root) return undefined;
  const recv = receiverOf(root, frames, scan, imports(ctx));
  if (!recv) return undefined;
  // Chained calls share their start; span from the method name so that each keeps its own place and order.
  const [nameSpan, callSpan] = [ctx.span(callee.name), ctx.span(call)];
  const span = receiverName(base) && nameSpan.line === callSpan.line ? callSpan : spanFromTo(nameSpan, callSpan);
  const common = { recv, span, scopes };
  if (op === 'use') return useEntry(ctx, scan, call, common);
  if (op === 'prefix') {
    const paths = call.arguments[0] ? evalStrings(call.arguments[0], scan.consts) : undefined;
    return paths ? { op: 'prefix', paths, args: [], ...common } : undefined;
  }
  return routeEntry(ctx, dialect, scan, call, method, common);
}

function chainRoot(node: ts.Expression, dialect: ChainDialect): string | undefined {
  let n = unwrap(node);
  while (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
    const name = n.expression.name.text;
    if (!dialect.methods[name] && name !== 'use' && name !== 'prefix') return undefined;
    n = unwrap(n.expression.expression);
  }
  return receiverName(n);
}

/** `.get(h)` in `X.route('/p').get(h).post(h2)`: the span runs from the method name, so each line is its own. */
function routeChainEntry(
  ctx: ExtractContext,
  scan: Scan,
  call: ts.CallExpression & { expression: ts.PropertyAccessExpression },
  route: ts.CallExpression & { expression: ts.PropertyAccessExpression },
  method: HttpMethod,
  frames: Frame[],
): EntryFact | undefined {
  const root = receiverName(route.expression.expression);
  const recv = root ? receiverOf(root, frames, scan, imports(ctx)) : undefined;
  if (!recv || !call.arguments.length) return undefined;
  const paths = route.arguments[0] ? pathStrings(route.arguments[0], scan.consts) : undefined;
  return {
    op: 'route',
    recv,
    method,
    paths: paths ?? ['/*'],
    args: call.arguments.map((a) => ctx.ref(a)),
    span: spanFromTo(ctx.span(call.expression.name), ctx.span(call)),
    insertAt: ctx.span(call.arguments[0]).start,
    scopes: frames.map((f) => f.id).reverse(),
  };
}

const importCache = new WeakMap<ExtractContext['core'], ImportMap>();
function imports(ctx: ExtractContext): ImportMap {
  let map = importCache.get(ctx.core);
  if (!map) importCache.set(ctx.core, (map = importMap(ctx)));
  return map;
}

/** Walk down `.get(a).post(b)` to the `X.route('/p')` call the chain starts from. */
function routeCallOf(node: ts.Expression, dialect: ChainDialect): (ts.CallExpression & { expression: ts.PropertyAccessExpression }) | undefined {
  let n = unwrap(node);
  while (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
    const name = n.expression.name.text;
    if (name === 'route') return n as ts.CallExpression & { expression: ts.PropertyAccessExpression };
    if (!dialect.methods[name]) return undefined;
    n = unwrap(n.expression.expression);
  }
  return undefined;
}

type Common = Pick<EntryFact, 'recv' | 'span' | 'scopes'>;

function useEntry(ctx: ExtractContext, scan: Scan, call: ts.CallExpression, common: Common): EntryFact | undefined {
  const [first, ...rest] = call.arguments;
  if (!first) return undefined;
  // A path we cannot evaluate is still a path when it is string-valued (`\`/v${n}\``); an identifier may be middleware.
  const paths = ts.isFunctionLike(unwrap(first)) ? undefined : (pathStrings(first, scan.consts) ?? (isStringish(first) ? ['/*'] : undefined));
  const args = paths ? rest : [...call.arguments];
  if (!args.length) return undefined;
  return { op: 'use', paths, args: args.map((a) => ctx.ref(a)), insertAt: ctx.span(args[0]).start, ...common };
}

function routeEntry(
  ctx: ExtractContext,
  dialect: ChainDialect,
  scan: Scan,
  call: ts.CallExpression,
  method: HttpMethod,
  common: Common,
): EntryFact | undefined {
  const a = call.arguments;
  let skip = 1;
  let paths = a[0] ? pathStrings(a[0], scan.consts) : undefined;
  if (dialect.namedRoutes && a.length >= 3 && paths) {
    const second = evalStrings(a[1], scan.consts);
    if (second) [paths, skip] = [second, 2];
  }
  // `app.get('env')` reads a setting; a route needs a handler. Receivers we only guess at need a real path.
  if (a.length <= skip) return undefined;
  if (common.recv.kind !== 'container' && !paths?.every((p) => p.startsWith('/'))) return undefined;
  const args = a.slice(skip);
  return { op: 'route', method, paths: paths ?? ['/*'], args: args.map((x) => ctx.ref(x)), insertAt: ctx.span(args[0]).start, ...common };
}

/** `registerRoutes(app)`: a container (or router-ish parameter) passed to a function that registers on it. */
function delegation(ctx: ExtractContext, scan: Scan, call: ts.CallExpression, frames: Frame[]): EntryFact | undefined {
  const index = call.arguments.findIndex((a) => ts.isIdentifier(a));
  if (index < 0 || ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'use') return undefined;
  for (let i = index; i < call.arguments.length; i++) {
    const arg = call.arguments[i];
    if (!ts.isIdentifier(arg)) continue;
    const recv = receiverOf(arg.text, frames, scan, imports(ctx));
    if (!recv || recv.kind === 'import') continue;
    return { op: 'call', recv, args: [ctx.ref(call.expression)], argIndex: i, span: ctx.span(call), scopes: frames.map((f) => f.id).reverse() };
  }
  return undefined;
}

/**
 * Hono syntax in one file → HonoFacts. Every method-call chain is evaluated from its root (`new Hono()`, a known
 * instance variable, or an imported name) outwards, so chained registrations (`new Hono().basePath('/api')
 * .get(...).post(...)`) land on the right router with the right base path, and each call is recorded once.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { unwrap } from '../../refs';
import type { Span } from '../../types';
import { asObject, HTTP_METHODS, joinPath, methodCall, methodsOf, normalisePath, pathValue, pathValues, propValue } from '../fastify/syntax';
import type { BaseStep, HonoFacts, HonoInstance, HonoOp, HonoRouteOp, RouterTarget } from './facts';

const CHAIN = new Set([...Object.keys(HTTP_METHODS), 'on', 'use', 'route', 'basePath', 'openapi']);
const HONO_MODULE = /^(hono|hono\/(tiny|quick)|@hono\/zod-openapi)$/;

interface State {
  target: RouterTarget;
  basePath: string;
  /** Each `basePath(...)` call that built `basePath`, for the route's `via`. */
  bases: BaseStep[];
  /** Hono reuses the last path for path-less chained calls: `app.get('/x', h).post(h2)`. */
  lastPath: string;
}

/** Hono files, plus files registering routes on an instance imported from elsewhere (`app.post('/x', h)`). */
export function mayApplyHono(text: string): boolean {
  return /hono/i.test(text) || /\.(get|post|put|patch|delete|all|on|use|route)\(\s*['"`\[]/.test(text);
}

export function collectHono(ctx: ExtractContext): HonoFacts | undefined {
  const { ctors, imported } = importedNames(ctx);
  const factories = ctx.core.imports.some((i) => i.spec === 'hono/factory');
  const locals = new Map<string, State>();
  const instances: HonoInstance[] = [];
  const ops: HonoOp[] = [];
  const done = new Map<ts.Node, State | undefined>();

  const evalTarget = (expr: ts.Expression): State | undefined => {
    const n = unwrap(expr);
    if (done.has(n)) return done.get(n);
    let state: State | undefined;
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && ctors.has(n.expression.text)) {
      state = { target: { router: rootKey(n, ctx) }, basePath: '', bases: [], lastPath: '/' };
    } else if (ts.isIdentifier(n)) {
      const param = paramTarget(n, ctx);
      if (param !== undefined) state = param || undefined;
      else state = locals.get(n.text) ?? (imported.has(n.text) ? { target: { name: n.text }, basePath: '', bases: [], lastPath: '/' } : undefined);
    } else if (ts.isCallExpression(n) && factories && methodCall(n)?.name === 'createApp') {
      // `createFactory<Env>().createApp()` / `factory.createApp()` from hono/factory returns a new app.
      state = { target: { router: rootKey(n, ctx) }, basePath: '', bases: [], lastPath: '/' };
    } else if (ts.isCallExpression(n)) {
      const m = methodCall(n);
      const receiver = m && CHAIN.has(m.name) ? evalTarget(m.receiver) : undefined;
      if (m && receiver) state = applyCall(n, m.name, m.nameNode, receiver, ctx, evalTarget, ops);
    }
    done.set(n, state);
    return state;
  };

  // `registerUserRoutes(app)`: a function that registers routes on an instance it is given.
  const passes = (call: ts.CallExpression): void => {
    const callee = unwrap(call.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return;
    if (ts.isPropertyAccessExpression(callee) && CHAIN.has(callee.name.text)) return;
    call.arguments.forEach((arg, index) => {
      const state = ts.isIdentifier(unwrap(arg)) ? evalTarget(arg) : undefined;
      if (!state) return;
      const span = ctx.span(call);
      ops.push({ kind: 'pass', target: state.target, fn: ctx.ref(callee), index, path: state.basePath || '/', span, pos: span.start, bases: state.bases });
    });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const state = evalTarget(node.initializer);
      if (state && 'router' in state.target) {
        locals.set(node.name.text, { ...state, lastPath: '/' });
        instances.push({ key: `${ctx.file}#${node.name.text}`, router: state.target.router, basePath: state.basePath, bases: state.bases });
      }
    } else if (ts.isExportAssignment(node)) {
      const state = evalTarget(node.expression);
      if (state && 'router' in state.target) instances.push({ key: `${ctx.file}#default`, router: state.target.router, basePath: state.basePath, bases: state.bases });
    } else if (ts.isCallExpression(node) && !evalTarget(node)) passes(node);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return instances.length || ops.length ? { instances, ops } : undefined;
}

/**
 * An identifier that is a parameter of an enclosing function: a router of its own when typed `Hono`
 * (`function registerUsers(app: Hono)`), `false` when it is some other parameter shadowing outer names, and
 * undefined when no parameter has that name.
 */
function paramTarget(id: ts.Identifier, ctx: ExtractContext): State | false | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isFunctionDeclaration(n) && !ts.isFunctionExpression(n) && !ts.isArrowFunction(n) && !ts.isMethodDeclaration(n)) continue;
    const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
    if (index < 0) continue;
    const type = n.parameters[index].type?.getText(ctx.sf) ?? '';
    if (!/^(OpenAPI)?Hono\b/.test(type)) return false;
    return { target: { router: `${ctx.functionId(n)}@${index}` }, basePath: '', bases: [], lastPath: '/' };
  }
  return undefined;
}

/** Local names of the Hono constructors (`Hono`, `OpenAPIHono`) and of every import (possible shared instances). */
function importedNames(ctx: ExtractContext): { ctors: Set<string>; imported: Set<string> } {
  const ctors = new Set<string>();
  const imported = new Set<string>();
  for (const imp of ctx.core.imports) {
    for (const n of imp.names) {
      imported.add(n.local);
      if (HONO_MODULE.test(imp.spec) && (n.imported === 'Hono' || n.imported === 'OpenAPIHono')) ctors.add(n.local);
    }
  }
  if (!ctors.size) ctors.add('Hono');
  return { ctors, imported };
}

/** The router key of a `new Hono()`: the variable its chain initialises, the default export, or its offset. */
function rootKey(node: ts.Node, ctx: ExtractContext): string {
  let top = node;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && top.parent.parent.expression === top.parent) top = top.parent.parent;
  let p = top.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return `${ctx.file}#${p.name.text}`;
  if (p && ts.isExportAssignment(p)) return `${ctx.file}#default`;
  return `${ctx.file}#@${node.getStart(ctx.sf)}`;
}

/** Record one chained call on `state`'s router and return the state the call evaluates to. */
function applyCall(
  call: ts.CallExpression,
  name: string,
  nameNode: ts.Node,
  state: State,
  ctx: ExtractContext,
  evalTarget: (e: ts.Expression) => State | undefined,
  ops: HonoOp[],
): State | undefined {
  const args = call.arguments;
  // A chained call (`.post(...)` after `.get(...)`, or on a receiver written on an earlier line) starts at its name.
  const receiver = (call.expression as ts.PropertyAccessExpression).expression;
  const own = ctx.span(call);
  const name0 = ctx.span(nameNode);
  const chained = ts.isCallExpression(unwrap(receiver)) || ctx.span(receiver).endLine !== name0.line;
  const span = chained ? joinSpans(name0, own) : own;
  const base = { target: state.target, span, pos: span.start, bases: state.bases };
  if (name === 'basePath') {
    const p = pathValue(args[0], ctx.sf);
    if (p === undefined) return undefined;
    return { ...state, basePath: joinPath(state.basePath, p), bases: [...state.bases, { path: p, file: ctx.file, span: ctx.span(call) }], lastPath: '/' };
  }
  if (name === 'use') {
    const path = pathValue(args[0], ctx.sf);
    const refs = (path === undefined ? [...args] : args.slice(1)).map((a) => ctx.ref(a));
    ops.push({ ...base, kind: 'use', pattern: joinPath(state.basePath, path ?? '*'), refs });
    return state;
  }
  if (name === 'route') {
    const path = pathValue(args[0], ctx.sf);
    const sub = args[1] && evalTarget(args[1]);
    if (path === undefined || !sub) return state;
    ops.push({ ...base, kind: 'mount', path: joinPath(state.basePath, path), sub: sub.target });
    return state;
  }
  if (name === 'openapi') return openapiCall(call, state, base, ctx, ops);
  const isOn = name === 'on';
  const methods = isOn ? methodsOf(args[0]) : [HTTP_METHODS[name]];
  const pathArg = isOn ? args[1] : args[0];
  const paths = pathArg && pathValues(pathArg, ctx.sf);
  if (!methods || (isOn && !paths)) return state;
  const handlerArgs = args.slice(paths ? (isOn ? 2 : 1) : 0);
  if (!handlerArgs.length) return state;
  const raw = paths ?? [state.lastPath];
  ops.push({
    ...base,
    kind: 'route',
    methods,
    paths: raw.map((p) => normalisePath(joinPath(state.basePath, p))),
    handlers: handlerArgs.map((a) => ctx.ref(a)),
    middlewareInsert: handlerArgs[0].getStart(ctx.sf),
  });
  return { ...state, lastPath: raw[raw.length - 1] };
}

function joinSpans(a: Span, b: Span): Span {
  return { start: a.start, line: a.line, column: a.column, end: b.end, endLine: b.endLine, endColumn: b.endColumn };
}

/**
 * `@hono/zod-openapi`: `app.openapi(createRoute({ method, path, request, middleware }), handler)`, with the route
 * written inline or as a same-file constant. A `request` schema is validated by the library before the handler runs.
 */
function openapiCall(call: ts.CallExpression, state: State, base: Pick<HonoRouteOp, 'target' | 'span' | 'pos' | 'bases'>, ctx: ExtractContext, ops: HonoOp[]): State {
  const [routeArg, handler] = call.arguments;
  const def = routeArg && createRouteObject(routeArg, ctx.sf);
  const methods = def && methodsOf(propValue(def, 'method'));
  const path = def && pathValue(propValue(def, 'path'), ctx.sf);
  if (!def || !methods || path === undefined || !handler) return state;
  const mw = propValue(def, 'middleware');
  const mwNode = mw && unwrap(mw);
  const middleware = !mwNode ? [] : ts.isArrayLiteralExpression(mwNode) ? mwNode.elements.map((e) => ctx.ref(e)) : [ctx.ref(mwNode)];
  const request = asObject(propValue(def, 'request'));
  ops.push({
    ...base,
    kind: 'route',
    methods,
    paths: [normalisePath(joinPath(state.basePath, path))],
    handlers: [...middleware, ctx.ref(handler)],
    validated: request && request.properties.length ? ctx.span(request) : undefined,
  });
  return state;
}

function createRouteObject(node: ts.Expression, sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  let n = unwrap(node);
  if (ts.isIdentifier(n)) {
    const name = n.text;
    const decl = sf.statements.flatMap((st) => (ts.isVariableStatement(st) ? [...st.declarationList.declarations] : [])).find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (!decl?.initializer) return undefined;
    n = unwrap(decl.initializer);
  }
  return ts.isCallExpression(n) ? asObject(n.arguments[0]) : asObject(n);
}

/**
 * One AST pass over a Next.js route, pages API or middleware file → NextFacts: what the file exports, how pages API
 * handlers branch on `req.method`, the middleware's `config.matcher`, Clerk route matchers and next-connect chains.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from '../../adapter';
import { clip, memberPath, unwrap } from '../../refs';
import type { ExprRef, HttpMethod, Span } from '../../types';
import { collectMiddlewareExtras } from './collect-middleware';
import type { NextConnectCall, NextExport, NextFacts } from './facts';
import { nextFileInfo } from './paths';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const isMethod = (s: string): s is HttpMethod => (HTTP_METHODS as readonly string[]).includes(s);

export function collectNext(ctx: ExtractContext): NextFacts | undefined {
  const info = nextFileInfo(ctx.file);
  if (!info) return undefined;
  const facts: NextFacts = { kind: info.kind, exports: collectExports(ctx) };
  if (info.kind === 'next-config') {
    facts.basePath = findBasePath(ctx);
    return facts.basePath ? facts : undefined;
  }
  if (info.kind === 'pages-api') {
    facts.methodsByFunction = methodsByFunction(ctx);
    const connect = connectCalls(ctx);
    if (connect.length) facts.connect = connect;
  }
  if (info.kind === 'middleware') {
    if (!facts.exports.some((e) => ['middleware', 'proxy', 'default'].includes(e.name))) return undefined;
    collectMiddlewareExtras(ctx, facts);
  }
  return facts.exports.length || facts.connect ? facts : undefined;
}

/**
 * The first line of an export (`export async function GET(req: Request) {`): where the route is registered. The whole
 * handler would make every route finding highlight its entire body.
 */
function headSpan(ctx: ExtractContext, node: ts.Node): Span {
  const full = ctx.span(node);
  if (full.endLine === full.line) return full;
  const eol = ctx.text.indexOf('\n', full.start);
  const end = full.start + ctx.text.slice(full.start, eol).trimEnd().length;
  return { ...full, end, endLine: full.line, endColumn: full.column + (end - full.start) };
}

function fnRef(ctx: ExtractContext, node: ts.FunctionDeclaration): ExprRef {
  return { kind: 'function', functionId: ctx.functionId(node), text: clip(node.getText(ctx.sf)), span: ctx.span(node) };
}

function isExported(node: ts.Node): { exported: boolean; isDefault: boolean } {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
  return {
    exported: mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    isDefault: mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
  };
}

function collectExports(ctx: ExtractContext): NextExport[] {
  const out: NextExport[] = [];
  for (const stmt of ctx.sf.statements) {
    const { exported, isDefault } = isExported(stmt);
    if (ts.isFunctionDeclaration(stmt) && exported && stmt.body) {
      const name = isDefault ? 'default' : stmt.name?.text;
      if (name) out.push({ name, span: headSpan(ctx, stmt), value: fnRef(ctx, stmt), local: stmt.name?.text });
    } else if (ts.isVariableStatement(stmt) && exported) {
      for (const decl of stmt.declarationList.declarations) out.push(...variableExports(ctx, decl));
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      const from = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
      for (const el of stmt.exportClause.elements) {
        const inner = (el.propertyName ?? el.name).text;
        out.push(from ? { name: el.name.text, span: ctx.span(el), from, imported: inner } : { name: el.name.text, span: ctx.span(el), local: inner });
      }
    } else if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) {
      out.push(defaultExport(ctx, stmt, stmt.expression));
    } else if (isModuleExportsAssignment(stmt)) {
      const expr = (stmt as ts.ExpressionStatement).expression as ts.BinaryExpression;
      out.push(defaultExport(ctx, stmt, expr.right));
    }
  }
  return out;
}

function defaultExport(ctx: ExtractContext, stmt: ts.Node, expr: ts.Expression): NextExport {
  const e = unwrap(expr);
  return { name: 'default', span: headSpan(ctx, stmt), value: ctx.ref(e), local: ts.isIdentifier(e) ? e.text : undefined };
}

function isModuleExportsAssignment(stmt: ts.Statement): boolean {
  if (!ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression)) return false;
  const b = stmt.expression;
  return b.operatorToken.kind === ts.SyntaxKind.EqualsToken && memberPath(b.left)?.join('.') === 'module.exports';
}

/** `export const GET = …`, and Auth.js' `export const { GET, POST } = handlers`. */
function variableExports(ctx: ExtractContext, decl: ts.VariableDeclaration): NextExport[] {
  const init = decl.initializer;
  if (ts.isIdentifier(decl.name)) {
    return [{ name: decl.name.text, span: headSpan(ctx, decl), value: init ? ctx.ref(init) : undefined }];
  }
  if (!ts.isObjectBindingPattern(decl.name) || !init) return [];
  const out: NextExport[] = [];
  const base = unwrap(init);
  for (const el of decl.name.elements) {
    if (!ts.isIdentifier(el.name)) continue;
    const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
    const value: ExprRef = ts.isIdentifier(base)
      ? { kind: 'member', object: base.text, path: [prop], text: `${base.text}.${prop}`, span: ctx.span(el) }
      : { kind: 'other', text: clip(`${base.getText(ctx.sf)}.${prop}`), span: ctx.span(el) };
    out.push({ name: el.name.text, span: ctx.span(el), value });
  }
  return out;
}

/** HTTP methods each function compares `req.method` with (`===`, `switch`, `[..].includes(req.method)`). */
function methodsByFunction(ctx: ExtractContext): Record<string, HttpMethod[]> {
  const out: Record<string, Set<HttpMethod>> = {};
  const stack: string[] = [];
  const add = (lit: ts.Node | undefined) => {
    if (!lit || !ts.isStringLiteralLike(lit)) return;
    const m = lit.text.toUpperCase();
    if (isMethod(m)) for (const id of stack) (out[id] ??= new Set()).add(m);
  };
  const visit = (node: ts.Node): void => {
    const isFn = ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
    if (isFn) stack.push(ctx.functionId(node));
    if (ts.isBinaryExpression(node) && isEquality(node.operatorToken.kind)) {
      if (isReqMethod(node.left)) add(unwrap(node.right));
      if (isReqMethod(node.right)) add(unwrap(node.left));
    } else if (ts.isSwitchStatement(node) && isReqMethod(node.expression)) {
      for (const clause of node.caseBlock.clauses) if (ts.isCaseClause(clause)) add(unwrap(clause.expression));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'includes') {
      const list = unwrap(node.expression.expression);
      if (node.arguments[0] && isReqMethod(node.arguments[0]) && ts.isArrayLiteralExpression(list)) list.elements.forEach((e) => add(e));
    }
    ts.forEachChild(node, visit);
    if (isFn) stack.pop();
  };
  visit(ctx.sf);
  return Object.fromEntries(Object.entries(out).map(([id, set]) => [id, HTTP_METHODS.filter((m) => set.has(m))]));
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

/** `req.method`, `request.method`, or a local `method` (`const { method } = req`). */
function isReqMethod(node: ts.Expression): boolean {
  const path = memberPath(node);
  if (path?.length === 1) return path[0] === 'method';
  return !!path && path[path.length - 1] === 'method' && /^(req|request)$/i.test(path[path.length - 2]);
}

/** next-connect: `router.use(a).get(b)` / `nc().post(c)` on a router created in this file with createRouter/nc. */
function connectCalls(ctx: ExtractContext): NextConnectCall[] {
  const routers = new Set<string>();
  const out: NextConnectCall[] = [];
  const isFactory = (e: ts.Expression) =>
    ts.isCallExpression(e) && ts.isIdentifier(e.expression) && /^(createRouter|nc|nextConnect|connect)$/.test(e.expression.text);
  for (const b of ctx.core.bindings) {
    if (b.init?.kind === 'call' && b.init.callee.kind === 'ident' && /^(createRouter|nc|nextConnect|connect)$/.test(b.init.callee.name)) routers.add(b.name);
  }
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableDeclaration(node)) {
      const expr = ts.isExpressionStatement(node) ? node.expression : node.initializer;
      if (expr) {
        const chain = connectChain(ctx, unwrap(expr), (root) => (ts.isIdentifier(root) && routers.has(root.text)) || isFactory(root));
        out.push(...chain);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (ctx.text.includes('next-connect')) visit(ctx.sf);
  return out;
}

function connectChain(ctx: ExtractContext, expr: ts.Expression, isRoot: (e: ts.Expression) => boolean): NextConnectCall[] {
  const calls: NextConnectCall[] = [];
  let e = expr;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const name = e.expression.name.text.toUpperCase();
    const method = name === 'USE' ? 'USE' : name === 'ALL' ? 'ALL' : isMethod(name) ? name : undefined;
    // The span starts at the method name: in a chain every call starts at the router's name.
    const whole = ctx.span(e);
    const span = { ...ctx.span(e.expression.name), end: whole.end, endLine: whole.endLine, endColumn: whole.endColumn };
    if (method) calls.unshift({ method, args: e.arguments.map((a) => ctx.ref(a)), span });
    e = unwrap(e.expression.expression);
  }
  return isRoot(e) ? calls : [];
}

/** `basePath: '/docs'` anywhere in next.config (object literal exports, `withX({...})` wrappers). */
function findBasePath(ctx: ExtractContext): NextFacts['basePath'] {
  let found: NextFacts['basePath'];
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(node) && node.name.getText(ctx.sf).replace(/['"]/g, '') === 'basePath' && ts.isStringLiteralLike(node.initializer)) {
      found = { value: node.initializer.text, span: ctx.span(node) };
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return found;
}

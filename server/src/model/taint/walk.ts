/**
 * One walk over a function body (or a file's top level) that fills the taint IR: calls, guards, responses,
 * assignments, returns, reads, `next` calls and try/catch handling. Nested arrow/function-expression callbacks are
 * part of the walk; nested function declarations and class members are not (they get their own FunctionFacts).
 */
import { ts } from 'ts-morph';
import { redactLiterals } from './values';
import { clip, unwrap } from '../refs';
import type { CallFact, FunctionFacts, GuardFact, Source, Span } from '../types';
import type { Exit } from './exits';
import { responseCall, responseNew } from './exits';
import type { FileEnv } from './file-env';
import { assertGuard, branchExit, exprExit, expressionGuard, isBodyAssignment, statusAssigned } from './guards';
import { decoratorRole, emptyVal, paramRoles, type Val } from './request';
import { calleePath, member, rootOf, toFact, union, valueOf, type ValueScope } from './values';

export type BodyIR = Pick<
  FunctionFacts,
  'calls' | 'guards' | 'responses' | 'assignments' | 'returns' | 'reads' | 'callsNext' | 'hasTryCatch'
>;

const ITERATORS = /^(then|map|forEach|filter|find|some|every|flatMap|findIndex|reduce|finally)$/;
const LOGGING = /^(console|logger|log|winston|pino|Sentry|bugsnag|rollbar)\b|\.(error|warn|fatal|captureException|captureMessage|notify)$/;

type FnLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration | ts.ConstructorDeclaration;

export class BodyWalker {
  readonly ir: BodyIR = { calls: [], guards: [], responses: [], assignments: [], returns: [], reads: [], callsNext: false, hasTryCatch: false };
  private readonly scope: ValueScope;
  private readonly nextNames = new Set<string>();
  private koaStatus?: number;
  private throws = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    env: FileEnv,
    span: (n: ts.Node) => Span,
    private readonly moduleMode = false,
  ) {
    this.scope = { sf, env, span, vars: new Map(), reads: new Set() };
  }

  /** Analyse a function: bind its parameters, walk its body. */
  runFunction(fn: FnLike): BodyIR {
    this.bindParams(fn);
    if (fn.body) {
      if (ts.isBlock(fn.body)) this.visit(fn.body, 0);
      else this.expressionBody(fn.body, 0);
    }
    return this.finish();
  }

  /** Analyse a file's top-level statements, skipping every function body. */
  runModule(): BodyIR {
    for (const stmt of this.sf.statements) this.visit(stmt, 0);
    return this.finish();
  }

  private finish(): BodyIR {
    this.ir.reads = [...this.scope.reads].sort();
    return this.ir;
  }

  private bindParams(fn: FnLike, receiver?: Val, method?: string): void {
    const roles = paramRoles(fn.parameters, this.sf);
    fn.parameters.forEach((p, i) => {
      const decorators = ts.canHaveDecorators(p) ? (ts.getDecorators(p) ?? []) : [];
      const byDecorator = decorators.length ? decoratorRole(decorators, this.sf) : undefined;
      let val: Val | undefined;
      const role = roles[i];
      if (receiver && i === 0 && !p.type) val = method === 'catch' ? { sources: new Set<Source>(['error']), names: [] } : receiver;
      else if (byDecorator?.role) val = { ...emptyVal(), role: byDecorator.role, path: [] };
      else if (byDecorator?.sources) val = { sources: new Set(byDecorator.sources), names: byDecorator.names ?? [] };
      else if (role === 'err') val = { sources: new Set<Source>(['error']), names: [] };
      else if (role === 'next') {
        if (ts.isIdentifier(p.name)) this.nextNames.add(p.name.text);
        return;
      } else if (role) val = { ...emptyVal(), role, path: [] };
      if (val) this.bind(p.name, val);
    });
  }

  /** Bind a (possibly destructuring) name to a value; properties of the value for each destructured element. */
  private bind(name: ts.BindingName, val: Val, merge = false): void {
    if (ts.isIdentifier(name)) {
      val.sources.forEach((s) => this.scope.reads.add(s));
      const prev = merge ? this.scope.vars.get(name.text) : undefined;
      this.scope.vars.set(name.text, prev && !prev.role ? union(prev, val) : val);
      return;
    }
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      if (ts.isArrayBindingPattern(name)) this.bind(el.name, member(this.scope, val, '?'), merge);
      else if (el.dotDotDotToken) this.bind(el.name, val, merge);
      else {
        const key = el.propertyName ?? el.name;
        const prop = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : '?';
        this.bind(el.name, member(this.scope, val, prop), merge);
      }
    }
  }

  private visit(node: ts.Node, depth: number): void {
    if (ts.isFunctionDeclaration(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
      // Module mode still sees class decorators and `extends AuthGuard('jwt')` calls, but no member bodies.
      if (this.moduleMode && ts.isClassLike(node)) this.classHeader(node, depth);
      return;
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      if (this.moduleMode) return;
      this.nestedFunction(node, depth + 1);
      return;
    }
    if (ts.isVariableDeclaration(node)) return this.variable(node, depth);
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) return this.assignment(node, depth);
    if (ts.isCallExpression(node)) return this.call(node, depth);
    if (ts.isNewExpression(node)) this.newExpression(node);
    if (ts.isIfStatement(node)) this.ifStatement(node);
    if (ts.isExpressionStatement(node)) this.expressionStatement(node.expression);
    if (ts.isReturnStatement(node) && node.expression) this.returnStatement(node.expression, depth);
    if (ts.isThrowStatement(node)) this.throws++;
    if (ts.isTryStatement(node)) return this.tryStatement(node, depth);
    if (ts.isConditionalExpression(node) || ts.isWhileStatement(node) || ts.isSwitchStatement(node)) {
      valueOf(this.scope, ts.isConditionalExpression(node) ? node.condition : node.expression);
    }
    ts.forEachChild(node, (c) => this.visit(c, depth));
  }

  private classHeader(node: ts.ClassLikeDeclaration, depth: number): void {
    for (const clause of node.heritageClauses ?? []) for (const t of clause.types) this.visit(t.expression, depth);
    for (const d of ts.getDecorators(node) ?? []) this.visit(d.expression, depth);
  }

  private nestedFunction(fn: ts.ArrowFunction | ts.FunctionExpression, depth: number, receiver?: Val, method?: string): void {
    this.bindParams(fn, receiver, method);
    if (ts.isBlock(fn.body)) this.visit(fn.body, depth);
    else this.expressionBody(fn.body, depth);
  }

  private expressionBody(body: ts.Expression, depth: number): void {
    this.expressionStatement(body);
    if (depth === 0 && !this.isResponse(body)) this.ir.returns.push(toFact(this.scope, body));
    this.visit(body, depth);
  }

  private variable(node: ts.VariableDeclaration, depth: number): void {
    if (!node.initializer) return;
    this.visit(node.initializer, depth);
    const val = valueOf(this.scope, node.initializer);
    this.bind(node.name, val);
    this.recordAssignments(node.name, node.initializer, val);
  }

  private recordAssignments(name: ts.BindingName, init: ts.Expression, val: Val): void {
    const names: string[] = [];
    const collect = (b: ts.BindingName) => {
      if (ts.isIdentifier(b)) names.push(b.text);
      else for (const el of b.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
    };
    collect(name);
    for (const n of names) {
      const bound = this.scope.vars.get(n) ?? val;
      const fact = toFact(this.scope, init, ts.isIdentifier(name) ? val : { sources: new Set(bound.sources), names: bound.names });
      this.ir.assignments.push({ name: n, span: this.scope.span(ts.isIdentifier(name) ? name.parent : name), value: fact });
    }
  }

  private assignment(node: ts.BinaryExpression, depth: number): void {
    this.visit(node.right, depth);
    const val = valueOf(this.scope, node.right);
    const left = unwrap(node.left);
    const status = statusAssigned(this.scope, node);
    if (status) this.koaStatus = status;
    const body = isBodyAssignment(this.scope, node);
    if (body) {
      this.ir.responses.push({ span: this.scope.span(node), status: this.koaStatus, body: toFact(this.scope, body) });
      return;
    }
    if (ts.isIdentifier(left)) this.bind(left, val, true);
    else if (ts.isObjectLiteralExpression(left) || ts.isArrayLiteralExpression(left)) return;
    else {
      const root = rootOf(left);
      const prev = root ? this.scope.vars.get(root) : undefined;
      if (root && prev && !prev.role) this.scope.vars.set(root, union(prev, val));
      else if (root && !prev) this.scope.vars.set(root, val);
      this.visit(left, depth);
    }
    this.ir.assignments.push({ name: clip(left.getText(this.sf), 80), span: this.scope.span(node), value: toFact(this.scope, node.right, val) });
  }

  private call(node: ts.CallExpression, depth: number): void {
    const callee = unwrap(node.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    this.ir.calls.push(this.callFact(node));
    if (ts.isIdentifier(callee) && this.nextNames.has(callee.text)) this.ir.callsNext = true;
    if (calleePath(callee) === 'NextResponse.next') this.ir.callsNext = true;
    const response = responseCall(this.scope, node);
    if (response) this.pushResponse(node, response);
    const asserted = assertGuard(node);
    if (asserted) this.pushGuard(node, asserted.test, asserted.exit);
    // `.then(x => …)`, `items.map(i => …)`: the callback's first parameter holds the receiver's value.
    const receiver = method && ITERATORS.test(method) ? valueOf(this.scope, (callee as ts.PropertyAccessExpression).expression) : undefined;
    const catchCb = method === 'catch';
    ts.forEachChild(node, (c) => {
      const u = ts.isExpression(c) ? unwrap(c) : c;
      if ((receiver || catchCb) && c !== node.expression && (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) && !this.moduleMode) {
        this.nestedFunction(u, depth + 1, receiver ?? emptyVal(), method);
      } else this.visit(c, depth);
    });
  }

  private callFact(node: ts.CallExpression): CallFact {
    const chainSources = new Set<Source>();
    const chainNames: string[] = [];
    let cur: ts.Expression = unwrap(node.expression);
    while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) {
      const obj = unwrap(cur.expression);
      if (ts.isCallExpression(obj)) {
        for (const a of obj.arguments) {
          const v = valueOf(this.scope, a);
          v.sources.forEach((s) => chainSources.add(s));
          for (const n of v.names) if (!chainNames.includes(n)) chainNames.push(n);
        }
      }
      cur = ts.isCallExpression(obj) ? unwrap(obj.expression) : obj;
    }
    const parent = skipWrappers(node);
    return {
      callee: calleePath(node.expression),
      root: rootOf(node.expression),
      span: this.scope.span(node),
      args: node.arguments.map((a) => toFact(this.scope, a)),
      chainSources: [...chainSources],
      chainNames,
      awaited: ts.isAwaitExpression(parent.node),
      assignedTo: assignedName(parent.node),
    };
  }

  private newExpression(node: ts.NewExpression): void {
    const r = responseNew(node);
    if (r) this.pushResponse(node, r);
    for (const a of node.arguments ?? []) valueOf(this.scope, a);
  }

  private pushResponse(node: ts.Node, r: Exit & { headerOnly?: boolean }): void {
    this.ir.responses.push({
      span: this.scope.span(node),
      status: r.status,
      body: r.body ? toFact(this.scope, r.body) : undefined,
      headers: r.headers?.map((h) => ({ name: h.name, value: toFact(this.scope, h.value) })),
    });
  }

  private pushGuard(node: ts.Node, test: ts.Expression | string, exit: Exit, sources?: Val): void {
    const v = sources ?? (typeof test === 'string' ? emptyVal() : valueOf(this.scope, test));
    const fact: GuardFact = {
      span: this.scope.span(node),
      test: typeof test === 'string' ? test : redactLiterals(clip(test.getText(this.sf))),
      sources: [...v.sources],
      names: [...v.names],
      exit: exit.exit,
    };
    if (exit.status !== undefined) fact.status = exit.status;
    this.ir.guards.push(fact);
  }

  private ifStatement(node: ts.IfStatement): void {
    const exit = branchExit(this.scope, node.thenStatement, this.nextNames);
    const elseExit = node.elseStatement && !ts.isIfStatement(node.elseStatement) ? branchExit(this.scope, node.elseStatement, this.nextNames) : undefined;
    if (exit) this.pushGuard(node, node.expression, exit);
    else if (elseExit) this.pushGuard(node, node.expression, elseExit);
    else valueOf(this.scope, node.expression);
  }

  private expressionStatement(expr: ts.Expression): void {
    const g = expressionGuard(this.scope, expr, this.nextNames);
    if (g) this.pushGuard(expr, g.test, g.exit);
  }

  private returnStatement(expr: ts.Expression, depth: number): void {
    this.expressionStatement(expr);
    if (depth === 0 && !this.isResponse(expr)) this.ir.returns.push(toFact(this.scope, expr));
  }

  private isResponse(expr: ts.Expression): boolean {
    const n = unwrap(expr);
    if (ts.isConditionalExpression(n)) return this.isResponse(n.whenTrue) && this.isResponse(n.whenFalse);
    return !!exprExit(this.scope, n, this.nextNames) || (ts.isCallExpression(n) && !!responseCall(this.scope, n));
  }

  private tryStatement(node: ts.TryStatement, depth: number): void {
    const firstCall = this.ir.calls.length;
    this.visit(node.tryBlock, depth);
    const tried = union(...this.ir.calls.slice(firstCall).flatMap((c) => c.args.map((a) => ({ sources: new Set(a.sources), names: a.names }))));
    const clause = node.catchClause;
    if (clause) {
      if (clause.variableDeclaration) this.bind(clause.variableDeclaration.name, { sources: new Set<Source>(['error']), names: [] });
      const before = { responses: this.ir.responses.length, calls: this.ir.calls.length, throws: this.throws, next: this.ir.callsNext };
      const exit = branchExit(this.scope, clause.block, this.nextNames);
      if (exit && exit.status !== undefined && exit.status >= 400 && exit.status < 500) this.pushGuard(clause, 'catch', exit, tried);
      this.ir.callsNext = false;
      this.visit(clause.block, depth);
      const handled =
        this.ir.responses.length > before.responses ||
        this.throws > before.throws ||
        this.ir.callsNext ||
        this.ir.calls.slice(before.calls).some((c) => LOGGING.test(c.callee));
      this.ir.callsNext ||= before.next;
      if (handled) this.ir.hasTryCatch = true;
    }
    if (node.finallyBlock) this.visit(node.finallyBlock, depth);
  }
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function skipWrappers(node: ts.Node): { node: ts.Node } {
  let n: ts.Node = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  return { node: n.parent ?? n };
}

function assignedName(node: ts.Node): string | undefined {
  let n: ts.Node = node;
  while (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) n = n.parent;
  if (ts.isVariableDeclaration(n)) return ts.isIdentifier(n.name) ? n.name.text : n.name.getText().slice(0, 80);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) return n.left.text;
  return undefined;
}

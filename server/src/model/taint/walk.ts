/**
 * One walk over a function body (or a file's top level) that fills the taint IR: calls, guards, responses,
 * assignments, returns, reads, `next` calls and try/catch handling. Nested arrow/function-expression callbacks are
 * part of the walk; nested function declarations and class members are not (they get their own FunctionFacts).
 *
 * The same walk produces the IR of every nested callback too (a stack of frames: each fact goes to every enclosing
 * frame), so a callback is never re-walked and sees the taint of the variables around it.
 */
import { ts } from 'ts-morph';
import { unwrap } from '../refs';
import type { FunctionFacts, GuardFact, Source, Span } from '../types';
import { bind, bindParams, type FnLike } from './bind';
import { withConditions } from './branch';
import { callFact } from './call-facts';
import { type Exit, responseCall, responseNew } from './exits';
import { nodeText, redactLiterals, toFact } from './facts';
import type { FileEnv } from './file-env';
import { assertGuard, branchExit, exprExit, expressionGuard, isBodyAssignment, statusAssigned } from './guards';
import { emptyVal, type Val } from './request';
import { calleePath, rootOf, union, valueOf, type ValueScope } from './values';

export type BodyIR = Pick<
  FunctionFacts,
  'calls' | 'guards' | 'responses' | 'assignments' | 'returns' | 'reads' | 'callsNext' | 'hasTryCatch'
>;

const ITERATORS = /^(then|map|forEach|filter|find|some|every|flatMap|findIndex|reduce|finally)$/;
const LOGGING = /^(console|logger|log|winston|pino|Sentry|bugsnag|rollbar)\b|\.(error|warn|fatal|captureException|captureMessage|notify)$/;

type ListKey = 'calls' | 'guards' | 'responses' | 'assignments';

/** IRs of nested callbacks computed while walking their enclosing function; analyzeBody reuses them. */
export const nestedIR = new WeakMap<ts.Node, BodyIR>();

interface Frame {
  ir: BodyIR;
  reads: Set<Source>;
}

const newFrame = (): Frame => ({
  ir: { calls: [], guards: [], responses: [], assignments: [], returns: [], reads: [], callsNext: false, hasTryCatch: false },
  reads: new Set(),
});

export class BodyWalker {
  private readonly frames: Frame[] = [newFrame()];
  private readonly scope: ValueScope;
  private nextCalls = 0;
  private readonly nextNames = new Set<string>();
  private koaStatus?: number;
  private throws = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    env: FileEnv,
    span: (n: ts.Node) => Span,
    private readonly moduleMode = false,
  ) {
    const reads = { add: (src: Source) => this.frames.forEach((f) => f.reads.add(src)) };
    this.scope = { sf, env, span, vars: new Map(), reads, memo: new Map() };
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  /** Record a fact in the innermost function and every function around it. */
  private emit<K extends ListKey>(key: K, fact: BodyIR[K][number]): void {
    for (const f of this.frames) (f.ir[key] as BodyIR[K][number][]).push(fact);
  }

  private flag(key: 'callsNext' | 'hasTryCatch'): void {
    for (const f of this.frames) f.ir[key] = true;
  }

  /** Analyse a function: bind its parameters, walk its body. */
  runFunction(fn: FnLike): BodyIR {
    this.bindParams(fn);
    if (fn.body) {
      if (ts.isBlock(fn.body)) this.visit(fn.body);
      else this.expressionBody(fn.body);
    }
    return this.finish();
  }

  /** Analyse a file's top-level statements, skipping every function body. */
  runModule(): BodyIR {
    for (const stmt of this.sf.statements) this.visit(stmt);
    return this.finish();
  }

  private finish(frame: Frame = this.frames[0]): BodyIR {
    frame.ir.reads = [...frame.reads].sort();
    return frame.ir;
  }

  private bindParams(fn: FnLike, receiver?: Val, method?: string): void {
    bindParams(this.scope, fn, this.nextNames, receiver, method);
  }

  private bind(name: ts.BindingName, val: Val, merge = false): void {
    bind(this.scope, name, val, merge);
  }

  private setVar(name: string, val: Val): void {
    this.scope.memo.clear();
    this.scope.vars.set(name, val);
  }

  private visit(node: ts.Node): void {
    if (ts.isFunctionDeclaration(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
      // Module mode still sees class decorators and `extends AuthGuard('jwt')` calls, but no member bodies.
      if (this.moduleMode && ts.isClassLike(node)) this.classHeader(node);
      return;
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      if (this.moduleMode) return;
      this.nestedFunction(node);
      return;
    }
    if (ts.isVariableDeclaration(node)) return this.variable(node);
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) return this.assignment(node);
    if (ts.isCallExpression(node)) return this.call(node);
    if (ts.isNewExpression(node)) this.newExpression(node);
    if (ts.isIfStatement(node)) this.ifStatement(node);
    if (ts.isExpressionStatement(node)) this.expressionStatement(node.expression);
    if (ts.isReturnStatement(node) && node.expression) this.returnStatement(node.expression);
    if (ts.isThrowStatement(node)) this.throws++;
    if (ts.isTryStatement(node)) return this.tryStatement(node);
    if (ts.isConditionalExpression(node) || ts.isWhileStatement(node) || ts.isSwitchStatement(node)) {
      valueOf(this.scope, ts.isConditionalExpression(node) ? node.condition : node.expression);
    }
    ts.forEachChild(node, (c) => this.visit(c));
  }

  private classHeader(node: ts.ClassLikeDeclaration): void {
    for (const clause of node.heritageClauses ?? []) for (const t of clause.types) this.visit(t.expression);
    for (const d of ts.getDecorators(node) ?? []) this.visit(d.expression);
  }

  private nestedFunction(fn: ts.ArrowFunction | ts.FunctionExpression, receiver?: Val, method?: string): void {
    const frame = newFrame();
    this.frames.push(frame);
    this.bindParams(fn, receiver, method);
    if (ts.isBlock(fn.body)) this.visit(fn.body);
    else this.expressionBody(fn.body);
    this.frames.pop();
    nestedIR.set(fn, this.finish(frame));
  }

  private expressionBody(body: ts.Expression): void {
    this.expressionStatement(body);
    if (!this.isResponse(body)) this.top.ir.returns.push(toFact(this.scope, body));
    this.visit(body);
  }

  private variable(node: ts.VariableDeclaration): void {
    if (!node.initializer) return;
    this.visit(node.initializer);
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
      this.emit('assignments', { name: n, span: this.scope.span(ts.isIdentifier(name) ? name.parent : name), value: fact });
    }
  }

  private assignment(node: ts.BinaryExpression): void {
    this.visit(node.right);
    const val = valueOf(this.scope, node.right);
    const left = unwrap(node.left);
    const status = statusAssigned(this.scope, node);
    if (status) this.koaStatus = status;
    const body = isBodyAssignment(this.scope, node);
    if (body) {
      this.emit('responses', withConditions({ span: this.scope.span(node), status: this.koaStatus, body: toFact(this.scope, body) }, this.sf, node));
      return;
    }
    if (ts.isIdentifier(left)) this.bind(left, val, true);
    else if (ts.isObjectLiteralExpression(left) || ts.isArrayLiteralExpression(left)) return;
    else {
      const root = rootOf(left);
      const prev = root ? this.scope.vars.get(root) : undefined;
      if (root && prev && !prev.role) this.setVar(root, union(prev, val));
      else if (root && !prev) this.setVar(root, val);
      this.visit(left);
    }
    this.emit('assignments', { name: nodeText(this.sf, left, 80), span: this.scope.span(node), value: toFact(this.scope, node.right, val) });
  }

  private call(node: ts.CallExpression): void {
    const callee = unwrap(node.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    this.emit('calls', callFact(this.scope, node));
    if ((ts.isIdentifier(callee) && this.nextNames.has(callee.text)) || calleePath(callee) === 'NextResponse.next') {
      this.nextCalls++;
      this.flag('callsNext');
    }
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
        this.nestedFunction(u, receiver ?? emptyVal(), method);
      } else this.visit(c);
    });
  }

  private newExpression(node: ts.NewExpression): void {
    const r = responseNew(node);
    if (r) this.pushResponse(node, r);
    for (const a of node.arguments ?? []) valueOf(this.scope, a);
  }

  private pushResponse(node: ts.Node, r: Exit & { headerOnly?: boolean }): void {
    this.emit('responses', withConditions({
      span: this.scope.span(node),
      status: r.status,
      body: r.body ? toFact(this.scope, r.body) : undefined,
      headers: r.headers?.map((h) => ({ name: h.name, value: toFact(this.scope, h.value) })),
    }, this.sf, node));
  }

  private pushGuard(node: ts.Node, test: ts.Expression | string, exit: Exit, sources?: Val): void {
    const v = sources ?? (typeof test === 'string' ? emptyVal() : valueOf(this.scope, test));
    const fact: GuardFact = {
      span: this.scope.span(node),
      test: typeof test === 'string' ? test : redactLiterals(nodeText(this.sf, test)),
      sources: [...v.sources],
      names: [...v.names],
      exit: exit.exit,
    };
    if (exit.status !== undefined) fact.status = exit.status;
    this.emit('guards', fact);
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

  private returnStatement(expr: ts.Expression): void {
    this.expressionStatement(expr);
    if (!this.isResponse(expr)) this.top.ir.returns.push(toFact(this.scope, expr));
  }

  private isResponse(expr: ts.Expression): boolean {
    const n = unwrap(expr);
    if (ts.isConditionalExpression(n)) return this.isResponse(n.whenTrue) && this.isResponse(n.whenFalse);
    return !!exprExit(this.scope, n, this.nextNames) || (ts.isCallExpression(n) && !!responseCall(this.scope, n));
  }

  private tryStatement(node: ts.TryStatement): void {
    const calls = this.top.ir.calls;
    const firstCall = calls.length;
    this.visit(node.tryBlock);
    const tried = union(...calls.slice(firstCall).flatMap((c) => c.args.map((a) => ({ sources: new Set(a.sources), names: a.names }))));
    const clause = node.catchClause;
    if (clause) {
      if (clause.variableDeclaration) this.bind(clause.variableDeclaration.name, { sources: new Set<Source>(['error']), names: [] });
      const before = { responses: this.top.ir.responses.length, calls: calls.length, throws: this.throws, next: this.nextCalls };
      const exit = branchExit(this.scope, clause.block, this.nextNames);
      if (exit && exit.status !== undefined && exit.status >= 400 && exit.status < 500) this.pushGuard(clause, 'catch', exit, tried);
      this.visit(clause.block);
      const handled =
        this.top.ir.responses.length > before.responses ||
        this.throws > before.throws ||
        this.nextCalls > before.next ||
        calls.slice(before.calls).some((c) => LOGGING.test(c.callee));
      if (handled) this.flag('hasTryCatch');
    }
    if (node.finallyBlock) this.visit(node.finallyBlock);
  }
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

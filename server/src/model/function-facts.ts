/**
 * Every function-like node of a file → FunctionFacts: identity (id, name, class, params, decorators, export) here,
 * and the body's taint IR (calls, guards, responses, …) from `body-ir.ts`.
 */
import { ts } from 'ts-morph';
import type { ExtractContext } from './adapter';
import { analyzeBody, analyzeModule } from './body-ir';
import { clip } from './refs';
import type { DecoratorFact, FunctionFacts, ParamFact } from './types';

export type FunctionContext = Omit<ExtractContext, 'core'>;

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

export function decoratorsOf(node: ts.Node, ctx: FunctionContext): DecoratorFact[] {
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : [];
  return decorators.map((d) => {
    const e = d.expression;
    const call = ts.isCallExpression(e) ? e : undefined;
    const nameNode = call ? call.expression : e;
    return {
      name: nameNode.getText(ctx.sf),
      args: call ? call.arguments.map((a) => clip(a.getText(ctx.sf))) : [],
      span: ctx.span(d),
    };
  });
}

function nameOf(node: FunctionNode, ctx: FunctionContext): { name?: string; className?: string } {
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return { name: node.name.text };
  const parent = node.parent;
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
    const cls = ts.isClassLike(parent) ? parent.name?.text : undefined;
    const method = ts.isConstructorDeclaration(node) ? 'constructor' : node.name.getText(ctx.sf);
    return { name: cls ? `${cls}.${method}` : method, className: cls };
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return { name: parent.name.text };
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteralLike(parent.name))) {
    return { name: parent.name.text };
  }
  if (ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const cls = ts.isClassLike(parent.parent) ? parent.parent.name?.text : undefined;
    return { name: cls ? `${cls}.${parent.name.text}` : parent.name.text, className: cls };
  }
  if (ts.isExportAssignment(parent)) return { name: 'default' };
  if (ts.isBinaryExpression(parent) && parent.right === node) return { name: parent.left.getText(ctx.sf) };
  return {};
}

function isExported(node: FunctionNode): boolean {
  const mods = (n: ts.Node) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []);
  if (mods(node).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  if (ts.isExportAssignment(node.parent)) return true;
  const decl = node.parent;
  if (ts.isVariableDeclaration(decl)) {
    const stmt = decl.parent?.parent;
    return !!stmt && mods(stmt).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  }
  if (ts.isMethodDeclaration(node) && ts.isClassDeclaration(node.parent)) {
    return mods(node.parent).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  }
  return false;
}

function paramsOf(node: FunctionNode, ctx: FunctionContext): ParamFact[] {
  return node.parameters.map((p) => {
    const bindings: string[] = [];
    const collect = (b: ts.BindingName) => {
      if (ts.isIdentifier(b)) bindings.push(b.text);
      else for (const el of b.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
    };
    if (!ts.isIdentifier(p.name)) collect(p.name);
    const decorators = decoratorsOf(p, ctx).map((d) => ({ name: d.name, arg: d.args[0] }));
    return {
      name: ts.isIdentifier(p.name) ? p.name.text : p.name.getText(ctx.sf).slice(0, 80),
      bindings: bindings.length ? bindings : undefined,
      decorators: decorators.length ? decorators : undefined,
      type: p.type ? clip(p.type.getText(ctx.sf), 80) : undefined,
      span: ctx.span(p),
    };
  });
}

export function extractFunctions(ctx: FunctionContext): FunctionFacts[] {
  const out: FunctionFacts[] = [];
  const visit = (node: ts.Node, parentId: string | undefined): void => {
    let next = parentId;
    if (isFunctionNode(node) && (node.body || ts.isArrowFunction(node))) {
      const id = ctx.functionId(node);
      const body = node.body;
      const facts: FunctionFacts = {
        id,
        ...nameOf(node, ctx),
        span: ctx.span(node),
        bodySpan: body ? ctx.span(body) : undefined,
        params: paramsOf(node, ctx),
        decorators: ts.isMethodDeclaration(node) ? decoratorsOf(node, ctx) : [],
        async: !!(ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async),
        exported: isExported(node),
        parentId,
        ...analyzeBody(node, ctx),
      };
      out.push(facts);
      next = id;
    }
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(ctx.sf, undefined);
  out.push(moduleFunction(ctx));
  return out;
}

/** Id of a file's `<module>` pseudo-function. */
export function moduleFunctionId(file: string): string {
  return `${file}#module`;
}

/**
 * The `<module>` pseudo-function: the IR of the file's top-level statements (no function bodies), so that rules see
 * module-level calls such as `app.use(cors({...}))`, `Sentry.init(...)` or a top-level `console.log(...)`.
 */
function moduleFunction(ctx: FunctionContext): FunctionFacts {
  const span = ctx.span(ctx.sf);
  return {
    id: moduleFunctionId(ctx.file),
    name: '<module>',
    span,
    bodySpan: span,
    params: [],
    decorators: [],
    async: false,
    exported: false,
    ...analyzeModule(ctx.sf, ctx),
  };
}

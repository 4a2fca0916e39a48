/**
 * CallFacts: the callee as a dotted path with call results marked, the argument values, the sources and names of
 * earlier calls in a builder chain (`db.select().from(t).where(eq(t.tenantId, x))`), and how the result is used.
 */
import { ts } from 'ts-morph';
import { unwrap } from '../refs';
import type { CallFact, Source } from '../types';
import { toFact } from './facts';
import { calleePath, rootOf, valueOf, type ValueScope } from './values';

/** One CallFact: callee path, root, argument values, chain sources/names, awaited, assigned local. */
export function callFact(scope: ValueScope, node: ts.CallExpression): CallFact {
  const chainSources = new Set<Source>();
  const chainNames: string[] = [];
  let cur: ts.Expression = unwrap(node.expression);
  while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) {
    const obj = unwrap(cur.expression);
    if (ts.isCallExpression(obj)) {
      for (const a of obj.arguments) {
        const v = valueOf(scope, a);
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
    span: scope.span(node),
    args: node.arguments.map((a) => toFact(scope, a)),
    chainSources: [...chainSources],
    chainNames,
    awaited: ts.isAwaitExpression(parent.node),
    assignedTo: assignedName(parent.node),
  };
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

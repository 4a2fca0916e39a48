/**
 * The branch conditions a node sits under inside its function: `if (err.statusCode < 500) reply.send(err.message)`
 * is only reached when the test holds. Rules read these to tell deliberate 4xx paths from unknown errors, without
 * touching the AST themselves.
 */
import { ts } from 'ts-morph';
import type { ResponseFact } from '../types';
import { nodeText, redactLiterals } from './facts';

const MAX_CONDITIONS = 4;

function isFunctionBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isSourceFile(node);
}

/**
 * Condition texts of the enclosing `if`/`?:` branches, innermost first. A node in an else branch gets the negated
 * test (`!(…)`), so a rule never mistakes the 5xx side of `if (status < 500) … else …` for the 4xx side.
 */
export function enclosingConditions(sf: ts.SourceFile, node: ts.Node): string[] | undefined {
  const out: string[] = [];
  let child = node;
  for (let parent = node.parent; parent && !isFunctionBoundary(parent) && out.length < MAX_CONDITIONS; parent = parent.parent) {
    const test = ts.isIfStatement(parent) ? parent.expression : ts.isConditionalExpression(parent) ? parent.condition : undefined;
    const whenTrue = ts.isIfStatement(parent) ? parent.thenStatement : ts.isConditionalExpression(parent) ? parent.whenTrue : undefined;
    if (test && child !== test) {
      const text = redactLiterals(nodeText(sf, test, 120));
      out.push(child === whenTrue ? text : `!(${text})`);
    }
    child = parent;
  }
  return out.length ? out : undefined;
}

/** Adds `when` to a response fact only when it sits under a branch (keeps the IR of straight-line code unchanged). */
export function withConditions(fact: ResponseFact, sf: ts.SourceFile, node: ts.Node): ResponseFact {
  const when = enclosingConditions(sf, node);
  if (when) fact.when = when;
  return fact;
}

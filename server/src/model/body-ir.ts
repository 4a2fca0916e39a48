/**
 * The taint IR of one function body (calls, guards, responses, assignments, returns, request reads).
 * OWNED BY the body-IR work item: this first version only records calls to `next` so the pipeline runs end to end.
 */
import { ts } from 'ts-morph';
import type { FunctionFacts } from './types';
import type { FunctionContext, FunctionNode } from './function-facts';

export type BodyIR = Pick<
  FunctionFacts,
  'calls' | 'guards' | 'responses' | 'assignments' | 'returns' | 'reads' | 'callsNext' | 'hasTryCatch'
>;

export function analyzeBody(node: FunctionNode, _ctx: FunctionContext): BodyIR {
  const ir: BodyIR = { calls: [], guards: [], responses: [], assignments: [], returns: [], reads: [], callsNext: false, hasTryCatch: false };
  const nextName = node.parameters[2] && ts.isIdentifier(node.parameters[2].name) ? node.parameters[2].name.text : undefined;
  const visit = (n: ts.Node): void => {
    if (nextName && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === nextName) ir.callsNext = true;
    if (ts.isTryStatement(n)) ir.hasTryCatch = true;
    ts.forEachChild(n, visit);
  };
  if (node.body) visit(node.body);
  return ir;
}

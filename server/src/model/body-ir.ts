/**
 * The taint IR of one function body (calls, guards, responses, assignments, returns, request reads) and of a file's
 * top level (the `<module>` pseudo-function). The work is in `taint/`: request shapes (request.ts), value taint
 * (values.ts), response/exit shapes (exits.ts), guards (guards.ts) and the walk itself (walk.ts).
 */
import type { ts } from 'ts-morph';
import type { FunctionContext, FunctionNode } from './function-facts';
import { fileEnv } from './taint/file-env';
import { BodyWalker, nestedIR, type BodyIR } from './taint/walk';

export type { BodyIR };

export function analyzeBody(node: FunctionNode, ctx: FunctionContext): BodyIR {
  // Callbacks were analysed while walking their enclosing function (with the outer variables' taint in scope).
  return nestedIR.get(node) ?? new BodyWalker(ctx.sf, fileEnv(ctx.sf), ctx.span).runFunction(node);
}

/** The IR of a file's top-level statements, without any function body: `app.use(cors())`, `Sentry.init()`. */
export function analyzeModule(sf: ts.SourceFile, ctx: FunctionContext): BodyIR {
  return new BodyWalker(sf, fileEnv(sf), ctx.span, true).runModule();
}

/**
 * llm-tool-authz: an LLM tool whose execute function reads or changes customer data keyed by model-supplied
 * arguments, without scoping by the authenticated caller (identity captured in the closure, passed as the
 * tool-call context, or a tool factory's user/tenant parameter). Tool definitions come from the llm-tools
 * collector; the data access check is the IDOR analysis with `toolArgs` as the attacker-controlled source.
 */
import { defineRule, type Finding, type FunctionFacts, type Route, type RuleContext, type Source } from './api';
import { fileOf } from './lib/calls';
import { functionNamed, hasAny } from './lib/dataflow';
import { unscopedQueries } from './lib/dataflow-idor';
import { toolsOf } from './lib/llm';
import type { LlmToolFact } from '../server/src/model/collectors/llm-tools';

/** Parameter names that, in a function building tools, carry the caller (`buildTools(user)`, `makeTools(ctx)`). */
const CALLER_PARAM = /^(user|session|tenant|tenantId|org|orgId|ctx|context|auth|caller|account|principal|identity|currentUser|viewer|me|claims)$/i;

function executeOf(ctx: RuleContext, file: string, tool: LlmToolFact): FunctionFacts | undefined {
  if (tool.executeId) return ctx.model.functions[tool.executeId];
  if (tool.inlineCase && tool.enclosingId) return ctx.model.functions[tool.enclosingId];
  return tool.executeRef ? functionNamed(ctx.model, file, tool.executeRef) : undefined;
}

const names = (fn: FunctionFacts, from: number, to = Infinity) => fn.params.slice(from, to).flatMap((p) => (p.bindings?.length ? p.bindings : [p.name])).filter((n) => /^[\w$]+$/.test(n));

/** What the execute function sees: model-chosen arguments, and the caller's identity from context or closure. */
function taintOf(ctx: RuleContext, tool: LlmToolFact, exec: FunctionFacts): Map<string, Source[]> {
  const taint = new Map<string, Source[]>();
  for (let id = exec.parentId ?? tool.enclosingId; id; id = ctx.model.functions[id]?.parentId) {
    const outer = ctx.model.functions[id];
    if (!outer) break;
    for (const a of outer.assignments) if (hasAny(a.value.sources, ['identity'])) taint.set(a.name, ['identity']);
    for (const n of names(outer, 0)) if (CALLER_PARAM.test(n)) taint.set(n, ['identity']);
  }
  if (tool.inlineCase) {
    // Inline dispatch: the caller arrives as a parameter of the dispatching function; the arguments are locals.
    for (const n of names(exec, 0)) if (CALLER_PARAM.test(n.replace(/^_+/, ''))) taint.set(n, ['identity']);
    for (const n of tool.inlineCase.argNames) taint.set(n, ['toolArgs']);
    return taint;
  }
  for (const n of names(exec, tool.argParams)) taint.set(n, ['identity']);
  for (const n of names(exec, 0, tool.argParams)) taint.set(n, ['toolArgs']);
  return taint;
}

/** The route whose handler defines the tool (directly or in a nested callback), for the message. */
function routeOf(ctx: RuleContext, tool: LlmToolFact): Route | undefined {
  const chain = new Set<string>();
  for (let id = tool.enclosingId; id; id = ctx.model.functions[id]?.parentId) chain.add(id);
  return ctx.routes.find((r) => r.handlerId && chain.has(r.handlerId));
}

function check(ctx: RuleContext, file: string, tool: LlmToolFact): Finding | undefined {
  const exec = executeOf(ctx, file, tool);
  if (!exec) return undefined;
  const hits = unscopedQueries(ctx.model, exec, ['toolArgs'], { taint: taintOf(ctx, tool, exec), slice: (f, s) => ctx.slice(f, s), text: (f) => ctx.text(f), anyListKey: true });
  // An inline dispatch case owns only the queries written inside it.
  const inCase = (h: (typeof hits)[number]) => !tool.inlineCase || (h.query.call.span.start >= tool.inlineCase.start && h.query.call.span.end <= tool.inlineCase.end);
  const hit = hits.find(inCase);
  if (!hit) return undefined;
  const route = routeOf(ctx, tool);
  const verb = hit.query.op === 'read' ? 'reads' : hit.query.op === 'update' ? 'changes' : 'deletes';
  const model = hit.query.model ?? 'records';
  const via = hit.frame.fn.id !== exec.id ? ` (in ${hit.frame.fn.name ?? 'a helper'})` : '';
  return ctx.finding({
    file,
    span: tool.span,
    route: route?.key ?? null,
    message:
      `LLM tool '${tool.name}' ${verb} ${model} by ${hit.key}${via}, an argument the model chooses, without scoping by the signed-in user's tenant: ` +
      `one prompt injection ("use ${tool.name} on id 42") lets a customer ${hit.query.op === 'read' ? 'read' : hit.query.op === 'update' ? 'change' : 'delete'} another tenant's ${model}. ` +
      `Add the tenant/user from the session (closure or tool context) to the query.`,
    key: `tool ${tool.name} ${hit.query.call.callee}`,
    related: [{ message: 'the query', file: fileOf(hit.frame.fn.id), span: hit.query.call.span }],
  });
}

export const llmToolAuthz = defineRule({
  meta: {
    id: 'llm-tool-authz',
    check: 'ai-tools',
    title: 'LLM tool without caller authorization',
    description: "An LLM tool reads or changes customer data with model-supplied arguments and no scoping by the caller's tenant or user.",
    defaultSeverity: 'error',
    docs: 'rules/docs/llm-tool-authz.md',
    fixable: false,
  },
  detect(ctx) {
    const out: Finding[] = [];
    for (const facts of Object.values(ctx.model.files)) {
      for (const tool of toolsOf(facts)) {
        const f = check(ctx, facts.file, tool);
        if (f) out.push(f);
      }
    }
    return out;
  },
});

/**
 * validation-missing: request body/query used without server-side schema validation on the way: written to the
 * database (mass assignment of the whole body is the worst case), used as a query filter (operator injection with
 * `?status[$ne]=x`), or passed into an LLM prompt. Validation anywhere on the route (a `validation` protection:
 * zod/joi/yup/valibot/typebox/ajv, class-validator DTO + ValidationPipe, express-validator, fastify schema,
 * zValidator) or a parse in the handler (a `validated` value) or a 400 guard on the input counts.
 */
import { defineRule, type CallFact, type Finding, type FunctionFacts, type Route, type RuleContext, type Source } from './api';
import { effectiveSources, framesOf, hasAny, outermostCalls, type Frame } from './lib/dataflow';
import { fileOf } from './lib/calls';
import { dbWrite } from './lib/db';
import { taggedSqlQueries } from './lib/db-sql';
import { queryOf } from './lib/dataflow-idor';
import { isLlmCall } from './lib/llm';
import { atMost, relatedOf } from './lib/routes';
import { zodSchemaFix } from './fixes/zod-schema';

const INPUT: readonly Source[] = ['body', 'bodyWhole', 'query'];
/**
 * A value coerced to a primitive cannot smuggle query operators (`String(email)`, `Number(page)`); neither can a
 * field read with `.get('x')` from URLSearchParams/FormData/Headers (a form-encoded Slack command's
 * `params.get('team_id') ?? ''`), which is always a string (or null).
 */
const COERCED = /^(String|Number|parseInt|parseFloat|Boolean|BigInt)\(|^`[^`]*`$|^[\w$.]+\.get\((?<q>['"`])[\w.-]+\k<q>\)(\s*(\?\?|\|\|)\s*(?<d>['"`])[^'"`]*\k<d>)?$/;

interface Use {
  call: CallFact;
  frame: Frame;
  kind: 'mass' | 'write' | 'filter' | 'llm';
}

/** A hand-written check that rejects bad input (`if (typeof req.body.subject !== 'string') return res.status(400)`). */
function checkedByHand(frames: Frame[]): boolean {
  return frames.some((f) => f.fn.guards.some((g) => g.status === 400 || g.status === 422 ? hasAny(g.sources, INPUT) || /body|query/i.test(g.test) : false));
}

function usesOf(ctx: RuleContext, frame: Frame): Use[] {
  const facts = ctx.model.files[frame.file];
  const out: Use[] = [];
  for (const call of outermostCalls(frame.fn)) {
    const write = dbWrite(facts, call);
    const sources = write ? write.data.flatMap((d) => effectiveSources(frame, d)) : [];
    if (sources.includes('bodyWhole')) out.push({ call, frame, kind: 'mass' });
    else if (hasAny(sources, INPUT)) out.push({ call, frame, kind: 'write' });
    if (write && hasAny(sources, INPUT)) continue;
    const q = queryOf(ctx.model, frame, call, (file, span) => ctx.slice(file, span));
    // Object filters are judged by their keys (`{ email: String(email) }` is coerced), others as a whole.
    const parts = q ? [...q.keys.map((k) => k.value), ...q.filter.filter((v) => !v.text.startsWith('{'))] : [];
    if (parts.some((v) => !COERCED.test(v.text) && hasAny(effectiveSources(frame, v), ['body', 'query']))) out.push({ call, frame, kind: 'filter' });
    else if (isLlmCall(facts, call) && call.args.some((a) => hasAny(effectiveSources(frame, a), INPUT))) out.push({ call, frame, kind: 'llm' });
  }
  for (const q of taggedSqlQueries(frame.fn, ctx.text(frame.file))) {
    const written = q.dataKeys.flatMap((k) => effectiveSources(frame, k.value));
    if (hasAny(written, INPUT)) out.push({ call: q.call, frame, kind: 'write' });
    else if (q.filter.some((v) => hasAny(effectiveSources(frame, v), ['body', 'query']))) out.push({ call: q.call, frame, kind: 'filter' });
  }
  return out;
}

const RANK: Record<Use['kind'], number> = { mass: 0, write: 1, filter: 2, llm: 3 };

function message(route: Route, use: Use): string {
  const via = use.frame.depth > 0 ? ` (in ${use.frame.fn.name ?? 'a helper'})` : '';
  switch (use.kind) {
    case 'mass':
      return `${route.key} writes the whole request body to the database${via} without validation (mass assignment): a client can set any column, such as tenantId, role or plan.`;
    case 'write':
      return `${route.key} writes request input to the database${via} without schema validation: wrong types, oversized strings and unexpected values reach your data.`;
    case 'filter':
      return `${route.key} filters a database query by unvalidated request input${via}: objects like ?status[$ne]=x turn into query operators.`;
    default:
      return `${route.key} passes unvalidated request input to the LLM${via}: no length or shape limits on what reaches the model (cost and prompt-injection surface).`;
  }
}

/** A ValidationPipe anywhere: `app.useGlobalPipes(new ValidationPipe())`, `@UsePipes(ValidationPipe)`, `@Body(new ValidationPipe())`. */
const PIPES = new WeakMap<object, boolean>();
function hasValidationPipe(ctx: RuleContext): boolean {
  const known = PIPES.get(ctx.model);
  if (known !== undefined) return known;
  const found = Object.values(ctx.model.functions).some(
    (f) => f.calls.some((c) => /ValidationPipe/.test(c.args.map((a) => a.text).join(' '))) || f.decorators.some((d) => /ValidationPipe/.test(d.args.join(' '))),
  );
  PIPES.set(ctx.model, found);
  return found;
}

/**
 * Nest: every `@Body()`/`@Query()` parameter is typed with a DTO class that is imported as a value (not `import
 * type`, which is erased) and a ValidationPipe runs. Backs up the adapter when the DTO lives in another file.
 */
function nestDtoValidated(ctx: RuleContext, route: Route, handler: FunctionFacts): boolean {
  if (route.framework !== 'nestjs') return false;
  const inputs = handler.params.filter((p) => p.decorators?.some((d) => d.name === 'Body' || d.name === 'Query'));
  const facts = ctx.model.files[fileOf(handler.id)];
  const dto = (type?: string) => {
    if (!type || !/^[A-Z][\w$]*$/.test(type) || /^(Record|Object|Partial|Array)$/.test(type)) return false;
    const imp = facts?.imports.find((i) => i.names.some((n) => n.local === type));
    return imp ? !imp.typeOnly : !!facts?.bindings.some((b) => b.name === type && b.kind === 'class');
  };
  return inputs.length > 0 && inputs.every((p) => dto(p.type)) && hasValidationPipe(ctx);
}

function check(ctx: RuleContext, route: Route, handler: FunctionFacts): Finding | undefined {
  if (route.protections.some((p) => p.kind === 'validation') || nestDtoValidated(ctx, route, handler)) return undefined;
  const frames = framesOf(ctx.model, handler, 2);
  if (checkedByHand(frames)) return undefined;
  const uses = frames.flatMap((f) => usesOf(ctx, f)).sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  const worst = uses[0];
  if (!worst) return undefined;
  const here = worst.frame.depth === 0;
  const { fixes, note } = zodSchemaFix(ctx, route, handler);
  return ctx.finding({
    file: here ? worst.frame.file : route.file,
    span: here ? worst.call.span : route.span,
    route: route.key,
    severity: worst.kind === 'mass' ? ctx.severity === 'info' ? 'info' : 'error' : atMost(ctx.severity, 'warning'),
    message: note ? `${message(route, worst)} ${note}` : message(route, worst),
    key: `${worst.kind} ${route.key}`,
    related: [...(here ? [] : [{ message: 'the use', file: worst.frame.file, span: worst.call.span }]), ...(relatedOf(route) ?? [])],
    fixes,
  });
}

export const validationMissing = defineRule({
  meta: {
    id: 'validation-missing',
    check: 'validation',
    title: 'Request input used without validation',
    description: 'Request body, query or params are used without server-side schema validation.',
    defaultSeverity: 'warning',
    docs: 'rules/docs/validation-missing.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    for (const route of ctx.routes) {
      if (route.tags.includes('health')) continue;
      const handler = route.handlerId ? ctx.model.functions[route.handlerId] : undefined;
      const f = handler && check(ctx, route, handler);
      if (f) out.push(f);
    }
    return out;
  },
});

/**
 * error-leak: stack traces or raw messages of unexpected errors sent to clients. Looks at every response whose body
 * carries a caught error (catch variables, Express 4-argument handlers, Fastify/Hono error handlers, Nest exception
 * filters). A stack is always a leak; a message is a leak unless the response is a deliberate 4xx (a 4xx status, or
 * a branch that only client errors reach: `status < 500`, Koa's `err.expose`, `instanceof HttpError`). Also flags the
 * `errorhandler` middleware used without a development guard.
 */
import { defineRule, type FileFacts, type Finding, type FunctionFacts, type ResponseFact, type RuleContext } from './api';
import { genericErrorFix } from './fixes/generic-error';
import { eachFunction, importedModule } from './lib/calls';

/** The name of a function's error parameter when it is an error handler by shape or registration. */
function errorParam(fn: FunctionFacts, registeredAsErrorHandler: Set<string>): string | undefined {
  const first = fn.params[0]?.name;
  if (!first) return undefined;
  if (fn.params.length === 4 && /^(err|error|e|ex|exception)$/i.test(first)) return first;
  if (registeredAsErrorHandler.has(fn.id)) return first;
  if (/\.catch$/.test(fn.name ?? '') && fn.params.length === 2 && /host/i.test(fn.params[1].name)) return first;
  return undefined;
}

/** Functions passed to `setErrorHandler` (Fastify), `onError` (Hono) or `app.on('error')`-style registrations. */
function errorHandlerIds(facts: FileFacts): Set<string> {
  const ids = new Set<string>();
  for (const fn of facts.functions) {
    for (const call of fn.calls) {
      if (!/\.(setErrorHandler|onError)$/.test(call.callee)) continue;
      const arg = call.args[call.args.length - 1];
      const target = arg && facts.functions.find((f) => f.span.start === arg.span.start);
      if (target) ids.add(target.id);
    }
  }
  return ids;
}

type Leak = 'stack' | 'message';

/** Tests that hold only for errors raised on purpose for the client: 4xx status checks, Koa's `expose`, HTTP error classes. */
const CLIENT_ERROR_TEST = [
  /\b(status|statusCode)\s*<\s*500\b/,
  /\b(status|statusCode)\s*<=\s*4\d\d\b/,
  /\b(status|statusCode)\s*>=\s*400\b[^|]*\b(status|statusCode)\s*<\s*500\b/,
  /\.expose\b/,
  /\binstanceof\s+[\w.]*(HttpError|HttpException|ClientError|BadRequest\w*|ValidationError|ZodError|NotFound\w*|Unauthorized\w*|Forbidden\w*)\b/,
  /\bisHttpError\s*\(/,
];
/** The negated side of a server-error test (`else` of `status >= 500`) is the client-error side. */
const SERVER_ERROR_TEST = /\b(status|statusCode)\s*(>=\s*500|>\s*499)\b/;

function isClientErrorTest(test: string): boolean {
  const negated = /^!\((.*)\)$/s.exec(test);
  if (negated) return SERVER_ERROR_TEST.test(negated[1]) && !/\|\|/.test(negated[1]);
  // A negated or or-ed test (`!err.expose`, `expose || debug`) does not restrict the branch to client errors.
  if (/(^|[^!=])!\s*[\w.(]/.test(test) || /\|\|/.test(test)) return false;
  return CLIENT_ERROR_TEST.some((re) => re.test(test));
}

/** `err.expose ? err.message : 'Internal Server Error'`: the message is chosen only on the client-error side. */
function messageOnlyWhenClientError(text: string): boolean {
  const m = /([^?:{}(,]+)\?\s*[\w.()\s]*\bmessage\b\s*:/.exec(text);
  return m !== null && isClientErrorTest(m[1].trim());
}

function leakOf(response: ResponseFact, errName: string | undefined): Leak | undefined {
  const body = response.body;
  if (!body) return undefined;
  const fromError = body.sources.includes('error') || (errName !== undefined && body.names.includes(errName.toLowerCase()));
  if (!fromError) return undefined;
  if (body.names.includes('stack') || /\.stack\b/.test(body.text)) return 'stack';
  // A deliberate client error (400–499) may explain itself; an unknown or 5xx status must not show internals.
  if (response.status !== undefined && response.status < 500) return undefined;
  if (response.when?.some(isClientErrorTest) || messageOnlyWhenClientError(body.text)) return undefined;
  if (/\b(issues|errors|flatten|format)\b/.test(body.text)) return undefined;
  return 'message';
}

/** Auth verifiers whose errors are 401s written for clients (`Authorization token is invalid`), and response calls. */
const AUTH_VERIFIER = /(^|\.)jwtVerify$/;
const RESPONSE_CALL = /^(reply|res|response|ctx|c)\.(send|code|status|json|header|type)$/;

/**
 * `try { await request.jwtVerify() } catch (err) { reply.send(err) }` (the @fastify/jwt pattern): the only thing
 * that can throw is the verifier, whose errors are deliberate 401s, so forwarding them leaks nothing internal.
 */
function onlyVerifierErrors(fn: FunctionFacts): boolean {
  return fn.calls.some((c) => AUTH_VERIFIER.test(c.callee)) && fn.calls.every((c) => AUTH_VERIFIER.test(c.callee) || RESPONSE_CALL.test(c.callee));
}

/**
 * `claimed` holds the response sites already decided: an enclosing function's IR repeats its inline callbacks'
 * responses, and functions are visited innermost first, so the callback's own verdict (leak or exemption) wins and
 * each response is reported once.
 */
function responseFindings(ctx: RuleContext, facts: FileFacts, fn: FunctionFacts, handlers: Set<string>, claimed: Set<string>): Finding[] {
  const errName = errorParam(fn, handlers);
  const out: Finding[] = [];
  for (const response of fn.responses) {
    const leak = leakOf(response, errName);
    const site = `${facts.file}:${response.span.start}`;
    if (!leak || claimed.has(site)) continue;
    claimed.add(site);
    if (leak === 'message' && onlyVerifierErrors(fn)) continue;
    const fix = genericErrorFix(ctx, facts, response, errName);
    out.push(ctx.finding({
      severity: leak === 'stack' ? ctx.severity : ctx.severity === 'error' ? 'warning' : ctx.severity,
      message:
        leak === 'stack'
          ? 'A stack trace is sent to the client: it shows file paths, library versions and code structure to anyone who triggers an error. Send a generic message and a request id; log the details.'
          : 'The raw error message of an unexpected error is sent to the client: database, provider and internal details leak, and support still cannot find the request. Send a generic message and a request id; log the details.',
      file: facts.file,
      span: response.span,
      route: null,
      key: `${leak} ${fn.name ?? ''} ${response.body?.text ?? ''}`,
      fixes: fix ? [fix] : [],
    }));
  }
  return out;
}

/** `app.use(errorhandler())` sends stacks in HTML; it is meant for development only. */
function errorhandlerFindings(ctx: RuleContext, facts: FileFacts, fn: FunctionFacts): Finding[] {
  const out: Finding[] = [];
  for (const call of fn.calls) {
    if (importedModule(facts, call.root) !== 'errorhandler' || call.callee !== call.root) continue;
    const before = (ctx.text(facts.file) ?? '').slice(Math.max(0, call.span.start - 300), call.span.start);
    if (/NODE_ENV|isDev|development/.test(before)) continue;
    out.push(ctx.finding({
      message: 'The errorhandler middleware is used without a development-only guard: every error page shows the stack trace to clients.',
      file: facts.file,
      span: call.span,
      route: null,
      key: 'errorhandler',
    }));
  }
  return out;
}

export const errorLeak = defineRule({
  meta: {
    id: 'error-leak',
    check: 'errors',
    title: 'Error details sent to clients',
    description: 'Stack traces or internal error details are sent to clients.',
    defaultSeverity: 'warning',
    docs: 'rules/docs/error-leak.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    const handlersByFile = new Map<string, Set<string>>();
    const claimed = new Set<string>();
    const size = (fn: FunctionFacts) => fn.span.end - fn.span.start;
    const innermostFirst = [...eachFunction(ctx.model)].sort((a, b) => a[0].file.localeCompare(b[0].file) || size(a[1]) - size(b[1]));
    for (const [facts, fn] of innermostFirst) {
      if (facts.directive === 'use client') continue;
      if (!handlersByFile.has(facts.file)) handlersByFile.set(facts.file, errorHandlerIds(facts));
      out.push(...responseFindings(ctx, facts, fn, handlersByFile.get(facts.file)!, claimed), ...errorhandlerFindings(ctx, facts, fn));
    }
    return out;
  },
});

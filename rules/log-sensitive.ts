/**
 * log-sensitive: log calls (console, pino, winston, bunyan, Nest Logger, Fastify request.log, …) whose arguments
 * carry credentials (passwords, tokens, API keys, cookies, Authorization headers, secret env values), whole
 * request bodies or headers, or customer PII — followed from the request through local variables by the IR.
 * Loggers configured with `redact` paths covering the field are trusted. morgan formats logging auth headers too.
 */
import { defineRule, type CallFact, type FileFacts, type Finding, type RuleContext, type ValueFact } from './api';
import { pinoRedactFix } from './fixes/pino-redact';
import { eachFunction, importedModule } from './lib/calls';

const LOG_METHOD = /\.(log|info|warn|warning|error|debug|trace|fatal|verbose|silly|http|notice|critical)$/;
const LOGGER_ROOT = /^(console|logger|log|_?logger\w*|\w*Logger|app|fastify|server|request|req|ctx|this)$/;
/** Credentials, by the last name a value passed through (`req.body.password`, `headers.authorization`). */
const CREDENTIAL = /^(password|passwd|pwd|passcode|secret|clientsecret|client_secret|token|accesstoken|access_token|refreshtoken|refresh_token|idtoken|id_token|apikey|api_key|authorization|cookie|cookies|sessionid|session_id|privatekey|private_key|otp|pin|cvv|cvc|cardnumber|card_number|ssn)$/;
const PII = /^(email|emailaddress|email_address|phone|phonenumber|phone_number|mobile|address|street|postcode|zip|dob|dateofbirth|birthdate|iban|taxid|passport)$/;

type Kind = 'credential' | 'whole' | 'pii';

function isLogCall(facts: FileFacts, call: CallFact): boolean {
  if (!LOG_METHOD.test(call.callee) || !call.root) return false;
  const parts = call.callee.split('.');
  if (parts.length === 2 && LOGGER_ROOT.test(parts[0]) && !['app', 'server', 'request', 'req', 'ctx', 'this'].includes(parts[0])) return true;
  // `request.log.info`, `app.log.error`, `this.logger.warn`, `ctx.logger.info`, `fastify.log.info`.
  if (parts.length === 3 && /^(log|logger)$/i.test(parts[1])) return true;
  const module = importedModule(facts, call.root);
  return !!module && /^(pino|winston|bunyan|consola|log4js|loglevel|signale|@nestjs\/common)$/.test(module);
}

function kindOf(value: ValueFact): { kind: Kind; what: string } | undefined {
  if (value.literal && !value.sources.length) return undefined;
  const s = value.sources;
  if (s.includes('authHeader')) return { kind: 'credential', what: 'the Authorization header' };
  if (s.includes('cookie')) return { kind: 'credential', what: 'cookies' };
  if (s.includes('secretEnv')) return { kind: 'credential', what: 'a secret from the environment' };
  // Every name the value passed through counts: `const contact = req.body.email` still carries the email.
  const names = [...value.names, ...(value.props ?? []).map((p) => p.path.split('.').pop()!.toLowerCase())];
  const cred = names.find((n) => CREDENTIAL.test(n));
  if (cred && (s.length || value.props)) return { kind: 'credential', what: `"${cred}"` };
  if (s.includes('bodyWhole') || (value.text.match(/^(req|request|ctx\.request)\.body$/) && s.includes('body'))) return { kind: 'whole', what: 'the whole request body' };
  if (s.includes('headersWhole')) return { kind: 'whole', what: 'all request headers' };
  const pii = names.find((n) => PII.test(n));
  if (pii && s.some((x) => x === 'body' || x === 'query' || x === 'params' || x === 'identity' || x === 'dbRecord' || x === 'validated')) return { kind: 'pii', what: `"${pii}"` };
  return undefined;
}

/** Redact paths configured on pino loggers in the project (`pino({ redact: ['req.headers.authorization'] })`). */
function redactedNames(ctx: RuleContext): string {
  const out: string[] = [];
  for (const [facts, fn] of eachFunction(ctx.model)) {
    for (const call of fn.calls) {
      if (!/^(pino|winston\.createLogger|createLogger)$/.test(call.callee) && importedModule(facts, call.root) !== 'pino') continue;
      const redact = call.args[0]?.props?.find((p) => p.path === 'redact' || p.path === 'redact.paths');
      if (redact) out.push(redact.value.text.toLowerCase());
    }
  }
  return out.join(' ');
}

const MESSAGE: Record<Kind, string> = {
  credential: 'is written to the logs: anyone with log access (staff, vendors, a leaked log export) can use it.',
  whole: 'is written to the logs: it carries passwords, tokens and customer messages along with everything else.',
  pii: 'is written to the logs: customer PII in logs widens every breach and every data-access request.',
};

export const logSensitive = defineRule({
  meta: {
    id: 'log-sensitive',
    check: 'logging',
    title: 'Sensitive data in logs',
    description: 'Secrets, tokens, passwords, auth headers, whole request bodies or PII are written to logs.',
    defaultSeverity: 'warning',
    docs: 'rules/docs/log-sensitive.md',
    fixable: true,
  },
  detect(ctx) {
    const out: Finding[] = [];
    const redacted = redactedNames(ctx);
    for (const [facts, fn] of eachFunction(ctx.model)) {
      if (facts.directive === 'use client') continue;
      for (const call of fn.calls) {
        // String literals are shortened in the IR, so the format is read from the source text.
        const morganFormat = importedModule(facts, call.root) === 'morgan' ? call.args.map((a) => ctx.slice(facts.file, a.span)).join(' ') : '';
        if (/req\[(authorization|cookie|x-api-key)\]|:body/i.test(morganFormat)) {
          out.push(ctx.finding({ message: 'This morgan format writes Authorization/cookie headers or bodies to every access log line.', file: facts.file, span: call.span, route: null, key: `morgan ${morganFormat}` }));
          continue;
        }
        if (!isLogCall(facts, call)) continue;
        for (const arg of call.args) {
          const hit = kindOf(arg);
          if (!hit || (hit.kind !== 'whole' && redacted.includes(hit.what.replace(/"/g, '')))) continue;
          const fix = pinoRedactFix(ctx, facts, call, hit.kind);
          out.push(ctx.finding({
            severity: hit.kind === 'pii' && ctx.severity === 'error' ? 'warning' : ctx.severity,
            message: `${hit.what[0] === '"' ? `The field ${hit.what}` : hit.what[0].toUpperCase() + hit.what.slice(1)} ${MESSAGE[hit.kind]}`,
            file: facts.file,
            span: call.span,
            route: null,
            key: `${call.callee} ${hit.kind} ${hit.what} ${fn.name ?? ''}`,
            fixes: fix ? [fix] : [],
          }));
          break;
        }
      }
    }
    return out;
  },
});

/**
 * secret-hardcoded: a credential, API key, private key or signing secret written in source or config. Secrets in
 * `.env` files belong to env-file-committed, those in client code and bundles to secret-client-exposed. Test code
 * is reported only for high-confidence provider keys, one level lower.
 */
import { z } from 'zod';
import { defineRule, type Finding, type RuleContext, type SecretFact } from './api';
import { addToEnvExample, atLeast, ENV_NAME_BY_KIND, isBrowserKey, isClientFile, isEnvExampleFile, isExposableLiteral, isFormatKind, isTestPath, previewForMessage, toEnvName, usesAppRouter } from './lib/secrets';

const options = z.object({
  /** Lowest confidence reported: `low` adds Stripe test keys, local database URLs and weaker entropy hits. */
  minConfidence: z.enum(['high', 'medium', 'low']).default('medium'),
});
type Options = z.infer<typeof options>;

const CONFIG_KINDS = new Set(['config', 'package-json', 'vercel-json', 'other']);

export const secretHardcoded = defineRule<Options>({
  meta: {
    id: 'secret-hardcoded',
    check: 'secrets',
    title: 'Hard-coded secret',
    description: 'A credential, API key, private key or signing secret is written in source or config.',
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-hardcoded.md',
    fixable: true,
    options,
  },
  detect(ctx) {
    const min = ctx.options.minConfidence ?? 'medium';
    const out: Finding[] = [];
    const appRouter = usesAppRouter(ctx.model);
    for (const facts of Object.values(ctx.model.files)) {
      if (isClientFile(facts, appRouter)) {
        // Exposed literals are secret-client-exposed's and browser keys are public by design; other weaker hits are
        // still hard-coded secrets, but `process.env` does not reach client code, so they get no fix.
        for (const s of facts.secrets) {
          if (!isExposableLiteral(s) && !isBrowserKey(s) && atLeast(s, min)) out.push(report(ctx, facts.file, s, false));
        }
        continue;
      }
      const test = isTestPath(facts.file);
      for (const s of facts.secrets) {
        // Tests sign tokens with 'test-secret' all the time; only real provider key formats matter there.
        if (test ? s.confidence !== 'high' || !isFormatKind(s.kind) : !atLeast(s, min)) continue;
        out.push(report(ctx, facts.file, s, true, test));
      }
    }
    for (const t of Object.values(ctx.model.textFiles)) {
      if (isTestPath(t.file)) continue;
      // Env templates are committed on purpose, so a real value in one is as public as one in code.
      const template = t.kind === 'env' && isEnvExampleFile(t.file);
      if (!CONFIG_KINDS.has(t.kind) && !template) continue;
      for (const s of t.secrets) {
        if (!atLeast(s, min)) continue;
        const finding = report(ctx, t.file, s, false);
        out.push(template ? { ...finding, fixes: [blankValueFix(t.file, s)] } : finding);
      }
    }
    return out;
  },
});

function report(ctx: RuleContext<Options>, file: string, s: SecretFact, fixable: boolean, inTest = false): Finding {
  const where = s.assignedTo ? `assigned to ${s.assignedTo}` : `in ${ctx.model.files[file] ? 'source' : 'config'}`;
  const message =
    `${s.title} ${where} (${previewForMessage(s.preview)})${inTest ? ' in test code' : ''}: anyone with the repository can use it. ` +
    'Move it to the environment or a secret manager, and rotate it.';
  const fix = fixable ? moveToEnvFix(ctx, file, s) : undefined;
  return ctx.finding({
    message,
    file,
    span: s.span,
    route: null,
    key: `${s.kind}:${s.assignedTo ?? ''}:${s.preview}`,
    severity: inTest && ctx.severity === 'error' ? 'warning' : undefined,
    fixes: fix ? [fix] : [],
  });
}

/** In an env template, keep the name and drop the value: the template documents, the environment holds. */
function blankValueFix(file: string, s: SecretFact) {
  return {
    title: `Remove the value of ${s.assignedTo ?? 'this variable'} from ${file}`,
    edits: [{ file, start: s.span.start, end: s.span.end, newText: '' }],
    safe: true,
    note: 'Rotate the key: the template is committed, so the value is in the repository history.',
  };
}

/** The env name a fix reads the secret from: the variable's own upper-snake name, else the provider's usual one. */
export function envNameFor(s: SecretFact): string {
  if (s.assignedTo && /^[A-Z][A-Z0-9_]+$/.test(s.assignedTo)) return s.assignedTo;
  const byKind = ENV_NAME_BY_KIND[s.kind];
  if (byKind) return byKind;
  const derived = s.assignedTo ? toEnvName(s.assignedTo) : '';
  return /^[A-Z][A-Z0-9_]+$/.test(derived) ? derived : 'APP_SECRET';
}

/**
 * Replace the string literal with `process.env.NAME ?? ''` (or, after an env read, turn a `|| 'literal'` fallback
 * into `|| ''`) and add `NAME=` to the env template. The `?? ''` keeps the expression a `string`, so typed callers
 * still type-check; parentheses are added where an operator could bind differently. Only for a whole, plain string
 * literal: anything else could break code.
 */
function moveToEnvFix(ctx: RuleContext<Options>, file: string, s: SecretFact) {
  const text = ctx.text(file);
  if (!text) return undefined;
  const quote = text[s.span.start - 1];
  if (!['"', "'", '`'].includes(quote) || text[s.span.end] !== quote) return undefined;
  const literal = text.slice(s.span.start - 1, s.span.end + 1);
  if (quote === '`' && literal.includes('${')) return undefined;
  const start = s.span.start - 1;
  const end = s.span.end + 1;
  const before = text.slice(Math.max(0, start - 200), start);
  const fallback = /process\.env\.([A-Za-z_]\w*)\s*(?:\|\||\?\?)\s*$/.exec(before);
  const envName = fallback ? fallback[1] : envNameFor(s);
  const read = `process.env.${envName} ?? ''`;
  const standalone = /(^|[(,:[{;]|[^=!<>]=|=>|\breturn)\s*$/.test(before) && /^\s*([),;\]}]|$)/m.test(text.slice(end, end + 40));
  const edit = { file, start, end, newText: fallback ? "''" : standalone ? read : `(${read})` };
  const example = addToEnvExample(ctx as RuleContext<unknown>, file, envName);
  return {
    title: fallback ? `Remove the hard-coded fallback for ${envName}` : `Read ${envName} from the environment`,
    edits: [edit, ...example.edits],
    createFiles: example.createFiles,
    safe: false,
    note: `Set ${envName} in your deployment's secret settings and rotate the exposed value: it is in the repository.`,
  };
}

/**
 * secret-client-exposed: a secret reaches the browser. Four ways: a secret-looking name behind a bundler's public
 * prefix (NEXT_PUBLIC_, VITE_, …) read in code or defined in an env file; a server secret read in client code; a
 * secret literal in client code; a secret in a built bundle.
 */
import { defineRule, type FileFacts, type Finding, type RuleContext } from './api';
import {
  clientEnvPrefix,
  inServerDataFunction,
  isBrowserBundle,
  isClientFile,
  isExposableLiteral,
  isSecretName,
  isTestPath,
  nameSpan,
  previewForMessage,
  usesAppRouter,
} from './lib/secrets';

export const secretClientExposed = defineRule({
  meta: {
    id: 'secret-client-exposed',
    check: 'secrets',
    title: 'Secret exposed to the browser',
    description: 'A secret reaches the browser through a public env prefix, client code or a built bundle.',
    defaultSeverity: 'error',
    docs: 'rules/docs/secret-client-exposed.md',
    fixable: false,
  },
  detect(ctx) {
    const out: Finding[] = [];
    const appRouter = usesAppRouter(ctx.model);
    for (const facts of Object.values(ctx.model.files)) {
      if (isTestPath(facts.file)) continue;
      out.push(...publicEnvReads(ctx, facts));
      if (isClientFile(facts, appRouter)) out.push(...clientCode(ctx, facts));
    }
    // A public secret name read in code is reported where it is read; env files only for names no code reads.
    const readInCode = new Set(Object.values(ctx.model.files).flatMap((f) => (isTestPath(f.file) ? [] : f.env.map((e) => e.name))));
    for (const t of Object.values(ctx.model.textFiles)) {
      if (t.kind === 'env') {
        for (const name of t.names ?? []) {
          const prefix = clientEnvPrefix(name, ctx.model.dependencies);
          if (!prefix || readInCode.has(name) || !isSecretName(name.slice(prefix.length))) continue;
          out.push(ctx.finding({ message: publicNameMessage(name, prefix, 'is defined here'), file: t.file, span: nameSpan(ctx.text(t.file), name), route: null, key: `public-env:${name}` }));
        }
      }
      if (t.kind === 'bundle' && isBrowserBundle(t.file, ctx.model.dependencies)) {
        for (const s of t.secrets) {
          if (!isExposableLiteral(s)) continue;
          const message = `${s.title} (${previewForMessage(s.preview)}) is in built browser code: every visitor can read it. Rotate it and keep it server-side.`;
          out.push(ctx.finding({ message, file: t.file, span: s.span, route: null, key: `bundle:${s.kind}:${s.preview}` }));
        }
      }
    }
    return out;
  },
});

function publicNameMessage(name: string, prefix: string, where: string): string {
  const serviceRole = /SERVICE_ROLE/i.test(name) ? ' A Supabase service-role key bypasses row-level security.' : '';
  return `${name} ${where}: the ${prefix} prefix makes the bundler inline its value into browser code, so every visitor can read it.${serviceRole} Use a server-only name and call the provider from the server.`;
}

/** Secret-looking public env names, reported once per name and file. */
function publicEnvReads(ctx: RuleContext, facts: FileFacts): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const read of facts.env) {
    const prefix = clientEnvPrefix(read.name, ctx.model.dependencies);
    if (!prefix || seen.has(read.name) || !isSecretName(read.name.slice(prefix.length))) continue;
    seen.add(read.name);
    out.push(ctx.finding({ message: publicNameMessage(read.name, prefix, 'is read here'), file: facts.file, span: read.span, route: null, key: `public-env:${read.name}` }));
  }
  return out;
}

/** Server secrets read in client code, and secret literals written in it. */
function clientCode(ctx: RuleContext, facts: FileFacts): Finding[] {
  const out: Finding[] = [];
  const why = facts.directive === 'use client' ? "a 'use client' file" : 'client-side code';
  for (const read of facts.env) {
    if (clientEnvPrefix(read.name, ctx.model.dependencies) || !isSecretName(read.name) || inServerDataFunction(facts, read.span.start)) continue;
    const serviceRole = /SERVICE_ROLE/i.test(read.name) ? ' (a Supabase service-role key bypasses row-level security)' : '';
    const message = `Server secret ${read.name}${serviceRole} is read in ${why}: it is undefined in the browser, or inlined into the bundle by custom bundler config. Move this call to a server route or action.`;
    out.push(ctx.finding({ message, file: facts.file, span: read.span, route: null, key: `client-env:${read.name}` }));
  }
  for (const s of facts.secrets) {
    if (!isExposableLiteral(s) || inServerDataFunction(facts, s.span.start)) continue;
    const to = s.assignedTo ? ` assigned to ${s.assignedTo}` : '';
    const message = `${s.title}${to} (${previewForMessage(s.preview)}) is written in ${why}: it ships to every visitor's browser. Rotate it and call the provider from the server.`;
    out.push(ctx.finding({ message, file: facts.file, span: s.span, route: null, key: `client-literal:${s.kind}:${s.assignedTo ?? ''}:${s.preview}` }));
  }
  return out;
}

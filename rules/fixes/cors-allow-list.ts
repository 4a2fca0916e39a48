/**
 * Fix for cors-permissive: replace the reflecting or wildcard `origin` with an allow-list read from the
 * CORS_ORIGINS environment variable (comma-separated), and document the variable in .env.example.
 */
import type { CallFact, Fix, RuleContext, TextEdit, ValueFact } from '../api';
import { prop } from '../lib/calls';
import { addProperty } from '../lib/objects';
import { addToEnvExample } from '../lib/secrets';

/** Koa's cors wants a string or a function of ctx; the others take an array of origins. */
function allowList(module: string): string {
  if (module === '@koa/cors' || module === 'kcors') {
    return "(ctx) => { const o = ctx.get('Origin'); return (process.env.CORS_ORIGINS ?? '').split(',').includes(o) ? o : ''; }";
  }
  return "(process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean)";
}

export function corsOriginFix(
  ctx: RuleContext<unknown>,
  file: string,
  call: CallFact,
  options: ValueFact | undefined,
  module: string,
): Fix | undefined {
  const text = ctx.text(file);
  if (!text) return undefined;
  const value = allowList(module);
  const origin = prop(options, 'origin');
  let edit: TextEdit | undefined;
  if (origin) edit = { file, start: origin.span.start, end: origin.span.end, newText: value };
  else if (options?.props && text[options.span.start] === '{') edit = addProperty(file, text, options.span, `origin: ${value}`);
  else if (!options && call.callee === call.root && text.slice(call.span.start, call.span.end).endsWith('()')) {
    edit = { file, start: call.span.end - 1, end: call.span.end - 1, newText: `{ origin: ${value} }` };
  }
  if (!edit) return undefined;
  const env = addToEnvExample(ctx, file, 'CORS_ORIGINS');
  return {
    title: 'Allow only the origins listed in CORS_ORIGINS',
    edits: [edit, ...env.edits],
    createFiles: env.createFiles,
    safe: false,
    note: 'Set CORS_ORIGINS to the comma-separated origins that embed your app (e.g. https://app.example.com).',
  };
}

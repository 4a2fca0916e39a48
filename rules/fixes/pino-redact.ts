/**
 * Fix for log-sensitive when the logger is pino: add a `redact` option to the `pino(...)` call that creates it (in
 * whichever file that is), so credentials and PII are censored in every log line, not just this one.
 */
import type { CallFact, FileFacts, Fix, RuleContext } from '../api';
import { resolveSpec } from '../lib/edits';
import { addProperty } from '../lib/objects';

const PATHS = [
  'password', '*.password', 'token', '*.token', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken',
  'apiKey', '*.apiKey', 'email', '*.email', 'phone', '*.phone',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
];

/** The file that creates the logger named by the call's root, and the `pino(...)` call there. */
function pinoCreation(ctx: RuleContext<unknown>, facts: FileFacts, root: string): { file: string; call: CallFact } | undefined {
  let file = facts.file;
  let name = root;
  if (!facts.bindings.some((b) => b.name === root)) {
    const imp = facts.imports.find((i) => i.names.some((n) => n.local === root));
    const target = imp && resolveSpec(ctx.model, facts.file, imp.spec);
    if (!imp || !target) return undefined;
    file = target;
    const imported = imp.names.find((n) => n.local === root)!.imported;
    name = ctx.model.files[target]?.exports.find((e) => e.exported === imported)?.local ?? imported;
  }
  const target = ctx.model.files[file];
  const binding = target?.bindings.find((b) => b.name === name);
  if (!binding || binding.init?.kind !== 'call' || binding.init.callee.text !== 'pino') return undefined;
  const call = target!.functions.find((f) => f.id === `${file}#module`)?.calls.find((c) => c.callee === 'pino' && c.span.start === binding.init!.span.start);
  return call ? { file, call } : undefined;
}

export function pinoRedactFix(ctx: RuleContext<unknown>, facts: FileFacts, logCall: CallFact, kind: 'credential' | 'whole' | 'pii'): Fix | undefined {
  if (kind === 'whole' || !logCall.root) return undefined;
  const creation = pinoCreation(ctx, facts, logCall.root);
  if (!creation) return undefined;
  const text = ctx.text(creation.file);
  if (!text) return undefined;
  const option = `redact: { paths: ${JSON.stringify(PATHS).replace(/"/g, "'").replace(/,/g, ', ')}, censor: '[redacted]' }`;
  const { call } = creation;
  const first = call.args[0];
  let edit;
  if (!first && text.slice(call.span.start, call.span.end).endsWith(')')) {
    edit = { file: creation.file, start: call.span.end - 1, end: call.span.end - 1, newText: `{ ${option} }` };
  } else if (first?.props && text[first.span.start] === '{' && !first.props.some((p) => p.path === 'redact')) {
    edit = addProperty(creation.file, text, first.span, option);
  }
  if (!edit) return undefined;
  return { title: 'Redact credentials and PII in the pino logger', edits: [edit], safe: true };
}

/**
 * Fix for error-leak: send a generic message instead of the error's stack or message, and — when the response is
 * its own statement — log the error server-side first (with the file's logger if it imports one).
 */
import type { FileFacts, Fix, ResponseFact, RuleContext, TextEdit } from '../api';
import { indentAt } from '../lib/edits';

const GENERIC = "{ error: 'Something went wrong on our side. Please try again or contact support.' }";

function loggerName(facts: FileFacts): string {
  const local = facts.imports.flatMap((i) => i.names.map((n) => n.local)).find((n) => /^(logger|log)$/.test(n));
  return local ?? facts.bindings.find((b) => /^(logger|log)$/.test(b.name))?.name ?? 'console';
}

export function genericErrorFix(ctx: RuleContext<unknown>, facts: FileFacts, response: ResponseFact, errName: string | undefined): Fix | undefined {
  const text = ctx.text(facts.file);
  const body = response.body;
  if (!text || !body) return undefined;
  const original = text.slice(body.span.start, body.span.end);
  // Only rewrite expressions, not declarations spanning statements; an object/identifier/member is safe to replace.
  if (!/^[\w$.{(`'"[]/.test(original)) return undefined;
  const edits: TextEdit[] = [{ file: facts.file, start: body.span.start, end: body.span.end, newText: GENERIC }];
  // The caught variable as written in the body: `err.message`, `(e as Error).stack`, or the bare `err`.
  const errVar = errName ?? /([A-Za-z_$][\w$]*)(?:\s+as\s+\w+\))?\s*\.(?:message|stack)\b/.exec(original)?.[1] ?? /^([A-Za-z_$][\w$]*)$/.exec(original)?.[1];
  const lineStart = text.lastIndexOf('\n', response.span.start - 1) + 1;
  const lead = text.slice(lineStart, response.span.start);
  const statementStart = /^\s*(return\s+)?$/.test(lead);
  if (errVar && statementStart && !text.slice(lineStart - 200 < 0 ? 0 : lineStart - 200, lineStart).includes(`.error(${errVar})`)) {
    const indent = indentAt(text, lineStart);
    edits.unshift({ file: facts.file, start: lineStart, end: lineStart, newText: `${indent}${loggerName(facts)}.error(${errVar});\n` });
  }
  return {
    title: 'Send a generic error message and log the details',
    edits,
    safe: true,
    note: 'Add a request id to the message (e.g. from pino-http or a x-request-id header) so support can find the log line.',
  };
}

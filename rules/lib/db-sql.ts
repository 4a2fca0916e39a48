/**
 * Tagged-template SQL (`sql\`select * from tickets where id = ${id}\``, postgres.js, @vercel/postgres, Neon,
 * Slonik): the IR records no call for a tagged template, so these queries are read from the function's source
 * text. Each `${…}` becomes a filter value whose sources come from the locals, parameters and request shapes it
 * mentions, so the IDOR and validation checks treat it like any other query.
 */
import type { CallFact, FunctionFacts, Source, Span, ValueFact } from '../api';
import type { DbOp, DbQuery } from './db';

const TAG = /\b(sql|db\.sql|pg\.sql|query|neon|postgres)\s*`/g;

/** Request shapes written inline (`c.req.param('id')`, `req.params.id`, `ctx.query.x`). */
const SHAPES: [RegExp, Source][] = [
  [/\b(req|request|ctx)\.params\b|\bc\.req\.param\(|\bparams\./, 'params'],
  [/\b(req|request|ctx)\.query\b|\bc\.req\.query\(|searchParams\.get\(/, 'query'],
  [/\b(req|request|ctx\.request)\.body\b/, 'body'],
  [/\b(req|request)\.user\b|\bctx\.state\.user\b|\bsession\.user\b/, 'identity'],
];

function spanAt(text: string, start: number, end: number): Span {
  const before = text.slice(0, start);
  const line = before.split('\n').length;
  const column = start - before.lastIndexOf('\n');
  const inner = text.slice(start, end);
  const endLine = line + inner.split('\n').length - 1;
  const endColumn = inner.includes('\n') ? end - text.lastIndexOf('\n', end - 1) : column + inner.length;
  return { start, end, line, column, endLine, endColumn };
}

/** The end of a template literal starting at `open` (the backtick), skipping `${…}` nesting. */
function templateEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (depth === 0 && ch === '`') return i + 1;
    else if (ch === '$' && text[i + 1] === '{') (depth++, i++);
    else if (ch === '}' && depth > 0) depth--;
  }
  return -1;
}

function interpolations(template: string): { expr: string; offset: number }[] {
  const out: { expr: string; offset: number }[] = [];
  for (const m of template.matchAll(/\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)) out.push({ expr: m[1].trim(), offset: m.index! + 2 });
  return out;
}

function sourcesOf(fn: FunctionFacts, expr: string): Source[] {
  const out = new Set<Source>();
  for (const [re, s] of SHAPES) if (re.test(expr)) out.add(s);
  for (const a of fn.assignments) if (new RegExp(`(?<![\\w$.])${a.name.replace(/\$/g, '\\$')}(?![\\w$])`).test(expr)) a.value.sources.forEach((s) => out.add(s));
  return [...out];
}

/** Tagged-template queries with a WHERE clause in `fn`, given the file's text. */
export function taggedSqlQueries(fn: FunctionFacts, fileText: string | undefined): DbQuery[] {
  const body = fn.bodySpan ?? fn.span;
  if (!fileText) return [];
  const text = fileText.slice(body.start, body.end);
  const out: DbQuery[] = [];
  for (const m of text.matchAll(TAG)) {
    const open = m.index! + m[0].length - 1;
    const close = templateEnd(text, open);
    if (close < 0) continue;
    const template = text.slice(open, close);
    const statement = template.replace(/\$\{[^}]*\}/g, '?');
    if (!/\bwhere\b/i.test(statement)) continue;
    const verb = statement.replace(/^[`\s(]+/, '');
    const op: DbOp = /^delete\b/i.test(verb) ? 'delete' : /^update\b/i.test(verb) ? 'update' : /^insert\b/i.test(verb) ? 'create' : 'read';
    const whereAt = statement.search(/\bwhere\b/i);
    const start = body.start + m.index!;
    const span = spanAt(fileText, start, body.start + close);
    // Only the values after WHERE select the record (`set assignee = ${email}` is data).
    const values = interpolations(template).map((i) => ({
      afterWhere: template.slice(0, i.offset - 2).replace(/\$\{[^}]*\}/g, '?').length >= whereAt,
      value: { text: i.expr, span: spanAt(fileText, body.start + open + i.offset, body.start + open + i.offset + i.expr.length), sources: sourcesOf(fn, i.expr), names: [] } as ValueFact,
    }));
    const filter = values.filter((v) => v.afterWhere).map((v) => v.value);
    const dataKeys = values.filter((v) => !v.afterWhere).map((v) => ({ path: v.value.text, value: v.value }));
    const call: CallFact = { callee: m[1], root: m[1].split('.')[0], span, args: filter, chainSources: [], chainNames: [], awaited: true };
    const model = /\b(?:from|update|into)\s+["`]?(\w+)/i.exec(statement)?.[1];
    out.push({ call, op, model, filter, chained: false, keys: [], dataKeys });
  }
  return out;
}

/** Every tagged-template statement in `fn` (any verb, WHERE or not) with its `${…}` expressions, for text checks. */
export function taggedSqlStatements(fn: FunctionFacts, fileText: string | undefined): { statement: string; values: string[] }[] {
  const body = fn.bodySpan ?? fn.span;
  if (!fileText) return [];
  const text = fileText.slice(body.start, body.end);
  const out: { statement: string; values: string[] }[] = [];
  for (const m of text.matchAll(TAG)) {
    const open = m.index! + m[0].length - 1;
    const close = templateEnd(text, open);
    if (close < 0) continue;
    const template = text.slice(open, close);
    out.push({ statement: template.replace(/\$\{[^}]*\}/g, '?'), values: interpolations(template).map((i) => i.expr) });
  }
  return out;
}

/**
 * Fix for validation-missing: a zod schema scaffold derived from the body properties the handler reads, parsed at
 * the top of the handler, with every use of the raw body switched to the parsed value (Express, Fastify, Koa), or
 * where `await request.json()` / `await c.req.json()` is read (Next.js, Hono). Offered only when zod is a dependency
 * or already imported.
 */
import type { Fix, FunctionFacts, Route, RuleContext, TextEdit } from '../api';
import { ensureImport, indentAt, indentUnit } from '../lib/edits';
import { finish } from './common';

const BODY = /\b(ctx\.request\.body|req\.body|request\.body)(?![\w$])/;

function zodType(name: string): string {
  if (/email/i.test(name)) return 'z.string().email()';
  if (/^(is|has)[A-Z]|^(enabled|active|archived|public)$/.test(name)) return 'z.boolean()';
  if (/(count|amount|quantity|qty|limit|page|price|age|total|size|seats)$/i.test(name)) return 'z.number()';
  if (/(^id|Id|_id)$/.test(name)) return 'z.string().min(1)';
  return 'z.string().max(10_000)';
}

/** Properties read from the body: `req.body.subject` and `const { subject, priority } = req.body`. */
function propsRead(body: string, expr: string): string[] {
  const esc = expr.replace(/\./g, '\\.');
  const names = new Set<string>();
  for (const m of body.matchAll(new RegExp(`${esc}\\.([A-Za-z_$][\\w$]*)`, 'g'))) names.add(m[1]);
  for (const m of body.matchAll(new RegExp(`\\{([^{}]*)\\}\\s*=\\s*${esc}(?![\\w$.])`, 'g'))) {
    for (const part of m[1].split(',')) {
      const key = /^\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1];
      if (key) names.add(key);
    }
  }
  return [...names];
}

/** The statement that rejects bad input the framework's way (400 with zod's issues). */
function rejectLine(route: Route, handler: FunctionFacts): string | undefined {
  const second = handler.params[1]?.name;
  if ((route.framework === 'express' || route.framework === 'fastify') && second && /^[\w$]+$/.test(second)) {
    const send = route.framework === 'express' ? `${second}.status(400).json` : `${second}.code(400).send`;
    return `if (!parsed.success) return ${send}({ error: 'invalid body', issues: parsed.error.issues });`;
  }
  if (route.framework === 'koa') return `if (!parsed.success) ctx.throw(400, 'invalid body');`;
  return undefined;
}

/** `const { a, b } = await request.json();` (Next.js) / `await c.req.json()` (Hono): the statement that reads the body. */
const JSON_READ = /(const|let)\s+(\{[^{}]*\}|[A-Za-z_$][\w$]*)\s*=\s*(await\s+(?:request|req|c\.req)\.json\(\))\s*;?/;

function jsonRejectLine(route: Route): string | undefined {
  if (route.framework === 'nextjs') return `if (!parsed.success) return Response.json({ error: 'invalid body', issues: parsed.error.issues }, { status: 400 });`;
  if (route.framework === 'hono') return `if (!parsed.success) return c.json({ error: 'invalid body', issues: parsed.error.issues }, 400);`;
  return undefined;
}

/** Next.js / Hono: validate where the JSON body is read, keeping the handler's own variable names. */
function jsonBodyFix(file: string, text: string, body: string, bodyStart: number, route: Route): { edits: TextEdit[]; props: string[] } | undefined {
  const m = JSON_READ.exec(body);
  const reject = jsonRejectLine(route);
  if (!m || !reject || /\b(Body|parsed)\b/.test(body)) return undefined;
  const lhs = m[2];
  const props = lhs.startsWith('{') ? propsRead(`{${lhs.slice(1, -1)}} = X`, 'X') : propsRead(body, lhs);
  if (!props.length) return undefined;
  const at = bodyStart + m.index!;
  const indent = indentAt(text, at);
  const shape = props.map((p) => `${p}: ${zodType(p)}`).join(', ');
  const lines = [`const Body = z.object({ ${shape} });`, `const parsed = Body.safeParse(${m[3]});`, reject, `${m[1]} ${lhs} = parsed.data;`];
  return { edits: [{ file, start: at, end: at + m[0].length, newText: lines.join(`\n${indent}`) }], props };
}

export function zodSchemaFix(ctx: Pick<RuleContext, 'model' | 'text' | 'slice'>, route: Route, handler: FunctionFacts): { fixes: Fix[]; note?: string } {
  const file = handler.id.slice(0, handler.id.lastIndexOf('#'));
  const text = ctx.text(file);
  const bodySpan = handler.bodySpan;
  if (!text || !bodySpan || text[bodySpan.start] !== '{') return { fixes: [] };
  const hasZod = !!ctx.model.dependencies.zod || !!ctx.model.files[file]?.imports.some((i) => i.spec === 'zod');
  if (!hasZod) return { fixes: [], note: 'Validate it with a schema (zod is not a dependency: npm i zod, then the quick fix can scaffold one).' };
  const body = text.slice(bodySpan.start, bodySpan.end);
  const json = jsonBodyFix(file, text, body, bodySpan.start, route);
  if (json) {
    const imp = ensureImport(ctx.model, file, text, { module: 'zod', imported: 'z', local: 'z' });
    if (imp === 'conflict') return { fixes: [] };
    return { fixes: [finish(ctx, { title: `Validate the body with a zod schema (${json.props.join(', ')})`, edits: [...imp, ...json.edits], safe: false })] };
  }
  const expr = BODY.exec(body)?.[1];
  const reject = rejectLine(route, handler);
  const props = expr ? propsRead(body, expr) : [];
  if (!expr || !reject || !props.length || /\b(Body|parsed|input)\b/.test(body)) return { fixes: [] };
  const imp = ensureImport(ctx.model, file, text, { module: 'zod', imported: 'z', local: 'z' });
  if (imp === 'conflict') return { fixes: [] };
  const nl = body.indexOf('\n');
  const indent = nl === -1 ? indentAt(text, bodySpan.start) + indentUnit(text) : indentAt(text, bodySpan.start + nl + 1);
  const shape = props.map((p) => `${p}: ${zodType(p)}`).join(', ');
  const head = [`const Body = z.object({ ${shape} });`, `const parsed = Body.safeParse(${expr});`, reject, 'const input = parsed.data;']
    .map((l) => `\n${indent}${l}`)
    .join('');
  const edits = [...imp, { file, start: bodySpan.start + 1, end: bodySpan.start + 1, newText: head }];
  const uses = new RegExp(BODY.source, 'g');
  for (const m of body.matchAll(uses)) {
    if (m[1] !== expr) continue;
    const at = bodySpan.start + m.index!;
    edits.push({ file, start: at, end: at + expr.length, newText: 'input' });
  }
  return { fixes: [finish(ctx, { title: `Validate the body with a zod schema (${props.join(', ')})`, edits, safe: false })] };
}

/**
 * The IDOR analysis behind authz-missing (and llm-tool-authz): record-level DB operations, in a function and the
 * project functions it calls, whose filter is keyed by client input (or model-supplied tool arguments) but not
 * scoped by the verified identity, and that no ownership check ends first.
 */
import type { CallFact, FunctionFacts, Source, Span, WorkspaceModel } from '../api';
import { dbQuery, dbWrite, OWNER_NAMES, type DbQuery } from './db';
import { taggedSqlQueries } from './db-sql';
import { chainCalls, effectiveSources, framesOf, functionNamed, hasAny, mentions, outermostCalls, type Frame } from './dataflow';

export interface Unscoped {
  query: DbQuery;
  frame: Frame;
  /** The client-controlled identifier as written (`req.params.id`, `id`). */
  key: string;
}

/** Sources that say "the verified caller", plus an RLS client built from the caller's token or cookies. */
const CALLER: readonly Source[] = ['identity'];
const CALLER_TOKEN: readonly Source[] = ['identity', 'authHeader', 'session', 'cookie'];
const OWNERSHIP_CALL = /(^|\.)(assert|ensure|check|verify|require|authorize|authorise|enforce|can|cannot|throwUnlessCan|guard)\w*$/i;

function filterSources(frame: Frame, q: DbQuery): Source[] {
  const own = q.filter.flatMap((v) => effectiveSources(frame, v));
  return q.chained ? [...own, ...q.call.chainSources] : own;
}

/**
 * A builder chain's filter is spread over its calls (`db('orders').where({ id }).first()`): collect every call's
 * arguments, the where-object keys, and the table (`db('orders')`, `from(tickets)`) for the message.
 */
function withChain(frame: Frame, q: DbQuery, slice?: (span: Span) => string | undefined): DbQuery {
  if (!q.chained) return q;
  const chain = chainCalls(frame.fn, q.call);
  const filter = [...q.filter, ...chain.filter((c) => c !== q.call).flatMap((c) => c.args)];
  const keys = q.keys.length ? q.keys : chain.filter((c) => /(^|\.)(where|andWhere)$/.test(c.callee)).flatMap((c) => c.args[0]?.props ?? []);
  const tableCall = chain.find((c) => /(^[\w$]+$|\.(from|update|delete|table|into|collection|getRepository)$)/.test(c.callee) && c.args.length === 1);
  const raw = tableCall ? (slice?.(tableCall.args[0].span) ?? tableCall.args[0].text) : undefined;
  const model = q.model ?? (raw && /^['"`]?[\w.]+['"`]?$/.test(raw) ? raw.replace(/['"`]/g, '') : undefined);
  return { ...q, filter, keys, model };
}

/** A list query keyed by a client-chosen id or tenant (`where: { conversationId: id }`, `{ workspace: req.query.workspace }`). */
function pickedByClient(frame: Frame, q: DbQuery, client: readonly Source[]): boolean {
  return q.keys.some((k) => {
    const last = k.path.split('.').pop()!;
    return (/(id|Id|ID)$/.test(last) || OWNER_NAMES.test(last.toLowerCase())) && hasAny(effectiveSources(frame, k.value), client);
  });
}

/** Supabase clients that carry the signed-in user's session (cookies), so row-level security applies. */
const USER_CLIENT = /^(await\s+)?(createServerClient|createRouteHandlerClient|createServerComponentClient|createServerActionClient|createPagesServerClient|createMiddlewareClient)\b/;

/**
 * `const supabase = createClient()` where the project's `createClient` (the Supabase Next.js template's
 * lib/supabase/server.ts) returns `createServerClient(url, anonKey, { cookies })`: the caller's RLS client.
 */
function userClientFactory(model: WorkspaceModel, file: string, text: string): boolean {
  const callee = /^(?:await\s+)?([A-Za-z_$][\w$.]*)\(/.exec(text)?.[1];
  const target = callee ? functionNamed(model, file, callee) : undefined;
  if (!target) return false;
  const locals = new Set(target.assignments.filter((a) => USER_CLIENT.test(a.value.text)).map((a) => a.name));
  return target.returns.some((r) => USER_CLIENT.test(r.text) || locals.has(r.text.trim()));
}

/** The DB client the query goes through was created with the caller's token (Supabase RLS) or for the caller. */
function scopedClient(model: WorkspaceModel, frames: Frame[], frame: Frame, q: DbQuery): boolean {
  if (hasAny(q.call.chainSources, CALLER_TOKEN) && /^[\w$]+\(\)\./.test(q.call.callee)) return true;
  const root = q.call.root;
  if (!root || root === 'this') return false;
  const fromLocals = frames.some((f) =>
    f.fn.assignments.some((a) => a.name === root && (hasAny(effectiveSources(frame, a.value), CALLER_TOKEN) || USER_CLIENT.test(a.value.text) || userClientFactory(model, f.file, a.value.text))),
  );
  if (fromLocals) return true;
  const binding = model.files[frame.file]?.bindings.find((b) => b.name === root);
  return !!binding?.init && USER_CLIENT.test(binding.init.text);
}

/** An early exit comparing the caller with a record (or its owner) before anything is sent. */
function ownershipChecked(frames: Frame[], slice?: (file: string, span: Span) => string | undefined): boolean {
  for (const frame of frames) {
    if (comparedInText(frame, slice)) return true;
    const records = frame.fn.assignments.filter((a) => a.value.sources.includes('dbRecord')).map((a) => a.name);
    for (const g of frame.fn.guards) {
      const sources = new Set<Source>(g.sources);
      for (const [name, s] of frame.taint) if (mentions(g.test, name)) s.forEach((x) => sources.add(x));
      if (records.some((r) => mentions(g.test, r))) sources.add('dbRecord');
      // A comparison that throws, answers 403/404, or (in tools and helpers) returns early without a status.
      const ends = g.exit === 'throw' || [403, 404].includes(g.status ?? 0) || (g.status === undefined && g.exit === 'return');
      if (ends && sources.has('identity') && sources.has('dbRecord')) return true;
    }
    for (const c of frame.fn.calls) {
      if (!OWNERSHIP_CALL.test(c.callee)) continue;
      const s = c.args.flatMap((a) => effectiveSources(frame, a));
      // `assertOwner(ticket, req.user)`, `ability.can('read', ticket)`: the caller and the record together.
      const record = s.includes('dbRecord') || c.args.some((a) => records.some((r) => mentions(a.text, r)));
      if (record && (s.includes('identity') || /(^|\.)(can|cannot|throwUnlessCan)$/.test(c.callee))) return true;
    }
  }
  return false;
}

/**
 * The IR records guards that end a request; a tool or helper that compares and returns a plain value
 * (`if (order.customer_id !== ctx.customerId) return { error: 'not found' }`) leaves none. Read its text instead:
 * an `if` comparing a record's owner field with the caller, followed by return or throw.
 */
function comparedInText(frame: Frame, slice?: (file: string, span: Span) => string | undefined): boolean {
  const body = frame.fn.bodySpan && slice?.(frame.file, frame.fn.bodySpan);
  if (!body) return false;
  const records = frame.fn.assignments.filter((a) => a.value.sources.includes('dbRecord')).map((a) => a.name);
  const callers = [...frame.taint].filter(([, s]) => s.includes('identity')).map(([n]) => n);
  const identity = frame.fn.assignments.filter((a) => a.value.sources.includes('identity')).map((a) => a.name);
  const who = [...callers, ...identity, 'req.user', 'request.user', 'session', 'ctx.state.user', 'user'];
  for (const m of body.matchAll(/if\s*\(([^{};]*?)\)\s*\{?\s*(return|throw)\b/g)) {
    const test = m[1];
    if (!/!==?|===?/.test(test)) continue;
    const recordSide = records.some((r) => new RegExp(`\\b${r}\\??\\.(\\w+)`).test(test));
    if (recordSide && who.some((w) => mentions(test, w.split('.')[0]))) return true;
  }
  return false;
}

/** A scoped read of the same model earlier in the function, checked before the update/delete by id. */
function preScoped(frame: Frame, q: DbQuery, all: { q: DbQuery; scoped: boolean }[]): boolean {
  if (q.op === 'read') return false;
  return all.some((o) => o.scoped && o.q.op === 'read' && o.q.model === q.model && o.q.call.span.start < q.call.span.start && !!o.q.call.assignedTo && frame.fn.guards.some((g) => g.names.includes(o.q.call.assignedTo!.toLowerCase())));
}

/** Candidate texts for "by what": array elements and a comparison's last argument (`eq(t.id, id)` → id). */
function pieces(text: string): string[] {
  const inner = /^\[(.*)\]$/s.exec(text)?.[1] ?? /^(?:eq|and|where)\((.*)\)$/s.exec(text)?.[1];
  if (!inner) return [text];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const ch = inner[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if ((ch === ',' && depth === 0) || i === inner.length) {
      out.push(...pieces(inner.slice(start, i).trim()));
      start = i + 1;
    }
  }
  return out.filter(Boolean);
}

/** The identifier as written: the client-keyed filter property (`id`, `req.params.id`), else the filter. */
function keyText(frame: Frame, q: DbQuery, client: readonly Source[]): string {
  const keyed = q.keys.filter((k) => !k.value.text.startsWith('{') && hasAny(effectiveSources(frame, k.value), client)).map((k) => k.value.text);
  const loose = q.filter.filter((v) => hasAny(effectiveSources(frame, v), client)).flatMap((v) => pieces(v.text)).filter((t) => !/^['"`{]/.test(t));
  const all = [...keyed, ...loose];
  const text = all.find((t) => /\b(params|query|body|args)\b/.test(t)) ?? all.find((t) => /^[\w$]+$/.test(t)) ?? all[0] ?? 'an id';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Unscoped record operations reachable from `fn` (two calls deep). `client` says which sources an attacker
 * controls (request input for routes, `toolArgs`-tainted names for LLM tools via `taint`).
 */
/**
 * A new record attached to a parent chosen by the client (`rating.create({ data: { conversationId: ctx.params.id } })`)
 * without first reading that parent within the caller's scope: one customer writes into another tenant's conversation.
 */
function linkedToForeign(model: WorkspaceModel, frame: Frame, client: readonly Source[], scopedReadFirst: boolean): Unscoped[] {
  if (scopedReadFirst) return [];
  const out: Unscoped[] = [];
  for (const call of outermostCalls(frame.fn)) {
    const w = dbWrite(model.files[frame.file], call);
    if (!w?.creates) continue;
    const fk = w.keys.find((k) => /[a-z0-9](Id|_id)$/.test(k.path) && !OWNER_NAMES.test(k.path.toLowerCase()) && hasAny(effectiveSources(frame, k.value), ['params', 'query']));
    if (!fk || !hasAny(effectiveSources(frame, fk.value), client)) continue;
    const parent = fk.path.replace(/(Id|_id)$/, '');
    out.push({ query: { call, op: 'update', model: parent, filter: [fk.value], chained: false, keys: [fk], dataKeys: [] }, frame, key: fk.value.text });
  }
  return out;
}

/**
 * The record query a (outermost) call performs, its chain included. `db.collection('c').find({ … }).toArray()` and
 * `Model.findOne({ … }).lean().exec()` end in a terminal method: the query is an inner call of the chain.
 */
export function queryOf(model: WorkspaceModel, frame: Frame, call: CallFact, slice?: (file: string, span: Span) => string | undefined): DbQuery | undefined {
  const source = (span: Span) => slice?.(frame.file, span);
  const facts = model.files[frame.file];
  const direct = dbQuery(facts, call, source);
  if (direct) return withChain(frame, direct, source);
  const inner = chainCalls(frame.fn, call).reverse().slice(1).map((c) => dbQuery(facts, c, source)).find((q): q is DbQuery => !!q);
  return inner && withChain(frame, inner, source);
}

export function unscopedQueries(
  model: WorkspaceModel,
  fn: FunctionFacts,
  client: readonly Source[],
  opts: {
    taint?: Map<string, Source[]>;
    slice?: (file: string, span: Span) => string | undefined;
    text?: (file: string) => string | undefined;
    /** LLM tools: any unscoped list query filtered by model-chosen values leaks other tenants' rows (search by email…). */
    anyListKey?: boolean;
  } = {},
): Unscoped[] {
  const frames = framesOf(model, fn, 2, opts.taint);
  if (ownershipChecked(frames, opts.slice)) return [];
  const out: Unscoped[] = [];
  for (const frame of frames) {
    const queries = [...outermostCalls(frame.fn).map((c) => queryOf(model, frame, c, opts.slice)), ...taggedSqlQueries(frame.fn, opts.text?.(frame.file))]
      .filter((q): q is DbQuery => !!q && q.op !== 'create')
      .map((q) => ({ q, sources: filterSources(frame, q) }))
      .map((x) => ({ ...x, scoped: hasAny(x.sources, CALLER) || scopedClient(model, frames, frame, x.q) }));
    out.push(...linkedToForeign(model, frame, client, queries.some((x) => x.scoped)));
    for (const x of queries) {
      if (x.scoped || !hasAny(x.sources, client) || preScoped(frame, x.q, queries)) continue;
      if (x.q.many && !opts.anyListKey && !pickedByClient(frame, x.q, client)) continue;
      out.push({ query: x.q, frame, key: keyText(frame, x.q, client) });
    }
  }
  return out;
}

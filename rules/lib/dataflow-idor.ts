/**
 * The IDOR analysis behind authz-missing (and llm-tool-authz): record-level DB operations, in a function and the
 * project functions it calls, whose filter is keyed by client input (or model-supplied tool arguments) but not
 * scoped by the verified identity, and that no ownership check ends first.
 */
import type { FunctionFacts, Source, Span, WorkspaceModel } from '../api';
import { dbQuery, OWNER_NAMES, type DbQuery } from './db';
import { effectiveSources, framesOf, hasAny, mentions, outermostCalls, type Frame } from './dataflow';

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

/** The DB client the query goes through was created with the caller's token (Supabase RLS) or for the caller. */
function scopedClient(model: WorkspaceModel, frames: Frame[], frame: Frame, q: DbQuery): boolean {
  if (hasAny(q.call.chainSources, CALLER_TOKEN) && /^[\w$]+\(\)\./.test(q.call.callee)) return true;
  const root = q.call.root;
  if (!root || root === 'this') return false;
  const fromLocals = frames.some((f) => f.fn.assignments.some((a) => a.name === root && hasAny(effectiveSources(frame, a.value), CALLER_TOKEN)));
  if (fromLocals) return true;
  const binding = model.files[frame.file]?.bindings.find((b) => b.name === root);
  return !!binding?.init && /createServerClient|createRouteHandlerClient|createServerComponentClient|createServerActionClient/.test(binding.init.text);
}

/** An early exit comparing the caller with a record (or its owner) before anything is sent. */
function ownershipChecked(frames: Frame[]): boolean {
  for (const frame of frames) {
    for (const g of frame.fn.guards) {
      const sources = new Set<Source>(g.sources);
      for (const [name, s] of frame.taint) if (mentions(g.test, name)) s.forEach((x) => sources.add(x));
      const ends = g.exit === 'throw' || [401, 403, 404].includes(g.status ?? 0);
      const owner = g.names.some((n) => OWNER_NAMES.test(n)) || /owner|tenant|org|user/i.test(g.test);
      if (ends && sources.has('identity') && (sources.has('dbRecord') || owner)) return true;
    }
    for (const c of frame.fn.calls) {
      if (!OWNERSHIP_CALL.test(c.callee)) continue;
      const s = c.args.flatMap((a) => effectiveSources(frame, a));
      if (s.includes('identity') && (s.includes('dbRecord') || c.args.length >= 2)) return true;
    }
  }
  return false;
}

/** A scoped read of the same model earlier in the function, checked before the update/delete by id. */
function preScoped(frame: Frame, q: DbQuery, all: { q: DbQuery; scoped: boolean }[]): boolean {
  if (q.op === 'read') return false;
  return all.some((o) => o.scoped && o.q.op === 'read' && o.q.model === q.model && o.q.call.span.start < q.call.span.start && !!o.q.call.assignedTo && frame.fn.guards.some((g) => g.names.includes(o.q.call.assignedTo!.toLowerCase())));
}

/** The identifier as written: the client-keyed filter property (`id`, `req.params.id`), else the filter. */
function keyText(frame: Frame, q: DbQuery, client: readonly Source[]): string {
  const hit = q.keys.find((k) => !k.value.text.startsWith('{') && hasAny(effectiveSources(frame, k.value), client));
  const value = hit?.value ?? q.filter.find((v) => hasAny(effectiveSources(frame, v), client));
  const text = value?.text ?? 'an id';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Unscoped record operations reachable from `fn` (two calls deep). `client` says which sources an attacker
 * controls (request input for routes, `toolArgs`-tainted names for LLM tools via `taint`).
 */
export function unscopedQueries(
  model: WorkspaceModel,
  fn: FunctionFacts,
  client: readonly Source[],
  opts: { taint?: Map<string, Source[]>; slice?: (file: string, span: Span) => string | undefined } = {},
): Unscoped[] {
  const frames = framesOf(model, fn, 2, opts.taint);
  if (ownershipChecked(frames)) return [];
  const out: Unscoped[] = [];
  for (const frame of frames) {
    const queries = outermostCalls(frame.fn)
      .map((c) => dbQuery(model.files[frame.file], c, (span) => opts.slice?.(frame.file, span)))
      .filter((q): q is DbQuery => !!q && q.op !== 'create')
      .map((q) => ({ q, sources: filterSources(frame, q) }))
      .map((x) => ({ ...x, scoped: hasAny(x.sources, CALLER) || scopedClient(model, frames, frame, x.q) }));
    for (const x of queries) {
      if (x.scoped || !hasAny(x.sources, client) || preScoped(frame, x.q, queries)) continue;
      out.push({ query: x.q, frame, key: keyText(frame, x.q, client) });
    }
  }
  return out;
}

/**
 * Following request data into the project's own functions, one or two calls deep, for the data-access rules
 * (authz-missing, validation-missing, llm-tool-authz). The IR is per function: a callee's `where: { id }` has no
 * sources of its own. A Frame remembers what the caller passed for each parameter, so that `effectiveSources`
 * of a value in the callee includes the sources of the arguments it was built from.
 */
import type { CallFact, FunctionFacts, Source, ValueFact, WorkspaceModel } from '../api';
import { calleeFunction, fileOf } from './calls';
import { resolveSpec } from './edits';

export interface Frame {
  fn: FunctionFacts;
  file: string;
  /** Tainted local names (parameters and locals built from them) → sources passed in by the caller. */
  taint: Map<string, Source[]>;
  depth: number;
  /** The call in the parent frame that led here. */
  via?: CallFact;
}

export const CLIENT: readonly Source[] = ['params', 'query', 'body', 'bodyWhole', 'validated'];

/** `name` used as a variable in `text` (`...input` and `input.x` count, `req.input` does not). */
export const mentions = (text: string, name: string): boolean =>
  new RegExp(`(?<![\\w$])(?<![^.]\\.)${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);

/** A value's own sources plus those of the tainted names it mentions. */
export function effectiveSources(frame: Frame, value: ValueFact | undefined): Source[] {
  if (!value) return [];
  const out = new Set<Source>(value.sources);
  for (const s of value.spreads ?? []) out.add(s);
  for (const [name, sources] of frame.taint) if (mentions(value.text, name)) for (const s of sources) out.add(s);
  return [...out];
}

/** Functions by name, built once per model snapshot (class methods are looked up as `Class.method`). */
const BY_NAME = new WeakMap<WorkspaceModel, Map<string, FunctionFacts>>();
function byName(model: WorkspaceModel, name: string): FunctionFacts | undefined {
  let index = BY_NAME.get(model);
  if (!index) {
    index = new Map();
    for (const f of Object.values(model.functions)) if (f.name && !index.has(f.name)) index.set(f.name, f);
    BY_NAME.set(model, index);
  }
  return index.get(name);
}

/** `this.field.method()` through the constructor's `field: Type` parameter, or `this.method()` in the same class. */
function thisCallee(model: WorkspaceModel, fn: FunctionFacts, call: CallFact): FunctionFacts | undefined {
  const path = call.callee.split('.');
  if (path[0] !== 'this' || !fn.className || call.callee.includes('(')) return undefined;
  if (path.length === 2) return byName(model, `${fn.className}.${path[1]}`);
  if (path.length !== 3) return undefined;
  const ctor = model.files[fileOf(fn.id)]?.functions.find((f) => f.name === `${fn.className}.constructor`);
  const param = ctor?.params.find((p) => p.name === path[1] || p.name.endsWith(` ${path[1]}`));
  const type = param?.type?.replace(/<.*$/, '').trim();
  return type ? byName(model, `${type}.${path[2]}`) : undefined;
}

/** `service.method()` where `service` is an object literal of methods (`export const ticketService = { close() {} }`). */
function objectMethod(model: WorkspaceModel, file: string, call: CallFact): FunctionFacts | undefined {
  const path = call.callee.split('.');
  if (path.length !== 2 || call.callee.includes('(')) return undefined;
  const imp = model.files[file]?.imports.find((i) => i.names.some((n) => n.local === path[0]));
  const target = imp ? resolveSpec(model, file, imp.spec) : file;
  const name = imp ? imp.names.find((n) => n.local === path[0])!.imported : path[0];
  const facts = target ? model.files[target] : undefined;
  const local = facts?.exports.find((e) => e.exported === name)?.local ?? name;
  const binding = facts?.bindings.find((b) => b.name === local);
  if (!binding) return undefined;
  return facts!.functions.find((f) => f.name === path[1] && f.span.start >= binding.span.start && f.span.end <= binding.span.end);
}

/** A function named by a (dotted) reference written in `file`: `getTicket`, `tools.getTicket`. */
export function functionNamed(model: WorkspaceModel, file: string, ref: string): FunctionFacts | undefined {
  const call = { callee: ref, root: ref.split('.')[0], args: [], chainSources: [], chainNames: [], awaited: false } as unknown as CallFact;
  return calleeFunction(model, file, call) ?? objectMethod(model, file, call);
}

/**
 * A function plus the project functions it calls, `depth` levels deep, without repeats — through the same callee
 * resolution the data-flow rules use (imports, `this.service.method`, object-literal services).
 */
export function withCallees(model: WorkspaceModel, fn: FunctionFacts, depth = 2): FunctionFacts[] {
  const seen = new Map<string, FunctionFacts>([[fn.id, fn]]);
  let frontier = [fn];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: FunctionFacts[] = [];
    for (const f of frontier) {
      for (const call of f.calls) {
        const callee = resolveCallee(model, f, call);
        if (callee && !seen.has(callee.id)) {
          seen.set(callee.id, callee);
          next.push(callee);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
}

export function resolveCallee(model: WorkspaceModel, fn: FunctionFacts, call: CallFact): FunctionFacts | undefined {
  if (call.root === 'this') return thisCallee(model, fn, call);
  const target = calleeFunction(model, fileOf(fn.id), call) ?? objectMethod(model, fileOf(fn.id), call);
  return target && target.id !== fn.id ? target : undefined;
}

/** What each parameter of `callee` receives from `call` in `frame`. */
function bindParams(frame: Frame, callee: FunctionFacts, call: CallFact): Map<string, Source[]> {
  const taint = new Map<string, Source[]>();
  callee.params.forEach((p, i) => {
    const arg = call.args[i];
    if (!arg) return;
    const sources = effectiveSources(frame, arg);
    if (p.bindings?.length) {
      for (const b of p.bindings) {
        const own = arg.props?.find((x) => x.path === b)?.value;
        const s = own ? effectiveSources(frame, own) : sources;
        if (s.length) taint.set(b, s);
      }
    } else if (sources.length && /^[\w$]+$/.test(p.name)) taint.set(p.name, sources);
  });
  return propagate(callee, taint);
}

/** Locals assigned from tainted names carry their sources too (two passes cover `a = f(id); b = a.x`). */
function propagate(fn: FunctionFacts, taint: Map<string, Source[]>): Map<string, Source[]> {
  for (let pass = 0; pass < 2; pass++) {
    for (const a of fn.assignments) {
      if (!/^[\w$]+$/.test(a.name) || taint.has(a.name)) continue;
      const extra = [...taint].filter(([n]) => mentions(a.value.text, n)).flatMap(([, s]) => s);
      if (extra.length) taint.set(a.name, [...new Set(extra)]);
    }
  }
  return taint;
}

/** The function and the project functions it calls, `depth` levels deep, each with what it was passed. */
export function framesOf(model: WorkspaceModel, root: FunctionFacts, depth = 2, taint = new Map<string, Source[]>()): Frame[] {
  const first: Frame = { fn: root, file: fileOf(root.id), taint: propagate(root, new Map(taint)), depth: 0 };
  const out = [first];
  const seen = new Set([root.id]);
  let frontier = [first];
  for (let d = 1; d <= depth; d++) {
    const next: Frame[] = [];
    for (const frame of frontier) {
      for (const call of frame.fn.calls) {
        const callee = resolveCallee(model, frame.fn, call);
        if (!callee || seen.has(callee.id)) continue;
        seen.add(callee.id);
        next.push({ fn: callee, file: fileOf(callee.id), taint: bindParams(frame, callee, call), depth: d, via: call });
      }
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}

/** Calls that are not the inner part of a longer builder chain (`a.b().c()` keeps only the whole chain). */
export function outermostCalls(fn: FunctionFacts): CallFact[] {
  return fn.calls.filter(
    (c) => !fn.calls.some((d) => d !== c && d.span.start === c.span.start && d.span.end > c.span.end && d.callee.startsWith(c.callee.replace(/\.[^.]*$/, ''))),
  );
}

/** The calls of one builder chain, innermost first (`db('t')`, `db('t').where(…)`, `db('t').where(…).first()`). */
export function chainCalls(fn: FunctionFacts, call: CallFact): CallFact[] {
  const base = (c: string) => c.replace(/\(\)/g, '');
  return fn.calls
    .filter((c) => c.span.start === call.span.start && c.span.end <= call.span.end && base(call.callee).startsWith(base(c.callee)))
    .sort((a, b) => a.span.end - b.span.end);
}

export const hasAny = (sources: readonly Source[], wanted: readonly Source[]): boolean => sources.some((s) => wanted.includes(s));

/**
 * Hand-built WorkspaceModel snapshots for rule tests that must not depend on a framework adapter: the per-file facts
 * (imports, bindings, functions) come from the real extraction pass over real code, and the routes are described
 * by hand, with spans and anchors located by unique text markers in the files. `runRule` runs one rule over the
 * snapshot through the real engine, with file texts served from memory.
 */
import type { Finding } from '../../rules/api';
import { runRules, type EngineFinding } from '../../server/src/engine';
import type { ReadinessConfig } from '../../server/src/config';
import { extractOne } from '../../server/src/model/index';
import { LineMap } from '../../server/src/model/span';
import type {
  FileFacts, Framework, FunctionFacts, HttpMethod, KnownGuard, Protection, ProtectionKind, ProtectionScope, Route, RouteAnchors, RouteTag, Span, WorkspaceModel,
} from '../../server/src/model/types';

/** A text marker: the offset of the first occurrence of `text` in the file (plus `offset`). */
export type Marker = string | { text: string; offset?: number; end?: boolean };

export interface ProtectionSpec {
  kind: ProtectionKind;
  name: string;
  scope?: ProtectionScope;
  via?: Protection['via'];
  /** File and marker of the expression at its use site; defaults to the route file and `name`. */
  file?: string;
  at?: Marker;
  keyedBy?: Protection['keyedBy'];
}

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  file: string;
  framework: Framework;
  /** The registration's text (its span is the finding's location). */
  at: string;
  tags?: RouteTag[];
  protections?: ProtectionSpec[];
  /** Marker of the handler function's start (it must be a function the extractor found). */
  handler?: Marker;
  anchors?: { middlewareInsert?: Marker; optionsObject?: string; decoratorInsert?: Marker };
  via?: { message: string; file: string; at: string }[];
}

export interface BuiltModel {
  model: WorkspaceModel;
  files: Record<string, string>;
}

export function offsetOf(text: string, marker: Marker, file = '?'): number {
  const m = typeof marker === 'string' ? { text: marker } : marker;
  const i = text.indexOf(m.text);
  if (i === -1) throw new Error(`marker not found in ${file}: ${m.text}`);
  return i + (m.end ? m.text.length : 0) + (m.offset ?? 0);
}

function spanOf(text: string, marker: string, file: string): Span {
  const start = offsetOf(text, marker, file);
  return new LineMap(text).span(start, start + marker.length);
}

function protection(spec: ProtectionSpec, route: RouteSpec, files: Record<string, string>): Protection {
  const file = spec.file ?? route.file;
  // The marker locates the use site; the span covers the protection's name there (the expression as written).
  const start = offsetOf(files[file], spec.at ?? spec.name, file);
  return {
    kind: spec.kind, name: spec.name, via: spec.via ?? 'behaviour', scope: spec.scope ?? 'route', keyedBy: spec.keyedBy,
    declaredAt: { file, span: new LineMap(files[file]).span(start, start + spec.name.length) },
  };
}

function handlerOf(facts: FileFacts, text: string, marker: Marker): FunctionFacts {
  const at = offsetOf(text, marker, facts.file);
  const fn = facts.functions.find((f) => f.span.start === at) ?? facts.functions.find((f) => f.span.start <= at && at < f.span.end && !facts.functions.some((g) => g !== f && g.span.start > f.span.start && g.span.start <= at && at < g.span.end));
  if (!fn) throw new Error(`no function at ${facts.file}: ${JSON.stringify(marker)}`);
  return fn;
}

function anchorsOf(spec: RouteSpec['anchors'], text: string, file: string): RouteAnchors | undefined {
  if (!spec) return undefined;
  const anchors: RouteAnchors = {};
  if (spec.middlewareInsert !== undefined) anchors.middlewareInsert = offsetOf(text, spec.middlewareInsert, file);
  if (spec.decoratorInsert !== undefined) anchors.decoratorInsert = offsetOf(text, spec.decoratorInsert, file);
  if (spec.optionsObject !== undefined) {
    const start = offsetOf(text, spec.optionsObject, file);
    anchors.optionsObject = { start, end: start + spec.optionsObject.length };
  }
  return anchors;
}

/** Count protections into the known-guard inventory the way the linker does (declared and handler ones excluded). */
function inventory(routes: Route[]): KnownGuard[] {
  const byKey = new Map<string, KnownGuard>();
  for (const r of routes) {
    for (const p of r.protections) {
      if (p.via === 'declared' || p.scope === 'handler') continue;
      const key = `${p.kind}\0${p.name}\0${p.declaredAt.file}`;
      const g = byKey.get(key);
      if (g) g.uses++;
      else byKey.set(key, { protection: p, uses: 1, framework: r.framework });
    }
  }
  return [...byKey.values()].sort((a, b) => b.uses - a.uses);
}

export function buildModel(init: { files: Record<string, string>; routes: RouteSpec[]; dependencies?: Record<string, string> }): BuiltModel {
  const facts: Record<string, FileFacts> = {};
  const functions: Record<string, FunctionFacts> = {};
  for (const [file, text] of Object.entries(init.files)) {
    if (!/\.[mc]?[jt]sx?$/.test(file)) continue;
    // Forced: hand-built models give every file full facts (a scan parses route files and their import closure).
    const outcome = extractOne(file, text, true);
    if (!('facts' in outcome)) throw new Error(`${file} did not extract: ${outcome.skipped}`);
    facts[file] = outcome.facts;
    for (const fn of outcome.facts.functions) functions[fn.id] = fn;
  }
  const routes: Route[] = init.routes.map((r) => {
    const text = init.files[r.file];
    return {
      key: `${r.method} ${r.path}`, method: r.method, path: r.path, framework: r.framework, file: r.file,
      span: spanOf(text, r.at, r.file),
      handlerId: r.handler !== undefined ? handlerOf(facts[r.file], text, r.handler).id : undefined,
      middlewareIds: [],
      protections: (r.protections ?? []).map((p) => protection(p, r, init.files)),
      tags: r.tags ?? [],
      via: (r.via ?? []).map((v) => ({ message: v.message, location: { file: v.file, span: spanOf(init.files[v.file], v.at, v.file) } })),
      anchors: anchorsOf(r.anchors, text, r.file),
    };
  });
  const model: WorkspaceModel = {
    root: '/nonexistent', version: 1, files: facts, textFiles: {}, dependencies: init.dependencies ?? {},
    frameworks: [...new Set(routes.map((r) => r.framework))], routes, functions, guards: inventory(routes),
    declaredControls: [], git: false, skipped: [], problems: [],
  };
  return { model, files: init.files };
}

/** Run one rule over a built model through the engine (severities, suppressions), texts served from memory. */
export function runRule(built: BuiltModel, rule: string, config: ReadinessConfig = {}): EngineFinding[] {
  const result = runRules(built.model, config, { only: [rule], readText: (file) => built.files[file] });
  if (result.ruleErrors.length) throw new Error(result.ruleErrors.map((e) => `${e.rule}: ${e.message}`).join('\n'));
  return result.findings;
}

export type { Finding };

/**
 * Compact, hand-comparable views of a model's routes for adapter tests: one line per route, protections as
 * `kind:name@scope`, the handler as `file#name` (or `file:line` for an inline function).
 */
import { join } from 'node:path';
import type { Route, WorkspaceModel } from '../../server/src/model/types';

/** Tests run from the repository root (test/run.mjs sets the cwd). */
export const FIXTURES = join(process.cwd(), 'test', 'fixtures');

export interface RouteRow {
  route: string;
  at: string;
  handler?: string;
  protections: string[];
}

export function describeFunction(model: WorkspaceModel, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const fn = model.functions[id];
  if (!fn) return `unknown ${id}`;
  const file = id.slice(0, id.lastIndexOf('#'));
  return fn.name ? `${file}#${fn.name}` : `${file}:${fn.span.line}`;
}

export function rows(model: WorkspaceModel, framework: Route['framework']): RouteRow[] {
  return model.routes
    .filter((r) => r.framework === framework)
    .map((r) => ({
      route: `${r.method} ${r.path}`,
      at: `${r.file}:${r.span.line}`,
      handler: describeFunction(model, r.handlerId),
      protections: r.protections.map((p) => `${p.kind}:${p.name}@${p.scope}`),
    }));
}

export function findRoute(model: WorkspaceModel, key: string): Route {
  const hits = model.routes.filter((r) => `${r.method} ${r.path}` === key);
  if (hits.length !== 1) throw new Error(`expected one route ${key}, found ${hits.length}`);
  return hits[0];
}

/**
 * Nest middleware in front of controller routes: `app.use(mw)` in the bootstrap file (every route) and
 * `consumer.apply(mw).exclude(...).forRoutes(...)` in a module (routes selected by path pattern or controller).
 * Class middleware (`implements NestMiddleware`) is inspected through its `use` method when the classifier does not
 * know the class itself.
 */
import type { LinkContext } from '../../adapter';
import type { ExprRef, HttpMethod, Location, Protection, ProtectionScope } from '../../types';
import { matcherRegExp, samplePath } from '../nextjs/paths';
import type { NestConsumer, NestRouteSel } from './facts';
import { refLabel } from './guards';

export interface NestUses {
  appUses: { file: string; ref: ExprRef }[];
  consumers: { file: string; consumer: NestConsumer }[];
}

/** Whether a forRoutes/exclude selector matches a route (its path without the global prefix). */
function selects(sel: NestRouteSel, controller: string, method: HttpMethod, localPath: string): boolean {
  if (sel.controller) return sel.controller === controller;
  if (sel.method && method !== 'ALL' && sel.method !== method) return false;
  const p = (sel.path ?? '').replace(/^\/+|\/+$/g, '');
  if (/^(\*|\(\.\*\)|\{\*\w*\}|\*\w+)$/.test(p)) return true;
  const pattern = '/' + p.replace(/\{\*\w*\}$|\*\w*$/, '(.*)');
  return matcherRegExp(pattern)?.test(samplePath(localPath)) ?? false;
}

/** Protections and function ids of the middleware that runs before a route, outermost first. */
export function middlewareFor(
  ctx: LinkContext,
  uses: NestUses,
  route: { controller: string; method: HttpMethod; localPath: string },
): { protections: Protection[]; ids: string[] } {
  const out = { protections: [] as Protection[], ids: [] as string[] };
  const add = (file: string, ref: ExprRef, scope: ProtectionScope) => {
    const { protections, id } = classifyMiddleware(ctx, file, ref, scope);
    out.protections.push(...protections);
    if (id) out.ids.push(id);
  };
  for (const u of uses.appUses) add(u.file, u.ref, 'app');
  for (const { file, consumer } of uses.consumers) {
    const hit = consumer.forRoutes.some((s) => selects(s, route.controller, route.method, route.localPath));
    const skip = consumer.exclude.some((s) => selects(s, route.controller, route.method, route.localPath));
    if (hit && !skip) for (const ref of consumer.apply) add(file, ref, 'router');
  }
  return out;
}

function classifyMiddleware(ctx: LinkContext, file: string, ref: ExprRef, scope: ProtectionScope): { protections: Protection[]; id?: string } {
  const name = refLabel(ref);
  const declaredAt: Location = { file, span: ref.span };
  const found = ctx.classify(file, ref, scope);
  const r = ctx.resolveRef(file, ref.kind === 'new' ? ref.callee : ref);
  if (r.kind === 'function') return { protections: found, id: r.fn.id };
  if (r.kind !== 'local' || r.binding.kind !== 'class') return { protections: found };
  // A middleware class: its `use(req, res, next)` method is what runs.
  const use = ctx.files[r.file]?.functions.find((f) => f.name === `${r.binding.name}.use`);
  if (!use) return { protections: found };
  if (found.length) return { protections: found, id: use.id };
  const fnRef: ExprRef = { kind: 'function', functionId: use.id, text: `${r.binding.name}.use`, span: ref.span };
  return { protections: ctx.classify(r.file, fnRef, scope).map((p) => ({ ...p, name, declaredAt })), id: use.id };
}
